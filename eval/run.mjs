#!/usr/bin/env node
// `npm run eval`: gigscope's live analysis against the npm peers, on the shared
// development corpus, scored by the shared scorer, side by side — beats (beat
// tracking and tempo), chroma (pitch-class frames and key) and vocals (is someone
// singing or speaking, frame by frame).
//
//   node eval/run.mjs [--task beats|chroma|vocals|all] [--keep DIR] [--systems a,b,...] [--json]
//
// For each task (eval/evaluate.mjs):
// 1. `gigscope analyze` (the built CLI, exactly as a user runs it) writes one
//    prediction per clip of ../shared/corpus/<task>; its wall time over the audio's
//    duration gives "ms of analysis per second of audio".
// 2. Each of the task's peer adapters (eval/peers/) analyses the same WAVs in this
//    process and its answers are written in the same contract format.
// 3. ../shared/eval/score.py scores every system's folder; one table per task
//    compares them (eval/report.mjs), then a per-clip table.
//
// --task defaults to all. --systems picks systems by id; a task none of whose
// systems is picked is left out. --keep DIR keeps the predictions
// (DIR/<task>/<system>/<clip>.json); otherwise they go to a temporary folder that
// is removed. --json prints the combined results instead of the tables. Progress
// goes to stderr.
//
// Exit status: 0 when every system that could run was scored (a system the scorer
// SKIPPED, e.g. gigscope before it reports a vocal section, is a result, not an error);
// 1 when the harness could not do its job (no build, no scorer, the CLI failed).

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureScorerDeps } from './python.mjs';
import { PEERS_BY_TASK } from './peers/index.mjs';
import { HarnessError, checkBuild, evaluateTask } from './evaluate.mjs';
import { taskReport } from './report.mjs';

const TASKS = ['beats', 'chroma', 'vocals'];

const log = (s) => process.stderr.write(s + '\n');

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      task: { type: 'string', default: 'all' },
      keep: { type: 'string' },
      systems: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'usage: node eval/run.mjs [--task beats|chroma|vocals|all] [--keep DIR] [--systems a,b,...] [--json]\n' +
        TASKS.map((t) => `  ${t} systems: gigscope, ${PEERS_BY_TASK[t].map((p) => p.id).join(', ')}\n`).join(''),
    );
    process.exit(0);
  }
  if (values.task !== 'all' && !TASKS.includes(values.task)) throw new HarnessError(`--task ${values.task}: expected ${TASKS.join(', ')} or all`);
  const tasks = values.task === 'all' ? TASKS : [values.task];
  const known = ['gigscope', ...tasks.flatMap((t) => PEERS_BY_TASK[t].map((p) => p.id))];
  const systems = values.systems ? values.systems.split(',').map((s) => s.trim()).filter(Boolean) : known;
  const unknown = systems.filter((s) => !known.includes(s));
  if (unknown.length) throw new HarnessError(`--systems: unknown for ${tasks.join(' and ')}: ${unknown.join(', ')} (known: ${known.join(', ')})`);
  // a task none of whose systems was asked for is not run at all
  const picked = tasks.filter((t) => systems.includes('gigscope') || PEERS_BY_TASK[t].some((p) => systems.includes(p.id)));
  return { ...values, tasks: picked, systems };
}

async function main(argv) {
  const opts = parseOptions(argv);
  if (opts.systems.includes('gigscope')) checkBuild(); // fail before the slow parts
  try {
    ensureScorerDeps(log);
  } catch (e) {
    throw new HarnessError(e.message);
  }
  const predRoot = opts.keep ? resolve(opts.keep) : mkdtempSync(join(tmpdir(), 'gigscope-eval-'));
  mkdirSync(predRoot, { recursive: true });
  const results = [];
  try {
    for (const task of opts.tasks) results.push(await evaluateTask(task, { systems: opts.systems, predRoot, log }));
  } finally {
    if (!opts.keep) rmSync(predRoot, { recursive: true, force: true });
  }

  if (opts.json) {
    const out = results.map(({ harnessFailed, systems, ...r }) => ({
      ...r,
      systems: systems.map(({ predDir, ...s }) => ({ ...s, ...(opts.keep ? { predDir } : {}) })),
    }));
    process.stdout.write(JSON.stringify({ tasks: out }, null, 1) + '\n');
  } else {
    const text = results.map(taskReport).join('\n\n' + '='.repeat(100) + '\n\n');
    process.stdout.write(text + (opts.keep ? `\n\npredictions kept in ${predRoot}` : '') + '\n');
  }
  return results.some((r) => r.harnessFailed) ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    // a harness error is a message for the user; anything else is a bug, so show where
    log(`eval: ${e instanceof HarnessError ? e.message : e?.stack ?? e}`);
    process.exit(1);
  },
);
