import { describe, it, expect } from 'vitest';
import { parsePreset, validatePreset, presetState, makePreset, PresetError } from '../../presets/preset';
import { FACTORY_PRESETS, findFactoryPreset } from '../../presets/factory';
import { PARAMS, defaultParams } from '../../params/table';

const base = { format: 'gigscope-preset', version: 1, name: 'Test' };

describe('presets', () => {
  it('factory presets are valid and findable by a loose name', () => {
    expect(FACTORY_PRESETS.length).toBeGreaterThanOrEqual(2);
    expect(findFactoryPreset('quiet-monitor')?.name).toBe('Quiet monitor');
    expect(findFactoryPreset('nope')).toBeUndefined();
  });

  it.each([
    ['not json', '{', /not valid JSON/],
    ['an array', '[]', /expected a JSON object/],
    ['wrong format', JSON.stringify({ ...base, format: 'x', params: {} }), /preset\.format/],
    ['future version', JSON.stringify({ ...base, version: 9, params: {} }), /preset\.version: 9 is newer/],
    ['no name', JSON.stringify({ ...base, name: '', params: {} }), /preset\.name/],
    ['params missing', JSON.stringify({ ...base }), /preset\.params: expected an object/],
    ['unknown id', JSON.stringify({ ...base, params: { 'x.y': 1 } }), /preset\.params\["x\.y"\]: unknown parameter/],
    ['a string value', JSON.stringify({ ...base, params: { 'master.gain': '3' } }), /preset\.params\["master\.gain"\]: expected a number/],
    ['out of range', JSON.stringify({ ...base, params: { 'master.gain': 40 } }), /40 is outside -60…12 dB/],
    ['fractional toggle', JSON.stringify({ ...base, params: { 'master.bypass': 0.5 } }), /expected an integer/],
    ['a trigger', JSON.stringify({ ...base, params: { 'beat.tap': 1 } }), /preset\.params\["beat\.tap"\]: a trigger is an action/],
  ])('refuses %s, naming the field', (_name, text, message) => {
    expect(() => parsePreset(text)).toThrow(PresetError);
    expect(() => parsePreset(text)).toThrow(message);
  });

  it('fills left-out parameters with defaults, and round-trips through makePreset', () => {
    const p = validatePreset({ ...base, params: { 'master.gain': -3 } });
    const state = presetState(p);
    // every setting, and no trigger (triggers are actions, not state)
    expect(Object.keys(state).sort()).toEqual(PARAMS.filter((x) => x.scaling !== 'trigger').map((x) => x.id).sort());
    expect(state['master.gain']).toBe(-3);
    expect(state['master.bypass']).toBe(0);
    const again = makePreset('Again', { ...defaultParams(), 'master.bypass': 1 });
    expect(again.params).toEqual({ 'master.bypass': 1 });
    expect(parsePreset(JSON.stringify(again))).toEqual(again);
  });
});
