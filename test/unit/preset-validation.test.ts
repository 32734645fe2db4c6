/**
 * Preset validation, field by field: every way a file can be wrong is refused
 * with a PresetError whose message starts with the path of the field at fault
 * (preset.params["master.gain"], preset.midi[2].kind …), and what is accepted
 * comes back normalised (table order), so equal presets are equal text.
 */
import { describe, it, expect } from 'vitest';
import { parsePreset, validatePreset, makePreset, presetJson, samePreset, presetState, PresetError, MAX_MIDI_MAPPINGS } from '../../presets/preset';
import { PARAMS } from '../../params/table';

const base = { format: 'gigscope-preset', version: 1, name: 'Test', params: {} };
const cc = { param: 'reverb.mix', port: 'nanoKONTROL2', kind: 'cc', channel: 1, number: 16 };

/** The error message for `data`, or a failure if it is accepted. */
function refusal(data: unknown): string {
  try {
    validatePreset(data);
  } catch (err) {
    expect(err).toBeInstanceOf(PresetError);
    return (err as Error).message;
  }
  throw new Error(`accepted: ${JSON.stringify(data)}`);
}

describe('preset validation names the field', () => {
  it.each([
    ['not an object', 'x', /^preset: expected a JSON object/],
    ['null', null, /^preset: expected a JSON object/],
    ['format', { ...base, format: 'other' }, /^preset\.format: /],
    ['format missing', { version: 1, name: 'x', params: {} }, /^preset\.format: /],
    ['version as text', { ...base, version: '1' }, /^preset\.version: expected a positive integer/],
    ['version 0', { ...base, version: 0 }, /^preset\.version: /],
    ['version fraction', { ...base, version: 1.5 }, /^preset\.version: /],
    ['version from the future', { ...base, version: 2 }, /^preset\.version: 2 is newer/],
    ['name missing', { ...base, name: undefined }, /^preset\.name: /],
    ['name blank', { ...base, name: '   ' }, /^preset\.name: /],
    ['name too long', { ...base, name: 'x'.repeat(81) }, /^preset\.name: .*80 characters/],
    ['name a number', { ...base, name: 7 }, /^preset\.name: /],
    ['description a number', { ...base, description: 3 }, /^preset\.description: expected a string/],
    ['params missing', { format: 'gigscope-preset', version: 1, name: 'x' }, /^preset\.params: expected an object/],
    ['params an array', { ...base, params: [1, 2] }, /^preset\.params: expected an object/],
    ['unknown parameter', { ...base, params: { 'reverb.size': 0.5, 'reverb.sise': 0.5 } }, /^preset\.params\["reverb\.sise"\]: unknown parameter/],
    ['a value as text', { ...base, params: { 'master.gain': '-3' } }, /^preset\.params\["master\.gain"\]: expected a number, got "-3"/],
    ['a null value', { ...base, params: { 'delay.mix': null } }, /^preset\.params\["delay\.mix"\]: expected a number, got null/],
    ['below the range', { ...base, params: { 'delay.time': 0 } }, /^preset\.params\["delay\.time"\]: 0 is outside 1…4000 ms/],
    ['above the range', { ...base, params: { 'reverb.decay': 11 } }, /^preset\.params\["reverb\.decay"\]: 11 is outside 0\.3…10 s/],
    ['a fractional choice', { ...base, params: { 'delay.division': 2.5 } }, /^preset\.params\["delay\.division"\]: expected an integer \(choice\)/],
    ['a fractional integer', { ...base, params: { 'beat.meter': 3.5 } }, /^preset\.params\["beat\.meter"\]: expected an integer/],
    ['a trigger', { ...base, params: { 'beat.resync': 1 } }, /^preset\.params\["beat\.resync"\]: a trigger is an action/],
    ['a misspelt top-level field', { ...base, parmas: {} }, /^preset\.parmas: unknown field/],
    ['midi not an array', { ...base, midi: { 0: cc } }, /^preset\.midi: expected an array/],
    ['too many mappings', { ...base, midi: Array.from({ length: MAX_MIDI_MAPPINGS + 1 }, () => cc) }, /^preset\.midi: 1025 mappings/],
    ['a mapping not an object', { ...base, midi: [cc, 5] }, /^preset\.midi\[1\]: expected an object/],
    ['mapping param', { ...base, midi: [{ ...cc, param: 'reverb.nope' }] }, /^preset\.midi\[0\]\.param: unknown parameter "reverb\.nope"/],
    ['mapping port', { ...base, midi: [cc, { ...cc, port: 3 }] }, /^preset\.midi\[1\]\.port: /],
    ['mapping kind', { ...base, midi: [cc, cc, { ...cc, kind: 'sysex' }] }, /^preset\.midi\[2\]\.kind: expected one of cc, cc14, note, pitchbend, program/],
    ['mapping channel 17', { ...base, midi: [{ ...cc, channel: 17 }] }, /^preset\.midi\[0\]\.channel: /],
    ['mapping channel missing', { ...base, midi: [{ ...cc, channel: undefined }] }, /^preset\.midi\[0\]\.channel: /],
    ['cc number 128', { ...base, midi: [{ ...cc, number: 128 }] }, /^preset\.midi\[0\]\.number: expected 0–127/],
    ['cc14 number 32', { ...base, midi: [{ ...cc, kind: 'cc14', number: 32 }] }, /^preset\.midi\[0\]\.number: expected 0–31/],
    ['note without a number', { ...base, midi: [{ ...cc, kind: 'note', number: undefined }] }, /^preset\.midi\[0\]\.number: /],
    ['pitch bend with a number', { ...base, midi: [{ ...cc, kind: 'pitchbend' }] }, /^preset\.midi\[0\]\.number: pitchbend has no number/],
    ['mapping min', { ...base, midi: [{ ...cc, min: -0.1 }] }, /^preset\.midi\[0\]\.min: expected 0–1/],
    ['mapping max', { ...base, midi: [{ ...cc, max: 2 }] }, /^preset\.midi\[0\]\.max: expected 0–1/],
    ['mapping curve', { ...base, midi: [{ ...cc, curve: 'cubic' }] }, /^preset\.midi\[0\]\.curve: expected one of linear, exp, log/],
    ['mapping mode', { ...base, midi: [{ ...cc, mode: 'latch' }] }, /^preset\.midi\[0\]\.mode: expected one of absolute, toggle, trigger/],
  ])('%s', (_what, data, message) => {
    expect(refusal(data)).toMatch(message);
  });

  it('refuses text that is not JSON, saying so', () => {
    expect(() => parsePreset('{"format": "gigscope-preset",')).toThrow(/^preset: not valid JSON/);
  });

  it('accepts every parameter at both ends of its range, and mappings of every kind', () => {
    for (const end of ['min', 'max'] as const) {
      const params: Record<string, number> = {};
      for (const p of PARAMS) if (p.scaling !== 'trigger') params[p.id] = p[end];
      expect(validatePreset({ ...base, params }).params).toEqual(params);
    }
    const midi = [
      cc,
      { param: 'delay.time', port: 'X', kind: 'cc14', channel: 0, number: 31, min: 0.2, max: 0.1, curve: 'log' },
      { param: 'beat.tap', port: 'X', kind: 'note', channel: 10, number: 36, mode: 'trigger' },
      { param: 'master.gain', port: 'X', kind: 'pitchbend', channel: 16, curve: 'exp' },
      { param: 'master.bypass', port: '', kind: 'program', channel: 1, mode: 'toggle' },
    ];
    expect(validatePreset({ ...base, midi }).midi).toEqual(midi);
  });
});

