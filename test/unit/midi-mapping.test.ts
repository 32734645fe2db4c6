/**
 * The MIDI layer's pure logic (ui/midi/), with no browser: decoding bytes,
 * 14-bit pairs, curves and ranges through the table's scaling, soft takeover,
 * the router that applies mappings, learn, and the mapping store.
 */
import { describe, it, expect } from 'vitest';
import { fromNormalized, paramSpec, toNormalized } from '../../params/table';
import type { MidiMapping } from '../../presets/midi-mapping';
import { decodeMidi, isWellFormedMidi, type MidiEvent } from '../../ui/midi/midi-message';
import { Cc14Pairs } from '../../ui/midi/cc14';
import { controlToTravel, shapeCurve, travelToValue, unshapeCurve } from '../../ui/midi/mapping-curve';
import { SoftTakeover } from '../../ui/midi/soft-takeover';
import { MidiRouter, type ParamTarget } from '../../ui/midi/mapping-router';
import { MidiLearn, PAIR_WINDOW_MS } from '../../ui/midi/midi-learn';
import { MappingStore, STORAGE_KEY, type MappingStorage } from '../../ui/midi/mapping-store';

/** A stand-in for AudioSession: clamps and rounds like it, and records every call. */
class FakeSession implements ParamTarget {
  values: Record<string, number> = {};
  calls: Array<[string, number]> = [];
  setParam(id: string, value: number): number {
    const spec = paramSpec(id)!;
    this.calls.push([id, value]);
    if (spec.scaling === 'trigger') return 0;
    let v = Math.min(spec.max, Math.max(spec.min, value));
    if (['toggle', 'choice', 'integer'].includes(spec.scaling)) v = Math.round(v);
    this.values[id] = v;
    return v;
  }
  constructor() {
    for (const id of ['master.gain', 'master.bypass', 'reverb.mix', 'eq.peak.freq', 'reverb.type', 'delay.freeze']) this.values[id] = paramSpec(id)!.default;
  }
}

const cc = (number: number, value: number, channel = 1): MidiEvent => ({ kind: 'cc', channel, number, value });

describe('decodeMidi', () => {
  it('decodes the channel messages a controller sends', () => {
    expect(decodeMidi(new Uint8Array([0xb0, 16, 100]))).toEqual({ kind: 'cc', channel: 1, number: 16, value: 100 });
    expect(decodeMidi([0x9f, 60, 90])).toEqual({ kind: 'noteon', channel: 16, number: 60, velocity: 90 });
    expect(decodeMidi([0x93, 60, 0])).toEqual({ kind: 'noteoff', channel: 4, number: 60 });
    expect(decodeMidi([0x80, 60, 64])).toEqual({ kind: 'noteoff', channel: 1, number: 60 });
    // pitch bend: LSB then MSB on the wire
    expect(decodeMidi([0xe0, 0x7f, 0x7f])).toEqual({ kind: 'pitchbend', channel: 1, value: 16383 });
    expect(decodeMidi([0xe0, 0, 0x40])).toEqual({ kind: 'pitchbend', channel: 1, value: 8192 });
    expect(decodeMidi([0xc2, 5])).toEqual({ kind: 'program', channel: 3, number: 5 });
  });

  it('returns null for anything else, never throws', () => {
    const garbage: unknown[] = [
      null, undefined, [], [0xb0], [0xb0, 16], [0x10, 20, 30], [0xb0, 200, 1], [0xb0, 1, 128], [0xb0, 1.5, 3],
      [0xf8], [0xfa], [0xf0, 0x7e, 0x7f, 0xf7], [0xa0, 60, 10], [0xd0, 10], [NaN, 1, 2], ['x', 1, 2], [0xb0, -1, 3],
    ];
    for (const g of garbage) expect(decodeMidi(g as ArrayLike<number>)).toBeNull();
    // random bytes: total
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 300) - 20;
    for (let i = 0; i < 5000; i++) expect(() => decodeMidi(Array.from({ length: i % 5 }, rnd))).not.toThrow();
  });
});

