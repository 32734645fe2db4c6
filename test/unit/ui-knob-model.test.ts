/**
 * KnobModel without a DOM: travel ↔ value for every parameter of the table,
 * the keyboard map, clamping, reset, drag, and the spoken value text.
 * Written against the table, so a parameter added to params/table.ts is
 * covered here without touching this file.
 */
import { describe, it, expect } from 'vitest';
import { PARAMS, formatParam, fromNormalized, paramSpec, toNormalized, isDiscrete, type ParamSpec } from '../../params/table';
import { KnobModel, STEP, FINE_STEP, PAGE_STEP, DRAG_PIXELS, FINE_DRAG_FACTOR } from '../../ui/controls/knob-model';
import { arcPath, travelAngle } from '../../ui/controls/knob-arc';

const ALL: readonly ParamSpec[] = PARAMS;
const continuous = ALL.filter((p) => !isDiscrete(p));
const discrete = ALL.filter((p) => isDiscrete(p));
/** a tolerance of a millionth of the range, for float round trips */
const tol = (p: ParamSpec) => (p.max - p.min) * 1e-6;

describe.each(ALL.map((p) => [p.id, p] as const))('KnobModel %s', (_id, spec) => {
  it('starts at the table default', () => {
    const m = new KnobModel(spec);
    expect(m.value).toBe(spec.default);
    expect(m.travel).toBeCloseTo(toNormalized(spec, spec.default), 12);
  });

  it('travel → value → travel round-trips through the table scaling', () => {
    const m = new KnobModel(spec);
    if (isDiscrete(spec)) {
      for (let v = spec.min; v <= spec.max; v++) {
        m.setValue(v);
        const t = m.travel;
        m.setValue(spec.default);
        m.setTravel(t);
        expect(m.value).toBe(v);
      }
      return;
    }
    for (let i = 0; i <= 40; i++) {
      const t = i / 40;
      m.setTravel(t);
      expect(m.value).toBeCloseTo(fromNormalized(spec, t), 9);
      expect(m.travel).toBeCloseTo(t, 9);
      expect(m.value).toBeGreaterThanOrEqual(spec.min);
      expect(m.value).toBeLessThanOrEqual(spec.max);
    }
  });

  it('value → travel → value round-trips', () => {
    const m = new KnobModel(spec);
    const values = [spec.min, spec.default, spec.max, spec.min + (spec.max - spec.min) / 3];
    for (const v of values) {
      m.setValue(v);
      const expected = m.value;
      const t = m.travel;
      m.setTravel(0.5);
      m.setTravel(t);
      expect(Math.abs(m.value - expected)).toBeLessThanOrEqual(tol(spec));
    }
  });

  it('clamps out-of-range values and travel, and ignores NaN', () => {
    const m = new KnobModel(spec);
    m.setValue(spec.max + Math.abs(spec.max - spec.min) + 1);
    expect(m.value).toBe(spec.max);
    m.setValue(spec.min - Math.abs(spec.max - spec.min) - 1);
    expect(m.value).toBe(spec.min);
    m.setTravel(7);
    expect(m.value).toBe(spec.max);
    m.setTravel(-3);
    expect(m.value).toBe(spec.min);
    expect(m.setValue(Number.NaN)).toBe(false);
    expect(m.setTravel(Number.POSITIVE_INFINITY)).toBe(false);
    expect(m.value).toBe(spec.min);
    expect(new KnobModel(spec, spec.max * 10 + 10).value).toBe(spec.max);
  });

  it('Home / End go to the ends and stay handled there; unknown keys are not handled', () => {
    const m = new KnobModel(spec);
    expect(m.handleKey({ key: 'End' })).toBe(true);
    expect(m.value).toBe(spec.max);
    expect(m.handleKey({ key: 'ArrowUp' })).toBe(true);
    expect(m.handleKey({ key: 'PageUp' })).toBe(true);
    expect(m.value).toBe(spec.max);
    expect(m.handleKey({ key: 'Home' })).toBe(true);
    expect(m.value).toBe(spec.min);
    expect(m.handleKey({ key: 'ArrowDown', shiftKey: true })).toBe(true);
    expect(m.handleKey({ key: 'PageDown' })).toBe(true);
    expect(m.value).toBe(spec.min);
    const before = m.value;
    for (const key of ['a', 'Enter', ' ', 'Tab', 'Escape']) expect(m.handleKey({ key })).toBe(false);
    expect(m.value).toBe(before);
  });

  it('double-click reset returns to the default', () => {
    const m = new KnobModel(spec);
    m.setTravel(m.travel > 0.5 ? 0 : 1);
    expect(m.value).not.toBe(spec.default);
    expect(m.reset()).toBe(true);
    expect(m.value).toBe(spec.default);
    expect(m.reset()).toBe(false);
  });

  it('aria value text is the table formatter in the parameter unit', () => {
    const m = new KnobModel(spec);
    for (const v of [spec.min, spec.default, spec.max]) {
      m.setValue(v);
      expect(m.valueText).toBe(formatParam(spec, m.value));
      // the unit is in the text: "3.0:1" for ratios, "×1.20" for multiples, "12.0 dB" for the rest
      if (spec.unit === 'ratio') expect(m.valueText).toMatch(/^[\d.]+:1$/);
      else if (spec.unit === '×') expect(m.valueText).toMatch(/^×[\d.]+$/);
      else if (spec.unit && spec.scaling !== 'toggle' && spec.scaling !== 'choice') expect(m.valueText.endsWith(` ${spec.unit}`)).toBe(true);
    }
  });
});

