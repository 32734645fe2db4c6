/**
 * The contract every effect keeps (STYLE.md, principle 12), driven from the
 * parameter table so a new parameter is covered the day it is added:
 * silence in → silence out, off is bit-exact, extreme settings stay finite and
 * bounded, and no parameter jump clicks.
 */
import { describe, it, expect } from 'vitest';
import { createEngine, renderOffline } from '../../host/node-engine';
import { PARAMS, isDiscrete, type ParamSpec } from '../../params/table';
import { sine, noise, firstDifference, allFinite, peak } from '../helpers/signals';

const SR = 48000;
const CEILING = Math.fround(10 ** (-1 / 20));

/** Each effect, switched on in a setting that makes it audible. */
const EFFECTS: Record<string, Record<string, number>> = {
  // a gate opening in 1 ms (its default attack) is a click by design; the contract uses a musical 10 ms
  gate: { 'gate.on': 1, 'gate.threshold': -30, 'gate.attack': 10 },
  comp: { 'comp.on': 1, 'comp.threshold': -30, 'comp.ratio': 4 },
  eq: { 'eq.on': 1, 'eq.lowshelf.gain': 6, 'eq.peak.gain': -6, 'eq.highshelf.gain': 6 },
  delay: { 'delay.on': 1, 'delay.mix': 0.5, 'delay.feedback': 0.5, 'delay.time': 200 },
  'reverb (fdn)': { 'reverb.on': 1, 'reverb.type': 0, 'reverb.mix': 0.5, 'reverb.decay': 1 },
  'reverb (plate)': { 'reverb.on': 1, 'reverb.type': 1, 'reverb.mix': 0.5, 'reverb.decay': 1 },
  'reverb (convolution)': { 'reverb.on': 1, 'reverb.type': 2, 'reverb.mix': 0.5 },
};

const groupOf = (name: string) => name.split(' ')[0];

/** Run `seconds` of audio through an engine with `params`, calling `at(t)` each block to change things. */
function run(params: Record<string, number>, input: Float32Array, at?: (engine: ReturnType<typeof createEngine>, t: number) => void): Float32Array {
  const engine = createEngine(SR, 2);
  for (const [k, v] of Object.entries(params)) engine.setParam(k, v);
  engine.reset();
  const out = new Float32Array(input.length);
  for (let t = 0; t + 128 <= input.length; t += 128) {
    at?.(engine, t);
    engine.inputs[0].set(input.subarray(t, t + 128));
    engine.inputs[1].set(input.subarray(t, t + 128));
    engine.process(128);
    out.set(engine.outputs[0], t);
  }
  return out;
}

/** Largest |second difference| in [from, to): steps and kinks show up here, a smooth signal stays small. */
function roughness(y: Float32Array, from: number, to: number): number {
  let m = 0;
  for (let i = Math.max(2, from); i < to; i++) m = Math.max(m, Math.abs(y[i] - 2 * y[i - 1] + y[i - 2]));
  return m;
}

describe.each(Object.keys(EFFECTS))('%s', (name) => {
  const on = EFFECTS[name];
  const group = groupOf(name);

  it('gives exact silence for silence', () => {
    const { output } = renderOffline([new Float32Array(SR), new Float32Array(SR)], SR, { params: on });
    expect(peak(output[0])).toBe(0);
    expect(peak(output[1])).toBe(0);
  });

  it('is bit-exact when off, including after it has played and its tail has died', () => {
    const x = noise(6 * SR, 3, 0.2);
    for (let i = 2 * SR; i < x.length; i++) x[i] = i < 5 * SR ? 0 : x[i]; // audio, 3 s of silence, audio
    const reference = run({}, x);
    const offKey = `${group}.on`;
    const toggled = run(on, x, (engine, t) => {
      if (t === 128 * 375) engine.setParam(offKey, 0); // off at 1 s
    });
    // from 5 s on (the tail gone, the effect skipped) identical to never having had it
    expect(firstDifference(toggled.subarray(5 * SR), reference.subarray(5 * SR))).toBe(-1);
  });

  it('stays finite and bounded for 60 s at extreme settings on hot input', () => {
    const extreme: Record<string, number> = { ...on };
    for (const p of PARAMS) if (p.group === group && !isDiscrete(p)) extreme[p.id] = p.max;
    extreme['master.gain'] = 12;
    const x = noise(60 * SR, 9, 1);
    const y = run(extreme, x);
    expect(allFinite(y)).toBe(true);
    expect(peak(y)).toBeLessThanOrEqual(CEILING);
  });

  const continuous = PARAMS.filter((p) => p.group === group && !isDiscrete(p));
  it.each(continuous.map((p) => [p.id, p] as const))('does not click when %s jumps across its range', (_id, p: ParamSpec) => {
    const x = sine(SR, 220, SR, 0.25);
    for (const [from, to] of [
      [p.min, p.max],
      [p.max, p.min],
    ]) {
      const y = run({ ...on, [p.id]: from }, x, (engine, t) => {
        if (t === 128 * 200) engine.setParam(p.id, to);
      });
      const jump = 128 * 200;
      const before = roughness(y, jump - 4800, jump);
      const after = roughness(y, jump, jump + 9600);
      // a pure 220 Hz tone's second difference is A·ω²; a step would be orders larger. The settled level
      // may legitimately be higher (a gain went up), so allow for the louder of the two sides.
      const level = Math.max(peak(y, jump - 4800, jump), peak(y, jump + 9600, jump + 19200), 1e-6);
      const tone = level * (2 * Math.PI * 220 / SR) ** 2;
      expect(after, `${p.id} ${from}→${to}: ${after} vs tone ${tone} (before ${before})`).toBeLessThan(Math.max(8 * tone, 1.5 * before));
    }
  });
});
