/**
 * The one parameter table.
 *
 * Every engine parameter is defined here and only here. The engine's numeric
 * ids (assembly/generated/params.ts is generated from this file by
 * scripts/gen-params.mjs), the UI controls, preset validation, the CLI's
 * `--set id=value` and `gigscope params`, and MIDI mappings all read it.
 *
 * Values cross the engine ABI in the parameter's own unit (dB, ms, 0–1 …);
 * the engine turns them into coefficients. Discrete parameters (`toggle`,
 * `choice`) are not ramped but crossfaded by the unit that owns them, over
 * `smoothingMs`.
 *
 * This file must stay self-contained (no imports): the code generator loads it
 * on its own.
 */

/** How a control maps its 0–1 travel (knob, fader, MIDI CC) onto the range. */
export type Scaling =
  | 'linear' // evenly spaced
  | 'log' // evenly spaced in ratio (frequencies, times); min must be > 0
  | 'db' // evenly spaced in dB, the value itself is in dB
  | 'toggle' // 0 or 1
  | 'integer' // evenly spaced whole numbers
  | 'trigger' // momentary: setting 1 fires the action once; the stored value returns to 0
  | 'choice'; // an index into `choices`

/** Units as documentation (after Tone.js's Units.ts); the strings are what the UI prints. */
export type Unit = 'dB' | 'ms' | 's' | 'Hz' | 'BPM' | '%' | '' | 'ratio';

export interface ParamSpec {
  /** Stable id used by the CLI, presets and MIDI mappings. Never renamed. */
  readonly id: string;
  /** Short label for the stage UI. */
  readonly name: string;
  /** One sentence for `gigscope params` and tooltips. */
  readonly description: string;
  readonly unit: Unit;
  readonly min: number;
  readonly max: number;
  readonly default: number;
  readonly scaling: Scaling;
  /** Ramp (continuous) or crossfade (discrete) time applied by the engine. */
  readonly smoothingMs: number;
  /** Labels for `choice` parameters, index = value. */
  readonly choices?: readonly string[];
  /** Panel the control belongs to in the UI. */
  readonly group: string;
}

export const PARAMS = [
  {
    id: 'master.gain',
    name: 'Master',
    description: 'Output level before the safety limiter.',
    unit: 'dB',
    min: -60,
    max: 12,
    default: 0,
    scaling: 'db',
    smoothingMs: 20,
    group: 'master',
  },
  {
    id: 'master.bypass',
    name: 'Bypass',
    description: 'Bypass the effects chain (the safety limiter stays on).',
    unit: '',
    min: 0,
    max: 1,
    default: 0,
    scaling: 'toggle',
    smoothingMs: 10,
    group: 'master',
  },
  {
    id: 'beat.tap',
    name: 'Tap',
    description: 'Tap tempo: two or more taps set the tempo, and the last tap is a beat.',
    unit: '',
    min: 0,
    max: 1,
    default: 0,
    scaling: 'trigger',
    smoothingMs: 0,
    group: 'beat',
  },
  {
    id: 'beat.lock',
    name: 'Lock',
    description: 'Hold the tempo: the tracker still follows the phase but no longer changes tempo.',
    unit: '',
    min: 0,
    max: 1,
    default: 0,
    scaling: 'toggle',
    smoothingMs: 0,
    group: 'beat',
  },
  {
    id: 'beat.double',
    name: '×2',
    description: 'Jump to double the tracked tempo, keeping the beat.',
    unit: '',
    min: 0,
    max: 1,
    default: 0,
    scaling: 'trigger',
    smoothingMs: 0,
    group: 'beat',
  },
  {
    id: 'beat.half',
    name: '÷2',
    description: 'Jump to half the tracked tempo, keeping the beat.',
    unit: '',
    min: 0,
    max: 1,
    default: 0,
    scaling: 'trigger',
    smoothingMs: 0,
    group: 'beat',
  },
  {
    id: 'beat.resync',
    name: 'Re-sync',
    description: 'Put the beat on the next strong onset (and restart the bar count there).',
    unit: '',
    min: 0,
    max: 1,
    default: 0,
    scaling: 'trigger',
    smoothingMs: 0,
    group: 'beat',
  },
  {
    id: 'beat.min',
    name: 'Min tempo',
    description: 'Slowest tempo the tracker may report.',
    unit: 'BPM',
    min: 50,
    max: 220,
    default: 50,
    scaling: 'log',
    smoothingMs: 0,
    group: 'beat',
  },
  {
    id: 'beat.max',
    name: 'Max tempo',
    description: 'Fastest tempo the tracker may report.',
    unit: 'BPM',
    min: 50,
    max: 220,
    default: 220,
    scaling: 'log',
    smoothingMs: 0,
    group: 'beat',
  },
  {
    id: 'beat.meter',
    name: 'Meter',
    description: 'Beats per bar for the bar counter.',
    unit: '',
    min: 1,
    max: 12,
    default: 4,
    scaling: 'integer',
    smoothingMs: 0,
    group: 'beat',
  },
] as const satisfies readonly ParamSpec[];

export type ParamId = (typeof PARAMS)[number]['id'];

/**
 * The analysis snapshot: a Float32Array the engine fills on every block and
 * the hosts copy out (the worklet posts it to the UI at ≤ 60 Hz). Index = field
 * order; the engine constants are generated from this list.
 */
