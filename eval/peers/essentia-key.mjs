// essentia.js, offline: Essentia's KeyExtractor over the whole file with its
// defaults (hann 4096-sample frames, hop 4096, spectral whitening, 12-bin HPCP,
// the 'bgate' profile) — the offline upper reference for the key, as
// RhythmExtractor2013 is for beats. It gives a key only, stamped at the end of the file.

import { essentia, withVectors } from './essentia-instance.mjs';

export const name = 'essentia.js KeyExtractor (offline)';
export const mode = 'offline, key only';
export const blockSize = 0; // whole file

/**
 * @param {Float32Array} samples mono
 * @param {number} sampleRate Hz
 * @returns {Promise<{key: {time: number, key: string, confidence: number}[]}>}
 */
export async function analyze(samples, sampleRate) {
  const es = essentia();
  return withVectors((keep) => {
    const signal = keep(es.arrayToVector(samples));
    // the defaults spelled out up to sampleRate, which must be the file's
    const k = es.KeyExtractor(signal, true, 4096, 4096, 12, 3500, 60, 25, 0.2, 'bgate', sampleRate);
    // strength is a correlation (−1..1); the contract's confidence is 0..1
    return { key: [{ time: samples.length / sampleRate, key: `${k.key} ${k.scale}`, confidence: Math.min(1, Math.max(0, k.strength)) }] };
  });
}
