// Silero VAD v5 at its best single threshold: the same model, frames and stamps as
// peers/silero.mjs, but a frame counts as vocal when its probability exceeds one
// threshold (no hysteresis, no minimum silence), the decision held until the next
// frame. The threshold is the one of THRESHOLDS that gives the highest mean F1 on
// the corpus being scored: evaluate.mjs writes and scores the predictions at each
// (the model runs once) and keeps the best. Picking it on the evaluation clips
// themselves makes this row an optimistic bound for Silero, not a causal result
// one could have configured in advance — which is how the reference
// ("best threshold") was measured too.

import { probabilities } from './silero.mjs';
import { holdSegments, r6 } from './vad-common.mjs';

export { RATE, FRAME } from './silero.mjs';
export const name = 'Silero VAD v5 (best threshold)';
export const mode = 'causal, threshold picked on the corpus';
export const blockSize = 512;

export const THRESHOLDS = [0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/**
 * The threshold sweep evaluate.mjs runs over a prediction's vocal section.
 * segmentsAt: the segments a threshold gives for one clip's frames.
 */
export const sweep = {
  thresholds: THRESHOLDS,
  /**
   * @param {{times: number[], probability: number[]}} vocal
   * @param {number} threshold
   * @param {number} duration clip length in seconds
   */
  segmentsAt: (vocal, threshold, duration) =>
    holdSegments(vocal.times, vocal.probability.map((p) => p > threshold), duration),
};

/**
 * Probabilities per frame and, as a default for a single run, the segments at 0.5.
 * @param {Float32Array} samples mono
 * @param {number} sampleRate Hz
 */
export async function analyze(samples, sampleRate) {
  const { times, probability } = await probabilities(samples, sampleRate);
  const p = probability.map(r6);
  return { vocal: { times, probability: p, segments: sweep.segmentsAt({ times, probability: p }, 0.5, samples.length / sampleRate) } };
}
