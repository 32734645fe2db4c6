// realtime-bpm-analyzer, offline: its analyzeFullBuffer() over the whole file
// (lowpass, then peaks at the highest threshold that yields enough of them, then
// the most common inter-peak tempo). Tempo only; one estimate, at the end of the file.
//
// analyzeFullBuffer filters through a Web Audio OfflineAudioContext, which Node
// lacks. We lend it, for the call only, a stand-in that supports exactly the graph
// it builds (buffer source → lowpass biquad → destination) with the same filter
// the browser would apply; the package's own analysis code runs unchanged.

import { createRequire } from 'node:module';
import { webAudioLowpass } from './lowpass.mjs';
import { LOWPASS_HZ, LOWPASS_Q, topTempo } from './bpm.mjs';
// The package's CommonJS build: its ESM build is .js in a package without "type": "module",
// which only Node's syntax detection (and not every test runner) accepts as ESM.
const { analyzeFullBuffer } = createRequire(import.meta.url)('realtime-bpm-analyzer');

export const name = 'realtime-bpm-analyzer (offline)';
export const mode = 'offline, tempo only';
export const blockSize = 0;

const audioBuffer = (channels, sampleRate) => ({
  sampleRate,
  length: channels[0].length,
  numberOfChannels: channels.length,
  duration: channels[0].length / sampleRate,
  getChannelData: (c) => channels[c],
});

/** Just enough of OfflineAudioContext for getOfflineLowPassSource(). */
class LowpassOnlyOfflineContext {
  constructor(numberOfChannels, length, sampleRate) {
    this.sampleRate = sampleRate;
    this.destination = { input: null };
    this.filter = null;
    this.source = null;
  }
  createBufferSource() {
    return (this.source = { buffer: null, connect: (node) => node, start() {} });
  }
  createBiquadFilter() {
    const ctx = this;
    return (this.filter = {
      type: 'lowpass',
      frequency: { value: LOWPASS_HZ },
      Q: { value: LOWPASS_Q },
      connect(node) { ctx.destination.input = this; return node; },
    });
  }
  async startRendering() {
    const { source, filter } = this;
    if (!source?.buffer || !filter || filter.type !== 'lowpass') throw new Error('stand-in OfflineAudioContext: unexpected graph');
    const src = source.buffer;
    const out = [];
    for (let c = 0; c < src.numberOfChannels; c++) {
      out.push(webAudioLowpass(src.sampleRate, filter.frequency.value, filter.Q.value)(src.getChannelData(c)));
    }
    return audioBuffer(out, src.sampleRate);
  }
}

/**
 * @param {Float32Array} samples mono
 * @param {number} sampleRate Hz
 */
export async function analyze(samples, sampleRate) {
  // lend the stand-in only where there is no real OfflineAudioContext, and only for this call
  const lent = !globalThis.OfflineAudioContext;
  if (lent) globalThis.OfflineAudioContext = LowpassOnlyOfflineContext;
  try {
    const candidates = await analyzeFullBuffer(audioBuffer([samples], sampleRate));
    const top = topTempo(candidates);
    const duration = samples.length / sampleRate;
    return { beats: [], tempo: top ? [{ time: duration, ...top }] : [] };
  } finally {
    if (lent) delete globalThis.OfflineAudioContext;
  }
}
