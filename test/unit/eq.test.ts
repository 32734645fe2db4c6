/**
 * The equaliser, measured through the real engine (engine.wasm via the Node
 * host): magnitude responses against the RBJ cookbook designs, the high-pass
 * corner, transparency at 0 dB, glides without clicks, and the effect contract
 * (silence, switching, extremes, block-size independence, no allocation).
 *
 * The engine's output is delayed by the safety limiter's look-ahead
 * (engine.latencyFrames) and limited to −1 dBFS: levels here stay below it.
 */
import { describe, it, expect } from 'vitest';
import { createEngine, renderOffline } from '../../host/node-engine';
import { PARAMS } from '../../params/table';
import { noise, sine, peak, rms, db, allFinite, firstDifference, maxStep } from '../helpers/signals';
import { renderWithChanges, stepRatio, type Change } from '../helpers/changes';

const SR = 48000;
const CEILING = Math.fround(10 ** (-1 / 20));
const amp = (dbfs: number) => 10 ** (dbfs / 20);

// --- the reference: RBJ "Audio EQ Cookbook" designs in double precision -------

type Coeffs = [b0: number, b1: number, b2: number, a0: number, a1: number, a2: number];

function rbj(kind: 'hp' | 'ls' | 'pk' | 'hs', fs: number, f: number, db = 0, q = Math.SQRT1_2): Coeffs {
  const w = (2 * Math.PI * Math.min(f, 0.49 * fs)) / fs;
  const c = Math.cos(w);
  const s = Math.sin(w);
  const A = 10 ** (db / 40);
  if (kind === 'hp') {
    const al = s / (2 * q);
    return [(1 + c) / 2, -(1 + c), (1 + c) / 2, 1 + al, -2 * c, 1 - al];
  }
  if (kind === 'pk') {
    const al = s / (2 * q);
    return [1 + al * A, -2 * c, 1 - al * A, 1 + al / A, -2 * c, 1 - al / A];
  }
  // shelves with slope S = 1: alpha = sin(w)/2 · √2
  const al = (s / 2) * Math.SQRT2;
  const k = 2 * Math.sqrt(A) * al;
  if (kind === 'ls')
    return [A * (A + 1 - (A - 1) * c + k), 2 * A * (A - 1 - (A + 1) * c), A * (A + 1 - (A - 1) * c - k), A + 1 + (A - 1) * c + k, -2 * (A - 1 + (A + 1) * c), A + 1 + (A - 1) * c - k];
  return [A * (A + 1 + (A - 1) * c + k), -2 * A * (A - 1 + (A + 1) * c), A * (A + 1 + (A - 1) * c - k), A + 1 - (A - 1) * c + k, 2 * (A - 1 - (A + 1) * c), A + 1 - (A - 1) * c - k];
}

/** |H(e^{jω})| in dB of one section at frequency f. */
function magDb([b0, b1, b2, a0, a1, a2]: Coeffs, fs: number, f: number): number {
  const w = (2 * Math.PI * f) / fs;
  const re = (x0: number, x1: number, x2: number) => x0 + x1 * Math.cos(w) + x2 * Math.cos(2 * w);
  const im = (x1: number, x2: number) => -(x1 * Math.sin(w) + x2 * Math.sin(2 * w));
  const num = Math.hypot(re(b0, b1, b2), im(b1, b2));
  const den = Math.hypot(re(a0, a1, a2), im(a1, a2));
  return db(num / den);
}

/** EQ parameters by table id (defaults where absent). */
type EqId =
  | 'eq.highpass.freq'
  | 'eq.lowshelf.freq'
  | 'eq.lowshelf.gain'
  | 'eq.peak.freq'
  | 'eq.peak.gain'
  | 'eq.peak.q'
  | 'eq.highshelf.freq'
  | 'eq.highshelf.gain';
type EqParams = Partial<Record<EqId, number>>;

