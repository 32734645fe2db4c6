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
export type Unit = 'dB' | 'ms' | 's' | 'Hz' | 'BPM' | '%' | '' | 'ratio' | '×';

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

/** Compact constructor for the table rows below (the group is the id's first part). */
function param<const I extends string>(
  id: I,
  name: string,
  unit: Unit,
  range: [min: number, max: number, defaultValue: number],
  scaling: Scaling,
  smoothingMs: number,
  description: string,
  choices?: readonly string[],
): ParamSpec & { id: I } {
  const [min, max, def] = range;
  return { id, name, description, unit, min, max, default: def, scaling, smoothingMs, group: id.split('.')[0], ...(choices ? { choices } : {}) };
}

/** Note divisions for tempo-synced delay: label → beats (quarter notes). "." = dotted, "t" = triplet. */
export const DELAY_DIVISIONS = [
  ['off', 0],
  ['1/1', 4], ['1/2', 2], ['1/4', 1], ['1/8', 0.5], ['1/16', 0.25], ['1/32', 0.125],
  ['1/1.', 6], ['1/2.', 3], ['1/4.', 1.5], ['1/8.', 0.75], ['1/16.', 0.375], ['1/32.', 0.1875],
  ['1/1t', 8 / 3], ['1/2t', 4 / 3], ['1/4t', 2 / 3], ['1/8t', 1 / 3], ['1/16t', 1 / 6], ['1/32t', 1 / 12],
] as const;

