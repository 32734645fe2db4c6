/**
 * Noise gate and compressor, measured through the real engine (engine.wasm via
 * the Node host): the compressor's static curve and time constants, the gate's
 * range, hysteresis, hold and ramps, and the effect contract every insert
 * keeps — silence in gives silence out, neutral settings are transparent,
 * switching and parameter jumps do not click, extreme settings stay finite,
 * nothing allocates.
 *
 * The engine's output is the chain's output delayed by the safety limiter's
 * look-ahead (engine.latencyFrames) and limited to −1 dBFS, so every level here
 * stays below −1 dBFS at the output and output frame n + L is compared with
 * input frame n.
 */
import { describe, it, expect } from 'vitest';
import { createEngine, renderOffline } from '../../host/node-engine';
import { noise, sine, square, peak, rms, db, allFinite, firstDifference, maxStep } from '../helpers/signals';
import { renderWithChanges, stepRatio, type Change } from '../helpers/changes';

const SR = 48000;
const CEILING = Math.fround(10 ** (-1 / 20));
const amp = (dbfs: number) => 10 ** (dbfs / 20);

/** Per-frame applied gain in dB, out[n + L] / in[n], for a constant-magnitude input (square wave, DC). */
function gainTrack(input: Float32Array, output: Float32Array, latency: number): Float64Array {
  const g = new Float64Array(input.length - latency);
  for (let n = 0; n < g.length; n++) g[n] = db(Math.abs(output[n + latency] / input[n]));
  return g;
}

/** First index ≥ from where pred holds, or −1. */
function firstWhere(x: ArrayLike<number>, from: number, pred: (v: number) => boolean): number {
  for (let i = from; i < x.length; i++) if (pred(x[i])) return i;
  return -1;
}

/** The Giannoulis–Massberg–Reiss soft-knee static curve, output level in dB. */
function staticCurve(x: number, T: number, R: number, W: number): number {
  if (2 * (x - T) < -W) return x;
  if (W > 0 && 2 * Math.abs(x - T) <= W) return x + ((1 / R - 1) * (x - T + W / 2) ** 2) / (2 * W);
  return T + (x - T) / R;
}

// ---------------------------------------------------------------------------