/** The EQ's defaults, from the parameter table. */
const EQ_DEFAULTS = Object.fromEntries(PARAMS.filter((p) => p.group === 'eq' && p.id !== 'eq.on').map((p) => [p.id, p.default])) as Required<EqParams>;

/** The whole EQ's expected response in dB at f (sections at 0 dB contribute exactly 0). */
function expectedDb(params: EqParams, f: number, fs = SR): number {
  const p = { ...EQ_DEFAULTS, ...params };
  let total = magDb(rbj('hp', fs, p['eq.highpass.freq']), fs, f);
  if (p['eq.lowshelf.gain']) total += magDb(rbj('ls', fs, p['eq.lowshelf.freq'], p['eq.lowshelf.gain']), fs, f);
  if (p['eq.peak.gain']) total += magDb(rbj('pk', fs, p['eq.peak.freq'], p['eq.peak.gain'], p['eq.peak.q']), fs, f);
  if (p['eq.highshelf.gain']) total += magDb(rbj('hs', fs, p['eq.highshelf.freq'], p['eq.highshelf.gain']), fs, f);
  return total;
}

/** Measured gain in dB at f: a steady sine through the engine, RMS out over RMS in on whole cycles after settling. */
function measureDb(p: EqParams, f: number): number {
  const n = SR / 2;
  const x = sine(n, f, SR, amp(-30));
  const { output, engine } = renderOffline([x, x], SR, { params: { 'eq.on': 1, ...p } });
  const L = engine.latencyFrames;
  const from = n / 2;
  const len = Math.floor(Math.floor(((n / 2 - L) * f) / SR) * (SR / f)); // whole cycles
  return db(rms(output[0], from + L, from + L + len) / rms(x, from, from + len));
}

const FREQS = [30, 60, 120, 250, 500, 1000, 2000, 4000, 6000, 10000, 16000];

describe('equaliser: magnitude response matches the RBJ designs within 0.3 dB', () => {
  it.each([
    ['low shelf 120 Hz +12 dB', { 'eq.lowshelf.freq': 120, 'eq.lowshelf.gain': 12 }],
    ['low shelf 300 Hz −12 dB', { 'eq.lowshelf.freq': 300, 'eq.lowshelf.gain': -12 }],
    ['peak 1 kHz +12 dB, Q 1', { 'eq.peak.freq': 1000, 'eq.peak.gain': 12, 'eq.peak.q': 1 }],
    ['peak 2 kHz −12 dB, Q 4', { 'eq.peak.freq': 2000, 'eq.peak.gain': -12, 'eq.peak.q': 4 }],
    ['peak 250 Hz +12 dB, Q 0.5', { 'eq.peak.freq': 250, 'eq.peak.gain': 12, 'eq.peak.q': 0.5 }],
    ['high shelf 6 kHz +12 dB', { 'eq.highshelf.freq': 6000, 'eq.highshelf.gain': 12 }],
    ['high shelf 3 kHz −12 dB', { 'eq.highshelf.freq': 3000, 'eq.highshelf.gain': -12 }],
    [
      'all four at once',
      {
        'eq.highpass.freq': 40,
        ...{ 'eq.lowshelf.freq': 200, 'eq.lowshelf.gain': 6 },
        ...{ 'eq.peak.freq': 2000, 'eq.peak.gain': -9, 'eq.peak.q': 2 },
        ...{ 'eq.highshelf.freq': 8000, 'eq.highshelf.gain': 12 },
      },
    ],
  ] as [string, EqParams][])('%s', (_, p) => {
    for (const f of FREQS) {
      const measured = measureDb(p, f);
      expect(Math.abs(measured - expectedDb(p, f)), `${f} Hz: measured ${measured.toFixed(2)} dB, design ${expectedDb(p, f).toFixed(2)} dB`).toBeLessThan(0.3);
    }
    // and the settings do something: the design's extremes are reached
    const gains = FREQS.map((f) => expectedDb(p, f));
    expect(Math.max(...gains.map(Math.abs))).toBeGreaterThan(8);
  });

  it.each([100, 200, 500, 20])('high-pass at %i Hz: −3 dB at the corner, 12 dB/octave below it', (fc) => {
    const p = { 'eq.highpass.freq': fc };
    const at = measureDb(p, fc);
    expect(at).toBeGreaterThan(-3.01 - 0.3);
    expect(at).toBeLessThan(-3.01 + 0.3);
    // the −3 dB point by interpolation between measurements a semitone either side
    const lo = fc / 2 ** (1 / 12);
    const hi = fc * 2 ** (1 / 12);
    const mLo = measureDb(p, lo);
    const mHi = measureDb(p, hi);
    const t = (-3.01 - mLo) / (mHi - mLo);
    const corner = lo * (hi / lo) ** t;
    expect(corner / fc).toBeGreaterThan(0.95);
    expect(corner / fc).toBeLessThan(1.05);
    // an octave below: a second-order Butterworth is at −10·log10(17) ≈ −12.3 dB (≈ −12 dB/oct)
    if (fc >= 100) expect(measureDb(p, fc / 2)).toBeCloseTo(-10 * Math.log10(17), 0);
    // two octaves above: flat
    if (fc >= 100) expect(Math.abs(measureDb(p, fc * 4))).toBeLessThan(0.05);
  });

  it('at neutral settings (0 dB, high-pass at 20 Hz) it is transparent across the band', () => {
    for (const f of [200, 1000, 5000, 15000]) expect(Math.abs(measureDb({}, f))).toBeLessThan(0.01);
  });
});