export const PARAMS = [
  // ---- master ----
  param('master.gain', 'Master', 'dB', [-60, 12, 0], 'db', 20, 'Output level before the safety limiter.'),
  param('master.bypass', 'Bypass', '', [0, 1, 0], 'toggle', 10, 'Bypass the effects chain (the safety limiter stays on).'),
  // ---- beat tracker ----
  param('beat.tap', 'Tap', '', [0, 1, 0], 'trigger', 0, 'Tap tempo: two or more taps set the tempo, and the last tap is a beat.'),
  param('beat.lock', 'Lock', '', [0, 1, 0], 'toggle', 0, 'Hold the tempo: the tracker still follows the phase but no longer changes tempo.'),
  param('beat.double', '×2', '', [0, 1, 0], 'trigger', 0, 'Jump to double the tracked tempo, keeping the beat.'),
  param('beat.half', '÷2', '', [0, 1, 0], 'trigger', 0, 'Jump to half the tracked tempo, keeping the beat.'),
  param('beat.resync', 'Re-sync', '', [0, 1, 0], 'trigger', 0, 'Put the beat on the next strong onset (and restart the bar count there).'),
  param('beat.min', 'Min tempo', 'BPM', [50, 220, 50], 'log', 0, 'Slowest tempo the tracker may report.'),
  param('beat.max', 'Max tempo', 'BPM', [50, 220, 220], 'log', 0, 'Fastest tempo the tracker may report.'),
  param('beat.meter', 'Meter', '', [1, 12, 4], 'integer', 0, 'Beats per bar for the bar counter.'),
  // ---- pitch: tuning, key ----
  param('tuning.lock', 'Lock tuning', '', [0, 1, 0], 'toggle', 0, 'Hold the tuning reference where it is (the estimate stops following the band).'),
  param('key.reset', 'Reset key', '', [0, 1, 0], 'trigger', 0, 'Forget the key heard so far and start listening afresh (a new song).'),
  // ---- dynamics: gate → compressor ----
  param('gate.on', 'Gate', '', [0, 1, 0], 'toggle', 10, 'Noise gate in (crossfaded).'),
  param('gate.threshold', 'Threshold', 'dB', [-90, 0, -60], 'db', 20, 'Level (peak, dBFS) above which the gate opens.'),
  param('gate.hysteresis', 'Hysteresis', 'dB', [0, 24, 6], 'linear', 20, 'The gate closes this far below the threshold, so it does not chatter.'),
  param('gate.hold', 'Hold', 'ms', [0, 1000, 50], 'linear', 0, 'How long the gate stays open after the level falls below the close point.'),
  param('gate.range', 'Range', 'dB', [-90, 0, -60], 'db', 20, 'Attenuation when closed (−90 dB is practically silence).'),
  param('gate.attack', 'Attack', 'ms', [0.1, 50, 1], 'log', 0, 'Time to open fully.'),
  param('gate.release', 'Release', 'ms', [5, 2000, 120], 'log', 0, 'Time to close after the hold.'),
  param('comp.on', 'Comp', '', [0, 1, 0], 'toggle', 10, 'Compressor in (crossfaded).'),
  param('comp.threshold', 'Threshold', 'dB', [-60, 0, -18], 'db', 20, 'Level above which the compressor reduces gain.'),
  param('comp.ratio', 'Ratio', 'ratio', [1, 20, 3], 'log', 20, 'Input dB over the threshold per output dB (20 is nearly limiting).'),
  param('comp.knee', 'Knee', 'dB', [0, 24, 6], 'linear', 20, 'Width of the soft knee around the threshold.'),
  param('comp.attack', 'Attack', 'ms', [0.1, 200, 10], 'log', 0, 'Time constant of gain reduction.'),
  param('comp.release', 'Release', 'ms', [10, 3000, 150], 'log', 0, 'Time constant of gain recovery.'),
  param('comp.makeup', 'Makeup', 'dB', [0, 30, 0], 'db', 20, 'Gain after compression.'),
  // ---- EQ ----
  param('eq.on', 'EQ', '', [0, 1, 0], 'toggle', 10, 'Equaliser in (crossfaded).'),
  param('eq.highpass.freq', 'High-pass', 'Hz', [20, 1000, 20], 'log', 30, 'High-pass (12 dB/octave) corner.'),
  param('eq.lowshelf.freq', 'Low freq', 'Hz', [30, 1000, 120], 'log', 30, 'Low shelf corner.'),
  param('eq.lowshelf.gain', 'Low', 'dB', [-18, 18, 0], 'db', 30, 'Low shelf gain.'),
  param('eq.peak.freq', 'Mid freq', 'Hz', [100, 12000, 1000], 'log', 30, 'Peaking band centre.'),
  param('eq.peak.gain', 'Mid', 'dB', [-18, 18, 0], 'db', 30, 'Peaking band gain.'),
  param('eq.peak.q', 'Mid Q', '', [0.2, 10, 1], 'log', 30, 'Peaking band sharpness (Q).'),
  param('eq.highshelf.freq', 'High freq', 'Hz', [1000, 16000, 6000], 'log', 30, 'High shelf corner.'),
  param('eq.highshelf.gain', 'High', 'dB', [-18, 18, 0], 'db', 30, 'High shelf gain.'),
  // ---- delay ----
  param('delay.on', 'Delay', '', [0, 1, 0], 'toggle', 10, 'Delay in (crossfaded; its repeats ring out when switched off).'),
  param('delay.time', 'Time', 'ms', [1, 4000, 375], 'log', 0, 'Delay time when no note division is set.'),
  param('delay.division', 'Division', '', [0, DELAY_DIVISIONS.length - 1, 0], 'choice', 0, 'Note division locked to the tempo (off = use delay.time).', DELAY_DIVISIONS.map(([label]) => label)),
  param('delay.sync', 'Sync', '', [0, 1, 0], 'choice', 0, 'Tempo for note divisions: the tracked beat (or tap), or delay.bpm.', ['tracked', 'fixed']),
  param('delay.bpm', 'BPM', 'BPM', [30, 300, 120], 'log', 0, 'Fixed tempo for note divisions (and while the tracker is lost).'),
  param('delay.feedback', 'Feedback', '', [0, 1.1, 0.35], 'linear', 30, 'Repeats level; above 1 the soft clipper keeps it bounded.'),
  param('delay.mix', 'Mix', '', [0, 1, 0.3], 'linear', 30, 'Level of the repeats added to the signal.'),
  param('delay.lowcut', 'Low cut', 'Hz', [20, 2000, 80], 'log', 30, 'High-pass in the feedback loop.'),
  param('delay.highcut', 'High cut', 'Hz', [500, 20000, 8000], 'log', 30, 'Low-pass in the feedback loop.'),
  param('delay.pingpong', 'Ping-pong', '', [0, 1, 0], 'toggle', 30, 'Repeats alternate left and right.'),
  param('delay.mod.depth', 'Mod depth', 'ms', [0, 10, 0], 'linear', 30, 'Depth of the delay-time wobble (tape flutter, chorus).'),
  param('delay.mod.rate', 'Mod rate', 'Hz', [0.05, 8, 0.5], 'log', 30, 'Rate of the wobble.'),
  param('delay.freeze', 'Freeze', '', [0, 1, 0], 'toggle', 20, 'Hold the repeats forever and stop taking new input.'),
  param('delay.mode', 'Time change', '', [0, 1, 0], 'choice', 0, 'How a time change sounds: crossfade (no pitch change) or tape (glides, bending pitch).', ['crossfade', 'tape']),
  // ---- reverb ----
  param('reverb.on', 'Reverb', '', [0, 1, 0], 'toggle', 10, 'Reverb in (crossfaded; the tail rings out when switched off).'),
  param('reverb.type', 'Type', '', [0, 2, 0], 'choice', 30, 'Hall (feedback delay network), plate (Dattorro) or a loaded impulse response.', ['fdn', 'plate', 'convolution']),
  param('reverb.decay', 'Decay', 's', [0.3, 10, 2], 'log', 50, 'Decay time (T60) of the mid band, seconds.'),
  param('reverb.decay.low', 'Bass', '×', [0.25, 4, 1.2], 'log', 50, 'Decay time below ~500 Hz as a multiple of the decay.'),
  param('reverb.damping', 'Damping', '', [0, 1, 0.4], 'linear', 50, 'High-frequency damping: decay above ~2 kHz shortened to (1 − 0.75·damping) of the decay.'),
  param('reverb.predelay', 'Pre-delay', 'ms', [0, 250, 10], 'linear', 0, 'Gap before the reverb starts.'),
  param('reverb.size', 'Size', '', [0, 1, 0.7], 'linear', 0, 'Room size: the spacing of the early echoes (decay time is kept).'),
  param('reverb.width', 'Width', '', [0, 1, 1], 'linear', 30, 'Stereo width of the tail (0 = mono).'),
  param('reverb.freeze', 'Freeze', '', [0, 1, 0], 'toggle', 30, 'Sustain the tail forever and stop taking new input.'),
  param('reverb.mix', 'Mix', '', [0, 1, 0.25], 'linear', 30, 'Level of the reverb added to the signal.'),
  param('reverb.normalize', 'Normalise IR', '', [0, 1, 1], 'toggle', 0, 'Scale a loaded impulse response to a standard loudness.'),
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
  { id: 'chroma.0', unit: '', description: 'chroma of the last frame, pitch class C (0–1, the strongest class is 1; all 0 when nothing pitched sounds)' },
  { id: 'chroma.1', unit: '', description: 'chroma of the last frame, pitch class C# (0–1, the strongest class is 1; all 0 when nothing pitched sounds)' },
  { id: 'chroma.2', unit: '', description: 'chroma of the last frame, pitch class D (0–1, the strongest class is 1; all 0 when nothing pitched sounds)' },
  { id: 'chroma.3', unit: '', description: 'chroma of the last frame, pitch class D# (0–1, the strongest class is 1; all 0 when nothing pitched sounds)' },
  { id: 'chroma.4', unit: '', description: 'chroma of the last frame, pitch class E (0–1, the strongest class is 1; all 0 when nothing pitched sounds)' },
  { id: 'chroma.5', unit: '', description: 'chroma of the last frame, pitch class F (0–1, the strongest class is 1; all 0 when nothing pitched sounds)' },
  { id: 'chroma.6', unit: '', description: 'chroma of the last frame, pitch class F# (0–1, the strongest class is 1; all 0 when nothing pitched sounds)' },
  { id: 'chroma.7', unit: '', description: 'chroma of the last frame, pitch class G (0–1, the strongest class is 1; all 0 when nothing pitched sounds)' },
  { id: 'chroma.8', unit: '', description: 'chroma of the last frame, pitch class G# (0–1, the strongest class is 1; all 0 when nothing pitched sounds)' },
  { id: 'chroma.9', unit: '', description: 'chroma of the last frame, pitch class A (0–1, the strongest class is 1; all 0 when nothing pitched sounds)' },
  { id: 'chroma.10', unit: '', description: 'chroma of the last frame, pitch class A# (0–1, the strongest class is 1; all 0 when nothing pitched sounds)' },
  { id: 'chroma.11', unit: '', description: 'chroma of the last frame, pitch class B (0–1, the strongest class is 1; all 0 when nothing pitched sounds)' },
  { id: 'chroma.frame', unit: '', description: 'chroma frames computed since init (a new frame when it changes)' },
  { id: 'chroma.time', unit: 's', description: 'engine time at which the last chroma frame\'s analysis windows end (−1 before the first)' },
  { id: 'tuning.ref', unit: 'Hz', description: 'estimated tuning reference, the band\'s A4 (440 = standard; ±50 cents around it)' },
  { id: 'key.index', unit: '', description: 'key: 0–11 = C … B major, 12–23 = C … B minor, −1 = not yet' },
  { id: 'key.confidence', unit: '', description: 'key confidence 0–1 (how far ahead of the runner-up, and how much has been heard)' },
  { id: 'key.second', unit: '', description: 'the runner-up key, same numbering (−1 = none)' },
  { id: 'chord.index', unit: '', description: 'chord now: root·3 + quality (0 maj, 1 min, 2 dominant 7th), −1 = no chord' },
  { id: 'vocal.probability', unit: '', description: 'probability that a voice is singing or speaking now, 0–1 (smoothed over ≈ 80 ms)' },
  { id: 'vocal.active', unit: '', description: '1 while the vocal lamp is lit (the probability after hysteresis)' },
  { id: 'vocal.frame', unit: '', description: 'vocal frames (10 ms) computed since init' },
  { id: 'vocal.time', unit: 's', description: 'engine time at which the last vocal frame\'s window ends (−1 before the first)' },
  { id: 'gate.gr', unit: 'dB', description: 'noise gate attenuation now (≤ 0)' },
  { id: 'comp.gr', unit: 'dB', description: 'compressor gain reduction, deepest in the last block (≤ 0)' },
] as const;

