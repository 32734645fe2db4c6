/**
 * Issue 4: gigscope's algorithmic reverbs (FDN hall, Dattorro plate) against
 * Tone.js's Freeverb and JCReverb, on the same metrics and CPU, in one run.
 *
 *   npm run build && npm run eval:reverb
 *
 * Not part of `npm test` (it times CPU on a shared machine and depends on a
 * peer); eval/vitest.eval.config.ts runs it. It prints one table, plus a
 * Markdown copy for docs/reverb-comparison.md; REVERB_COMPARE_JSON=path also
 * writes every figure as JSON.
 *
 * Every system is measured from its 2×2 impulse response (impulse into L,
 * then into R; the mono response is their sum), at 48 kHz:
 *
 * - T60 in the 250 Hz / 1 kHz / 4 kHz octave bands: test/helpers/acoustics.ts
 *   octaveBand (FFT), energy summed over the four paths, Schroeder backward
 *   integration, least-squares T30 fit from −5 to −35 dB.
 * - NED@80ms: Abel & Huang normalised echo density (20 ms window) of the mono
 *   response at 80 ms, mean of L and R.
 * - colouration: spectralRoughness of the mono response from 0.1 to 0.6 s
 *   (mean of L and R), minus that of white noise with the same exponential
 *   decay (the system's mean measured T60) over the same span (mean of 8 seeds).
 *   0 dB = as smooth as decaying noise; resonant ("metallic") tails score higher.
 * - coherence: largest |normalised cross-correlation| of the mono response's L
 *   and R from 0.1 to 1 s, lags within ±1 ms.
 *   Colouration and coherence are not reported (-) where the measured T60 is
 *   under 0.2 s: there is no reverberant tail left at 0.1 s to measure.
 * - CPU: gigscope in Node, the engine's `effects` unit alone
 *   (wasm.benchUnit) per 128-frame block on stereo noise, median over blocks,
 *   median of 7 runs, as ms per second of audio. Tone.js in headless Chromium:
 *   wall time of rendering 10 s of stereo noise through the effect in an
 *   OfflineAudioContext, minus the same render without the effect, median of
 *   5 interleaved pairs, divided by 10. As an in-browser cross-check, gigscope's
 *   real AudioWorklet is timed the same way (reverb on minus reverb off).
 */
import { it, onTestFinished } from 'vitest';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { createEngine, loadEngineModule, renderOffline } from '../host/node-engine';
import { RENDER_QUANTUM } from '../host/engine';
import { ENGINE_UNITS } from '../params/table';
import { coherence, decayTime, echoDensity, octaveBand, schroeder, spectralRoughness } from '../test/helpers/acoustics';
import { noise } from '../test/helpers/signals';
import { fromBase64, launchChromium } from '../test/browser/chromium';
import { startServer } from '../scripts/serve.mjs';
import { formatTable, num } from './table.mjs';

const SR = 48000;
const BANDS = [250, 1000, 4000];
/** impulse height: well under the limiter's −1 dBFS ceiling, so it stays a pure delay */
const A = 0.5;
/** silence before the impulse, so every parameter ramp has settled when it arrives */
const LEAD = 4800;
const CPU_RUNS = 7;
const CPU_BLOCKS = 3000;
const TONE_CPU_PAIRS = 5;
const TONE_CPU_SECONDS = 10;
const TONE_IR_SECONDS = 12;

/** ir[e][o]: output channel o for an impulse into input channel e, unit impulse, t = 0 at index 0. */
type StereoIR = Float32Array[][];

interface Metrics {
  t60: number[];
  /** per band: whether the EDC reached −35 dB (else the fit ran short) */
  fitOk: boolean[];
  /**
   * null where there is no tail left to measure: NED@80ms when the mono response's EDC is below −60 dB at 80 ms;
   * colouration and coherence (measured from 100 ms) when the mean measured T60 is under 200 ms (a tail decaying
   * at that rate would be more than 30 dB down by 100 ms: what is left there is not a reverberant tail)
   */
  ned80: number | null;
  /** broadband EDC of the mono response at 100 ms, dB */
  edc100ms: number;
  roughness: number | null;
  noiseRoughness: number;
  /** spread (sd over the seeds) of the noise reference: colouration differences below ~2× this are noise */
  noiseRoughnessSd: number;
  colouration: number | null;
  coherence: number | null;
}

