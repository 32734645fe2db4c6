#!/usr/bin/env node
// `npm run eval`: gigscope's live beat tracking against the npm peers, on the
// shared development corpus, scored by the shared scorer, side by side.
//
//   node eval/run.mjs [--task beats] [--keep DIR] [--systems a,b,...] [--json]
//
// 1. `gigscope analyze` (the built CLI, exactly as a user runs it) writes one
//    prediction per clip of ../shared/corpus/beats; its wall time over the audio's
//    duration gives "ms of analysis per second of audio".
// 2. Each peer adapter (eval/peers/) analyses the same WAVs in this process and its
//    answers are written in the same contract format.
// 3. ../shared/eval/score.py scores every system's folder; one table compares them,
//    then the per-clip F of every beat tracker.
//
// --keep DIR keeps the predictions (DIR/<system>/<clip>.json); otherwise they go
// to a temporary folder that is removed. --json prints the combined results
// instead of the tables. Progress goes to stderr.
//
// Exit status: 0 when every system that could run was scored (a system the scorer
// SKIPPED, e.g. gigscope before it reports beats, is a result, not an error);
// 1 when the harness could not do its job (no build, no scorer, the CLI failed).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot, sharedDir, PYTHON } from './paths.mjs';
import { ensureScorerDeps } from './python.mjs';
import { readWav, toMono } from './wav.mjs';
import { toPrediction } from './contract.mjs';
import { PEERS, loadPeer } from './peers/index.mjs';
import { BEATS_HEADERS, beatsRow, formatTable, num } from './table.mjs';

const TASKS = ['beats']; // the peers track beats and tempo only; chroma and vocals have no peers here yet
const F_NOTE_BELOW = 0.7; // per-clip F under this is flagged (issue 3 asks for an explanation of each)

const log = (s) => process.stderr.write(s + '\n');
const slug = (name) => name.replace(/[^A-Za-z0-9.]+/g, '-').replace(/-+$/, '');

class HarnessError extends Error {}

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      task: { type: 'string', default: 'beats' },
      keep: { type: 'string' },
      systems: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write('usage: node eval/run.mjs [--task beats] [--keep DIR] [--systems gigscope,aubiojs,...] [--json]\n');
    process.exit(0);
  }
  if (!TASKS.includes(values.task)) throw new HarnessError(`--task ${values.task}: only ${TASKS.join(', ')} is evaluated here`);
  const all = ['gigscope', ...PEERS.map((p) => p.id)];
  const systems = values.systems ? values.systems.split(',').map((s) => s.trim()).filter(Boolean) : all;
  const unknown = systems.filter((s) => !all.includes(s));
  if (unknown.length) throw new HarnessError(`--systems: unknown ${unknown.join(', ')} (known: ${all.join(', ')})`);
  return { ...values, systems };
}

/** The built CLI must exist: the eval measures what `gigscope analyze` really reports. */
function checkBuild() {
  for (const f of ['dist/cli.mjs', 'dist/engine.wasm']) {
    if (!existsSync(join(repoRoot, f))) throw new HarnessError(`${f} is missing: run 'npm run build' first (the eval runs the built gigscope CLI)`);
  }
}

function listClips(corpus, task) {
  const dir = join(corpus, task);
  if (!existsSync(dir)) throw new HarnessError(`no corpus at ${dir} (set GIGSCOPE_SHARED to the shared folder)`);
  const wavs = readdirSync(dir).filter((f) => f.endsWith('.wav')).sort().map((f) => join(dir, f));
  if (!wavs.length) throw new HarnessError(`no .wav files in ${dir}`);
  return wavs;
}

/** Run the gigscope CLI over every clip in one process; returns its status and wall time. */
function runGigscope(wavs, outDir) {
  mkdirSync(outDir, { recursive: true });
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin/gigscope.mjs'), 'analyze', ...wavs, '--out', outDir], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const ms = performance.now() - t0;
  const err = (r.stderr || r.error?.message || '').trim();
  return { ok: r.status === 0, ms, error: r.status === 0 ? undefined : `gigscope analyze exited ${r.status}: ${err.split('\n').slice(-1)[0]}` };
}