describe.each(continuous.map((p) => [p.id, p] as const))('KnobModel keys, continuous %s', (_id, spec) => {
  /** start mid-travel so every step has room both ways */
  const mid = () => {
    const m = new KnobModel(spec);
    m.setTravel(0.5);
    return m;
  };

  it('arrows move 1 % of travel, Right/Up up and Left/Down down', () => {
    for (const [key, dir] of [['ArrowUp', 1], ['ArrowRight', 1], ['ArrowDown', -1], ['ArrowLeft', -1]] as const) {
      const m = mid();
      expect(m.handleKey({ key })).toBe(true);
      expect(m.travel).toBeCloseTo(0.5 + dir * STEP, 9);
    }
  });

  it('Shift+arrows move 0.1 % (fine)', () => {
    const m = mid();
    m.handleKey({ key: 'ArrowUp', shiftKey: true });
    expect(m.travel).toBeCloseTo(0.5 + FINE_STEP, 9);
    m.handleKey({ key: 'ArrowLeft', shiftKey: true });
    m.handleKey({ key: 'ArrowLeft', shiftKey: true });
    expect(m.travel).toBeCloseTo(0.5 - FINE_STEP, 9);
  });

  it('PageUp / PageDown move 10 %', () => {
    const m = mid();
    m.handleKey({ key: 'PageUp' });
    expect(m.travel).toBeCloseTo(0.5 + PAGE_STEP, 9);
    m.handleKey({ key: 'PageDown' });
    m.handleKey({ key: 'PageDown' });
    expect(m.travel).toBeCloseTo(0.5 - PAGE_STEP, 9);
  });

  it('a hundred arrow steps cover the whole travel, and no further', () => {
    const m = new KnobModel(spec);
    m.handleKey({ key: 'Home' });
    for (let i = 0; i < 100; i++) m.handleKey({ key: 'ArrowUp' });
    expect(m.travel).toBeCloseTo(1, 9);
    for (let i = 0; i < 10; i++) m.handleKey({ key: 'ArrowUp' });
    expect(m.value).toBe(spec.max);
  });

  it('vertical drag: up raises, the full travel is DRAG_PIXELS, Shift is finer', () => {
    const m = new KnobModel(spec);
    m.setTravel(0);
    m.drag(-DRAG_PIXELS / 2);
    expect(m.travel).toBeCloseTo(0.5, 9);
    m.drag(10);
    expect(m.travel).toBeCloseTo(0.5 - 10 / DRAG_PIXELS, 9);
    m.drag(-10, true);
    expect(m.travel).toBeCloseTo(0.5 - (10 / DRAG_PIXELS) * (1 - FINE_DRAG_FACTOR), 9);
    m.drag(-10 * DRAG_PIXELS);
    expect(m.value).toBe(spec.max);
  });
});