describe('compressor', () => {
  /** Output level (dB, peak) of a steady 1 kHz sine at `level` dBFS peak through the compressor. */
  function steadyOut(level: number, params: Record<string, number>): number {
    const n = SR / 2;
    const x = sine(n, 1000, SR, amp(level));
    const { output } = renderOffline([x, x], SR, { params: { 'comp.on': 1, ...params } });
    return db(peak(output[0], n / 2));
  }

  it.each([
    [-30, 4, 6],
    [-40, 20, 0],
    [-20, 2, 12],
  ])('static curve: threshold %i dB, ratio %i:1, knee %i dB — steady sines land on T + (in − T)/R within 0.5 dB', (T, R, W) => {
    // a fast attack and a slow release make the detector settle on the sine's peak
    const params = { 'comp.threshold': T, 'comp.ratio': R, 'comp.knee': W, 'comp.attack': 1, 'comp.release': 1000 };
    for (const level of [-60, -50, T - W / 2 - 2, T, T + W / 2 + 1, T + 10, -6, -2]) {
      if (level > -2) continue;
      const out = steadyOut(level, params);
      expect(Math.abs(out - staticCurve(level, T, R, W)), `in ${level} dBFS`).toBeLessThan(0.5);
    }
  });

  it('the knee is smooth: through a 12 dB knee the curve follows the quadratic, its slope goes from 1 to 1/R without a corner', () => {
    const T = -30;
    const R = 8;
    const W = 12;
    const params = { 'comp.threshold': T, 'comp.ratio': R, 'comp.knee': W, 'comp.attack': 1, 'comp.release': 1000 };
    const levels: number[] = [];
    for (let x = T - W / 2 - 2; x <= T + W / 2 + 2; x += 1) levels.push(x);
    const outs = levels.map((x) => steadyOut(x, params));
    levels.forEach((x, i) => expect(Math.abs(outs[i] - staticCurve(x, T, R, W)), `in ${x}`).toBeLessThan(0.5));
    // slope per 1 dB step: never above 1 or below 1/R, and it falls steadily (no kink: small second differences)
    const slopes = outs.slice(1).map((o, i) => o - outs[i]);
    for (const s of slopes) {
      expect(s).toBeLessThanOrEqual(1.05);
      expect(s).toBeGreaterThanOrEqual(1 / R - 0.05);
    }
    for (let i = 1; i < slopes.length; i++) expect(Math.abs(slopes[i] - slopes[i - 1])).toBeLessThan(0.15);
    expect(slopes[0]).toBeGreaterThan(0.95);
    expect(slopes[slopes.length - 1]).toBeLessThan(1 / R + 0.05);
    // the hard knee, for contrast, turns the whole corner in one step
    const hard = [T - 1, T, T + 1].map((x) => steadyOut(x, { ...params, 'comp.knee': 0 }));
    expect(hard[1] - hard[0]).toBeGreaterThan(0.95);
    expect(hard[2] - hard[1]).toBeLessThan(1 / R + 0.05);
  });

  it('attack and release follow their time constants (gain trajectory on a square wave, one-pole in dB)', () => {
    const T = -30;
    const R = 20;
    const attack = 20;
    const release = 200;
    const n = 2 * SR;
    const x = square(n, 50, SR, amp(-40));
    const up = SR / 2;
    const down = SR;
    for (let i = up; i < down; i++) x[i] *= amp(30); // −40 → −10 dBFS
    const { output, engine } = renderOffline([x, x], SR, {
      params: { 'comp.on': 1, 'comp.threshold': T, 'comp.ratio': R, 'comp.knee': 0, 'comp.attack': attack, 'comp.release': release },
    });
    const g = gainTrack(x, output[0], engine.latencyFrames);
    const final = -20 * (1 - 1 / R); // −19 dB
    expect(g[up - 10]).toBeCloseTo(0, 4);
    expect(g[down - 10]).toBeCloseTo(final, 2);
    // attack: 1 − 1/e of the way in τ_A
    const tA = (firstWhere(g, up, (v) => v <= final * (1 - Math.exp(-1))) - up) / SR;
    expect(tA * 1000).toBeGreaterThan(attack * 0.95);
    expect(tA * 1000).toBeLessThan(attack * 1.05);
    // release: back to 1/e of the reduction in τ_R
    const tR = (firstWhere(g, down, (v) => v >= final * Math.exp(-1)) - down) / SR;
    expect(tR * 1000).toBeGreaterThan(release * 0.95);
    expect(tR * 1000).toBeLessThan(release * 1.05);
  });

  it('reports the deepest gain reduction of the block as comp.gr', () => {
    const engine = createEngine(SR, 2);
    for (const [id, v] of Object.entries({ 'comp.on': 1, 'comp.threshold': -30, 'comp.ratio': 20, 'comp.knee': 0, 'comp.attack': 1 })) engine.setParam(id, v);
    engine.reset();
    const x = square(128, 375, SR, amp(-10));
    for (let b = 0; b < 200; b++) {
      engine.inputs[0].set(x);
      engine.inputs[1].set(x);
      engine.process(128);
    }
    expect(engine.read('comp.gr')).toBeCloseTo(-19, 1);
  });

  it('links the channels: a loud left channel turns the quiet right one down by the same amount', () => {
    const n = SR / 2;
    const l = square(n, 100, SR, amp(-10));
    const r = square(n, 100, SR, amp(-50));
    const { output, engine } = renderOffline([l, r], SR, { params: { 'comp.on': 1, 'comp.threshold': -30, 'comp.ratio': 4, 'comp.knee': 0, 'comp.attack': 1 } });
    const gl = gainTrack(l, output[0], engine.latencyFrames);
    const gr = gainTrack(r, output[1], engine.latencyFrames);
    expect(gl[n - 500]).toBeCloseTo(-15, 1);
    expect(gr[n - 500]).toBeCloseTo(gl[n - 500], 3);
  });

  it('applies makeup gain in dB', () => {
    const n = SR / 2;
    const x = sine(n, 440, SR, amp(-40));
    const { output, engine } = renderOffline([x, x], SR, { params: { 'comp.on': 1, 'comp.ratio': 1, 'comp.makeup': 12 } });
    const L = engine.latencyFrames;
    expect(db(rms(output[0], L) / rms(x, 0, n - L))).toBeCloseTo(12, 2);
  });

  it('at ratio 1:1 and no makeup it is bit-exact', () => {
    const x = noise(SR, 4, 0.5);
    const off = renderOffline([x, x], SR).output;
    const on = renderOffline([x, x], SR, { params: { 'comp.on': 1, 'comp.ratio': 1, 'comp.threshold': -60 } }).output;
    expect(firstDifference(on[0], off[0])).toBe(-1);
    expect(firstDifference(on[1], off[1])).toBe(-1);
  });
});

