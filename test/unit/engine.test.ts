/**
 * The engine through the Node host: the ABI, the safety limiter, meters, master
 * gain and bypass, memory discipline. Everything here runs the real engine.wasm.
 */
import { describe, it, expect } from 'vitest';
import { createEngine, renderOffline, loadEngineModule } from '../../host/node-engine';
import { instantiateEngine, EngineHost, EngineError } from '../../host/engine';
import { noise, sine, square, peak, rms, db, allFinite, firstDifference } from '../helpers/signals';

/** The limiter's ceiling as the engine holds it (f32 of 10^(−1/20)). */
const CEILING = Math.fround(10 ** (-1 / 20));
const RATES = [8000, 22050, 44100, 48000, 96000, 192000];

describe('engine ABI', () => {
  it('memory is fixed: initial equals maximum, it cannot grow', () => {
    const wasm = instantiateEngine(loadEngineModule());
    const bytes = wasm.memory.buffer.byteLength;
    expect(bytes).toBeGreaterThan(0);
    expect(() => wasm.memory.grow(1)).toThrow();
    expect(wasm.memory.buffer.byteLength).toBe(bytes);
  });

  it('refuses rates, channel counts and block sizes outside its range with a clear error', () => {
    const wasm = instantiateEngine(loadEngineModule());
    expect(() => new EngineHost(wasm, 7999, 2)).toThrow(/sample rate 7999 Hz.*8000–192000/);
    expect(() => new EngineHost(wasm, 384000, 2)).toThrow(EngineError);
    expect(() => new EngineHost(wasm, 48000, 0)).toThrow(/0 channels/);
    expect(() => new EngineHost(wasm, 48000, 33)).toThrow(/33 channels/);
    expect(() => new EngineHost(wasm, 48000, 2, 0)).toThrow(/block size/);
    // and is still usable afterwards
    const ok = new EngineHost(wasm, 48000, 2);
    expect(ok.latencyFrames).toBe(72);
  });

  it('ten minutes of audio leave the memory size and the allocator state unchanged', () => {
    const sr = 48000;
    const engine = createEngine(sr, 2);
    const bytes = engine.wasm.memory.buffer.byteLength;
    const top = engine.wasm.heapTop();
    const block = noise(128, 7, 1.5); // loud enough to keep the limiter working
    const total = 10 * 60 * sr;
    let blocks = 0;
    for (let done = 0; done < total; done += 128) {
      engine.inputs[0].set(block);
      engine.inputs[1].set(block);
      if (blocks % 20000 === 0) engine.setParam('master.gain', (blocks / 20000) % 2 ? -6 : 3);
      engine.process(128);
      blocks++;
    }
    expect(blocks).toBe(225000);
    expect(engine.wasm.framesProcessed()).toBe(total);
    expect(engine.wasm.memory.buffer.byteLength).toBe(bytes);
    expect(engine.wasm.heapTop()).toBe(top);
    expect(peak(engine.outputs[0])).toBeLessThanOrEqual(CEILING);
  });

  it('re-initialising reuses the same memory', () => {
    const wasm = instantiateEngine(loadEngineModule());
    new EngineHost(wasm, 48000, 2);
    const top = wasm.heapTop();
    for (let i = 0; i < 50; i++) new EngineHost(wasm, RATES[i % RATES.length], 1 + (i % 8));
    new EngineHost(wasm, 48000, 2);
    expect(wasm.heapTop()).toBe(top);
  });

  it('the output does not depend on the block size the host chooses', () => {
    const sr = 44100;
    const x = noise(sr, 3, 2.5); // hot: the limiter is busy the whole time
    const y = sine(sr, 220, sr, 0.7);
    const ref = renderOffline([x, y], sr, { blockSize: 128 }).output;
    for (const blockSize of [1, 37, 64, 500, 4096]) {
      const out = renderOffline([x, y], sr, { blockSize }).output;
      expect(firstDifference(out[0], ref[0])).toBe(-1);
      expect(firstDifference(out[1], ref[1])).toBe(-1);
    }
  });

  it('silence in gives exact silence out', () => {
    const out = renderOffline([new Float32Array(48000), new Float32Array(48000)], 48000).output;
    expect(peak(out[0])).toBe(0);
    expect(peak(out[1])).toBe(0);
  });

  it('NaN, Inf and absurd values never reach the output', () => {
    const sr = 48000;
    const x = sine(sr, 440, sr, 0.5);
    for (let i = 1000; i < 1100; i++) x[i] = NaN;
    for (let i = 2000; i < 2100; i++) x[i] = i % 2 ? Infinity : -Infinity;
    for (let i = 3000; i < 3100; i++) x[i] = 1e30;
    x[4000] = 1e-40; // denormal
    const { output } = renderOffline([x], sr);
    expect(allFinite(output[0])).toBe(true);
    expect(peak(output[0])).toBeLessThanOrEqual(CEILING);
    // NaN and Inf became silence (delayed by the look-ahead)
    const L = 72;
    for (let i = 1000 + L; i < 1100 + L; i++) expect(output[0][i]).toBe(0);
  });
});