export type SnapshotId = (typeof SNAPSHOT_FIELDS)[number]['id'];

/**
 * The engine's units, in chain order, as `gigscope bench` times them one by one
 * (the engine's `benchUnit(index, frames)` runs unit `index` alone).
 */
export const ENGINE_UNITS = [
  { id: 'input', description: 'input sanitiser (NaN/Inf/denormal flush) and input meters' },
  { id: 'beat', description: 'onset novelty (spectral flux) and the beat tracker, on the mono sum' },
  { id: 'chroma', description: 'pitch analysis on the mono sum: decimation, spectral peaks, tuning, note activations, chroma, key and chord' },
  { id: 'vocal', description: 'singing detection on the mono sum: 10 ms features (MFCC, pitch salience, vibrato, singer\'s formant) and the classifier' },
  { id: 'effects', description: 'gate → compressor → EQ → delay → reverb (as set)' },
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
  if (p.unit === 'ratio') return `${v.toFixed(1)}:1`;
  if (p.unit === '×') return `×${v.toFixed(2)}`;
  // unitless amounts (mix, feedback, size) read in hundredths; big numbers without decimals
  const digits = Math.abs(v) >= 100 ? 0 : p.unit === '' && p.max <= 2 ? 2 : 1;
  return `${v.toFixed(digits)}${p.unit ? ' ' + p.unit : ''}`;
}
