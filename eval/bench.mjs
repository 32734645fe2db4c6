#!/usr/bin/env node
// `npm run bench`: the engine's units and whole chain (µs per 128-frame block,
// median and p99, stereo 48 kHz), then the npm peers timed in this same process
// on the same audio, with the ratio of their cost to the matching gigscope unit.
//
//   npm run bench [-- --runs N] [--json]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './paths.mjs';
import { benchPeers } from './bench-peers.mjs';
import { formatTable, num } from './table.mjs';

/** Which gigscope unit (a row of dist/bench.mjs's report) each peer does the work of. */
const COMPARE = {
  aubiojs: 'beat',
  'essentia.js': 'beat',
  'realtime-bpm-analyzer': 'beat',
  'realtime-bpm-analyzer (offline)': 'beat',
  // gigscope's `chroma` unit also estimates key and chord, so it is matched against chroma and key peers alike
  meyda: 'chroma',
  'essentia.js HPCP': 'chroma',
  'essentia.js KeyExtractor (offline)': 'chroma',
  // voice activity: the engine's `vocal` unit (features, classifier, hysteresis); the peers' figures include resampling to 16 kHz
  'silero-vad': 'vocal',
  'silero-vad (best threshold)': 'vocal',
  'webrtc-vad': 'vocal',
};

const { values } = parseArgs({ options: { runs: { type: 'string' }, json: { type: 'boolean' } } });
const lib = join(repoRoot, 'dist/bench.mjs');
if (!existsSync(lib)) {
  console.error("bench: dist/bench.mjs is missing: run 'npm run build' first");
  process.exit(1);
}
const { runBench, benchClip, formatBench } = await import(lib);
const runs = values.runs ? Number(values.runs) : undefined;
const report = runBench({ runs, sampleRate: 48000 });
// the peers are compared at 44.1 kHz, the rate their defaults (and essentia.js's
// resampler-free path) assume; gigscope is timed again on that same audio
const peerRate = 44100;
const clip = benchClip(peerRate);
const ours = runBench({ runs: 3, sampleRate: peerRate, clip });
const peers = await benchPeers(clip, peerRate, { runs: Math.max(3, Math.min(runs ?? 5, 7)) });
const unitMs = Object.fromEntries(ours.rows.map((r) => [r.name, r.msPerSecond]));
const rows = peers.map((p) => {
  const unit = COMPARE[p.name] ?? COMPARE[p.name.replace(/ \(.*\)$/, '')];
  // a unit this build's bench does not time (yet) leaves the ratio blank rather than failing the bench
  const ours = unit ? unitMs[unit] : undefined;
  return {
    peer: p.name,
    task: p.task ?? '',
    mode: p.mode ?? '',
    msPerSecond: p.msPerSecondOfAudio,
    unit: unit ?? '',
    ours,
    ratio: p.msPerSecondOfAudio != null && ours ? p.msPerSecondOfAudio / ours : null,
    error: p.error,
  };
});

if (values.json) {
  console.log(JSON.stringify({ engine: report, peerRate, engineAtPeerRate: ours, peers: rows }, null, 2));
} else {
  console.log(formatBench(report));
  console.log('');
  console.log(`Peers on the same audio (12 s of the demo clip at ${peerRate} Hz) in this process: ms of analysis per second of audio; ratio = peer ÷ gigscope unit, > 1 means gigscope is faster:`);
  console.log(
    formatTable(
      ['peer', 'task', 'mode', 'ms/s', 'vs unit', 'gigscope ms/s', 'ratio'],
      rows.map((r) => [
        r.peer, r.task, r.mode,
        r.msPerSecond == null ? `n/a (${r.error})` : num(r.msPerSecond, 3),
        r.unit, r.ours == null ? '' : num(r.ours, 3),
        r.ratio == null ? '' : `${num(r.ratio, 1)}×`,
      ]),
      { leftColumns: 3 },
    ),
  );
  const missing = [...new Set(rows.filter((r) => r.unit && r.ours == null).map((r) => r.unit))];
  if (missing.length) console.log(`(no ${missing.map((u) => `'${u}'`).join(', ')} unit in this build's bench report, so no ratio for its peers)`);
}