describe('safety limiter', () => {
  it('reports a look-ahead latency of at most 1.5 ms at every rate', () => {
    for (const sr of RATES) {
      const e = createEngine(sr, 2);
      expect(e.latencyFrames).toBeGreaterThanOrEqual(1);
      expect(e.latencyFrames / sr).toBeLessThanOrEqual(0.0015 + 0.5 / sr);
    }
  });

  it('is transparent below the ceiling: a delayed, bit-exact copy (the dry path carries the same latency)', () => {
    const sr = 48000;
    const x = noise(sr, 11, 0.85);
    const { output, engine } = renderOffline([x, x], sr, { tailFrames: 200 });
    const L = engine.latencyFrames;
    for (let i = 0; i < x.length; i++) if (output[0][i + L] !== x[i]) throw new Error(`differs at ${i}`);
    // with the effects bypassed the path is the same length
    const bypassed = renderOffline([x, x], sr, { params: { 'master.bypass': 1 }, tailFrames: 200 }).output;
    expect(firstDifference(bypassed[0], output[0])).toBe(-1);
  });

  it.each(RATES)('never overshoots −1 dBFS on a full-scale square wave, a 0 dBFS click and +24 dB noise at %i Hz', (sr) => {
    const n = sr; // one second
    const sq = square(n, 100, sr, 1);
    const click = new Float32Array(n);
    for (let k = 1; k < 10; k++) click[Math.floor((k * n) / 10)] = k % 2 ? 1 : -1;
    const hot = noise(n, 5, 1);
    for (const [x, gain] of [[sq, 0], [sq, 12], [click, 0], [hot, 24]] as const) {
      const { output } = renderOffline([x, x], sr, { params: { 'master.gain': gain }, tailFrames: 512 });
      expect(peak(output[0])).toBeLessThanOrEqual(CEILING);
      expect(peak(output[1])).toBeLessThanOrEqual(CEILING);
    }
  });

  it('lets a lone 0 dBFS click through at the ceiling, not squashed', () => {
    const sr = 48000;
    const x = new Float32Array(4800);
    x[1000] = 1;
    const { output, engine } = renderOffline([x], sr);
    expect(output[0][1000 + engine.latencyFrames]).toBeCloseTo(CEILING, 5);
  });

  it('ramps its gain down over the look-ahead, without a step (no click)', () => {
    const sr = 48000;
    const x = sine(sr, 1000, sr, 0.25);
    for (let i = sr / 2; i < sr; i++) x[i] *= 8; // +18 dB jump half-way
    const { output, engine } = renderOffline([x], sr);
    const L = engine.latencyFrames;
    // the applied gain y[n]/x[n−L], where the input is not near a zero crossing
    let prev = 1;
    let maxDelta = 0;
    for (let n = L; n < sr; n++) {
      const xin = x[n - L];
      if (Math.abs(xin) < 0.05) continue;
      const g = output[0][n] / xin;
      maxDelta = Math.max(maxDelta, Math.abs(g - prev));
      prev = g;
    }
    // a gain jump from 1 to ~0.45 spread over ≥ L frames, seen at most ~8 frames apart at 1 kHz
    expect(maxDelta).toBeLessThan(0.2);
    expect(peak(output[0])).toBeLessThanOrEqual(CEILING);
  });

  it('recovers after a loud burst (release) and reports the gain reduction', () => {
    const sr = 48000;
    const engine = createEngine(sr, 1);
    const loud = sine(128, 500, sr, 4);
    for (let i = 0; i < 100; i++) {
      engine.inputs[0].set(loud);
      engine.process(128);
    }
    expect(engine.read('limiter.gr')).toBeLessThan(-10);
    const quiet = sine(128, 500, sr, 0.1);
    for (let i = 0; i < Math.ceil((0.6 * sr) / 128); i++) {
      engine.inputs[0].set(quiet);
      engine.process(128);
    }
    expect(engine.read('limiter.gr')).toBeGreaterThan(-0.1);
  });

  it('links all channels of a 6-channel input: same gain, same delay', () => {
    const sr = 48000;
    const chans = Array.from({ length: 6 }, (_, c) => sine(sr, 200 + 100 * c, sr, c === 3 ? 3 : 0.3));
    const { output, engine } = renderOffline(chans, sr);
    const L = engine.latencyFrames;
    for (let c = 0; c < 6; c++) expect(peak(output[c])).toBeLessThanOrEqual(CEILING);
    // channel 0 is ducked with channel 3 (linked), and aligned: ratio = channel 3's ratio
    const n = sr / 2 + 17;
    const g3 = output[3][n] / chans[3][n - L];
    const g0 = output[0][n] / chans[0][n - L];
    expect(g0).toBeCloseTo(g3, 5);
    expect(g0).toBeLessThan(0.5);
  });
});