describe('preset normalisation', () => {
  it('keeps values in table order and drops nothing, so equal presets are equal text', () => {
    const a = validatePreset({ ...base, params: { 'reverb.mix': 0.5, 'master.gain': -3 } });
    const b = validatePreset({ ...base, params: { 'master.gain': -3, 'reverb.mix': 0.5 } });
    expect(Object.keys(a.params)).toEqual(['master.gain', 'reverb.mix']);
    expect(presetJson(a)).toBe(presetJson(b));
    expect(samePreset(a, b)).toBe(true);
    expect(samePreset(a, { ...b, params: { ...b.params, 'reverb.mix': 0.51 } })).toBe(false);
  });

  it('makePreset → JSON → parsePreset gives back the same values and mappings, bit for bit', () => {
    const values = presetState(validatePreset(base));
    // values no decimal string rounds to: a knob dragged by a pixel lands on such numbers
    values['delay.time'] = 1 + Math.PI * 100;
    values['reverb.mix'] = 0.1 + 0.2;
    values['eq.peak.gain'] = -Number.MIN_VALUE * 1e300;
    const midi = [{ ...cc, kind: 'cc' as const, min: 1 / 3 }];
    const p = makePreset('Round trip', values, 'why not', midi);
    const back = parsePreset(presetJson(p));
    expect(back).toEqual(p);
    expect(presetState(back)['delay.time']).toBe(values['delay.time']);
    expect(presetState(back)['reverb.mix']).toBe(0.30000000000000004);
    expect(back.midi![0].min).toBe(1 / 3);
    expect(presetJson(back)).toBe(presetJson(p));
  });

  it('makePreset refuses a name the format does not allow, naming the field', () => {
    expect(() => makePreset('  ', {})).toThrow(/^preset\.name: /);
    expect(() => makePreset('ok', { 'master.gain': 99 })).toThrow(/^preset\.params\["master\.gain"\]: 99 is outside/);
  });
});
