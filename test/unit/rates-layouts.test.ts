/**
 * Every sample rate, channel layout and block size the engine accepts gives
 * the same answers: the demo clip (A minor, 112 BPM), resampled from 44.1 kHz
 * to each rate from 8 to 192 kHz, played as 1, 2, 4 and 6 channels and fed in
 * blocks of 64 to 1024 frames, must come out with the same tempo (within 2 %),
 * the same key and the same strongest chroma classes. The clip's i–VI–III–VII
 * progression (Am F C G) leans towards the relative major while C and G sound,
 * and the key estimate swings between A minor and C major with it, so the
 * rates are held to the 44.1 kHz key reading for reading rather than to one
 * reading at one instant, where a near-tie can fall either way. Channels beyond the
 * first two skip the effects but share the limiter: they must come out
 * delayed by exactly the limiter's look-ahead, like channels 0–1.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { renderOffline, loadEngineModule } from '../../host/node-engine';
import { resample } from '../../host/impulse';
import { renderDemoClip } from '../../cli/demo-clip';
import { SNAPSHOT_FIELDS } from '../../params/table';
import { keyName } from '../../host/music-names';
import { noise, sine } from '../helpers/signals';
import { loadProcessor } from '../helpers/worklet-scope';

const BPM = 112;
const A_MINOR = 21;
const SOURCE_RATE = 44100;
/** the whole default clip: the key settles on A minor within it at every rate */
const SECONDS = 24;
const RATES = [8000, 16000, 22050, 44100, 48000, 88200, 96000, 176400, 192000];
const CHROMA_0 = SNAPSHOT_FIELDS.findIndex((f) => f.id === 'chroma.0');
const CHROMA_FRAME = SNAPSHOT_FIELDS.findIndex((f) => f.id === 'chroma.frame');
const PITCH = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'];

const source = renderDemoClip(SOURCE_RATE, SECONDS);

interface Heard {
  tempo: number;
  key: number;
  /** the key every half second over the last 12 s */
  keys: number[];
  /** chroma summed over every frame of the last 10 s, normalised to a peak of 1 */
  chroma: number[];
}

function listen(channels: Float32Array[], sr: number, blockSize = 128, params: Record<string, number> = {}): Heard {
  const sum = new Array(12).fill(0);
  let lastFrame = 0;
  let tempo = 0;
  let key = -1;
  const keys: number[] = [];
  const from = channels[0].length - 10 * sr;
  const keysFrom = channels[0].length - 12 * sr;
  let nextKeyAt = keysFrom;
  renderOffline(channels, sr, {
    blockSize,
    params,
    onBlock: (engine, end) => {
      const s = engine.snapshot;
      if (s[CHROMA_FRAME] !== lastFrame) {
        lastFrame = s[CHROMA_FRAME];
        if (end >= from) for (let k = 0; k < 12; k++) sum[k] += s[CHROMA_0 + k];
      }
      tempo = engine.read('beat.tempo');
      key = engine.read('key.index');
      if (end >= nextKeyAt) {
        keys.push(key);
        nextKeyAt += sr / 2;
      }
    },
  });
  const top = Math.max(...sum);
  return { tempo, key, keys, chroma: sum.map((v) => v / top) };
}

/** Pitch classes ranked by strength. */
const ranked = (chroma: number[]) => chroma.map((v, k) => [v, k] as const).sort((a, b) => b[0] - a[0]).map(([, k]) => k);

function cosine(a: number[], b: number[]): number {
  let ab = 0, aa = 0, bb = 0;
  for (let k = 0; k < a.length; k++) {
    ab += a[k] * b[k];
    aa += a[k] * a[k];
    bb += b[k] * b[k];
  }
  return ab / Math.sqrt(aa * bb);
}

const heardAt = new Map<number, Heard>();