// ---------------------------------------------------------------------------

describe('noise gate', () => {
  const gateParams = { 'gate.on': 1, 'gate.threshold': -40, 'gate.hysteresis': 6, 'gate.range': -30, 'gate.hold': 50, 'gate.attack': 1, 'gate.release': 120 };

  it('attenuates noise below the threshold by the range and reports it as gate.gr', () => {
    const n = SR;
    const x = noise(n, 9, amp(-60));
    const y = noise(n, 10, amp(-60));
    const { output, engine } = renderOffline([x, y], SR, { params: gateParams });
    const L = engine.latencyFrames;
    expect(db(rms(output[0], L) / rms(x, 0, n - L))).toBeCloseTo(-30, 2);
    expect(db(rms(output[1], L) / rms(y, 0, n - L))).toBeCloseTo(-30, 2);
    expect(engine.read('gate.gr')).toBeCloseTo(-30, 3);
  });

  it('passes a tone above the threshold within 0.1 dB (once open, bit-exact)', () => {
    const n = SR;
    const x = sine(n, 220, SR, amp(-20));
    const { output, engine } = renderOffline([x, x], SR, { params: gateParams });
    const L = engine.latencyFrames;
    const from = SR / 10;
    expect(Math.abs(db(rms(output[0], from + L) / rms(x, from, n - L)))).toBeLessThan(0.1);
    for (let i = from; i < n - L; i++) if (output[0][i + L] !== x[i]) throw new Error(`differs at ${i}`);
    expect(engine.read('gate.gr')).toBe(0);
  });

  /** Count open↔closed switches of gate.gr (per block) on a 1 kHz tone whose level wavers ±3 dB around the threshold. */
  function switchesOnWaveringTone(hysteresis: number): number {
    const n = 4 * SR;
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const levelDb = -40 + 3 * Math.sin((2 * Math.PI * 3 * i) / SR);
      x[i] = amp(levelDb) * Math.sin((2 * Math.PI * 1000 * i) / SR);
    }
    let state = 0;
    let switches = 0;
    renderOffline([x, x], SR, {
      params: { ...gateParams, 'gate.hysteresis': hysteresis, 'gate.hold': 0, 'gate.release': 20 },
      onBlock: (e) => {
        const gr = e.read('gate.gr');
        const s = gr > -1 ? 1 : gr < -29 ? -1 : state;
        if (state !== 0 && s !== state) switches++;
        state = s;
      },
    });
    return switches;
  }

  it('hysteresis prevents chatter on a level hovering at the threshold', () => {
    // ±3 dB around the threshold at 3 Hz for 4 s: with 6 dB of hysteresis it opens once and stays open
    expect(switchesOnWaveringTone(6)).toBeLessThanOrEqual(1);
    // without hysteresis (and no hold) the same signal makes it chatter at every dip
    expect(switchesOnWaveringTone(0)).toBeGreaterThanOrEqual(16);
  });

  /** Seconds from the end of a burst until the gate has closed 3 dB, read from gate.gr per block. */
  function closeDelay(hold: number): number {
    const n = 2 * SR;
    const x = sine(n, 1000, SR, amp(-20));
    const end = SR / 2;
    x.fill(0, end);
    let closedAt = -1;
    renderOffline([x, x], SR, {
      params: { ...gateParams, 'gate.hold': hold, 'gate.release': 5 },
      onBlock: (e, frame) => {
        if (closedAt < 0 && frame > end && e.read('gate.gr') < -3) closedAt = frame;
      },
    });
    return (closedAt - end) / SR;
  }

  it('holds open for `hold` ms after the level drops, then closes', () => {
    const d0 = closeDelay(0);
    const d300 = closeDelay(300);
    // the detector's 25 ms window, then the ramp (5 ms for 30 dB: 0.5 ms to −3 dB), to one block
    expect(d0 * 1000).toBeGreaterThan(24);
    expect(d0 * 1000).toBeLessThan(25 + 0.5 + 2 * (128 / 48));
    expect((d300 - d0) * 1000).toBeGreaterThan(300 - 128 / 48);
    expect((d300 - d0) * 1000).toBeLessThan(300 + 128 / 48);
  });

  it('opens along a straight line in amplitude over `attack` ms and closes along a straight line in dB over `release` ms', () => {
    const attack = 20;
    const release = 200;
    const n = 2 * SR;
    const x = square(n, 50, SR, amp(-60)); // below the close point: closed
    const on = SR / 2;
    const off = SR;
    for (let i = on; i < off; i++) x[i] *= amp(40); // −20 dBFS: open
    const { output, engine } = renderOffline([x, x], SR, {
      params: { ...gateParams, 'gate.range': -60, 'gate.hold': 0, 'gate.attack': attack, 'gate.release': release },
    });
    const g = gainTrack(x, output[0], engine.latencyFrames);
    expect(g[on - 10]).toBeCloseTo(-60, 3);
    // opening: linear amplitude from 0.001 to 1 in `attack` ms
    const frames = (attack / 1000) * SR;
    const full = firstWhere(g, on, (v) => v === 0);
    expect(Math.abs(full - on - frames)).toBeLessThanOrEqual(2);
    const mid = on + frames / 2;
    expect(10 ** (g[mid] / 20)).toBeCloseTo(0.5 + 0.5 * 0.001, 2);
    // closing after the detector window: −60 dB in `release` ms, at a constant dB rate
    const start = firstWhere(g, off, (v) => v < 0);
    expect((start - off) / SR).toBeCloseTo(0.025, 3);
    const rate = 60 / ((release / 1000) * SR); // dB per frame
    for (const t of [0.25, 0.5, 0.75]) {
      const k = start + Math.round(t * (release / 1000) * SR);
      expect(g[k]).toBeCloseTo(-rate * (k - start), 1);
    }
    const closed = firstWhere(g, start, (v) => v <= -60 + 1e-3);
    expect(Math.abs(closed - start - (release / 1000) * SR)).toBeLessThanOrEqual(2);
  });

  it('links the channels: a tone on the left opens the gate for the right', () => {
    const n = SR / 2;
    const l = sine(n, 300, SR, amp(-20));
    const r = noise(n, 3, amp(-70));
    const { output, engine } = renderOffline([l, r], SR, { params: gateParams });
    const L = engine.latencyFrames;
    expect(db(rms(output[1], SR / 10 + L) / rms(r, SR / 10, n - L))).toBeCloseTo(0, 3);
  });
});

