/**
 * Presets: a named set of parameter values, validated against the one
 * parameter table. A preset is data only; an invalid one is refused with a
 * message naming the field, and whatever state the caller had is kept.
 *
 *   { "format": "gigscope-preset", "version": 1, "name": "Clean", "params": { "master.gain": -3 } }
 *
 * Parameters a preset leaves out take their table default, so loading a preset
 * always gives the same sound whatever was set before.
 */
import { PARAMS, paramSpec, isDiscrete } from '../params/table';
import { PresetError } from './preset-error';

export const PRESET_FORMAT = 'gigscope-preset';
export const PRESET_VERSION = 1;

export interface Preset {
  format: typeof PRESET_FORMAT;
  version: number;
  name: string;
  description?: string;
  params: Record<string, number>;
}

export { PresetError };

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Validate parsed JSON as a preset. Throws PresetError naming the offending field. */
export function validatePreset(data: unknown): Preset {
  if (!isRecord(data)) throw new PresetError('preset: expected a JSON object');
  if (data.format !== PRESET_FORMAT) throw new PresetError(`preset.format: expected "${PRESET_FORMAT}"`);
  if (typeof data.version !== 'number' || !Number.isInteger(data.version) || data.version < 1) {
    throw new PresetError('preset.version: expected a positive integer');
  }
  if (data.version > PRESET_VERSION) {
    throw new PresetError(`preset.version: ${data.version} is newer than this gigscope understands (${PRESET_VERSION})`);
  }
  if (typeof data.name !== 'string' || data.name.trim() === '' || data.name.length > 80) {
    throw new PresetError('preset.name: expected a non-empty string of at most 80 characters');
  }
  if (data.description !== undefined && typeof data.description !== 'string') {
    throw new PresetError('preset.description: expected a string');
  }
  if (!isRecord(data.params)) throw new PresetError('preset.params: expected an object of parameter values');
  const params: Record<string, number> = {};
  for (const [id, value] of Object.entries(data.params)) {
    params[id] = checkParamValue(id, value, `preset.params["${id}"]`);
    if (paramSpec(id)!.scaling === 'trigger') throw new PresetError(`preset.params["${id}"]: a trigger is an action, not a setting`);
  }
  return { format: PRESET_FORMAT, version: data.version, name: data.name, description: data.description as string | undefined, params };
}

/** Check one id/value pair against the table; returns the value. */
export function checkParamValue(id: string, value: unknown, where = id): number {
  const spec = paramSpec(id);
  if (!spec) throw new PresetError(`${where}: unknown parameter`);
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new PresetError(`${where}: expected a number, got ${JSON.stringify(value)}`);
  if (value < spec.min || value > spec.max) {
    throw new PresetError(`${where}: ${value} is outside ${spec.min}…${spec.max}${spec.unit ? ' ' + spec.unit : ''}`);
  }
  if (isDiscrete(spec) && !Number.isInteger(value)) {
    throw new PresetError(`${where}: expected an integer (${spec.scaling})`);
  }
  return value;
}

/** Parse and validate preset text (a file, an import). */
export function parsePreset(text: string): Preset {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new PresetError(`preset: not valid JSON (${(err as Error).message})`);
  }
  return validatePreset(data);
}

/** The full state a preset gives: table defaults overlaid with the preset's values. */
export function presetState(preset: Preset): Record<string, number> {
  const state: Record<string, number> = {};
  for (const p of PARAMS) if (p.scaling !== 'trigger') state[p.id] = p.default;
  return Object.assign(state, preset.params);
}

/** A preset capturing the given values (only those that differ from the defaults). */
export function makePreset(name: string, values: Record<string, number>, description?: string): Preset {
  const params: Record<string, number> = {};
  for (const p of PARAMS) {
    if (p.scaling === 'trigger') continue;
    const v = values[p.id];
    if (v !== undefined && v !== p.default) params[p.id] = v;
  }
  return validatePreset({ format: PRESET_FORMAT, version: PRESET_VERSION, name, description, params });
}