describe('isWellFormedMidi', () => {
  it('accepts exactly the complete messages a browser delivers', () => {
    for (const ok of [[0xb0, 1, 2], [0xc0, 5], [0xd3, 9], [0xe0, 0, 64], [0xf8], [0xfa], [0xf2, 1, 2], [0xf0, 0x7e, 1, 0xf7]]) expect(isWellFormedMidi(ok)).toBe(true);
    for (const bad of [[], [0x05], [0xb0], [0xb0, 1], [0xb0, 1, 2, 3], [0xc0], [0xc0, 1, 2], [0xb0, 128, 0], [0xf4], [0xf9], [0xf0, 1, 2], [0xf2, 1], [0xf8, 1]]) {
      expect(isWellFormedMidi(bad)).toBe(false);
    }
  });
});

describe('Cc14Pairs', () => {
  it('assembles MSB + LSB, resets the LSB on a new MSB, ignores an LSB with no MSB', () => {
    const p = new Cc14Pairs();
    expect(p.lsb('A', 1, 7, 5)).toBeNull();
    expect(p.msb('A', 1, 7, 64)).toBe(8192);
    expect(p.lsb('A', 1, 7, 5)).toBe(8197);
    expect(p.msb('A', 1, 7, 127)).toBe(127 << 7);
    expect(p.lsb('A', 1, 7, 127)).toBe(16383);
    // other ports and channels are separate pairs
    expect(p.lsb('B', 1, 7, 1)).toBeNull();
    expect(p.lsb('A', 2, 7, 1)).toBeNull();
  });
});

describe('curves and ranges', () => {
  it('exp and log are monotonic inverses with fixed ends', () => {
    for (const c of ['linear', 'exp', 'log'] as const) {
      expect(shapeCurve(0, c)).toBe(0);
      expect(shapeCurve(1, c)).toBeCloseTo(1, 12);
      let prev = -1;
      for (let i = 0; i <= 100; i++) {
        const x = i / 100;
        const y = shapeCurve(x, c);
        expect(y).toBeGreaterThan(prev);
        prev = y;
        expect(unshapeCurve(y, c)).toBeCloseTo(x, 9);
      }
    }
    expect(shapeCurve(0.5, 'exp')).toBeLessThan(0.25);
    expect(shapeCurve(0.5, 'log')).toBeGreaterThan(0.75);
  });

  it('maps the controller onto the range (inverted when max < min) and the table scaling', () => {
    expect(controlToTravel(0.5, { min: 0.2, max: 0.6 })).toBeCloseTo(0.4, 12);
    expect(controlToTravel(0, { min: 0.8, max: 0.2 })).toBeCloseTo(0.8, 12);
    expect(controlToTravel(1, { min: 0.8, max: 0.2 })).toBeCloseTo(0.2, 12);
    const freq = paramSpec('eq.peak.freq')!;
    // a CC at mid-travel gives the knob's middle: the geometric mean of a log range
    expect(travelToValue(freq, 0.5)).toBeCloseTo(Math.sqrt(100 * 12000), 6);
    expect(travelToValue(freq, 1)).toBe(12000);
    expect(travelToValue(freq, 0)).toBe(100);
    const gain = paramSpec('master.gain')!;
    for (const t of [0.1, 0.37, 0.9]) expect(travelToValue(gain, t)).toBeCloseTo(fromNormalized(gain, t), 12);
  });
});

