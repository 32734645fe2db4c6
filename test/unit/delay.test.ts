/** The tempo delay through the real engine: exact timing, clean time changes, tape glides, tempo lock. */
import { describe, it, expect } from 'vitest';
import { renderOffline, createEngine } from '../../host/node-engine';
import { sine } from '../helpers/signals';
import { clickTrack, steadyBeats } from '../helpers/beats';

const SR = 48000;
const ON = { 'delay.on': 1, 'delay.mix': 1, 'delay.feedback': 0, 'delay.mod.depth': 0 };

/** Energy above 5 kHz, dB re the signal's energy: a 4th-order high-pass (two RBJ sections) in f64. */
function highBandDb(y: Float32Array, reference: Float32Array): number {
  const w = (2 * Math.PI * 5000) / SR;
  const alpha = Math.sin(w) / (2 * 0.7071);
  const c = Math.cos(w);
  const a0 = 1 + alpha;
  const b = [(1 + c) / 2 / a0, -(1 + c) / a0, (1 + c) / 2 / a0];
  const a = [(-2 * c) / a0, (1 - alpha) / a0];
  let x = Float64Array.from(y);
  for (let s = 0; s < 2; s++) {
    const out = new Float64Array(x.length);
    let z1 = 0;
    let z2 = 0;
    for (let i = 0; i < x.length; i++) {
      const v = b[0] * x[i] + z1;
      z1 = b[1] * x[i] - a[0] * v + z2;
      z2 = b[2] * x[i] - a[1] * v;
      out[i] = v;
    }
    x = out;
  }
  let e = 0;
  let r = 0;
  for (let i = 1000; i < x.length; i++) e += x[i] ** 2; // skip the filter's own start
  for (let i = 0; i < reference.length; i++) r += reference[i] ** 2;
  return 10 * Math.log10(e / r);
}

