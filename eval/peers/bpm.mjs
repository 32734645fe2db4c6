// realtime-bpm-analyzer, live: the analyzer core its AudioWorkletProcessor runs
// (RealTimeBpmAnalyzer), driven here the way that processor drives it — render
// quanta of 128 frames gathered into 4096-frame buffers, each analysed as soon as
// it is full — behind the 200 Hz lowpass of the package's documented browser graph.
// It estimates tempo only (no beat positions). Its 'bpm' message after each buffer
// gives tempo candidates ranked by how many peak intervals agree; the top one is
// reported, stamped at the end of that buffer, when it changes or once a second.
// Confidence = the top candidate's share of the candidates' interval counts.

import { createRequire } from 'node:module';
import { webAudioLowpass } from './lowpass.mjs';
// The package's CommonJS build: its ESM build is .js in a package without "type": "module",
// which only Node's syntax detection (and not every test runner) accepts as ESM.
const { RealTimeBpmAnalyzer } = createRequire(import.meta.url)('realtime-bpm-analyzer');

/** The package's defaults (its src/core/consts.ts): lowpass 200 Hz, Q 1; 4096-frame analysis buffers. */
export const LOWPASS_HZ = 200;
export const LOWPASS_Q = 1;
export const BUFFER_SIZE = 4096;
export const name = 'realtime-bpm-analyzer';
export const mode = 'causal, tempo only';
export const blockSize = BUFFER_SIZE;

/** @param {{tempo: number, count: number}[]} candidates */
export function topTempo(candidates) {
  if (!candidates?.length) return undefined;
  const total = candidates.reduce((s, c) => s + c.count, 0);
  return { bpm: candidates[0].tempo, confidence: total > 0 ? candidates[0].count / total : 0 };
}

/**
 * @param {Float32Array} samples mono
 * @param {number} sampleRate Hz
 */
export async function analyze(samples, sampleRate) {
  const analyzer = new RealTimeBpmAnalyzer(); // default options: continuousAnalysis off, as createRealtimeBpmAnalyzer
  const filter = webAudioLowpass(sampleRate, LOWPASS_HZ, LOWPASS_Q);
  const buffer = new Float32Array(BUFFER_SIZE);
  const tempo = [];
  let latest;
  const postMessage = (msg) => { if (msg.type === 'bpm') latest = topTempo(msg.data.bpm); };
  // Only whole buffers are analysed, as in the worklet; a tail shorter than one buffer is never seen.
  for (let start = 0; start + BUFFER_SIZE <= samples.length; start += BUFFER_SIZE) {
    filter(samples.subarray(start, start + BUFFER_SIZE), buffer);
    latest = undefined;
    await analyzer.analyzeChunk({ audioSampleRate: sampleRate, channelData: buffer, bufferSize: BUFFER_SIZE, postMessage });
    const time = (start + BUFFER_SIZE) / sampleRate;
    const last = tempo[tempo.length - 1];
    if (latest && (!last || last.bpm !== latest.bpm || time - last.time >= 1)) tempo.push({ time, ...latest });
  }
  return { beats: [], tempo };
}