describe('every sample rate', () => {
  beforeAll(() => {
    for (const sr of RATES) {
      const clip = sr === SOURCE_RATE ? source.channels : source.channels.map((c) => resample(c, SOURCE_RATE, sr));
      heardAt.set(sr, listen(clip, sr));
    }
    const rows = RATES.map((sr) => {
      const h = heardAt.get(sr)!;
      return `${sr / 1000} kHz: ${h.tempo.toFixed(2)} BPM, ${keyName(h.key)}, top ${ranked(h.chroma).slice(0, 4).map((k) => PITCH[k]).join(' ')}`;
    });
    console.log(rows.join('\n'));
  }, 120_000);

  it.each(RATES)('%i Hz: 112 BPM within 2 %', (sr) => {
    expect(Math.abs(heardAt.get(sr)!.tempo / BPM - 1)).toBeLessThanOrEqual(0.02);
  });

  it('44.1 kHz: A minor or its relative major throughout the last 12 s', () => {
    const keys = heardAt.get(SOURCE_RATE)!.keys;
    expect(keys.length).toBeGreaterThanOrEqual(23);
    for (const k of keys) expect([keyName(A_MINOR), 'C major']).toContain(keyName(k));
    expect(keys.filter((k) => k === A_MINOR).length).toBeGreaterThan(0);
  });

  it.each(RATES)('%i Hz: the same key as at 44.1 kHz, reading for reading', (sr) => {
    const ref = heardAt.get(SOURCE_RATE)!.keys;
    const keys = heardAt.get(sr)!.keys;
    const same = keys.filter((k, i) => k === ref[i]).length / ref.length;
    // a change of key may land one reading earlier or later at another rate
    expect(same).toBeGreaterThanOrEqual(0.9);
  });

  it.each(RATES)('%i Hz: the same strongest chroma classes as at 44.1 kHz', (sr) => {
    const ref = heardAt.get(SOURCE_RATE)!.chroma;
    const here = heardAt.get(sr)!.chroma;
    // the strongest class is the same, and the top three are the same set
    expect(ranked(here)[0]).toBe(ranked(ref)[0]);
    expect(new Set(ranked(here).slice(0, 3))).toEqual(new Set(ranked(ref).slice(0, 3)));
    expect(cosine(here, ref)).toBeGreaterThan(0.95);
  });

  it('the tempo spread over all nine rates is under 2 %', () => {
    const tempos = RATES.map((sr) => heardAt.get(sr)!.tempo);
    expect((Math.max(...tempos) - Math.min(...tempos)) / BPM).toBeLessThan(0.02);
  });
});

describe('channel layouts', () => {
  const sr = 48000;
  const clip = renderDemoClip(sr, SECONDS).channels;
  const [l, r] = clip;
  const mono = l.map((v, i) => 0.5 * (v + r[i]));

  it.each([
    [1, [mono]],
    [2, [l, r]],
    [4, [l, r, l, r]],
    [6, [l, r, mono, mono, l, r]],
  ] as const)('%i channels: same tempo, key and chroma as stereo', (_n, chans) => {
    const stereo = listen([l, r], sr);
    const h = listen([...chans], sr);
    expect(Math.abs(h.tempo / BPM - 1)).toBeLessThanOrEqual(0.02);
    expect(h.key).toBe(A_MINOR);
    expect(ranked(h.chroma)[0]).toBe(ranked(stereo.chroma)[0]);
    expect(cosine(h.chroma, stereo.chroma)).toBeGreaterThan(0.98);
  });

  it('channels 2–5 skip the effects but come out through the limiter, delayed exactly as channels 0–1', () => {
    const n = sr * 2;
    // distinct material on every channel, quiet enough that even boosted by the EQ and with the
    // repeats added, channels 0–1 stay under the ceiling: the (linked) limiter must not act here
    const chans = Array.from({ length: 6 }, (_, c) => noise(n, 40 + c, 0.1));
    // one click on every channel at the same frame, to see the alignment directly
    for (const ch of chans) ch[sr / 2] = 0.25;
    // effects on, so channels 0–1 are changed by them; bypass the chain to compare the dry delay
    const wet = { 'delay.on': 1, 'reverb.on': 1, 'eq.on': 1, 'eq.peak.gain': 6 };
    let deepest = 0;
    const { output, engine } = renderOffline(chans, sr, {
      params: wet,
      tailFrames: 256,
      onBlock: (e) => {
        deepest = Math.min(deepest, e.read('limiter.gr'));
      },
    });
    expect(deepest).toBe(0);
    const dry = renderOffline(chans, sr, { params: { ...wet, 'master.bypass': 1 }, tailFrames: 256 }).output;
    const L = engine.latencyFrames;
    expect(L).toBe(72);
    for (let c = 2; c < 6; c++) {
      // bit-exact copies of the input, L frames later, with the effects on or off
      for (let i = 0; i < n; i++) {
        if (output[c][i + L] !== chans[c][i]) throw new Error(`channel ${c} differs at ${i}`);
        if (dry[c][i + L] !== chans[c][i]) throw new Error(`channel ${c} (bypassed) differs at ${i}`);
      }
    }
    // channels 0–1 bypassed carry the same delay: the click lands on the same frame everywhere
    for (let c = 0; c < 6; c++) expect(dry[c][sr / 2 + L]).toBe(chans[c][sr / 2]);
    // and with the effects on, channels 0–1 really were processed
    let changed = 0;
    for (let i = 0; i < n; i++) if (output[0][i + L] !== chans[0][i]) changed++;
    expect(changed).toBeGreaterThan(n / 2);
  });

  it('a loud channel 5 ducks all six together (one linked gain), and channels 2+ follow the master gain', () => {
    const n = sr;
    const chans = Array.from({ length: 6 }, (_, c) => sine(n, 300 + 50 * c, sr, c === 5 ? 4 : 0.2));
    const { output, engine } = renderOffline(chans, sr, { params: { 'master.gain': -6 } });
    const L = engine.latencyFrames;
    const at = n / 2 + 11;
    const gains = chans.map((x, c) => output[c][at] / x[at - L]);
    for (let c = 0; c < 6; c++) expect(gains[c]).toBeCloseTo(gains[5], 4);
    // +12 dB −6 dB master is still over the ceiling, so the shared gain is below the master's
    expect(gains[0]).toBeLessThan(10 ** (-6 / 20));
    const quiet = renderOffline(chans.slice(0, 5), sr, { params: { 'master.gain': -6 } }).output;
    expect(quiet[4][at] / chans[4][at - L]).toBeCloseTo(10 ** (-6 / 20), 5);
  });
});