describe('SoftTakeover', () => {
  const tol = 1.5 / 127;
  it('ignores a controller far from the value until it crosses it', () => {
    const st = new SoftTakeover();
    expect(st.follow(0.1, 0.8, tol)).toBe(false);
    expect(st.follow(0.5, 0.8, tol)).toBe(false);
    expect(st.follow(0.7, 0.8, tol)).toBe(false);
    expect(st.follow(0.85, 0.8, tol)).toBe(true); // passed through 0.8
    st.taken(0.85);
    expect(st.follow(0.2, 0.85, tol)).toBe(true); // engaged: follows anywhere
  });

  it('picks up at once when the first message lands on the value, and from above too', () => {
    expect(new SoftTakeover().follow(0.8 + tol / 2, 0.8, tol)).toBe(true);
    const st = new SoftTakeover();
    expect(st.follow(1, 0.3, tol)).toBe(false);
    expect(st.follow(0.2, 0.3, tol)).toBe(true);
  });

  it('lets go when the parameter is moved by something else', () => {
    const st = new SoftTakeover();
    expect(st.follow(0.5, 0.5, tol)).toBe(true);
    st.taken(0.5);
    // a preset (or the knob on screen) put it at 0.9: the controller at 0.52 must not yank it back
    expect(st.follow(0.52, 0.9, tol)).toBe(false);
    expect(st.follow(0.95, 0.9, tol)).toBe(true);
  });

  it('a value the range cannot reach is picked up at the nearest end', () => {
    const st = new SoftTakeover();
    expect(st.follow(0.3, 0.9, tol, [0.2, 0.5])).toBe(false);
    expect(st.follow(0.5, 0.9, tol, [0.2, 0.5])).toBe(true);
  });
});

