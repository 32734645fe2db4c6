// One Essentia instance for every essentia.js adapter: each instance owns its own
// algorithm registry inside the one wasm module, so there is no reason for the beat,
// HPCP and key adapters to build three.

import pkg from 'essentia.js';

const { Essentia, EssentiaWASM } = pkg;
let instance;

/** The shared Essentia (created on first use). */
export const essentia = () => (instance ??= new Essentia(EssentiaWASM));

/**
 * Run `body(keep)` and delete every wasm vector passed to `keep` afterwards:
 * essentia.js vectors live in wasm memory until deleted, and a corpus of clips
 * would otherwise pile them up.
 * @template T
 * @param {(keep: <V>(v: V) => V) => T} body
 * @returns {T}
 */
export function withVectors(body) {
  const owned = [];
  const keep = (v) => (owned.push(v), v);
  try {
    return body(keep);
  } finally {
    for (const v of owned) v?.delete?.();
  }
}