describe('tempo delay', () => {
  it.each([1, 100, 375.5, 1000, 4000])('delays by exactly %s ms (fixed setting)', (ms) => {
    const n = Math.round((ms / 1000) * SR) + 2000;
    const x = new Float32Array(n);
    x[10] = 0.5;
    const { output, engine } = renderOffline([x, x], SR, { params: { ...ON, 'delay.time': ms } });
    const L = engine.latencyFrames;
    const d = Math.round((ms / 1000) * SR * 16) / 16; // the engine keeps 1/16 sample
    if (Number.isInteger(d)) {
      // the repeat is one exact sample, 0.5, d samples after the dry one
      expect(output[0][10 + L]).toBe(0.5);
      expect(output[0][10 + L + d]).toBe(0.5);
      let rest = 0;
      output[0].forEach((v, i) => {
        if (i !== 10 + L && i !== 10 + L + d) rest = Math.max(rest, Math.abs(v));
      });
      expect(rest).toBe(0);
    } else {
      // fractional: the energy centre of the repeat sits at d
      let m = 0;
      let e = 0;
      for (let i = 10 + L + 5; i < n; i++) {
        m += i * output[0][i] ** 2;
        e += output[0][i] ** 2;
      }
      expect(Math.abs(m / e - (10 + L + d))).toBeLessThan(0.05);
    }
  });

  it('changes time in crossfade mode without a burst above 5 kHz (< −60 dB re the signal)', () => {
    const engine = createEngine(SR, 2);
    for (const [k, v] of Object.entries({ ...ON, 'delay.time': 250, 'delay.mode': 0, 'delay.mix': 0.5, 'delay.feedback': 0.3, 'delay.highcut': 20000, 'delay.lowcut': 20 })) engine.setParam(k, v);
    engine.reset();
    const x = sine(2 * SR, 440, SR, 0.3);
    const out = new Float32Array(x.length);
    for (let t = 0; t < x.length; t += 128) {
      if (t === 128 * 300) engine.setParam('delay.time', 730); // a big jump mid-note
      if (t === 128 * 500) engine.setParam('delay.time', 123);
      engine.inputs[0].set(x.subarray(t, t + 128));
      engine.inputs[1].set(x.subarray(t, t + 128));
      engine.process(128);
      out.set(engine.outputs[0], t);
    }
    const burst = highBandDb(out, x);
    console.log(`delay crossfade: energy above 5 kHz ${burst.toFixed(1)} dB re the signal`);
    expect(burst).toBeLessThan(-60);
  });

  it('bends pitch in tape mode only while the time glides', () => {
    const engine = createEngine(SR, 2);
    for (const [k, v] of Object.entries({ ...ON, 'delay.time': 300, 'delay.mode': 1, 'delay.mix': 1 })) engine.setParam(k, v);
    engine.reset();
    const x = sine(6 * SR, 1000, SR, 0.2);
    const out = new Float32Array(x.length);
    for (let t = 0; t < x.length; t += 128) {
      if (t === 128 * 600) engine.setParam('delay.time', 600); // at 1.6 s
      engine.inputs[0].set(x.subarray(t, t + 128));
      engine.inputs[1].set(x.subarray(t, t + 128));
      engine.process(128);
      out.set(engine.outputs[0], t);
    }
    // the wet alone: output minus the (delayed) dry
    const L = engine.latencyFrames;
    const wet = out.map((v, i) => v - (i >= L ? x[i - L] : 0));
    /** Frequency from zero crossings over [a, b) seconds. */
    const freq = (a: number, b: number) => {
      let crossings = 0;
      for (let i = Math.round(a * SR) + 1; i < Math.round(b * SR); i++) if (wet[i - 1] < 0 && wet[i] >= 0) crossings++;
      return crossings / (b - a);
    };
    expect(Math.abs(freq(1.0, 1.5) - 1000)).toBeLessThan(3); // steady before
    expect(freq(1.62, 1.75)).toBeLessThan(980); // gliding longer = pitch drops
    // a 300 ms jump at the tape's top speed (12 %) takes 2.5 s; after it, steady again
    expect(Math.abs(freq(5.0, 5.8) - 1000)).toBeLessThan(3);
  });

  it('locks a note division to the tracked tempo (1/8 at 120 BPM = 250 ms)', () => {
    const sr = 44100;
    const x = clickTrack(steadyBeats(120, 0.25, 12), 12, sr);
    const { output, engine } = renderOffline([x, x], sr, {
      params: { ...ON, 'delay.division': 4, 'delay.sync': 0, 'delay.bpm': 90, 'delay.mix': 1 },
    });
    const L = engine.latencyFrames;
    // after the tracker has locked, each click is followed by a repeat 250 ms later (not 333 ms from 90 BPM)
    const click = Math.round(10.25 * sr) + L;
    const window = (at: number) => {
      let e = 0;
      for (let i = at - 200; i < at + 800; i++) e += output[0][i] ** 2;
      return e;
    };
    expect(window(click + Math.round(0.25 * sr))).toBeGreaterThan(10 * window(click + Math.round(0.333 * sr)));
  });

  it('uses the fixed tempo when asked (1/4 at 90 BPM = 666.7 ms)', () => {
    const x = new Float32Array(SR * 2);
    x[100] = 0.5;
    const { output, engine } = renderOffline([x, x], SR, { params: { ...ON, 'delay.division': 3, 'delay.sync': 1, 'delay.bpm': 90 } });
    const at = 100 + engine.latencyFrames + Math.round((60 / 90) * SR);
    let peakAt = 0;
    for (let i = 100 + engine.latencyFrames + 10; i < output[0].length; i++) if (Math.abs(output[0][i]) > Math.abs(output[0][peakAt])) peakAt = i;
    expect(Math.abs(peakAt - at)).toBeLessThanOrEqual(1);
  });

  it('stays bounded with 110 % feedback (soft clipper) and holds repeats when frozen', () => {
    const x = new Float32Array(SR * 20);
    x.set(sine(SR / 4, 300, SR, 0.8));
    const { output } = renderOffline([x, x], SR, { params: { ...ON, 'delay.time': 100, 'delay.feedback': 1.1, 'delay.mix': 0.5 } });
    let finite = true;
    let late = 0;
    output[0].forEach((v, i) => {
      if (!Number.isFinite(v)) finite = false;
      if (i > 15 * SR) late = Math.max(late, Math.abs(v));
    });
    expect(finite).toBe(true);
    // it self-oscillates (feedback > 1) but is held near the clipper's ceiling, never runaway
    expect(late).toBeGreaterThan(0.05);
    expect(late).toBeLessThanOrEqual(0.8913);
  });

  it('ping-pongs: the first repeat on the left, the second on the right', () => {
    const x = new Float32Array(SR);
    x[10] = 0.5;
    const { output, engine } = renderOffline([x, x], SR, { params: { ...ON, 'delay.time': 100, 'delay.feedback': 0.5, 'delay.pingpong': 1, 'delay.lowcut': 20, 'delay.highcut': 20000 } });
    const L = engine.latencyFrames;
    const energy = (c: number, k: number) => {
      let e = 0;
      for (let i = 10 + L + k * 4800 - 50; i < 10 + L + k * 4800 + 200; i++) e += output[c][i] ** 2;
      return e;
    };
    expect(energy(0, 1)).toBeGreaterThan(100 * energy(1, 1));
    expect(energy(1, 2)).toBeGreaterThan(100 * energy(0, 2));
  });
});