// ---------------------------------------------------------------------------

/**
 * The same with the second difference |y[n] − 2y[n−1] + y[n−2]|: a tone's is ω² times
 * its amplitude, a step's is the step itself, so a discontinuity stands out by
 * orders of magnitude while a change of level (or a swept filter's ringing near
 * the tone) only scales it.
 */
function curvatureRatio(input: Float32Array, output: Float32Array, maxGainDb: number, from = 2): number {
  const d2 = (x: Float32Array) => {
    let m = 0;
    for (let i = Math.max(2, from); i < x.length; i++) m = Math.max(m, Math.abs(x[i] - 2 * x[i - 1] + x[i - 2]));
    return m;
  };
  return d2(output) / (d2(input) * 10 ** (maxGainDb / 20));
}

/** The largest design gain at f along a glide from `a` to `b` (log for frequencies and Q, linear for dB), sampled finely. */
function maxGainAlong(a: EqParams, b: EqParams, f: number): number {
  let m = -Infinity;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof EqParams>;
  for (let k = 0; k <= 200; k++) {
    const t = k / 200;
    const p: EqParams = {};
    for (const key of keys) {
      const va = a[key] ?? EQ_DEFAULTS[key];
      const vb = b[key] ?? EQ_DEFAULTS[key];
      p[key] = key.endsWith('gain') ? va + t * (vb - va) : va * (vb / va) ** t;
    }
    m = Math.max(m, expectedDb(p, f));
  }
  return m;
}

const block = (s: number) => Math.round((s * SR) / 128) * 128;

