#!/usr/bin/env node
/**
 * Time the convolution reverb's convolver, one 128-frame block at a time, with
 * a synthetic stereo impulse response (decaying noise), and print its
 * partition plan.
 *
 *   node scripts/bench-convolver.mjs [--rate 48000] [--seconds 2] [--channels 2] [--runs 7] [--blocks 4096]
 *
 * Two views of the same timings:
 *   raw          every block of every run (after one warm-up run): includes whatever
 *                else the machine was doing (preemption shows up as rare huge values)
 *   best-of-N    for each block position the fastest of the N runs over the same input:
 *                the block's own cost, so its maximum shows whether the work is spread
 *                evenly (a big FFT done in one block would show here, noise would not)
 * and the same through the whole engine (engine.process with the reverb on, type
 * convolution, mix 1), which adds the rest of the chain.
 *
 * Uses dist/engine.wasm (npm run build:wasm && npx rollup -c first).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '48000' },
    seconds: { type: 'string', default: '2' },
    channels: { type: 'string', default: '2' },
    runs: { type: 'string', default: '7' },
    blocks: { type: 'string', default: '4096' },
  },
});
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const irChannels = Number(values.channels);
const runs = Number(values.runs);
const blocks = Number(values.blocks);
const B = 128;

const module = new WebAssembly.Module(readFileSync(new URL('../dist/engine.wasm', import.meta.url)));
/** Parameter ids → ABI indices, from the generated table the engine was built with. */
const generated = readFileSync(new URL('../assembly/generated/params.ts', import.meta.url), 'utf8');
const index = (name) => Number(new RegExp(`export const ${name}: i32 = (\\d+);`).exec(generated)[1]);

function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2147483648 - 1;
  };
}

function engine() {
  const e = new WebAssembly.Instance(module, { env: { abort() { throw new Error('engine abort'); } } }).exports;
  if (e.init(rate, 2, B) !== 0) throw new Error(`init failed at ${rate} Hz`);
  const frames = Math.round(seconds * rate);
  const r = rng(7);
  for (let c = 0; c < irChannels; c++) {
    const h = new Float32Array(e.memory.buffer, e.impulseStagingPtr(c), frames);
    for (let n = 0; n < frames; n++) h[n] = 0.5 * r() * Math.exp(-n / (0.3 * rate));
  }
  const t0 = performance.now();
  const bytes = e.impulsePrepare(frames, irChannels, 1);
  const prepareMs = performance.now() - t0;
  if (bytes < 0) throw new Error(`impulsePrepare failed: ${bytes}`);
  if (e.impulseCommit(bytes) !== 0) throw new Error('impulseCommit failed');
  return { e, frames, bytes, prepareMs };
}

function time(e, step) {
  const r = rng(3);
  const clip = [new Float32Array(blocks * B), new Float32Array(blocks * B)];
  for (const ch of clip) for (let i = 0; i < ch.length; i++) ch[i] = 0.3 * r();
  const inL = new Float32Array(e.memory.buffer, e.inputPtr(0), B);
  const inR = new Float32Array(e.memory.buffer, e.inputPtr(1), B);
  const best = new Float64Array(blocks).fill(Infinity);
  const all = new Float64Array(runs * blocks);
  let k = 0;
  for (let run = 0; run <= runs; run++) {
    for (let b = 0; b < blocks; b++) {
      inL.set(clip[0].subarray(b * B, b * B + B));
      inR.set(clip[1].subarray(b * B, b * B + B));
      const t = process.hrtime.bigint();
      step();
      const us = Number(process.hrtime.bigint() - t) / 1000;
      if (run === 0) continue;
      best[b] = Math.min(best[b], us);
      all[k++] = us;
    }
  }
  all.sort();
  best.sort();
  const q = (a, p) => a[Math.min(a.length - 1, Math.floor(p * a.length))];
  return { median: q(all, 0.5), p99: q(all, 0.99), max: all[all.length - 1], bestMedian: q(best, 0.5), bestMax: best[best.length - 1] };
}

const fmt = (t) =>
  `raw median ${t.median.toFixed(1)} µs, p99 ${t.p99.toFixed(1)}, max ${t.max.toFixed(1)} | best-of-${runs}: median ${t.bestMedian.toFixed(1)}, max ${t.bestMax.toFixed(1)}`;

const conv = engine();
conv.e.convolverRun(B); // the swap
const plan = [];
for (let i = 0; conv.e.impulseStage(i, 0) > 0; i++) plan.push(`${conv.e.impulseStage(i, 0)}×${conv.e.impulseStage(i, 1)} from ${conv.e.impulseStage(i, 2)}`);
console.log(`impulse response: ${seconds} s × ${irChannels} ch at ${rate} Hz = ${conv.frames} frames; prepared ${(conv.bytes / 1048576).toFixed(2)} MiB in ${conv.prepareMs.toFixed(0)} ms`);
console.log(`plan: head 128 taps direct, then ${plan.join(', ')}`);
console.log(`convolver alone:    ${fmt(time(conv.e, () => conv.e.convolverRun(B)))}`);

const whole = engine();
const settings = { P_REVERB_ON: 1, P_REVERB_TYPE: 2, P_REVERB_MIX: 1, P_REVERB_PREDELAY: 0, P_REVERB_NORMALIZE: 1 };
for (const [name, v] of Object.entries(settings)) whole.e.setParam(index(name), v);
console.log(`whole engine:       ${fmt(time(whole.e, () => whole.e.process(B)))}  (reverb on, convolution, mix 1)`);