export const SNAPSHOT_FIELDS = [
  { id: 'in.peak.l', unit: 'dBFS', description: 'input peak of the last block, left' },
  { id: 'in.peak.r', unit: 'dBFS', description: 'input peak of the last block, right (= left for mono)' },
  { id: 'in.rms.l', unit: 'dBFS', description: 'input RMS, 300 ms integration, left' },
  { id: 'in.rms.r', unit: 'dBFS', description: 'input RMS, 300 ms integration, right' },
  { id: 'in.hold.l', unit: 'dBFS', description: 'input peak hold (held 1.5 s, then falls 20 dB/s), left' },
  { id: 'in.hold.r', unit: 'dBFS', description: 'input peak hold, right' },
  { id: 'out.peak.l', unit: 'dBFS', description: 'output peak of the last block, left' },
  { id: 'out.peak.r', unit: 'dBFS', description: 'output peak of the last block, right' },
  { id: 'out.rms.l', unit: 'dBFS', description: 'output RMS, left' },
  { id: 'out.rms.r', unit: 'dBFS', description: 'output RMS, right' },
  { id: 'out.hold.l', unit: 'dBFS', description: 'output peak hold, left' },
  { id: 'out.hold.r', unit: 'dBFS', description: 'output peak hold, right' },
  { id: 'limiter.gr', unit: 'dB', description: 'safety limiter gain reduction, deepest in the last block (≤ 0)' },
  { id: 'time', unit: 's', description: 'engine clock: end of the last block, seconds since init' },
  { id: 'beat.tempo', unit: 'BPM', description: 'tracked tempo (0 before the first estimate)' },
  { id: 'beat.confidence', unit: '', description: 'tempo confidence 0–1; falls while nothing rhythmic is heard' },
  { id: 'beat.lost', unit: '', description: '1 when the confidence is too low to trust the beat' },
  { id: 'beat.phase', unit: '', description: 'position in the current beat, 0 at the beat → 1' },
  { id: 'beat.last', unit: 's', description: 'engine time of the last announced beat (−1 before the first)' },
  { id: 'beat.next', unit: 's', description: 'engine time of the predicted next beat (−1 before the first)' },
  { id: 'beat.inBar', unit: '', description: 'beat in the bar (1 … meter) of the last announced beat, 0 before the first' },
] as const;

export type SnapshotId = (typeof SNAPSHOT_FIELDS)[number]['id'];

/**
 * The engine's units, in chain order, as `gigscope bench` times them one by one
 * (the engine's `benchUnit(index, frames)` runs unit `index` alone).
 */
export const ENGINE_UNITS = [
  { id: 'input', description: 'input sanitiser (NaN/Inf/denormal flush) and input meters' },
  { id: 'beat', description: 'onset novelty (spectral flux) and the beat tracker, on the mono sum' },
  { id: 'master', description: 'effects bypass crossfade and master gain' },
  { id: 'limiter', description: 'look-ahead output safety limiter' },
  { id: 'output-meter', description: 'output meters' },
] as const;

/** Index of a parameter in the table, which is its engine ABI id. */
export function paramIndex(id: string): number {
  return PARAMS.findIndex((p) => p.id === id);
}

export function paramSpec(id: string): ParamSpec | undefined {
  return PARAMS.find((p) => p.id === id);
}

/** Discrete parameters: whole-number values, never ramped. */
export function isDiscrete(p: ParamSpec): boolean {
  return p.scaling === 'toggle' || p.scaling === 'choice' || p.scaling === 'integer' || p.scaling === 'trigger';
}

/** The table's defaults as an id → value record. */
export function defaultParams(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of PARAMS) out[p.id] = p.default;
  return out;
}

/** 0–1 control travel → value, following the parameter's scaling. */
export function fromNormalized(p: ParamSpec, t: number): number {
  const u = Math.min(1, Math.max(0, t));
  switch (p.scaling) {
    case 'toggle':
      return u >= 0.5 ? 1 : 0;
    case 'choice':
    case 'integer':
      return Math.min(p.max, Math.round(p.min + u * (p.max - p.min)));
    case 'trigger':
      return u >= 0.5 ? 1 : 0;
    case 'log':
      return p.min * Math.pow(p.max / p.min, u);
    default:
      return p.min + u * (p.max - p.min);
  }
}

/** Value → 0–1 control travel; the inverse of fromNormalized. */
export function toNormalized(p: ParamSpec, v: number): number {
  const x = Math.min(p.max, Math.max(p.min, v));
  if (p.max === p.min) return 0;
  if (p.scaling === 'log') return Math.log(x / p.min) / Math.log(p.max / p.min);
  return (x - p.min) / (p.max - p.min);
}

/** The value as the stage UI prints it, in the parameter's unit. */
export function formatParam(p: ParamSpec, v: number): string {
  if (p.scaling === 'toggle') return v >= 0.5 ? 'on' : 'off';
  if (p.scaling === 'trigger') return v >= 0.5 ? 'fired' : 'ready';
  if (p.scaling === 'integer') return `${Math.round(v)}${p.unit ? ' ' + p.unit : ''}`;
  if (p.scaling === 'choice' && p.choices) return p.choices[Math.round(v)] ?? String(v);
  const digits = Math.abs(v) >= 100 ? 0 : 1;
  return `${v.toFixed(digits)}${p.unit ? ' ' + p.unit : ''}`;
}