describe('equaliser: glides', () => {
  it.each([
    ['peak gain −18 → +18 dB', { 'eq.peak.freq': 300, 'eq.peak.gain': -18 }, { 'eq.peak.gain': 18 }, 300],
    ['peak gain 0 (bypassed) → +18 dB', { 'eq.peak.freq': 300 }, { 'eq.peak.gain': 18 }, 300],
    ['peak gain +18 → 0 dB (then bypassed)', { 'eq.peak.freq': 300, 'eq.peak.gain': 18 }, { 'eq.peak.gain': 0 }, 300],
    ['peak freq 100 Hz → 8 kHz at +12 dB, Q 2', { 'eq.peak.freq': 100, 'eq.peak.gain': 12, 'eq.peak.q': 2 }, { 'eq.peak.freq': 8000 }, 220],
    // the narrowest notch swept past the tone faster than it can settle rings (±3 dB for ~10 ms): allowed, but no discontinuity
    ['peak freq 8 kHz → 100 Hz at −18 dB, Q 10', { 'eq.peak.freq': 8000, 'eq.peak.gain': -18, 'eq.peak.q': 10 }, { 'eq.peak.freq': 100 }, 220, 1.3],
    ['peak Q 0.2 → 10 at +18 dB', { 'eq.peak.freq': 300, 'eq.peak.gain': 18, 'eq.peak.q': 0.2 }, { 'eq.peak.q': 10 }, 200],
    ['low shelf gain −18 → +18 dB', { 'eq.lowshelf.freq': 200, 'eq.lowshelf.gain': -18 }, { 'eq.lowshelf.gain': 18 }, 100],
    ['low shelf freq 30 → 1000 Hz at +18 dB', { 'eq.lowshelf.freq': 30, 'eq.lowshelf.gain': 18 }, { 'eq.lowshelf.freq': 1000 }, 150],
    ['high shelf gain −18 → +18 dB', { 'eq.highshelf.freq': 1000, 'eq.highshelf.gain': -18 }, { 'eq.highshelf.gain': 18 }, 700],
    ['high shelf freq 16 kHz → 1 kHz at +18 dB', { 'eq.highshelf.freq': 16000, 'eq.highshelf.gain': 18 }, { 'eq.highshelf.freq': 1000 }, 700],
    ['high-pass 20 Hz → 1 kHz', {}, { 'eq.highpass.freq': 1000 }, 220],
    ['high-pass 1 kHz → 20 Hz', { 'eq.highpass.freq': 1000 }, { 'eq.highpass.freq': 20 }, 220],
    [
      'everything at once',
      { 'eq.highpass.freq': 20, 'eq.lowshelf.gain': -18, 'eq.peak.freq': 100, 'eq.peak.gain': 18, 'eq.highshelf.gain': -18 },
      { 'eq.highpass.freq': 300, 'eq.lowshelf.gain': 18, 'eq.peak.freq': 8000, 'eq.peak.gain': -18, 'eq.highshelf.gain': 18, 'eq.peak.q': 5 },
      220,
    ],
  ] as [string, EqParams, EqParams, number, number?][])('%s: glides without a click', (_, from, to, probe, allowance = 1.2) => {
    const n = 2 * SR;
    const x = sine(n, probe, SR, amp(-42)); // +18 dB stays far below the ceiling
    const at = block(1);
    const changes = Object.entries(to).map(([id, value]) => ({ frame: at, id, value }));
    const out = renderWithChanges([x, x], { 'eq.on': 1, ...from }, changes)[0];
    const bound = maxGainAlong(from, { ...from, ...to }, probe);
    // from 0.25 s before the change: the tone's own onset at t = 0 is a kink the boosts rightly exaggerate
    const from0 = at - SR / 4;
    expect(stepRatio(x, out, bound, from0)).toBeLessThan(allowance);
    expect(curvatureRatio(x, out, bound, from0)).toBeLessThan(allowance);
    // it really moved, and took the glide time (30 ms) rather than a jump
    const L = 72;
    const before = rms(out, at - 4800 + L, at + L);
    const after = rms(out, at + 9600 + L, at + 14400 + L);
    const expected = expectedDb({ ...from, ...to }, probe) - expectedDb(from, probe);
    expect(db(after / before)).toBeCloseTo(expected, 0);
    if (Math.abs(expected) > 6) {
      // over the first 5 ms (at least a cycle) the level is still nearer the start than the end
      const early = peak(out, at + L, at + L + Math.max(240, Math.ceil(SR / probe) + 1));
      expect(Math.abs(db(early / peak(out, at - 4800 + L, at + L)))).toBeLessThan(Math.abs(expected) / 2);
    }
  });

  it('a section glided back to 0 dB is skipped once settled: the output then equals an EQ that never moved, bit for bit', () => {
    const n = 2 * SR;
    const x = noise(n, 17, 0.1);
    const at = block(0.5);
    const out = renderWithChanges([x, x], { 'eq.on': 1, 'eq.peak.gain': 12, 'eq.peak.q': 10, 'eq.peak.freq': 100 }, [{ frame: at, id: 'eq.peak.gain', value: 0 }]);
    const ref = renderWithChanges([x, x], { 'eq.on': 1, 'eq.peak.freq': 100 }, []);
    expect(firstDifference(out[0].subarray(0, at), ref[0].subarray(0, at))).toBeGreaterThanOrEqual(0); // different before
    const settled = at + block(0.03 + 0.25 + 0.01);
    expect(firstDifference(out[0].subarray(settled), ref[0].subarray(settled))).toBe(-1);
    expect(firstDifference(out[1].subarray(settled), ref[1].subarray(settled))).toBe(-1);
    // and just before the skip the ringing had died away: no step at the switch
    expect(stepRatio(x, out[0], 12)).toBeLessThan(1.1);
  });
});

