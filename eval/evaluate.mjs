// One task's evaluation: gigscope and the task's peers over the same clips of the
// shared corpus, every system's predictions scored by ../shared/eval/score.py.
//
// gigscope is the built CLI run exactly as a user runs it (`gigscope analyze`
// writes every section the engine produces), over all of the task's clips in one
// process; its wall time over the audio's duration gives its ms per second of audio.
// The peers run in this process on the same WAVs (decoded once per clip), and only
// their analyze() calls are timed.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { repoRoot, sharedDir, PYTHON } from './paths.mjs';
import { readWav, toMono } from './wav.mjs';
import { toPrediction } from './contract.mjs';
import { PEERS_BY_TASK, loadPeer } from './peers/index.mjs';

/** A failure of the harness itself (no build, no corpus, no scorer), as opposed to a system's result. */
export class HarnessError extends Error {}

const slug = (name) => name.replace(/[^A-Za-z0-9.]+/g, '-').replace(/-+$/, '');
const firstLine = (e) => String(e?.message ?? e).split('\n')[0];

/** The built CLI must exist: the eval measures what `gigscope analyze` really reports. */
export function checkBuild() {
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
async function runPeers(peers, wavs) {
  const totalMs = new Map(peers.map((p) => [p.id, 0]));
  const failed = new Map();
  // warm-up: wasm compilation and JIT on one second of the first clip, outside the timing
  const first = readWav(readFileSync(wavs[0]), wavs[0]);
  const warm = toMono(first.channels).slice(0, first.sampleRate);
  for (const p of peers) {
    try {
      await p.adapter.analyze(warm, first.sampleRate);
    } catch (e) {
      failed.set(p.id, `failed in Node: ${firstLine(e)}`);
    }
    mkdirSync(p.sys.predDir, { recursive: true });
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
        failed.set(p.id, `failed on ${clip}: ${firstLine(e)}`);
        continue;
      }
      totalMs.set(p.id, totalMs.get(p.id) + (performance.now() - t0));
      const pred = toPrediction({ ...meta, blockSize: p.adapter.blockSize }, result);
      writeFileSync(join(p.sys.predDir, `${clip}.json`), JSON.stringify(pred) + '\n');
    }
    process.stderr.write('.'); // progress: one dot per clip
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

/** What a peer's mode says it leaves out of its task (those columns are 0 by construction). */
const partial = (mode) => ({
  tempoOnly: mode.includes('tempo only'),
  chromaOnly: mode.includes('chroma only'),
  keyOnly: mode.includes('key only'),
  offline: mode.startsWith('offline'),
});

/**
 * A peer with a decision threshold to sweep (silero-vad (best threshold)): rewrite
 * its predictions' segments at every threshold (from the frames it already wrote,
 * so the model runs once), score each, and keep the one with the highest mean
 * accuracy over all clips (ties: higher F1). Accuracy rather than F1 because F1 is
 * only computed on the clips with vocals, so it keeps rising as the threshold drops
 * towards flagging everything; accuracy also counts the instrumental clips' false
 * alarms. The whole sweep is kept on the system for the report.
 */
function sweepThreshold(corpus, task, sys, sweep) {
  const clips = readdirSync(sys.predDir).filter((f) => f.endsWith('.json'));
  const preds = clips.map((f) => JSON.parse(readFileSync(join(sys.predDir, f), 'utf8')));
  const tried = [];
  for (const threshold of sweep.thresholds) {
    const dir = `${sys.predDir}@${threshold}`;
    mkdirSync(dir, { recursive: true });
    preds.forEach((pred, i) => {
      const segments = sweep.segmentsAt(pred.vocal, threshold, pred.duration);
      writeFileSync(join(dir, clips[i]), JSON.stringify({ ...pred, vocal: { ...pred.vocal, segments } }) + '\n');
    });
    tried.push({ threshold, dir, res: score(corpus, dir, task) });
  }
  const key = (t) => [t.res.mean?.acc ?? -1, t.res.mean?.F1 ?? -1];
  const best = tried.reduce((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    return kb[0] > ka[0] || (kb[0] === ka[0] && kb[1] > ka[1]) ? b : a;
  });
  return { best, sweep: tried.map((t) => ({ threshold: t.threshold, mean: t.res.mean })) };
}

/**
 * Evaluate one task.
 * @param {'beats'|'chroma'|'vocals'} task
 * @param {{systems: string[], predRoot: string, log: (s: string) => void}} options
 *   systems: ids to run (gigscope and peer ids; ids of other tasks' peers are ignored); predRoot: where predictions go
 * @returns {Promise<{task: string, corpus: string, clips: number, audioSeconds: number, systems: object[], harnessFailed: boolean}>}
 */
export async function evaluateTask(task, { systems: wanted, predRoot, log }) {
  const corpus = join(sharedDir(), 'corpus');
  const wavs = listClips(corpus, task);
  let audioSeconds = 0;
  for (const w of wavs) {
    const { sampleRate, channels } = readWav(readFileSync(w), w);
    audioSeconds += channels[0].length / sampleRate;
  }
  log(`eval ${task}: ${wavs.length} clips, ${audioSeconds.toFixed(1)} s of audio, from ${join(corpus, task)}`);
  const predDir = (id) => join(predRoot, task, slug(id));

  const systems = [];
  let harnessFailed = false;
  if (wanted.includes('gigscope')) {
    log(`eval ${task}: gigscope analyze …`);
    const g = runGigscope(wavs, predDir('gigscope'));
    if (!g.ok) harnessFailed = true;
    systems.push({
      id: 'gigscope', name: 'gigscope', mode: 'causal', predDir: predDir('gigscope'),
      status: g.ok ? 'ok' : 'unavailable', reason: g.error, msPerSecondOfAudio: g.ms / audioSeconds,
    });
  }

  const loaded = [];
  const sweeps = new Map();
  for (const { id } of PEERS_BY_TASK[task].filter((p) => wanted.includes(p.id))) {
    const l = await loadPeer(id);
    const base = { id, name: id, predDir: predDir(id) };
    if (!l.ok) {
      systems.push({ ...base, mode: '?', status: 'unavailable', reason: l.error });
      continue;
    }
    const sys = { ...base, mode: l.peer.mode, status: 'ok', ...partial(l.peer.mode) };
    systems.push(sys);
    loaded.push({ id, adapter: l.peer, sys });
    if (l.peer.sweep) sweeps.set(sys, l.peer.sweep);
  }
  if (loaded.length) {
    log(`eval ${task}: peers ${loaded.map((p) => p.id).join(', ')} …`);
    const { totalMs, failed } = await runPeers(loaded, wavs);
    for (const p of loaded) {
      if (failed.has(p.id)) Object.assign(p.sys, { status: 'unavailable', reason: failed.get(p.id) });
      else p.sys.msPerSecondOfAudio = totalMs.get(p.id) / audioSeconds;
    }
  }

  for (const s of systems.filter((x) => x.status === 'ok')) {
    log(`eval ${task}: scoring ${s.name}`);
    if (sweeps.has(s)) {
      const { best, sweep } = sweepThreshold(corpus, task, s, sweeps.get(s));
      Object.assign(s, { score: best.res, threshold: best.threshold, sweep, mode: `causal, p > ${best.threshold} (picked on these clips)` });
      continue;
    }
    const res = score(corpus, s.predDir, task);
    if (res.skipped) Object.assign(s, { status: 'skipped', reason: res.reason });
    else s.score = res;
  }
  return { task, corpus: join(corpus, task), clips: wavs.length, audioSeconds, systems, harnessFailed };
}