describe('render quanta other than 128 frames', () => {
  const sr = 48000;
  const clip = renderDemoClip(sr, SECONDS).channels;
  const dryFx = { 'delay.on': 1, 'comp.on': 1, 'gate.on': 1, 'eq.on': 1, 'eq.peak.gain': 6 };
  const fx = { ...dryFx, 'reverb.on': 1 };
  let ref: Heard;
  let refOut: Float32Array[];
  let refDry: Float32Array[];
  beforeAll(() => {
    ref = listen(clip, sr, 128, fx);
    refOut = renderOffline(clip, sr, { params: fx }).output;
    refDry = renderOffline(clip, sr, { params: dryFx }).output;
  });

  it.each([64, 256, 1024])('%i frames per process() call: same output, same tempo and key', (blockSize) => {
    // gate, compressor, EQ and delay work per sample: the output is the same to the bit
    const dry = renderOffline(clip, sr, { params: dryFx, blockSize }).output;
    for (let c = 0; c < 2; c++) {
      for (let i = 0; i < dry[c].length; i++) if (dry[c][i] !== refDry[c][i]) throw new Error(`block ${blockSize}: channel ${c} differs at ${i}`);
    }
    // the reverbs step their slow LFOs and gain glides once per block (docs/effects.md), so
    // their tails differ slightly with the block size: far below audibility against the music
    const out = renderOffline(clip, sr, { params: fx, blockSize }).output;
    let worst = 0;
    for (let c = 0; c < 2; c++) for (let i = 0; i < out[c].length; i++) worst = Math.max(worst, Math.abs(out[c][i] - refOut[c][i]));
    expect(20 * Math.log10(worst)).toBeLessThan(-40);
    const h = listen(clip, sr, blockSize, fx);
    expect(Math.abs(h.tempo / BPM - 1)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(h.tempo - ref.tempo) / BPM).toBeLessThanOrEqual(0.02);
    expect(h.key).toBe(A_MINOR);
    expect(cosine(h.chroma, ref.chroma)).toBeGreaterThan(0.98);
  });
});

describe('the worklet processor at every context rate', () => {
  type Processor = { process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean };
  let scope: Awaited<ReturnType<typeof loadProcessor<Processor>>>;
  const g = globalThis as Record<string, unknown>;

  beforeAll(async () => {
    scope = await loadProcessor<Processor>();
  });

  it.each(RATES.flatMap((sr) => [1, 2, 6].map((ch) => [sr, ch] as const)))('%i Hz, %i channels: ready, 1.5 ms look-ahead, audio through', async (sr, channels) => {
    // the scope's own sampleRate global is what the processor believes
    g.sampleRate = sr;
    const proc = new scope.Processor({ processorOptions: { module: loadEngineModule(), channels, sampleRate: sr, params: [], snapshotHz: 60 } });
    const port = scope.lastPort();
    const messages: { type: string; sampleRate?: number; latencyFrames?: number }[] = [];
    port.on('message', (m) => messages.push(m));
    const x = sine(128, 440, sr, 0.5);
    const out = Array.from({ length: channels }, () => new Float32Array(128));
    let loudest = 0;
    for (let i = 0; i < Math.ceil(sr / 128 / 4); i++) {
      expect(proc.process([Array.from({ length: channels }, () => x)], [out])).toBe(true);
      for (const o of out) for (const v of o) loudest = Math.max(loudest, Math.abs(v));
    }
    await new Promise((r) => setTimeout(r, 10));
    const ready = messages.find((m) => m.type === 'ready')!;
    expect(ready.sampleRate).toBe(sr);
    expect(Math.abs(ready.latencyFrames! / sr - 0.0015)).toBeLessThanOrEqual(0.5 / sr + 1e-9);
    expect(loudest).toBeCloseTo(0.5, 2);
    port.close();
  });
});