// ---------------------------------------------------------------------------

/** Every gain at +18 dB with the corners at the ends of their ranges, and the opposite. */
const EXTREME_UP = {
  'eq.on': 1,
  'eq.highpass.freq': 1000,
  ...{ 'eq.lowshelf.freq': 30, 'eq.lowshelf.gain': 18 },
  ...{ 'eq.peak.freq': 12000, 'eq.peak.gain': 18, 'eq.peak.q': 10 },
  ...{ 'eq.highshelf.freq': 16000, 'eq.highshelf.gain': 18 },
};
const EXTREME_DOWN = {
  'eq.highpass.freq': 20,
  ...{ 'eq.lowshelf.freq': 1000, 'eq.lowshelf.gain': -18 },
  ...{ 'eq.peak.freq': 100, 'eq.peak.gain': -18, 'eq.peak.q': 0.2 },
  ...{ 'eq.highshelf.freq': 1000, 'eq.highshelf.gain': -18 },
};

describe('equaliser contract', () => {
  it('silence in, exact silence out (10 s at +18 dB everywhere)', () => {
    const z = new Float32Array(10 * SR);
    const { output } = renderOffline([z, z], SR, { params: EXTREME_UP });
    expect(peak(output[0])).toBe(0);
    expect(peak(output[1])).toBe(0);
  });

  it('silence after sound decays to exact zeros (the filter state is flushed, no denormals)', () => {
    // the slowest ringing the table allows: +18 dB at Q 10 at 100 Hz, a pole radius with τ ≈ 2·Q·A/ω0 ≈ 90 ms;
    // from ~1 to the 1e-30 flush floor is 69 τ ≈ 6 s
    const x = new Float32Array(10 * SR);
    x.set(noise(SR / 2, 5, 0.3));
    const { output } = renderOffline([x, x], SR, { params: { ...EXTREME_UP, 'eq.highpass.freq': 20, 'eq.lowshelf.freq': 30, 'eq.peak.freq': 100 } });
    expect(peak(output[0], 9 * SR)).toBe(0);
    expect(peak(output[1], 9 * SR)).toBe(0);
  });

  it('switching on and off crossfades without a click', () => {
    const x = sine(3 * SR, 220, SR, amp(-30));
    const p = { 'eq.peak.freq': 220, 'eq.peak.gain': 12, 'eq.peak.q': 2, 'eq.lowshelf.gain': -12 };
    const changes: Change[] = [];
    for (let k = 1; k < 10; k++) changes.push({ frame: block(k * 0.3), id: 'eq.on', value: k % 2 });
    const out = renderWithChanges([x, x], p, changes)[0];
    expect(stepRatio(x, out, Math.max(0, expectedDb(p, 220)))).toBeLessThan(1.05);
    // on and off really differ
    expect(db(rms(out, block(0.45), block(0.55)) / rms(out, block(0.75), block(0.85)))).toBeCloseTo(expectedDb(p, 220), 0);
  });

  it('60 s of hot noise at extreme settings (±18 dB, corners at the range ends, +30 dB makeup before it): finite, bounded, no allocation', () => {
    const engine = createEngine(SR, 2);
    const first = { ...EXTREME_UP, 'comp.on': 1, 'comp.ratio': 20, 'comp.knee': 0, 'comp.makeup': 30, 'comp.threshold': -60 };
    for (const [id, v] of Object.entries(first)) engine.setParam(id, v);
    engine.reset();
    const top = engine.wasm.heapTop();
    const bytes = engine.wasm.memory.buffer.byteLength;
    const hot = noise(SR, 23, 8); // +18 dBFS
    const blocks = (60 * SR) / 128;
    let finite = true;
    let worst = 0;
    let energy = 0;
    for (let b = 0; b < blocks; b++) {
      const pos = (b * 128) % (SR - 128);
      const quiet = b % 1000 > 900;
      for (let c = 0; c < 2; c++) {
        if (quiet) engine.inputs[c].fill(b % 2 ? 0 : 1e-7);
        else engine.inputs[c].set(hot.subarray(pos, pos + 128));
      }
      if (b % 750 === 0) for (const [id, v] of Object.entries((b / 750) % 2 ? EXTREME_DOWN : EXTREME_UP)) engine.setParam(id, v);
      engine.process(128);
      for (let c = 0; c < 2; c++) {
        const o = engine.outputs[c];
        if (!allFinite(o)) finite = false;
        worst = Math.max(worst, peak(o));
        energy += o[0] * o[0];
      }
    }
    expect(finite).toBe(true);
    expect(worst).toBeLessThanOrEqual(CEILING);
    expect(energy).toBeGreaterThan(0);
    expect(engine.wasm.heapTop()).toBe(top);
    expect(engine.wasm.memory.buffer.byteLength).toBe(bytes);
  });

  it.each([8000, 22050, 44100, 96000, 192000])('stays stable at %i Hz with the corners at the range ends', (sr) => {
    const x = noise(2 * sr, 8, 2);
    for (const p of [EXTREME_UP, { ...EXTREME_UP, ...EXTREME_DOWN }]) {
      const { output } = renderOffline([x, x], sr, { params: p, tailFrames: sr });
      expect(allFinite(output[0])).toBe(true);
      expect(peak(output[0])).toBeLessThanOrEqual(CEILING);
      expect(peak(output[0], sr)).toBeGreaterThan(0.1);
      // and the tail dies away (slowly at 8 kHz: the cookbook peak's bandwidth shrinks near Nyquist)
      const tail = 2 * sr;
      expect(peak(output[0], tail + sr - Math.round(sr / 10), tail + sr)).toBeLessThan(peak(output[0], tail, tail + Math.round(sr / 10)) * 1e-2);
    }
  });

  it('the output does not depend on the host block size, even while parameters glide', () => {
    const n = SR;
    const x = noise(n, 31, 0.05);
    const y = sine(n, 330, SR, 0.05);
    const params = { 'eq.on': 1, 'eq.peak.gain': 6 };
    const changes: Change[] = [
      { frame: 12288, id: 'eq.peak.freq', value: 5000 },
      { frame: 12288, id: 'eq.lowshelf.gain', value: 9 },
      { frame: 24576, id: 'eq.highpass.freq', value: 300 },
      { frame: 24576, id: 'eq.peak.gain', value: 0 },
    ];
    const ref = renderWithChanges([x, y], params, changes, 128);
    for (const bs of [64, 256, 512]) {
      const out = renderWithChanges([x, y], params, changes, bs);
      expect(firstDifference(out[0], ref[0])).toBe(-1);
      expect(firstDifference(out[1], ref[1])).toBe(-1);
    }
  });
});