describe('MidiRouter', () => {
  const setup = (mappings: MidiMapping[]) => {
    const s = new FakeSession();
    const programs: number[] = [];
    const r = new MidiRouter(s, () => mappings, (n) => programs.push(n));
    return { s, r, programs };
  };

  it('a CC drives its parameter through the table, with soft takeover', () => {
    const { s, r } = setup([{ param: 'master.gain', port: 'K', kind: 'cc', channel: 1, number: 7 }]);
    const gain = paramSpec('master.gain')!;
    // 0 dB is at travel 60/72 ≈ CC 105.8: a CC at 10 is far away and does nothing
    expect(r.handle('K', cc(7, 10))).toBe(0);
    expect(r.handle('K', cc(7, 60))).toBe(0);
    expect(s.values['master.gain']).toBe(0);
    // another port, another channel: not this mapping
    expect(r.handle('L', cc(7, 110))).toBe(0);
    expect(r.handle('K', cc(7, 110, 2))).toBe(0);
    // crossing 105.8 on the way to 110 picks it up
    expect(r.handle('K', cc(7, 110))).toBe(1);
    expect(s.values['master.gain']).toBeCloseTo(fromNormalized(gain, 110 / 127), 9);
    expect(r.handle('K', cc(7, 0))).toBe(1);
    expect(s.values['master.gain']).toBe(-60);
  });

  it('14-bit pairs resolve 1/16383 of the travel', () => {
    const { s, r } = setup([{ param: 'reverb.mix', port: 'K', kind: 'cc14', channel: 1, number: 1 }]);
    // reverb.mix defaults to 0.25: MSB 32 alone = 4096/16383 ≈ 0.25002, within pick-up
    r.handle('K', cc(1, 32));
    expect(s.values['reverb.mix']).toBeCloseTo(4096 / 16383, 12);
    r.handle('K', cc(33, 1));
    expect(s.values['reverb.mix']).toBeCloseTo(4097 / 16383, 12);
    r.handle('K', cc(1, 64));
    r.handle('K', cc(33, 3));
    expect(s.values['reverb.mix']).toBeCloseTo(8195 / 16383, 12);
    // a plain 7-bit CC 1 mapping would not have seen the LSB
    expect(s.calls.length).toBe(4);
  });

  it('pitch bend with a range and a curve', () => {
    const { s, r } = setup([{ param: 'reverb.mix', port: 'K', kind: 'pitchbend', channel: 0, min: 0.25, max: 0.75, curve: 'exp' }]);
    // the range starts at the current value (0.25): bend at the bottom picks up there
    expect(r.handle('K', { kind: 'pitchbend', channel: 9, value: 0 })).toBe(1);
    r.handle('K', { kind: 'pitchbend', channel: 9, value: 16383 });
    expect(s.values['reverb.mix']).toBeCloseTo(0.75, 12);
    r.handle('K', { kind: 'pitchbend', channel: 9, value: 8192 });
    expect(s.values['reverb.mix']).toBeCloseTo(0.25 + 0.5 * shapeCurve(8192 / 16383, 'exp'), 12);
  });

  it('notes toggle, trigger, or hold; note-offs do nothing to toggles', () => {
    const { s, r } = setup([
      { param: 'master.bypass', port: 'K', kind: 'note', channel: 1, number: 60, mode: 'toggle' },
      { param: 'beat.tap', port: 'K', kind: 'note', channel: 1, number: 62, mode: 'trigger' },
      { param: 'delay.freeze', port: 'K', kind: 'note', channel: 1, number: 64, mode: 'absolute' },
    ]);
    r.handle('K', { kind: 'noteon', channel: 1, number: 60, velocity: 100 });
    expect(s.values['master.bypass']).toBe(1);
    r.handle('K', { kind: 'noteoff', channel: 1, number: 60 });
    expect(s.values['master.bypass']).toBe(1);
    r.handle('K', { kind: 'noteon', channel: 1, number: 60, velocity: 1 });
    expect(s.values['master.bypass']).toBe(0);
    r.handle('K', { kind: 'noteon', channel: 1, number: 62, velocity: 100 });
    r.handle('K', { kind: 'noteon', channel: 1, number: 62, velocity: 100 });
    expect(s.calls.filter(([id, v]) => id === 'beat.tap' && v === 1).length).toBe(2);
    r.handle('K', { kind: 'noteon', channel: 1, number: 64, velocity: 100 });
    expect(s.values['delay.freeze']).toBe(1);
    r.handle('K', { kind: 'noteoff', channel: 1, number: 64 });
    expect(s.values['delay.freeze']).toBe(0);
  });

  it('a CC button (127/0) toggles on each press', () => {
    const { s, r } = setup([{ param: 'master.bypass', port: 'K', kind: 'cc', channel: 1, number: 20, mode: 'toggle' }]);
    for (const v of [127, 0, 127, 0, 127]) r.handle('K', cc(20, v));
    expect(s.values['master.bypass']).toBe(1);
  });

  it('program change selects a preset unless a program mapping takes it', () => {
    const { r, programs } = setup([]);
    r.handle('K', { kind: 'program', channel: 1, number: 3 });
    expect(programs).toEqual([3]);
    const other = setup([{ param: 'reverb.type', port: 'K', kind: 'program', channel: 1 }]);
    other.r.handle('K', { kind: 'program', channel: 1, number: 127 });
    expect(other.programs).toEqual([]);
    expect(other.s.values['reverb.type']).toBe(2);
  });
});