interface Row {
  system: string;
  setT60: number | null;
  metrics: Metrics;
  cpuMsPerSecond: number | null;
  cpuNote?: string;
}

// ---------------------------------------------------------------- measurements

function measure(ir: StereoIR, fs: number): Metrics {
  const paths = [ir[0][0], ir[0][1], ir[1][0], ir[1][1]];
  const t60: number[] = [];
  const fitOk: boolean[] = [];
  for (const fc of BANDS) {
    const bands = paths.map((h) => octaveBand(h, fs, fc));
    const e = new Float64Array(bands[0].length);
    for (let i = 0; i < e.length; i++) {
      let s = 0;
      for (const b of bands) s += b[i] * b[i];
      e[i] = Math.sqrt(s);
    }
    t60.push(decayTime(e, fs, -5, -35));
    const edc = schroeder(e);
    fitOk.push(edc[edc.length - 1] < -35);
  }
  const n = Math.min(ir[0][0].length, ir[1][0].length);
  const mono = [0, 1].map((o) => {
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) y[i] = ir[0][o][i] + ir[1][o][i];
    return y;
  });
  // broadband EDC of the mono response: a metric taken where the tail is already gone measures the float noise floor
  const env = new Float64Array(n);
  for (let i = 0; i < n; i++) env[i] = Math.hypot(mono[0][i], mono[1][i]);
  const edc = schroeder(env);
  const ned80 = edc[Math.round(0.08 * fs)] > -60 ? (echoDensity(mono[0], fs, 0.08) + echoDensity(mono[1], fs, 0.08)) / 2 : null;
  const from = Math.round(0.1 * fs);
  const to = Math.round(0.6 * fs);
  // the noise reference's decay, and the test whether there is a tail at 0.1 s at all
  const tRef = t60.reduce((a, b) => a + b, 0) / t60.length;
  const tail = tRef >= 0.2;
  const roughness = tail ? (spectralRoughness(mono[0].subarray(from, to), fs) + spectralRoughness(mono[1].subarray(from, to), fs)) / 2 : null;
  // reference: white noise decaying at the system's own (mean measured) rate over the same span
  const refs: number[] = [];
  for (let s = 0; s < 8; s++) {
    const x = noise(to - from, 1000 + s);
    for (let i = 0; i < x.length; i++) x[i] *= 10 ** ((-3 * (from + i)) / fs / tRef);
    refs.push(spectralRoughness(x, fs));
  }
  const noiseRoughness = refs.reduce((a, b) => a + b, 0) / refs.length;
  const noiseRoughnessSd = Math.sqrt(refs.reduce((a, b) => a + (b - noiseRoughness) ** 2, 0) / (refs.length - 1));
  const coh = tail ? coherence(mono[0].subarray(from, Math.round(1.0 * fs)), mono[1].subarray(from, Math.round(1.0 * fs)), Math.round(0.001 * fs)) : null;
  return {
    t60,
    fitOk,
    ned80,
    edc100ms: edc[Math.round(0.1 * fs)],
    roughness,
    noiseRoughness,
    noiseRoughnessSd,
    colouration: roughness === null ? null : roughness - noiseRoughness,
    coherence: coh,
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// ---------------------------------------------------------------- gigscope (Node)

function gigscopeParams(type: number, decay: number): Record<string, number> {
  return {
    'reverb.on': 1,
    'reverb.type': type,
    'reverb.mix': 1,
    'reverb.predelay': 0,
    'reverb.decay': decay,
    'reverb.decay.low': 1,
    'reverb.damping': 0,
  };
}

/** The engine's impulse response with the dry impulse taken out (out = dry + mix·wet, limiter a pure delay). */
function gigscopeIR(type: number, decay: number): StereoIR {
  const n = LEAD + Math.round((1.5 * decay + 0.6) * SR);
  return [0, 1].map((e) => {
    const x = [new Float32Array(n), new Float32Array(n)];
    x[e][LEAD] = A;
    const { output, engine } = renderOffline(x, SR, { params: gigscopeParams(type, decay) });
    const at = LEAD + engine.latencyFrames;
    let peak = 0;
    for (const y of output) for (let i = 0; i < y.length; i++) peak = Math.max(peak, Math.abs(y[i]));
    if (peak > 0.85) throw new Error(`gigscope IR peak ${peak} is near the limiter's ceiling: the limiter may have acted`);
    return output.map((y, o) => {
      const h = y.slice(at);
      if (o === e) h[0] -= A;
      for (let i = 0; i < h.length; i++) h[i] /= A;
      return h;
    });
  });
}

/** Median µs per 128-frame block of the `effects` unit, one block timed at a time, per engine run. */
function gigscopeCpuRun(params: Record<string, number>, input: Float32Array[]): number {
  const effects = ENGINE_UNITS.findIndex((u) => u.id === 'effects');
  const inputUnit = ENGINE_UNITS.findIndex((u) => u.id === 'input');
  const engine = createEngine(SR, 2, RENDER_QUANTUM);
  for (const [id, v] of Object.entries(params)) engine.setParam(id, v);
  engine.reset();
  const times = new Float64Array(CPU_BLOCKS);
  let pos = 0;
  const step = (timed: boolean, b: number) => {
    if (pos + RENDER_QUANTUM > input[0].length) pos = 0;
    engine.inputs[0].set(input[0].subarray(pos, pos + RENDER_QUANTUM));
    engine.inputs[1].set(input[1].subarray(pos, pos + RENDER_QUANTUM));
    pos += RENDER_QUANTUM;
    engine.wasm.benchUnit(inputUnit, RENDER_QUANTUM); // the sanitised input the effects read
    const t0 = process.hrtime.bigint();
    engine.wasm.benchUnit(effects, RENDER_QUANTUM);
    if (timed) times[b] = Number(process.hrtime.bigint() - t0) / 1000;
  };
  for (let b = 0; b < 1000; b++) step(false, b); // warm-up (tier-up, caches)
  for (let b = 0; b < CPU_BLOCKS; b++) step(true, b);
  return median(Array.from(times));
}

const usPerBlockToMsPerSecond = (us: number) => (us * (SR / RENDER_QUANTUM)) / 1000;

// ---------------------------------------------------------------- Tone.js (Chromium)

function toneJsPath(): string {
  const p = join(process.cwd(), 'node_modules', 'tone', 'build', 'Tone.js');
  if (!existsSync(p)) throw new Error('node_modules/tone/build/Tone.js missing: npm install');
  return p;
}

/**
 * A temporary folder with a snapshot of dist/ (the gigscope worklet and engine) and Tone's UMD build,
 * served same-origin. The Node side loads its engine from the same snapshot, so a rebuild of dist/
 * during the run cannot mix two engines in one table.
 */
function makeSite(): string {
  if (!existsSync('dist/engine.wasm') || !existsSync('dist/gigscope-node.js')) throw new Error('dist/ is incomplete: run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'gigscope-reverb-'));
  for (const f of readdirSync('dist')) if (/\.(js|mjs|wasm|map)$/.test(f)) copyFileSync(join('dist', f), join(dir, f));
  copyFileSync(toneJsPath(), join(dir, 'Tone.js'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>reverb comparison</title><script src="Tone.js"></script>\n');
  return dir;
}

interface ToneSpec {
  kind: 'freeverb' | 'jcreverb';
  roomSize: number;
}

it('compares gigscope FDN / plate with Tone.js Freeverb / JCReverb', async () => {
  const started = Date.now();
  const log = (s: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${s}`);
  const dir = makeSite();
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const wasmBytes = readFileSync(join(dir, 'engine.wasm'));
  const wasmSha = createHash('sha256').update(wasmBytes).digest('hex').slice(0, 12);
  loadEngineModule(join(dir, 'engine.wasm')); // cached: every engine below is this one

  // --- gigscope: impulse responses and metrics
  const gigSystems = [
    { system: 'gigscope FDN', type: 0, decay: 1 },
    { system: 'gigscope FDN', type: 0, decay: 2 },
    { system: 'gigscope FDN', type: 0, decay: 5 },
    { system: 'gigscope plate', type: 1, decay: 2 },
  ];
  const rows: Row[] = [];
  for (const g of gigSystems) {
    const m = measure(gigscopeIR(g.type, g.decay), SR);
    rows.push({ system: `${g.system} T=${g.decay} s`, setT60: g.decay, metrics: m, cpuMsPerSecond: null });
    log(`${g.system} T=${g.decay}: measured`);
  }

  // --- gigscope CPU (Node): interleaved runs, median of run medians
  const cpuInput = [noise(SR * 10, 11, 0.25), noise(SR * 10, 12, 0.25)];
  const cpuConfigs = [...gigSystems.map((g) => gigscopeParams(g.type, g.decay)), { 'reverb.on': 0 }];
  const cpuRuns: number[][] = cpuConfigs.map(() => []);
  for (let r = 0; r < CPU_RUNS; r++) cpuConfigs.forEach((p, i) => cpuRuns[i].push(gigscopeCpuRun(p, cpuInput)));
  const gigUs = cpuRuns.map(median);
  gigSystems.forEach((_, i) => {
    rows[i].cpuMsPerSecond = usPerBlockToMsPerSecond(gigUs[i]);
    rows[i].cpuNote = `${gigUs[i].toFixed(2)} µs/block`;
  });
  const effectsOffUs = gigUs[gigUs.length - 1];
  log(`gigscope CPU (µs/block, effects unit): ${gigUs.map((u) => u.toFixed(2)).join(' / ')} (last: reverb off)`);

  // --- Tone.js in Chromium
  let server: Server | undefined;
  const browser = await launchChromium(['--autoplay-policy=no-user-gesture-required']);
  const browserRows: { system: string; grossMs: number[]; baseMs: number[]; msPerSecond: number }[] = [];
  let toneVersion = '';
  let chromeVersion = '';
  try {
    const s = await startServer({ dir, port: 0 });
    server = s.server;
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
    await page.goto(s.url);
    await page.waitForFunction(() => typeof (window as any).Tone !== 'undefined');
    toneVersion = await page.evaluate(() => (window as any).Tone.version as string);
    chromeVersion = browser.version();

    // in-page helpers, defined once
    await page.evaluate(() => {
      const w = window as any;
      const Tone = w.Tone;
      w.toB64 = (x: Float32Array) => {
        const bytes = new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
        let s = '';
        for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return btoa(s);
      };
      w.makeEffect = (spec: { kind: string; roomSize: number }) => {
        const fx = spec.kind === 'freeverb' ? new Tone.Freeverb({ roomSize: spec.roomSize, dampening: 3000 }) : new Tone.JCReverb({ roomSize: spec.roomSize });
        fx.wet.value = 1;
        return fx;
      };
      w.noiseBuffer = (seconds: number, sr: number) => {
        const b = new AudioBuffer({ numberOfChannels: 2, length: seconds * sr, sampleRate: sr });
        let s = 12345;
        for (let c = 0; c < 2; c++) {
          const d = b.getChannelData(c);
          for (let i = 0; i < d.length; i++) {
            s ^= s << 13;
            s >>>= 0;
            s ^= s >>> 17;
            s ^= s << 5;
            s >>>= 0;
            d[i] = 0.25 * (s / 2147483648 - 1);
          }
        }
        return b;
      };
    });

    /** Impulse into channel e (height A), `spec` null = straight through (checks where t = 0 lands). */
    const toneIR = async (spec: ToneSpec | null, seconds: number): Promise<StereoIR> => {
      const out: StereoIR = [];
      for (const e of [0, 1]) {
        const b64 = await page.evaluate(
          async ({ spec, e, seconds, sr, a }) => {
            const w = window as any;
            const Tone = w.Tone;
            const buf = await Tone.Offline(
              () => {
                const imp = new AudioBuffer({ numberOfChannels: 2, length: 256, sampleRate: sr });
                imp.getChannelData(e)[0] = a;
                const src = new Tone.ToneBufferSource(new Tone.ToneAudioBuffer(imp));
                if (spec) src.connect(w.makeEffect(spec).toDestination());
                else src.toDestination();
                src.start(0);
              },
              seconds,
              2,
              sr,
            );
            return [w.toB64(buf.getChannelData(0)), w.toB64(buf.getChannelData(1))] as string[];
          },
          { spec, e, seconds, sr: SR, a: A },
        );
        out.push(b64.map((s) => Float32Array.from(fromBase64(s), (v) => v / A)));
      }
      return out;
    };

    // t = 0 check: the impulse straight through Tone's graph lands at index 0
    const through = await toneIR(null, 0.1);
    const onset = through[0][0].findIndex((v) => v !== 0);
    if (onset !== 0 || Math.abs(through[0][0][0] - 1) > 1e-6) throw new Error(`Tone pass-through impulse at ${onset} (${through[0][0][onset]}), expected 1 at 0`);

    const toneSpecs: (ToneSpec & { label: string })[] = [
      { kind: 'freeverb', roomSize: 0.5, label: 'Tone Freeverb roomSize 0.5' },
      { kind: 'freeverb', roomSize: 0.8, label: 'Tone Freeverb roomSize 0.8' },
      { kind: 'freeverb', roomSize: 0.95, label: 'Tone Freeverb roomSize 0.95' },
      { kind: 'jcreverb', roomSize: 0.5, label: 'Tone JCReverb roomSize 0.5' },
      { kind: 'jcreverb', roomSize: 0.8, label: 'Tone JCReverb roomSize 0.8' },
      { kind: 'jcreverb', roomSize: 1, label: 'Tone JCReverb roomSize 1.0' },
    ];
    const toneRows: Row[] = [];
    for (const spec of toneSpecs) {
      const m = measure(await toneIR(spec, TONE_IR_SECONDS), SR);
      toneRows.push({ system: spec.label, setT60: null, metrics: m, cpuMsPerSecond: null });
      log(`${spec.label}: measured`);
    }

    // --- CPU in Chromium: render 10 s of noise, effect minus bare graph, interleaved pairs
    const toneRender = (spec: ToneSpec | null) =>
      page.evaluate(
        async ({ spec, seconds, sr }) => {
          const w = window as any;
          const Tone = w.Tone;
          w.cpuNoise ??= w.noiseBuffer(seconds, sr);
          const ctx = new Tone.OfflineContext(2, seconds, sr);
          const prev = Tone.getContext();
          Tone.setContext(ctx);
          const src = new Tone.ToneBufferSource(new Tone.ToneAudioBuffer(w.cpuNoise));
          if (spec) src.connect(w.makeEffect(spec).toDestination());
          else src.toDestination();
          src.start(0);
          Tone.setContext(prev);
          await ctx.workletsAreReady();
          const t0 = performance.now();
          await ctx.render(false);
          return performance.now() - t0;
        },
        { spec, seconds: TONE_CPU_SECONDS, sr: SR },
      );
    const gigRender = (params: Record<string, number>) =>
      page.evaluate(
        async ({ params, seconds, sr }) => {
          const w = window as any;
          w.cpuNoise ??= w.noiseBuffer(seconds, sr);
          // a literal import() here would be rewritten by vitest's transform; build it in the page instead
          const load = new Function('u', 'return import(u)') as (u: string) => Promise<any>;
          const { GigscopeNode } = await load(new URL('gigscope-node.js', location.href).href);
          const ctx = new OfflineAudioContext(2, seconds * sr, sr);
          const gig = await GigscopeNode.create(ctx, { channels: 2, params, baseUrl: location.href });
          const src = new AudioBufferSourceNode(ctx, { buffer: w.cpuNoise });
          src.connect(gig.node);
          gig.node.connect(ctx.destination);
          src.start(0);
          const t0 = performance.now();
          await ctx.startRendering();
          const ms = performance.now() - t0;
          gig.dispose?.();
          return ms;
        },
        { params, seconds: TONE_CPU_SECONDS, sr: SR },
      );
    await toneRender(null); // warm-up
    await toneRender(toneSpecs[0]);
    for (const [i, spec] of toneSpecs.entries()) {
      const gross: number[] = [];
      const base: number[] = [];
      for (let r = 0; r < TONE_CPU_PAIRS; r++) {
        base.push(await toneRender(null));
        gross.push(await toneRender(spec));
      }
      const net = (median(gross) - median(base)) / TONE_CPU_SECONDS;
      toneRows[i].cpuMsPerSecond = net;
      toneRows[i].cpuNote = `render ${median(gross).toFixed(0)} ms − bare ${median(base).toFixed(0)} ms per ${TONE_CPU_SECONDS} s`;
      browserRows.push({ system: spec.label, grossMs: gross, baseMs: base, msPerSecond: net });
      log(`${spec.label}: CPU ${net.toFixed(2)} ms/s`);
    }
    // gigscope's own worklet in the same browser, same render: reverb on minus reverb off
    await gigRender({}); // warm-up
    for (const g of [gigSystems[1], gigSystems[3]]) {
      const gross: number[] = [];
      const base: number[] = [];
      for (let r = 0; r < TONE_CPU_PAIRS; r++) {
        base.push(await gigRender({}));
        gross.push(await gigRender(gigscopeParams(g.type, g.decay)));
      }
      const net = (median(gross) - median(base)) / TONE_CPU_SECONDS;
      browserRows.push({ system: `${g.system} T=${g.decay} s (AudioWorklet, whole engine)`, grossMs: gross, baseMs: base, msPerSecond: net });
      log(`${g.system} T=${g.decay} in Chromium: CPU ${net.toFixed(2)} ms/s`);
    }
    rows.push(...toneRows);
  } finally {
    await browser.close();
    server?.close();
  }

  // --- the table
  const headers = ['system', 'set T60 s', 'T60 250', 'T60 1k', 'T60 4k', 'NED@80ms', 'colour dB', 'coherence', 'CPU ms/s audio', 'µs/128 block'];
  const t60Cell = (m: Metrics, b: number) => num(m.t60[b], 2) + (m.fitOk[b] ? '' : '*');
  const cells = rows.map((r) => [
    r.system,
    r.setT60 === null ? 'n/a' : num(r.setT60, 1),
    t60Cell(r.metrics, 0),
    t60Cell(r.metrics, 1),
    t60Cell(r.metrics, 2),
    num(r.metrics.ned80, 2),
    num(r.metrics.colouration, 2),
    num(r.metrics.coherence, 2),
    num(r.cpuMsPerSecond ?? undefined, 2),
    num(r.cpuMsPerSecond === null ? undefined : (r.cpuMsPerSecond * 1000) / (SR / RENDER_QUANTUM), 1),
  ]);
  const browserHeaders = ['in Chromium (OfflineAudioContext, 10 s stereo noise)', 'render ms (median)', 'without ms (median)', 'net ms/s audio'];
  const browserCells = browserRows.map((b) => [b.system, num(median(b.grossMs), 0), num(median(b.baseMs), 0), num(b.msPerSecond, 2)]);
  const md = (h: string[], body: string[][]) =>
    [`| ${h.join(' | ')} |`, `| ${h.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  const env = `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Chromium ${chromeVersion}, Tone.js ${toneVersion}, dist/engine.wasm sha256 ${wasmSha}…`;
  console.log(
    [
      '',
      `reverb comparison, ${new Date().toISOString().slice(0, 10)}: ${env}`,
      '',
      formatTable(headers, cells),
      '',
      `gigscope CPU: effects unit alone (wasm.benchUnit), median µs per 128-frame block × 375 blocks/s; with the reverb off it costs ${effectsOffUs.toFixed(2)} µs/block.`,
      `Tone CPU: (render − bare-graph render) of ${TONE_CPU_SECONDS} s of stereo noise in Chromium's OfflineAudioContext ÷ ${TONE_CPU_SECONDS}.`,
      `* = the band's energy decay curve did not reach −35 dB within the response (fit ran short).`,
      `- under NED = the response's EDC is below −60 dB at 80 ms; under colour/coherence (measured 0.1–0.6 s / 0.1–1 s) = mean T60 under 0.2 s: no tail left at 0.1 s.`,
      '',
      formatTable(browserHeaders, browserCells),
      '',
      '--- markdown ---',
      md(headers, cells),
      '',
      md(browserHeaders, browserCells),
      '',
      `roughness (dB): ${rows.map((r) => `${r.system}: ${num(r.metrics.roughness, 2)} vs noise ${r.metrics.noiseRoughness.toFixed(2)} ± ${r.metrics.noiseRoughnessSd.toFixed(2)}`).join('; ')}`,
      `EDC at 100 ms (dB): ${rows.map((r) => `${r.system}: ${r.metrics.edc100ms.toFixed(1)}`).join('; ')}`,
      `gigscope µs/block runs: ${cpuRuns.map((rs) => rs.map((u) => u.toFixed(2)).join(',')).join(' | ')}`,
    ].join('\n'),
  );
  if (process.env.REVERB_COMPARE_JSON) {
    writeFileSync(process.env.REVERB_COMPARE_JSON, JSON.stringify({ env, date: new Date().toISOString(), rows, browserRows, gigscopeUsPerBlock: { runs: cpuRuns, effectsOffUs } }, null, 2));
  }
});
