// Meyda: its `chroma` feature (a Gaussian chroma filter bank over the magnitude
// spectrum of a Hann-windowed frame, each frame scaled so its largest class is 1),
// with a 4096-sample buffer and a 2048-sample hop.
//
// Meyda's live analyzer (createMeydaAnalyzer) needs a Web Audio context, so the
// frames it would cut are cut here instead, the same way: windows start at 0 and
// advance by the hop, and a window is analysed once it is full (a tail shorter
// than one window is never seen). Each frame is stamped with the time its window
// ends, as the contract asks. Meyda has no key estimate.

import Meyda from 'meyda';

export const BUFFER_SIZE = 4096;
export const HOP_SIZE = 2048;
// Meyda's chroma rows already start at C (its filter bank's default baseC), the contract's order.
export const name = 'Meyda chroma (4096)';
export const mode = 'causal, chroma only';
export const blockSize = HOP_SIZE;

/** The rate and size Meyda's cached filter bank was built for. */
let builtFor = '';

/**
 * @param {Float32Array} samples mono
 * @param {number} sampleRate Hz
 * @returns {Promise<{chroma: {times: number[], frames: number[][]}}>}
 */
export async function analyze(samples, sampleRate) {
  Meyda.bufferSize = BUFFER_SIZE;
  Meyda.sampleRate = sampleRate;
  Meyda.windowingFunction = 'hanning'; // Meyda's default, set in case another user of the singleton changed it
  // Meyda rebuilds its chroma filter bank only when the number of bands changes,
  // not the rate or buffer size, so a bank for another rate must be dropped here.
  const key = `${sampleRate}/${BUFFER_SIZE}`;
  if (builtFor !== key) {
    Meyda.chromaFilterBank = undefined;
    builtFor = key;
  }
  const times = [];
  const frames = [];
  for (let start = 0; start + BUFFER_SIZE <= samples.length; start += HOP_SIZE) {
    const chroma = Meyda.extract('chroma', samples.subarray(start, start + BUFFER_SIZE));
    times.push((start + BUFFER_SIZE) / sampleRate);
    frames.push(Array.from(chroma));
  }
  return { chroma: { times, frames } };
}
