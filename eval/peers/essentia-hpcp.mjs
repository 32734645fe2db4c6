// essentia.js, frame by frame: the HPCP chain Essentia documents for key estimation
// (window → spectrum → spectral peaks → HPCP), and a causal key from it — Essentia's
// Key algorithm on the running mean of every HPCP so far, as a live host could run it.
//
// Frames are 4096 samples, hop 2048, cut as a live analyzer fills them: windows start
// at 0, a window is analysed once it is full, and each frame is stamped with the time
// its window ends. (essentia.js's own FrameGenerator is not used: it centres its
// first frame on sample 0 and silently drops silent frames, so a frame's index no
// longer says where its window ends, and stamps slip after every silence.)
//
// The settings are those of Essentia's key-estimation recipe: Blackman-Harris 62 dB
// window; the 60 strongest peaks between 20 Hz and 3.5 kHz; a 36-bin HPCP (a third
// of a semitone per bin, A = 440 Hz, cosine weighting over one semitone, no band
// preset, each frame scaled to max 1); Key with its defaults (the 'bgate' profile).
// The contract wants 12 classes from C: each semitone takes the sum of its three
// bins, and HPCP's bins start at A, three semitones below C.

import { essentia, withVectors } from './essentia-instance.mjs';

export const FRAME_SIZE = 4096;
export const HOP_SIZE = 2048;
export const HPCP_SIZE = 36;
const BINS_PER_SEMITONE = HPCP_SIZE / 12;
const A_TO_C = 3; // semitones from HPCP's first class (A) up to the contract's (C)
const MIN_HZ = 20;
const MAX_HZ = 3500;
const MAX_PEAKS = 60;
const PEAK_THRESHOLD = 1e-5;
/** How often the key is re-estimated (s of audio); the last frame always gets one, since the scorer reads the last. */
const KEY_EVERY = 1;
export const name = 'essentia.js HPCP (4096/2048) + key';
export const mode = 'causal';
export const blockSize = HOP_SIZE;

/** One frame's 36-bin HPCP (A first), scaled to max 1 (all zero in silence). */
function hpcpOf(es, frame, sampleRate) {
  return withVectors((keep) => {
    const windowed = keep(es.Windowing(keep(es.arrayToVector(frame)), true, FRAME_SIZE, 'blackmanharris62').frame);
    const spectrum = keep(es.Spectrum(windowed, FRAME_SIZE).spectrum);
    const peaks = es.SpectralPeaks(spectrum, PEAK_THRESHOLD, MAX_HZ, MAX_PEAKS, MIN_HZ, 'magnitude', sampleRate);
    keep(peaks.frequencies);
    keep(peaks.magnitudes);
    const hpcp = keep(
      es.HPCP(peaks.frequencies, peaks.magnitudes, false, 500, 0, MAX_HZ, false, MIN_HZ, false, 'unitMax', 440, sampleRate, HPCP_SIZE, 'cosine', 1).hpcp,
    );
    return es.vectorToArray(hpcp);
  });
}

/** 36 bins from A → 12 pitch classes from C: each class sums the bin on its semitone and the two beside it. */
function toChroma(hpcp) {
  const out = new Array(12).fill(0);
  const half = (BINS_PER_SEMITONE - 1) / 2;
  for (let pc = 0; pc < 12; pc++) {
    const centre = ((pc + A_TO_C) % 12) * BINS_PER_SEMITONE;
    for (let d = -half; d <= half; d++) out[pc] += hpcp[(centre + d + HPCP_SIZE) % HPCP_SIZE];
  }
  return out;
}

/** Essentia's Key on the mean HPCP so far; undefined while nothing tonal has been heard. */
function keyOf(es, sum, frames) {
  if (!sum.some((v) => v > 0)) return undefined;
  return withVectors((keep) => {
    const mean = keep(es.arrayToVector(Float32Array.from(sum, (v) => v / frames)));
    const k = es.Key(mean, 4, HPCP_SIZE, 'bgate', 0.6, false, true, true);
    // Key's strength is a correlation (−1..1); the contract's confidence is 0..1
    return { key: `${k.key} ${k.scale}`, confidence: Math.min(1, Math.max(0, k.strength)) };
  });
}

/**
 * @param {Float32Array} samples mono
 * @param {number} sampleRate Hz
 * @returns {Promise<{chroma: {times: number[], frames: number[][]}, key: {time: number, key: string, confidence: number}[]}>}
 */
export async function analyze(samples, sampleRate) {
  const es = essentia();
  const times = [];
  const frames = [];
  const key = [];
  const sum = new Float64Array(HPCP_SIZE);
  let count = 0;
  let nextKeyAt = KEY_EVERY;
  for (let start = 0; start + FRAME_SIZE <= samples.length; start += HOP_SIZE) {
    const hpcp = hpcpOf(es, samples.subarray(start, start + FRAME_SIZE), sampleRate);
    const time = (start + FRAME_SIZE) / sampleRate;
    times.push(time);
    frames.push(toChroma(hpcp));
    for (let i = 0; i < HPCP_SIZE; i++) sum[i] += hpcp[i];
    count++;
    const last = start + HOP_SIZE + FRAME_SIZE > samples.length;
    if (time >= nextKeyAt || last) {
      nextKeyAt = time + KEY_EVERY;
      const k = keyOf(es, sum, count);
      if (k) key.push({ time, ...k });
    }
  }
  return { chroma: { times, frames }, key };
}