// ---------------------------------------------------------------------------

describe('dynamics contract', () => {
  const units = {
    gate: { 'gate.on': 1, 'gate.threshold': -30, 'gate.range': -90, 'gate.hold': 0, 'gate.attack': 0.1, 'gate.release': 5 },
    comp: { 'comp.on': 1, 'comp.threshold': -50, 'comp.ratio': 20, 'comp.knee': 0, 'comp.makeup': 30, 'comp.attack': 0.1 },
  };

  it.each(Object.entries(units))('%s: silence in, exact silence out (10 s, extreme settings)', (_, params) => {
    const z = new Float32Array(10 * SR);
    const { output } = renderOffline([z, z], SR, { params });
    expect(peak(output[0])).toBe(0);
    expect(peak(output[1])).toBe(0);
  });

  it('gate at neutral settings (threshold −90 dB): a tone comes through bit-exact once open', () => {
    const x = noise(SR, 12, 0.3);
    const off = renderOffline([x, x], SR).output;
    const { output, engine } = renderOffline([x, x], SR, { params: { 'gate.on': 1, 'gate.threshold': -90 } });
    const from = 2 * 48 + engine.latencyFrames; // the 1 ms opening ramp from reset, then exact
    expect(firstDifference(output[0].subarray(from), off[0].subarray(from))).toBe(-1);
  });

  /** A 220 Hz tone: its own steps are small, so a click stands out. */
  const tone = (level: number) => sine(3 * SR, 220, SR, amp(level));
  const block = (s: number) => Math.round((s * SR) / 128) * 128;

  it.each([
    ['gate (closing on a quiet tone)', { 'gate.threshold': -20, 'gate.range': -60 }, 'gate.on', -30, 0],
    ['compressor (−20 dB of reduction, +12 dB makeup)', { 'comp.threshold': -40, 'comp.ratio': 10, 'comp.makeup': 12, 'comp.attack': 0.1 }, 'comp.on', -12, 12],
  ] as const)('%s: switching on and off crossfades without a click', (_, params, sw, level, maxGainDb) => {
    const x = tone(level);
    const changes: Change[] = [];
    for (let k = 1; k < 10; k++) changes.push({ frame: block(k * 0.3), id: sw, value: k % 2 });
    const out = renderWithChanges([x, x], params, changes);
    expect(stepRatio(x, out[0], maxGainDb)).toBeLessThan(1.05);
    // and the switch really happens (on during 0.3–0.6 s, off during 0.6–0.9 s)
    expect(Math.abs(db(rms(out[0], block(0.45), block(0.55)) / rms(out[0], block(0.75), block(0.85))))).toBeGreaterThan(6);
  });

  it.each([
    ['comp.threshold −60 → 0 dB', { 'comp.on': 1, 'comp.threshold': -60, 'comp.ratio': 8, 'comp.knee': 0, 'comp.attack': 0.1, 'comp.release': 10 }, 'comp.threshold', 0, -12, 0],
    ['comp.threshold 0 → −60 dB', { 'comp.on': 1, 'comp.threshold': 0, 'comp.ratio': 8, 'comp.knee': 0, 'comp.attack': 0.1, 'comp.release': 10 }, 'comp.threshold', -60, -12, 0],
    ['comp.ratio 1 → 20', { 'comp.on': 1, 'comp.threshold': -50, 'comp.ratio': 1, 'comp.knee': 0, 'comp.attack': 0.1 }, 'comp.ratio', 20, -12, 0],
    ['comp.knee 0 → 24 dB', { 'comp.on': 1, 'comp.threshold': -20, 'comp.ratio': 20, 'comp.knee': 0, 'comp.attack': 0.1 }, 'comp.knee', 24, -20, 0],
    ['comp.makeup 0 → 30 dB', { 'comp.on': 1, 'comp.ratio': 1 }, 'comp.makeup', 30, -40, 30],
    ['gate.range −90 → 0 dB while closed', { 'gate.on': 1, 'gate.threshold': -20, 'gate.range': -90 }, 'gate.range', 0, -30, 0],
    ['gate.range 0 → −90 dB while closed', { 'gate.on': 1, 'gate.threshold': -20, 'gate.range': 0 }, 'gate.range', -90, -30, 0],
    ['gate.threshold −90 → 0 dB (closes)', { 'gate.on': 1, 'gate.threshold': -90 }, 'gate.threshold', 0, -30, 0],
    ['gate.threshold 0 → −90 dB (opens, 10 ms attack)', { 'gate.on': 1, 'gate.threshold': 0, 'gate.attack': 10 }, 'gate.threshold', -90, -30, 0],
  ] as const)('%s: the jump glides, no click', (_, params, id, to, level, maxGainDb) => {
    const x = tone(level);
    const out = renderWithChanges([x, x], params, [{ frame: block(1.5), id, value: to }]);
    expect(stepRatio(x, out[0], maxGainDb)).toBeLessThan(1.05);
    // the jump did change the level
    const before = rms(out[0], block(1.2), block(1.45));
    const after = rms(out[0], block(2.6), block(2.95));
    expect(Math.abs(db(after / before))).toBeGreaterThan(2);
  });

  it('60 s of hot noise at extreme settings, with parameter jumps: finite, bounded, no allocation', () => {
    const engine = createEngine(SR, 2);
    const extremes: Record<string, number>[] = [
      {
        ...{ 'gate.on': 1, 'gate.threshold': -30, 'gate.hysteresis': 0, 'gate.hold': 0, 'gate.range': -90, 'gate.attack': 0.1, 'gate.release': 5 },
        ...{ 'comp.on': 1, 'comp.threshold': -60, 'comp.ratio': 20, 'comp.knee': 0, 'comp.makeup': 30, 'comp.attack': 0.1, 'comp.release': 10 },
      },
      {
        ...{ 'gate.threshold': 0, 'gate.range': 0, 'gate.hysteresis': 24, 'gate.hold': 1000, 'gate.attack': 50, 'gate.release': 2000 },
        ...{ 'comp.threshold': 0, 'comp.ratio': 1, 'comp.knee': 24, 'comp.makeup': 0, 'comp.attack': 200, 'comp.release': 3000 },
      },
    ];
    for (const [id, v] of Object.entries(extremes[0])) engine.setParam(id, v);
    engine.reset();
    const top = engine.wasm.heapTop();
    const bytes = engine.wasm.memory.buffer.byteLength;
    const hot = noise(SR, 21, 8); // +18 dBFS
    const blocks = (60 * SR) / 128;
    let worst = 0;
    let finite = true;
    let energy = 0;
    for (let b = 0; b < blocks; b++) {
      const pos = (b * 128) % (SR - 128);
      const quiet = b % 1000 > 900; // some silence and near-silence too
      for (let c = 0; c < 2; c++) {
        const dst = engine.inputs[c];
        if (quiet) dst.fill(b % 2 ? 0 : 1e-7);
        else dst.set(hot.subarray(pos, pos + 128));
      }
      if (b % 750 === 0) for (const [id, v] of Object.entries(extremes[(b / 750) % 2])) engine.setParam(id, v);
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

  it('the output does not depend on the host block size, even while parameters glide', () => {
    const n = SR;
    const x = noise(n, 31, 0.3);
    const y = sine(n, 330, SR, 0.2);
    const params = { 'gate.on': 1, 'gate.threshold': -12, 'comp.on': 1, 'comp.threshold': -30 };
    const changes: Change[] = [
      { frame: 12288, id: 'gate.threshold', value: -40 },
      { frame: 12288, id: 'gate.range', value: -20 },
      { frame: 24576, id: 'comp.threshold', value: -10 },
      { frame: 24576, id: 'comp.makeup', value: 6 },
    ];
    const ref = renderWithChanges([x, y], params, changes, 128);
    for (const bs of [64, 256, 512]) {
      const out = renderWithChanges([x, y], params, changes, bs);
      expect(firstDifference(out[0], ref[0])).toBe(-1);
      expect(firstDifference(out[1], ref[1])).toBe(-1);
    }
  });
});
