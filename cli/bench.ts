/**
 * `gigscope bench`: microseconds per 128-frame block for every engine unit and
 * for the whole chain, stereo at 48 kHz, on the demo clip (music with drums,
 * so the limiter and meters do real work). Each figure is the median and the
 * 99th percentile over every block of several repeated runs, timed one block
 * at a time, and the real-time factor is the block's duration over the median.
 */
import { ENGINE_UNITS } from '../params/table';
import { createEngine } from '../host/node-engine';
import { RENDER_QUANTUM, type EngineHost } from '../host/engine';
import { renderDemoClip } from './demo-clip';
import { prepareImpulse, loadImpulse } from '../host/impulse';

export interface BenchRow {
  name: string;
  medianUs: number;
  p99Us: number;
  /** mean cost per second of audio, ms (what offline peers are compared on) */
  msPerSecond: number;
  realtimeFactor: number;
  /**
   * The most expensive block position's own cost: for each block position the
   * fastest of the runs (other processes' preemption removed), then the largest.
   * Shows whether heavy work (large FFTs) is spread over blocks.
   */
  worstUs: number;
}

/** Effect settings the bench times the whole engine with (issue 4's cost figures). */
const SCENARIOS: { name: string; params: Record<string, number>; impulseSeconds?: number }[] = [
  {
    name: 'fx: gate+comp+eq+delay+fdn',
    params: {
      'gate.on': 1, 'comp.on': 1, 'eq.on': 1, 'eq.lowshelf.gain': 3, 'eq.peak.gain': -2, 'eq.highshelf.gain': 2,
      'delay.on': 1, 'reverb.on': 1, 'reverb.type': 0,
    },
  },
  { name: 'fx: plate', params: { 'reverb.on': 1, 'reverb.type': 1 } },
  { name: 'fx: convolution 2 s', params: { 'reverb.on': 1, 'reverb.type': 2 }, impulseSeconds: 2 },
];

/** A stereo impulse response of decaying noise, `seconds` long (deterministic). */
function syntheticImpulse(seconds: number, sampleRate: number): Float32Array[] {
  const n = Math.round(seconds * sampleRate);
  let s = 12345;
  return [0, 1].map(() => {
    const ch = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      s = (s * 1664525 + 1013904223) >>> 0;
      ch[i] = (s / 2 ** 31 - 1) * Math.exp((-6.9 * i) / n);
    }
    return ch;
  });
}

export interface BenchReport {
  sampleRate: number;
  channels: number;
  blockSize: number;
  runs: number;
  blocksPerRun: number;
  rows: BenchRow[];
}

function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Time `step` once per block over the clip, `runs` times; returns per-block microseconds. */
function timeBlocks(engine: EngineHost, clip: Float32Array[], runs: number, blocks: number, step: () => void): Float64Array {
  const times = new Float64Array(runs * blocks);
  const length = clip[0].length;
  let k = 0;
  for (let r = 0; r < runs; r++) {
    engine.reset();
    let pos = 0;
    for (let b = 0; b < blocks; b++) {
      if (pos + RENDER_QUANTUM > length) pos = 0;
      engine.inputs[0].set(clip[0].subarray(pos, pos + RENDER_QUANTUM));
      engine.inputs[1].set(clip[1].subarray(pos, pos + RENDER_QUANTUM));
      pos += RENDER_QUANTUM;
      const t0 = process.hrtime.bigint();
      step();
      times[k++] = Number(process.hrtime.bigint() - t0) / 1000;
    }
  }
  return times;
}

/** The audio the bench plays: 12 s of the demo clip, stereo. Peers are timed on the same. */
export function benchClip(sampleRate = 48000): Float32Array[] {
  return renderDemoClip(sampleRate, 12).channels;
}

