// aubiojs (aubio 0.4 compiled to WebAssembly): aubio's causal tempo tracker,
// `aubio_tempo` with the default spectral-flux onset function, fed one hop at a
// time as a live host would.
//
// aubio_tempo_do returns, for the hop in which the tracker places a beat, the
// beat's position inside that hop as a fraction (0 = no beat). aubio's own
// aubio_tempo_get_last() turns that into samples as
//     last_beat = frames_before_this_hop + round(fraction * hop)
// (with its default delay of 0); aubiojs does not bind get_last, so we compute
// the same thing here. The beat is known once the hop has been processed, so
// reportedAt is the end of that hop. A beat exactly on a hop boundary reads as
// fraction 0 and is lost — aubio's own command-line tools have the same blind spot.

import aubio from 'aubiojs';

/** The tracker's analysis sizes: aubio's defaults for tempo (1024-point FFT, hop 512). */
export const BUFFER_SIZE = 1024;
export const HOP_SIZE = 512;
export const name = 'aubiojs';
export const mode = 'causal';
export const blockSize = HOP_SIZE;

let modulePromise;
const load = () => (modulePromise ??= aubio());

/**
 * Track beats and tempo causally.
 * @param {Float32Array} samples mono
 * @param {number} sampleRate Hz
 * @returns {Promise<{beats: {time: number, reportedAt: number}[], tempo: {time: number, bpm: number, confidence: number}[]}>}
 */
export async function analyze(samples, sampleRate) {
  const { Tempo } = await load();
  const tracker = new Tempo(BUFFER_SIZE, HOP_SIZE, sampleRate);
  const beats = [];
  const tempo = [];
  const hop = new Float32Array(HOP_SIZE);
  let nextTempoAt = 1; // s: report the tempo once per second of audio, like the contract asks
  try {
    for (let start = 0; start < samples.length; start += HOP_SIZE) {
      const end = Math.min(start + HOP_SIZE, samples.length);
      // the last, partial hop is zero-padded, as aubio's own sources read it
      if (end - start < HOP_SIZE) hop.fill(0);
      hop.set(samples.subarray(start, end));
      const fraction = tracker.do(hop);
      const hopEnd = (start + HOP_SIZE) / sampleRate;
      if (fraction > 0) {
        const time = (start + Math.round(fraction * HOP_SIZE)) / sampleRate;
        if (!beats.length || time > beats[beats.length - 1].time) beats.push({ time, reportedAt: hopEnd });
      }
      if (hopEnd >= nextTempoAt) {
        nextTempoAt += 1;
        const bpm = tracker.getBpm();
        // 0 until the tracker has a period; aubio's confidence is not bounded by 1, so it is clamped to the contract's 0..1
        if (bpm > 0) tempo.push({ time: hopEnd, bpm, confidence: Math.min(1, Math.max(0, tracker.getConfidence())) });
      }
    }
  } finally {
    tracker.delete?.(); // embind objects own wasm memory until deleted
  }
  return { beats, tempo };
}
