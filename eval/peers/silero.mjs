// Silero VAD v5: the ONNX model that @ricky0123/vad-web ships
// (dist/silero_vad_v5.onnx), run by onnxruntime-web's WebAssembly backend through
// vad-web's own model wrapper (its `Silero` class: 512-sample frames at 16 kHz,
// each given with the last 64 samples of the previous frame in front, and the
// recurrent state carried from frame to frame). Nothing is fetched: the model is
// read from the package folder, and onnxruntime-web in Node loads its .wasm from
// its own dist folder.
//
// Causal, as a live host would run it: the clip is resampled to 16 kHz
// (peers/resample.mjs) and fed one 512-sample frame (32 ms) at a time from sample 0;
// a tail shorter than a frame is not analysed. The probability of each frame is
// stamped with the end of its samples plus the resampler's hold-back (1.5 ms from
// 44.1 kHz).
//
// Segments: Silero's own streaming rule (VADIterator in silero-vad's utils):
// on at probability ≥ 0.5, off once the probability has been below 0.35 for
// 100 ms — each change at the stamp of the frame that decides it (vad-common.mjs).
// (vad-web's MicVAD uses lower thresholds, 0.3 / 0.25, with 1.4 s of redemption,
// tuned for catching the end of an utterance in a quiet room; `SEGMENTS_VADWEB`
// below gives those for comparison with --self-check, but the table uses Silero's.)
//
// One session is created per process and reused; every analyze() call starts from
// a fresh recurrent state.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as ort from 'onnxruntime-web';
import { hysteresis, holdSegments, r6 } from './vad-common.mjs';
import { resampleTo } from './resample.mjs';

export const RATE = 16000;
export const FRAME = 512; // v5's frame at 16 kHz
export const SEGMENTS = { positive: 0.5, negative: 0.35, minSilenceMs: 100 };
export const SEGMENTS_VADWEB = { positive: 0.3, negative: 0.25, minSilenceMs: 1400 };

export const name = 'Silero VAD v5 (onnxruntime-web)';
export const mode = 'causal, 0.5/0.35 hysteresis';
/** hop in frames of the 16 kHz stream the model sees */
export const blockSize = FRAME;

// resolved when the module loads, so a missing package shows as "not installed"
const require = createRequire(import.meta.url);
const MODEL_PATH = require.resolve('@ricky0123/vad-web/dist/silero_vad_v5.onnx');
const { Silero } = require('@ricky0123/vad-web/dist/models/silero.js');

let loading;
/** The session and vad-web's wrapper around it, created once. */
function load() {
  return (loading ??= (async () => {
    // one thread: no worker threads, the same single core the other peers get
    ort.env.wasm.numThreads = 1;
    ort.env.wasm.proxy = false;
    const session = await ort.InferenceSession.create(readFileSync(MODEL_PATH), { executionProviders: ['wasm'] });
    // Silero.new() would do the same, but it logs to stdout; the constructor takes the parts directly
    const sr = new ort.Tensor('int64', BigInt64Array.from([BigInt(RATE)]));
    const state = new ort.Tensor('float32', new Float32Array(2 * 128), [2, 1, 128]);
    return new Silero(session, state, sr, ort);
  })());
}

/**
 * The model's probability for every full 512-sample frame of the 16 kHz signal.
 * @param {Float32Array} samples mono
 * @param {number} sampleRate Hz
 * @returns {Promise<{times: number[], probability: number[]}>}
 */
export async function probabilities(samples, sampleRate) {
  const model = await load();
  model.reset_state();
  const { samples: x, delaySeconds } = resampleTo(samples, sampleRate, RATE);
  const times = [];
  const probability = [];
  for (let start = 0; start + FRAME <= x.length; start += FRAME) {
    const { isSpeech } = await model.process(x.subarray(start, start + FRAME));
    times.push(r6((start + FRAME) / RATE + delaySeconds));
    probability.push(isSpeech);
  }
  return { times, probability };
}

/**
 * @param {Float32Array} samples mono
 * @param {number} sampleRate Hz
 * @returns {Promise<{vocal: {times: number[], probability: number[], segments: [number, number][]}}>}
 */
export async function analyze(samples, sampleRate, segmentRule = SEGMENTS) {
  const { times, probability } = await probabilities(samples, sampleRate);
  const segments = holdSegments(times, hysteresis(times, probability, segmentRule), samples.length / sampleRate);
  return { vocal: { times, probability: probability.map(r6), segments } };
}