export function runBench(options: { runs?: number; blocksPerRun?: number; sampleRate?: number; clip?: Float32Array[] } = {}): BenchReport {
  const sampleRate = options.sampleRate ?? 48000;
  const runs = options.runs ?? 7;
  const blocks = options.blocksPerRun ?? 4000;
  const clip = options.clip ?? benchClip(sampleRate);
  const engine = createEngine(sampleRate, 2, RENDER_QUANTUM);
  // make the chain do its non-trivial path: gain off unity
  engine.setParam('master.gain', 3);
  engine.reset();
  const blockUs = (RENDER_QUANTUM / sampleRate) * 1e6;
  const row = (name: string, times: Float64Array): BenchRow => {
    const sorted = times.slice().sort();
    let worst = 0;
    for (let b = 0; b < blocks; b++) {
      let best = Infinity;
      for (let r = 0; r < runs; r++) best = Math.min(best, times[r * blocks + b]);
      worst = Math.max(worst, best);
    }
    const median = quantile(sorted, 0.5);
    let sum = 0;
    for (let i = 0; i < times.length; i++) sum += times[i];
    const meanUs = sum / times.length;
    const blocksPerSecond = sampleRate / RENDER_QUANTUM;
    return { name, medianUs: median, p99Us: quantile(sorted, 0.99), msPerSecond: (meanUs * blocksPerSecond) / 1000, realtimeFactor: blockUs / median, worstUs: worst };
  };
  // warm up the JIT and the wasm tier-up before measuring anything
  timeBlocks(engine, clip, 1, 2000, () => engine.process(RENDER_QUANTUM));
  const rows: BenchRow[] = [];
  ENGINE_UNITS.forEach((unit, index) => {
    rows.push(row(unit.id, timeBlocks(engine, clip, runs, blocks, () => engine.wasm.benchUnit(index, RENDER_QUANTUM))));
  });
  rows.push(row('whole chain', timeBlocks(engine, clip, runs, blocks, () => engine.process(RENDER_QUANTUM))));
  for (const scenario of SCENARIOS) {
    const e = createEngine(sampleRate, 2, RENDER_QUANTUM);
    for (const [id, v] of Object.entries(scenario.params)) e.setParam(id, v);
    if (scenario.impulseSeconds) {
      loadImpulse(e, prepareImpulse({ sampleRate, channels: syntheticImpulse(scenario.impulseSeconds, sampleRate), name: 'bench' }, sampleRate));
    }
    e.reset();
    timeBlocks(e, clip, 1, 1000, () => e.process(RENDER_QUANTUM));
    rows.push(row(scenario.name, timeBlocks(e, clip, runs, blocks, () => e.process(RENDER_QUANTUM))));
  }
  return { sampleRate, channels: 2, blockSize: RENDER_QUANTUM, runs, blocksPerRun: blocks, rows };
}

export function formatBench(report: BenchReport): string {
  const blockUs = (report.blockSize / report.sampleRate) * 1e6;
  const lines = [
    `gigscope bench: µs per ${report.blockSize}-frame block, ${report.channels} ch at ${report.sampleRate} Hz ` +
      `(budget ${blockUs.toFixed(0)} µs), median and p99 over ${report.runs} runs × ${report.blocksPerRun} blocks`,
    '',
    `${'unit'.padEnd(28)}${'median µs'.padStart(11)}${'p99 µs'.padStart(10)}${'worst µs'.padStart(10)}${'ms/s audio'.padStart(12)}${'× real time'.padStart(14)}`,
  ];
  for (const r of report.rows) {
    lines.push(
      `${r.name.padEnd(28)}${r.medianUs.toFixed(2).padStart(11)}${r.p99Us.toFixed(2).padStart(10)}${r.worstUs.toFixed(1).padStart(10)}${r.msPerSecond.toFixed(3).padStart(12)}${r.realtimeFactor.toFixed(0).padStart(14)}`,
    );
  }
  lines.push('', 'worst µs: the most expensive block position\'s own cost (fastest of the runs at that position); rows "fx: …" time the whole engine with those effects on.');
  return lines.join('\n');
}