describe('MidiLearn', () => {
  it('makes a mapping from the first message after arming, only in learn mode', () => {
    const l = new MidiLearn();
    expect(l.arm('reverb.mix')).toBe(false);
    l.active = true;
    expect(l.arm('no.such')).toBe(false);
    expect(l.arm('reverb.mix')).toBe(true);
    const r = l.take('K', cc(16, 70, 3), 0);
    expect(r.consumed).toBe(true);
    expect(r.learned?.mapping).toEqual({ param: 'reverb.mix', port: 'K', kind: 'cc', channel: 3, number: 16 });
    expect(l.armed).toBeNull();
    // disarmed: the next message is not learned (and not consumed: it may move the parameter)
    expect(l.take('K', cc(16, 71, 3), 1)).toEqual({ consumed: false });
  });

  it('an LSB right after its MSB makes the mapping 14-bit; a late one does not', () => {
    const l = new MidiLearn();
    l.active = true;
    l.arm('master.gain');
    const first = l.take('K', cc(7, 100), 1000).learned!.mapping;
    const up = l.take('K', cc(39, 5), 1000 + PAIR_WINDOW_MS - 1);
    expect(up.learned?.mapping).toEqual({ ...first, kind: 'cc14' });
    expect(up.learned?.replaces).toEqual(first);
    l.arm('master.gain');
    l.take('K', cc(8, 100), 5000);
    expect(l.take('K', cc(40, 5), 5000 + PAIR_WINDOW_MS + 1).learned).toBeUndefined();
  });

  it('notes learn as trigger for triggers and toggle otherwise; note-offs are not learned', () => {
    const l = new MidiLearn();
    l.active = true;
    l.arm('beat.tap');
    expect(l.take('K', { kind: 'noteoff', channel: 1, number: 60 }, 0).learned).toBeUndefined();
    expect(l.take('K', { kind: 'noteon', channel: 1, number: 60, velocity: 9 }, 0).learned?.mapping.mode).toBe('trigger');
    l.arm('reverb.freeze');
    expect(l.take('K', { kind: 'noteon', channel: 1, number: 61, velocity: 9 }, 0).learned?.mapping.mode).toBe('toggle');
    l.arm('reverb.mix');
    expect(l.take('K', { kind: 'pitchbend', channel: 2, value: 0 }, 0).learned?.mapping).toEqual({ param: 'reverb.mix', port: 'K', kind: 'pitchbend', channel: 2 });
  });
});

describe('MappingStore', () => {
  const memory = (): MappingStorage & { data: Map<string, string> } => {
    const data = new Map<string, string>();
    return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
  };
  const m1: MidiMapping = { param: 'reverb.mix', port: 'K', kind: 'cc', channel: 1, number: 16 };

  it('persists and reloads; learning the same source again replaces it; a 14-bit upgrade replaces its 7-bit half', () => {
    const storage = memory();
    const a = new MappingStore(storage);
    a.add(m1);
    a.add({ ...m1, param: 'master.gain' });
    expect(a.current.map((m) => m.param)).toEqual(['master.gain']);
    a.add({ param: 'reverb.mix', port: 'K', kind: 'cc', channel: 1, number: 7 });
    a.add({ param: 'reverb.mix', port: 'K', kind: 'cc14', channel: 1, number: 7 }, { param: 'reverb.mix', port: 'K', kind: 'cc', channel: 1, number: 7 });
    expect(a.current.map((m) => m.kind)).toEqual(['cc', 'cc14']);
    const b = new MappingStore(storage);
    expect(b.get()).toEqual(a.get());
  });

  it('setMappings is all-or-nothing and names the field; a stale stored entry is dropped on load', () => {
    const storage = memory();
    const a = new MappingStore(storage);
    a.set([m1]);
    expect(() => a.set([m1, { ...m1, number: 300 }])).toThrow(/midi\[1\]\.number/);
    expect(a.get()).toEqual([m1]);
    storage.data.set(STORAGE_KEY, JSON.stringify([{ ...m1, param: 'gone.param' }, m1]));
    expect(new MappingStore(storage).get()).toEqual([m1]);
    storage.data.set(STORAGE_KEY, '{not json');
    expect(new MappingStore(storage).get()).toEqual([]);
  });

  it('update edits one mapping in place; a copy from get() cannot change the store', () => {
    const a = new MappingStore(memory());
    a.set([m1]);
    a.update(a.current[0], { min: 0.2, max: 0.4, curve: 'log' });
    expect(a.get()).toEqual([{ ...m1, min: 0.2, max: 0.4, curve: 'log' }]);
    a.get()[0].number = 99;
    expect(a.current[0].number).toBe(16);
    expect(toNormalized(paramSpec('reverb.mix')!, 0.3)).toBeCloseTo(0.3, 12);
  });
});