describe('meters', () => {
  it('read peak and RMS of a sine in dBFS', () => {
    const sr = 48000;
    const engine = createEngine(sr, 2);
    // three seconds: ten time constants of the 300 ms RMS integrator
    const x = sine(3 * sr, 1000, sr, 0.5);
    for (let i = 0; i + 128 <= x.length; i += 128) {
      engine.inputs[0].set(x.subarray(i, i + 128));
      engine.inputs[1].set(x.subarray(i, i + 128));
      engine.process(128);
    }
    expect(engine.read('in.peak.l')).toBeCloseTo(db(0.5), 1);
    expect(engine.read('in.rms.l')).toBeCloseTo(db(0.5 / Math.SQRT2), 1);
    expect(engine.read('out.peak.r')).toBeCloseTo(db(0.5), 1);
    expect(engine.read('time')).toBeCloseTo((Math.floor((3 * sr) / 128) * 128) / sr, 5);
  });

  it('hold a peak for 1.5 s, then let it fall', () => {
    const sr = 48000;
    const engine = createEngine(sr, 1);
    engine.inputs[0].fill(0);
    engine.inputs[0][5] = 0.5;
    engine.process(128);
    engine.inputs[0].fill(0);
    const blocksPerSecond = sr / 128;
    for (let i = 0; i < blocksPerSecond; i++) engine.process(128);
    expect(engine.read('in.hold.l')).toBeCloseTo(db(0.5), 3);
    expect(engine.read('in.peak.l')).toBe(-120);
    for (let i = 0; i < blocksPerSecond; i++) engine.process(128);
    const after2s = engine.read('in.hold.l');
    expect(after2s).toBeLessThan(db(0.5) - 5);
    expect(after2s).toBeGreaterThan(db(0.5) - 15);
  });

  it('show mono on both sides', () => {
    const engine = createEngine(48000, 1);
    engine.inputs[0].set(sine(128, 1000, 48000, 0.25));
    engine.process(128);
    expect(engine.read('in.peak.r')).toBe(engine.read('in.peak.l'));
  });
});

describe('master gain and bypass', () => {
  it('applies the master gain in dB', () => {
    const sr = 48000;
    const x = noise(sr, 2, 0.5);
    const { output, engine } = renderOffline([x], sr, { params: { 'master.gain': -6 } });
    const L = engine.latencyFrames;
    expect(db(rms(output[0], L) / rms(x, 0, x.length - L))).toBeCloseTo(-6, 1);
  });

  it('ramps gain changes over the smoothing time, no step', () => {
    const sr = 48000;
    const engine = createEngine(sr, 1);
    const out: number[] = [];
    const dc = new Float32Array(128).fill(0.5);
    for (let b = 0; b < 40; b++) {
      if (b === 10) engine.setParam('master.gain', -40);
      engine.inputs[0].set(dc);
      engine.process(128);
      out.push(...engine.outputs[0]);
    }
    let maxStep = 0;
    for (let i = 1; i < out.length; i++) maxStep = Math.max(maxStep, Math.abs(out[i] - out[i - 1]));
    // a 20 ms ramp from 0.5 to 0.005 moves at most 0.5/960 per sample (plus the DC's own onset)
    const onsetSkip = 72 + 1;
    let rampStep = 0;
    for (let i = onsetSkip + 1; i < out.length; i++) rampStep = Math.max(rampStep, Math.abs(out[i] - out[i - 1]));
    expect(rampStep).toBeLessThan(0.5 / 960 + 1e-6);
    expect(out[out.length - 1]).toBeCloseTo(0.005, 4);
    expect(maxStep).toBeLessThanOrEqual(0.5);
  });

  it('clamps parameter values to the table range and ignores NaN', () => {
    const engine = createEngine(48000, 2);
    engine.setParam('master.gain', 100);
    expect(engine.getParam('master.gain')).toBe(12);
    engine.setParam('master.gain', NaN);
    expect(engine.getParam('master.gain')).toBe(12);
    expect(() => engine.setParam('no.such', 1)).toThrow(/unknown parameter 'no.such'/);
  });
});
