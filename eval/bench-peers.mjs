#!/usr/bin/env node
// Speed of the npm peers on the same audio, in this process: milliseconds of
// analysis per second of audio, median of repeated runs — the beat trackers, the
// chroma/key estimators and the voice-activity detectors alike (the VAD peers'
// figure includes their resampling to 16 kHz; a peer that only re-reads another's
// output with a different decision rule, `sameWorkAs` in peers/index.mjs, is not
// timed twice). gigscope's own figures come from `npm run bench`;
// issue 3 asks that its beat tracker be at least 3× faster than aubiojs's tempo
// tracker (hop 512) on the same audio, so the main bench imports benchPeers() and
// shows each peer's cost against the gigscope unit doing the same work.
//
//   npm run bench:peers [-- FILE] [--runs N] [--json]
//
// FILE defaults to the demo clip the build writes (dist/demo.wav), the music the
// main bench plays. Each peer runs once untimed first (wasm compilation, JIT
// tier-up), then `runs` timed runs over the whole signal; the mixdown to mono
// happens once, outside the timing. A peer that is missing or fails is listed
// with its reason and no figure.

import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { repoRoot } from './paths.mjs';
import { readWav, toMono } from './wav.mjs';
import { ALL_PEERS, PEERS_BY_TASK, loadPeer } from './peers/index.mjs';
import { formatTable, num } from './table.mjs';

/** The task a peer is scored on (for the table). */
const taskOf = (id) => Object.keys(PEERS_BY_TASK).find((t) => PEERS_BY_TASK[t].some((p) => p.id === id));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Time every peer on one signal.
 * @param {Float32Array[]} channels planar audio (mixed to mono for the peers)
 * @param {number} sampleRate Hz
 * @param {{runs?: number, peers?: string[]}} [options] runs per peer (default 5); peer ids (default all, every task,
 *   except those doing the same work as another)
 * @returns {Promise<{name: string, task?: string, mode?: string, msPerSecondOfAudio: number | null, runs: number, error?: string}[]>}
 */
export async function benchPeers(channels, sampleRate, { runs = 5, peers = ALL_PEERS.filter((p) => !p.sameWorkAs).map((p) => p.id) } = {}) {
  const mono = toMono(channels);
  const seconds = mono.length / sampleRate;
  const out = [];
  for (const id of peers) {
    const l = await loadPeer(id);
    const task = taskOf(id);
    if (!l.ok) {
      out.push({ name: id, task, msPerSecondOfAudio: null, runs: 0, error: l.error });
      continue;
    }
    const { analyze, mode } = l.peer;
    try {
      await analyze(mono, sampleRate); // warm-up, untimed
      const times = [];
      for (let r = 0; r < runs; r++) {
        const t0 = performance.now();
        await analyze(mono, sampleRate);
        times.push(performance.now() - t0);
      }
      out.push({ name: id, task, mode, msPerSecondOfAudio: median(times) / seconds, runs });
    } catch (e) {
      out.push({ name: id, task, mode, msPerSecondOfAudio: null, runs: 0, error: `failed: ${String(e?.message ?? e).split('\n')[0]}` });
    }
  }
  return out;
}

/** The bench as a text table. */
export function formatPeerBench(rows, { file, sampleRate, channels, seconds }) {
  const head = `peers: ms of analysis per second of audio, median of ${rows.find((r) => r.runs)?.runs ?? 0} runs, ` +
    `on ${file} (${channels} ch at ${sampleRate} Hz, mixed to mono; ${seconds.toFixed(1)} s)`;
  const table = formatTable(
    ['peer', 'task', 'mode', 'ms/s audio', '× real time', 'note'],
    rows.map((r) => [
      r.name, r.task ?? '?', r.mode ?? '?',
      num(r.msPerSecondOfAudio, 2),
      r.msPerSecondOfAudio ? num(1000 / r.msPerSecondOfAudio, 0) : '-',
      r.error ?? '',
    ]),
    { leftColumns: 3 },
  );
  return `${head}\n\n${table}`;
}

async function main(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { runs: { type: 'string', default: '5' }, json: { type: 'boolean', default: false } },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs ${values.runs}: expected a positive integer`);
  const file = positionals[0] ? resolve(positionals[0]) : join(repoRoot, 'dist', 'demo.wav');
  if (!existsSync(file)) {
    throw new Error(positionals[0] ? `${file}: no such file` : `${file} is missing: run 'npm run build' first, or give a WAV file`);
  }
  const { sampleRate, channels } = readWav(readFileSync(file), file);
  const rows = await benchPeers(channels, sampleRate, { runs });
  const info = { file, sampleRate, channels: channels.length, seconds: channels[0].length / sampleRate };
  process.stdout.write((values.json ? JSON.stringify({ ...info, runs, peers: rows }, null, 1) : formatPeerBench(rows, info)) + '\n');
}

// Run only as a script; importing the module (the main bench, tests) just gets benchPeers.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`bench:peers: ${e?.message ?? e}\n`);
    process.exit(1);
  });
}
