/**
 * Presets: a named set of parameter values, validated against the one
 * parameter table. A preset is data only; an invalid one is refused with a
 * message naming the field, and whatever state the caller had is kept.
 *
 *   { "format": "gigscope-preset", "version": 1, "name": "Clean", "params": { "master.gain": -3 },
 *     "midi": [{ "param": "reverb.mix", "port": "nanoKONTROL2", "kind": "cc", "channel": 1, "number": 16 }] }
 *
 * Parameters a preset leaves out take their table default, so loading a preset
 * always gives the same sound whatever was set before.
 *
 * `midi` is optional and means "these controller mappings go with this
 * sound". A preset without it leaves the performer's mappings alone: they
 * belong to the rig (they are keyed by port name), not to a sound, so a
 * factory preset, which cannot know the rig, carries none.
 *
 * Unknown top-level fields are refused rather than ignored: a misspelt
 * "parmas" would otherwise load as "everything at its default" and look like
 * a broken engine.
 */
import { PARAMS, paramSpec, isDiscrete } from '../params/table';
import { PresetError } from './preset-error';
import { validateMidiMapping, type MidiMapping } from './midi-mapping';

export const PRESET_FORMAT = 'gigscope-preset';
export const PRESET_VERSION = 1;

export interface Preset {
  format: typeof PRESET_FORMAT;
  version: number;
  name: string;
  description?: string;
  params: Record<string, number>;
  /** controller mappings that go with this preset; absent = keep the current ones */
  midi?: MidiMapping[];
}

/** The fields a preset may have, in the order they are written. */
const PRESET_FIELDS = ['format', 'version', 'name', 'description', 'params', 'midi'] as const;

/**
 * More mappings than any controller setup needs (every parameter on several
 * controllers); the bound only keeps a hostile file from costing real time.
 */
export const MAX_MIDI_MAPPINGS = 1024;

export { PresetError };

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Validate parsed JSON as a preset. Throws PresetError naming the offending field. */
export function validatePreset(data: unknown): Preset {
  if (!isRecord(data)) throw new PresetError('preset: expected a JSON object');
  for (const key of Object.keys(data)) {
    if (!(PRESET_FIELDS as readonly string[]).includes(key)) throw new PresetError(`preset.${key}: unknown field (a preset has ${PRESET_FIELDS.join(', ')})`);
  }
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
  const out: Preset = {
    format: PRESET_FORMAT,
    version: data.version,
    name: data.name,
    ...(data.description !== undefined ? { description: data.description as string } : {}),
    params: inTableOrder(params),
  };
  if (data.midi !== undefined) out.midi = validateMidiList(data.midi);
  return out;
}

/** The same values keyed in table order, so equal presets serialise to equal text whatever order a file used. */
function inTableOrder(params: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of PARAMS) if (p.id in params) out[p.id] = params[p.id];
  return out;
}

/** The `midi` field: an array of mappings, each checked by the shared schema. */
function validateMidiList(data: unknown): MidiMapping[] {
  if (!Array.isArray(data)) throw new PresetError('preset.midi: expected an array of mappings');
  if (data.length > MAX_MIDI_MAPPINGS) throw new PresetError(`preset.midi: ${data.length} mappings, at most ${MAX_MIDI_MAPPINGS}`);
  return data.map((m, i) => validateMidiMapping(m, `preset.midi[${i}]`));
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

/**
 * A preset capturing the given values (only those that differ from the
 * defaults), with `midi` mappings if given. Validated like a file, so a name
 * or value the format does not allow throws PresetError here, not at the next
 * load.
 */
export function makePreset(name: string, values: Record<string, number>, description?: string, midi?: readonly MidiMapping[]): Preset {
  const params: Record<string, number> = {};
  for (const p of PARAMS) {
    if (p.scaling === 'trigger') continue;
    const v = values[p.id];
    if (v !== undefined && v !== p.default) params[p.id] = v;
  }
  const data: Record<string, unknown> = { format: PRESET_FORMAT, version: PRESET_VERSION, name };
  if (description !== undefined) data.description = description;
  data.params = params;
  if (midi !== undefined) data.midi = midi.map((m) => ({ ...m }));
  return validatePreset(data);
}

/** The text of a preset file: stable field order, two-space indent, final newline. */
export function presetJson(preset: Preset): string {
  return JSON.stringify(preset, null, 2) + '\n';
}

/** True when two presets hold the same name, description, values and mappings. */
export function samePreset(a: Preset, b: Preset): boolean {
  return presetJson(a) === presetJson(b);
}