/** Run every loaded peer over every clip (decoded once per clip); write predictions, time analyze() only. */
async function runPeers(peers, wavs, predRoot) {
  const totalMs = new Map(peers.map((p) => [p.id, 0]));
  const failed = new Map();
  // warm-up: wasm compilation and JIT on one second of the first clip, outside the timing
  const first = readWav(readFileSync(wavs[0]), wavs[0]);
  const warm = toMono(first.channels).slice(0, first.sampleRate);
  for (const p of peers) {
    try {
      await p.adapter.analyze(warm, first.sampleRate);
    } catch (e) {
      failed.set(p.id, `failed in Node: ${String(e?.message ?? e).split('\n')[0]}`);
    }
    mkdirSync(join(predRoot, slug(p.id)), { recursive: true });
  }
  for (const wav of wavs) {
    const clip = basename(wav, '.wav');
    const { sampleRate, channels } = readWav(readFileSync(wav), wav);
    const mono = toMono(channels);
    const meta = { file: basename(wav), sampleRate, duration: mono.length / sampleRate };
    for (const p of peers) {
      if (failed.has(p.id)) continue;
      let result;
      const t0 = performance.now();
      try {
        result = await p.adapter.analyze(mono, sampleRate);
      } catch (e) {
        failed.set(p.id, `failed on ${clip}: ${String(e?.message ?? e).split('\n')[0]}`);
        continue;
      }
      totalMs.set(p.id, totalMs.get(p.id) + (performance.now() - t0));
      const pred = toPrediction({ ...meta, blockSize: p.adapter.blockSize }, result);
      writeFileSync(join(predRoot, slug(p.id), `${clip}.json`), JSON.stringify(pred) + '\n');
    }
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  return { totalMs, failed };
}

/** score.py --json over one prediction folder; returns that task's result object. */
function score(corpus, predDir, task) {
  const r = spawnSync(PYTHON, [join(sharedDir(), 'eval', 'score.py'), '--corpus', corpus, '--pred', predDir, '--task', task, '--json'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  // exit 2 only means some clips failed; those failures are part of the result
  if (r.status !== 0 && r.status !== 2) throw new HarnessError(`score.py failed (exit ${r.status}): ${(r.stderr || '').trim().split('\n').slice(-1)[0]}`);
  return JSON.parse(r.stdout)[task];
}

function perClipTable(systems) {
  const trackers = systems.filter((s) => s.status === 'ok' && !s.tempoOnly && s.score?.rows);
  if (!trackers.length) return '';
  const clips = trackers[0].score.rows.map((r) => r.clip);
  const byClip = (s) => new Map(s.score.rows.map((r) => [r.clip, r]));
  const maps = trackers.map(byClip);
  const gig = systems.find((s) => s.id === 'gigscope');
  const gigRows = gig?.status === 'ok' ? byClip(gig) : undefined;
  const rows = clips.map((clip) => {
    const ref = maps[0].get(clip)?.ref_bpm;
    const gigF = gigRows?.get(clip)?.F;
    const flag = typeof gigF === 'number' && gigF < F_NOTE_BELOW ? '*' : '';
    return [clip + flag, num(ref, 1), ...maps.map((m) => num(m.get(clip)?.F)), ...(gigRows ? [num(gigRows.get(clip)?.est_bpm, 1)] : [])];
  });
  const headers = ['clip', 'ref bpm', ...trackers.map((s) => `F ${s.name}`), ...(gigRows ? ['gigscope bpm'] : [])];
  return formatTable(headers, rows);
}

const FOOTNOTES = [
  'F, CMLt, AMLt: mir_eval beat metrics (F within ±70 ms), beats in the first 5 s ignored; F_notrim counts them.',
  'Acc1/Acc2: tempo within 4 % (Acc2 also at ×2, ×3, ½, ⅓); tempo = median of the tempo reports in the second half.',
  'ttl_s: time to lock, the first beat of 4 in a row matching 4 annotated beats (clip length if never).',
  'lat: reportedAt − time over all beats (negative = announced ahead); not meaningful for offline or tempo-only systems.',
  'tempo only: places no beats, so only Acc1/Acc2 mean anything (its beat columns would be 0 by construction).',
  'ms/s audio: gigscope = wall time of the whole `gigscope analyze` process (Node start, wasm compile, WAV decode,',
  '  JSON out) per second of audio; peers = their analyze() calls alone, after a warm-up. For like-for-like speed',
  '  see `npm run bench:peers` and `npm run bench`.',
];

async function main(argv) {
  const opts = parseOptions(argv);
  const corpus = join(sharedDir(), 'corpus');
  if (opts.systems.includes('gigscope')) checkBuild(); // fail before the slow parts
  try {
    ensureScorerDeps(log);
  } catch (e) {
    throw new HarnessError(e.message);
  }
  const wavs = listClips(corpus, opts.task);
  const predRoot = opts.keep ? resolve(opts.keep) : mkdtempSync(join(tmpdir(), 'gigscope-eval-'));
  mkdirSync(predRoot, { recursive: true });
  let audioSeconds = 0;
  for (const w of wavs) {
    const { sampleRate, channels } = readWav(readFileSync(w), w);
    audioSeconds += channels[0].length / sampleRate;
  }
  log(`eval: ${wavs.length} clips, ${audioSeconds.toFixed(1)} s of audio, from ${join(corpus, opts.task)}`);

  const systems = [];
  let harnessFailed = false;
  try {
    if (opts.systems.includes('gigscope')) {
      log('eval: gigscope analyze …');
      const dir = join(predRoot, 'gigscope');
      const g = runGigscope(wavs, dir);
      if (!g.ok) harnessFailed = true;
      systems.push({
        id: 'gigscope', name: 'gigscope', mode: 'causal', predDir: dir,
        status: g.ok ? 'ok' : 'unavailable', reason: g.error, msPerSecondOfAudio: g.ms / audioSeconds,
      });
    }

    const loaded = [];
    for (const { id } of PEERS.filter((p) => opts.systems.includes(p.id))) {
      const l = await loadPeer(id);
      const base = { id, name: id, predDir: join(predRoot, slug(id)) };
      if (!l.ok) {
        systems.push({ ...base, mode: '?', status: 'unavailable', reason: l.error });
        continue;
      }
      const mode = l.peer.mode;
      const sys = { ...base, mode, status: 'ok', tempoOnly: mode.includes('tempo only'), offline: mode.startsWith('offline') };
      systems.push(sys);
      loaded.push({ id, adapter: l.peer, sys });
    }
    if (loaded.length) {
      log(`eval: peers ${loaded.map((p) => p.id).join(', ')} …`);
      const { totalMs, failed } = await runPeers(loaded, wavs, predRoot);
      for (const p of loaded) {
        if (failed.has(p.id)) Object.assign(p.sys, { status: 'unavailable', reason: failed.get(p.id) });
        else p.sys.msPerSecondOfAudio = totalMs.get(p.id) / audioSeconds;
      }
    }

    for (const s of systems.filter((x) => x.status === 'ok')) {
      log(`eval: scoring ${s.name}`);
      const res = score(corpus, s.predDir, opts.task);
      if (res.skipped) Object.assign(s, { status: 'skipped', reason: res.reason });
      else s.score = res;
    }
  } finally {
    if (!opts.keep) rmSync(predRoot, { recursive: true, force: true });
  }

  if (opts.json) {
    const out = systems.map(({ predDir, ...s }) => ({ ...s, ...(opts.keep ? { predDir } : {}) }));
    process.stdout.write(JSON.stringify({ task: opts.task, corpus: join(corpus, opts.task), clips: wavs.length, audioSeconds, systems: out }, null, 1) + '\n');
  } else {
    const lines = [
      `gigscope eval — ${opts.task}: ${wavs.length} clips, ${audioSeconds.toFixed(0)} s of audio (${join(corpus, opts.task)})`,
      '',
      formatTable(BEATS_HEADERS, systems.map(beatsRow), { leftColumns: 2 }),
      '',
      ...FOOTNOTES,
    ];
    for (const s of systems.filter((x) => x.score?.failures?.length)) {
      lines.push('', `${s.name}: failures`, ...s.score.failures.slice(0, 10).map(([c, e]) => `  ${c}: ${e}`));
    }
    const perClip = perClipTable(systems);
    const gig = systems.find((s) => s.id === 'gigscope');
    lines.push('', `Per-clip F${gig?.status === 'ok' ? ` (* = gigscope F < ${F_NOTE_BELOW})` : ''}:`);
    if (gig && gig.status !== 'ok') lines.push(`  gigscope: ${gig.status === 'skipped' ? 'SKIPPED' : 'n/a'} — ${gig.reason}`);
    if (perClip) lines.push(perClip);
    if (opts.keep) lines.push('', `predictions kept in ${predRoot}`);
    process.stdout.write(lines.join('\n') + '\n');
  }
  return harnessFailed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    // a harness error is a message for the user; anything else is a bug, so show where
    log(`eval: ${e instanceof HarnessError ? e.message : e?.stack ?? e}`);
    process.exit(1);
  },
);
