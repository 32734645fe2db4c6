/**
 * How a controller's position becomes a parameter value, for one mapping.
 *
 *   controller position x (0–1: CC/127, 14-bit/16383, bend/16383)
 *     → curve        linear, exp (slow start: fine control at the bottom) or log (the mirror)
 *     → range        the mapping's min…max of the parameter's *travel* (max < min inverts)
 *     → travel t     0–1, the same travel a knob has
 *     → value        the table's fromNormalized(spec, t): log frequencies, dB gains …
 *
 * Because the last step is the table's own scaling, a CC sweeps a parameter
 * exactly as its knob does; the curve and range only reshape the controller.
 *
 *   controlToTravel(0.5, { min: 0.2, max: 0.6, curve: 'linear' })   // 0.4
 *   travelToValue(paramSpec('eq.peak.freq')!, 0.5)                   // ≈ 1095 Hz (the knob's middle)
 */
import { fromNormalized, type ParamSpec } from '../../params/table';
import type { MidiCurve, MidiMapping } from '../../presets/midi-mapping';

/**
 * Bend of the exp/log curves: exp(x) = (e^(kx) − 1)/(e^k − 1). With k = 3 the
 * lower half of the controller covers the first 18 % of the range, a usual
 * "audio taper"; log is its exact inverse, so either can be undone.
 */
const BEND = 3;
const BEND_SPAN = Math.expm1(BEND);

/** The curve applied to a position 0–1 (result 0–1, monotonic, ends fixed). */
export function shapeCurve(x: number, curve: MidiCurve | undefined): number {
  const u = clamp01(x);
  if (curve === 'exp') return Math.expm1(BEND * u) / BEND_SPAN;
  if (curve === 'log') return Math.log1p(u * BEND_SPAN) / BEND;
  return u;
}

/** The inverse of shapeCurve. */
export function unshapeCurve(y: number, curve: MidiCurve | undefined): number {
  return shapeCurve(y, curve === 'exp' ? 'log' : curve === 'log' ? 'exp' : curve);
}

/** The mapping's travel range, [from, to] (to < from when inverted). */
export function mappingRange(m: Pick<MidiMapping, 'min' | 'max'>): [number, number] {
  return [m.min ?? 0, m.max ?? 1];
}

/** Controller position 0–1 → parameter travel 0–1, through the mapping's curve and range. */
export function controlToTravel(x: number, m: Pick<MidiMapping, 'min' | 'max' | 'curve'>): number {
  const [from, to] = mappingRange(m);
  return from + (to - from) * shapeCurve(x, m.curve);
}

/**
 * Parameter travel → value in the parameter's unit. The ends are exact (a log
 * scaling's max would otherwise come back as 220.00000000000003), as for the knob.
 */
export function travelToValue(spec: ParamSpec, t: number): number {
  const u = clamp01(t);
  const v = u === 0 ? spec.min : u === 1 ? spec.max : fromNormalized(spec, u);
  return Math.min(spec.max, Math.max(spec.min, v));
}

function clamp01(x: number): number {
  return x <= 0 ? 0 : x >= 1 ? 1 : Number.isFinite(x) ? x : 0;
}
