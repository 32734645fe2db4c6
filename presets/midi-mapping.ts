/**
 * MIDI mappings: which controller message drives which parameter. Shared by
 * the MIDI layer (ui/midi/, which learns and applies them) and presets (which
 * store them beside the parameter values). Data only, validated like the rest
 * of a preset: an invalid mapping is refused with a message naming the field.
 *
 *   { "param": "reverb.mix", "port": "nanoKONTROL2", "kind": "cc", "channel": 1, "number": 16 }
 *
 * kind      cc (7-bit, number 0–127), cc14 (14-bit pair: MSB number 0–31, its
 *           LSB is number + 32), note (number 0–127), pitchbend, program
 * port      the input port's *name* (ids change between sessions; names do not)
 * channel   1–16, or 0 for any channel
 * min, max  the part of the parameter's travel the control sweeps, 0–1
 *           (normalised as the table's scaling; max < min inverts)
 * curve     how control travel maps onto that range: linear, or exp/log bends
 * mode      absolute (a knob or fader), toggle (a note flips a toggle), trigger
 *           (a note fires a trigger or momentary action)
 */
import { paramSpec } from '../params/table';
import { PresetError } from './preset-error';

export const MIDI_KINDS = ['cc', 'cc14', 'note', 'pitchbend', 'program'] as const;
export type MidiKind = (typeof MIDI_KINDS)[number];
export const MIDI_CURVES = ['linear', 'exp', 'log'] as const;
export type MidiCurve = (typeof MIDI_CURVES)[number];
export const MIDI_MODES = ['absolute', 'toggle', 'trigger'] as const;
export type MidiMode = (typeof MIDI_MODES)[number];

export interface MidiMapping {
  param: string;
  port: string;
  kind: MidiKind;
  channel: number;
  number?: number;
  min?: number;
  max?: number;
  curve?: MidiCurve;
  mode?: MidiMode;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isInt = (x: unknown, lo: number, hi: number): x is number => typeof x === 'number' && Number.isInteger(x) && x >= lo && x <= hi;

/** Validate one mapping; `where` names it in errors (e.g. 'preset.midi[2]'). */
export function validateMidiMapping(data: unknown, where: string): MidiMapping {
  if (!isRecord(data)) throw new PresetError(`${where}: expected an object`);
  const { param, port, kind, channel, number, min, max, curve, mode } = data;
  if (typeof param !== 'string' || !paramSpec(param)) throw new PresetError(`${where}.param: unknown parameter ${JSON.stringify(param)}`);
  if (typeof port !== 'string' || port.length > 200) throw new PresetError(`${where}.port: expected the input port's name`);
  if (typeof kind !== 'string' || !(MIDI_KINDS as readonly string[]).includes(kind)) {
    throw new PresetError(`${where}.kind: expected one of ${MIDI_KINDS.join(', ')}`);
  }
  if (!isInt(channel, 0, 16)) throw new PresetError(`${where}.channel: expected 1–16, or 0 for any`);
  const needsNumber = kind === 'cc' || kind === 'cc14' || kind === 'note';
  if (needsNumber && !isInt(number, 0, kind === 'cc14' ? 31 : 127)) {
    throw new PresetError(`${where}.number: expected ${kind === 'cc14' ? '0–31 (the MSB controller)' : '0–127'}`);
  }
  if (!needsNumber && number !== undefined) throw new PresetError(`${where}.number: ${kind} has no number`);
  for (const [name, v] of [['min', min], ['max', max]] as const) {
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1)) throw new PresetError(`${where}.${name}: expected 0–1`);
  }
  if (curve !== undefined && !(MIDI_CURVES as readonly unknown[]).includes(curve)) throw new PresetError(`${where}.curve: expected one of ${MIDI_CURVES.join(', ')}`);
  if (mode !== undefined && !(MIDI_MODES as readonly unknown[]).includes(mode)) throw new PresetError(`${where}.mode: expected one of ${MIDI_MODES.join(', ')}`);
  const out: MidiMapping = { param, port, kind: kind as MidiKind, channel };
  if (number !== undefined) out.number = number as number;
  if (min !== undefined) out.min = min as number;
  if (max !== undefined) out.max = max as number;
  if (curve !== undefined) out.curve = curve as MidiCurve;
  if (mode !== undefined) out.mode = mode as MidiMode;
  return out;
}
