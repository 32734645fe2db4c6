// WebRTC VAD: libfvad (the voice-activity detector of the WebRTC project, a
// Gaussian-mixture model over six sub-band energies) compiled to WebAssembly by
// @echogarden/fvad-wasm, called through its C API (fvad_new, fvad_set_mode,
// fvad_set_sample_rate, fvad_process). Its .wasm is read from the package folder.
//
// Causal: the clip is resampled to 16 kHz (peers/resample.mjs), converted to 16-bit
// integers as the C API wants (×32768, rounded, clipped), and fed one frame at a
// time from sample 0; a tail shorter than a frame is not analysed. fvad_process
// answers 1 (voice) or 0 per frame, after its own hangover smoothing; that answer is
// the frame's "probability" (0 or 1), stamped at the end of the frame's samples plus
// the resampler's hold-back, and held until the next frame to make the segments.
//
// Mode 3 ("very aggressive", the fewest false alarms of libfvad's four) with 30 ms
// frames is what the table runs; `createAnalyzer` builds any other mode / frame
// length (10, 20 or 30 ms) for --self-check and experiments.

import createFvad from '@echogarden/fvad-wasm';
import { holdSegments, r6 } from './vad-common.mjs';
import { resampleTo } from './resample.mjs';

export const RATE = 16000;

let modulePromise;
const load = () => (modulePromise ??= createFvad());

/**
 * An analyze() for one libfvad setting.
 * @param {{mode: 0|1|2|3, frameMs: 10|20|30}} setting
 */
export function createAnalyzer({ mode, frameMs }) {
  if (![0, 1, 2, 3].includes(mode)) throw new Error(`fvad mode ${mode}: expected 0–3`);
  if (![10, 20, 30].includes(frameMs)) throw new Error(`fvad frame ${frameMs} ms: expected 10, 20 or 30`);
  const frame = (RATE * frameMs) / 1000;
  /**
   * @param {Float32Array} samples mono
   * @param {number} sampleRate Hz
   * @returns {Promise<{vocal: {times: number[], probability: number[], segments: [number, number][]}}>}
   */
  return async function analyze(samples, sampleRate) {
    const m = await load();
    const { samples: x, delaySeconds } = resampleTo(samples, sampleRate, RATE);
    const inst = m._fvad_new();
    if (!inst) throw new Error('fvad_new failed');
    const buf = m._malloc(frame * 2);
    try {
      if (m._fvad_set_mode(inst, mode) !== 0) throw new Error(`fvad_set_mode(${mode}) failed`);
      if (m._fvad_set_sample_rate(inst, RATE) !== 0) throw new Error(`fvad_set_sample_rate(${RATE}) failed`);
      const times = [];
      const probability = [];
      for (let start = 0; start + frame <= x.length; start += frame) {
        const heap = m.HEAP16; // re-read: the view is replaced if the wasm memory grows
        const at = buf >> 1;
        for (let j = 0; j < frame; j++) {
          const v = Math.round(x[start + j] * 32768);
          heap[at + j] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
        }
        const r = m._fvad_process(inst, buf, frame);
        if (r < 0) throw new Error(`fvad_process returned ${r}`);
        times.push(r6((start + frame) / RATE + delaySeconds));
        probability.push(r);
      }
      const segments = holdSegments(times, probability, samples.length / sampleRate);
      return { vocal: { times, probability, segments } };
    } finally {
      m._free(buf);
      m._fvad_free(inst);
    }
  };
}

export const SETTING = { mode: 3, frameMs: 30 };
export const name = 'WebRTC VAD (fvad-wasm)';
export const mode = `causal, mode ${SETTING.mode}, ${SETTING.frameMs} ms frames`;
export const blockSize = (RATE * SETTING.frameMs) / 1000;
export const analyze = createAnalyzer(SETTING);