describe.each(discrete.map((p) => [p.id, p] as const))('KnobModel keys, discrete %s', (_id, spec) => {
  it('every key press moves one whole step, Shift or not', () => {
    const m = new KnobModel(spec, spec.min);
    m.handleKey({ key: 'ArrowUp', shiftKey: true });
    expect(m.value).toBe(spec.min + 1);
    m.handleKey({ key: 'ArrowDown' });
    expect(m.value).toBe(spec.min);
    m.handleKey({ key: 'PageUp' });
    expect(m.value).toBe(spec.min + 1);
  });

  it('values are whole numbers', () => {
    const m = new KnobModel(spec);
    m.setValue(spec.min + 0.7);
    expect(Number.isInteger(m.value)).toBe(true);
    for (let i = 0; i <= 20; i++) {
      m.setTravel(i / 20);
      expect(Number.isInteger(m.value)).toBe(true);
    }
  });
});

describe('KnobModel on master.gain (the numbers a performer sees)', () => {
  const spec = paramSpec('master.gain')!;

  it('speaks dB, defaulting to 0.0 dB', () => {
    const m = new KnobModel(spec);
    expect(m.valueText).toBe('0.0 dB');
    m.handleKey({ key: 'Home' });
    expect(m.valueText).toBe(`${spec.min.toFixed(1)} dB`);
  });

  it('one arrow step is 1 % of the dB range, evenly spaced in dB', () => {
    const m = new KnobModel(spec, 0);
    m.handleKey({ key: 'ArrowUp' });
    expect(m.value).toBeCloseTo(0.01 * (spec.max - spec.min), 9);
  });

  it('reports whether a move changed anything', () => {
    const m = new KnobModel(spec, spec.max);
    expect(m.setValue(spec.max)).toBe(false);
    expect(m.nudge(0.5)).toBe(false);
    expect(m.nudge(-0.5)).toBe(true);
  });
});

describe('knob arc geometry', () => {
  it('sweeps 270° with the gap at the bottom', () => {
    expect(travelAngle(0)).toBe(-135);
    expect(travelAngle(0.5)).toBe(0);
    expect(travelAngle(1)).toBe(135);
    expect(travelAngle(2)).toBe(135);
  });

  it('draws nothing for an empty arc and a large-arc flag past 180°', () => {
    expect(arcPath(50, 50, 40, 0.3, 0.3)).toBe('');
    expect(arcPath(50, 50, 40, 0, 1)).toMatch(/ A 40 40 0 1 1 /);
    expect(arcPath(50, 50, 40, 0, 0.5)).toMatch(/ A 40 40 0 0 1 /);
    // reversed ends draw the same arc
    expect(arcPath(50, 50, 40, 0.8, 0.2)).toBe(arcPath(50, 50, 40, 0.2, 0.8));
  });
});

describe('KnobModel drag over a given length (the fader passes its track)', () => {
  const spec = paramSpec('reverb.mix')!;

  it('a drag the length of the track sweeps the whole range, so the thumb stays under the pointer', () => {
    const track = 180;
    const m = new KnobModel(spec);
    m.setTravel(0);
    m.drag(-track / 4, false, track);
    expect(m.travel).toBeCloseTo(0.25, 9);
    m.drag(-track / 2, false, track);
    expect(m.travel).toBeCloseTo(0.75, 9);
    m.drag(track / 4, true, track);
    expect(m.travel).toBeCloseTo(0.75 - 0.25 * FINE_DRAG_FACTOR, 9);
    m.drag(-track, false, track);
    expect(m.value).toBe(spec.max);
  });

  it('an unmeasured length (0, NaN, negative) falls back to DRAG_PIXELS instead of jumping to an end', () => {
    for (const bad of [0, Number.NaN, -5]) {
      const m = new KnobModel(spec);
      m.setTravel(0.5);
      m.drag(-10, false, bad);
      expect(m.travel).toBeCloseTo(0.5 + 10 / DRAG_PIXELS, 9);
    }
  });

  it('a discrete parameter still steps whole values over a short track', () => {
    const meter = paramSpec('beat.meter')!;
    const m = new KnobModel(meter, meter.min);
    const track = 110; // 11 steps: 10 px each
    for (let i = 0; i < 4; i++) m.drag(-2.5, false, track);
    expect(m.value).toBe(meter.min + 1);
  });
});
