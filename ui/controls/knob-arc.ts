/**
 * Geometry of the knob's SVG drawing: a 270° sweep with its gap at the bottom,
 * like most hardware knobs, so minimum sits at about 7 o'clock and maximum at 5.
 */

/** Angle of travel 0, in degrees clockwise from 12 o'clock. */
export const SWEEP_START = -135;
/** Total sweep for travel 0 → 1. */
export const SWEEP = 270;

/** Degrees clockwise from 12 o'clock for a travel of `t` (0–1). */
export function travelAngle(t: number): number {
  return SWEEP_START + SWEEP * Math.min(1, Math.max(0, t));
}

/** Point at `deg` (clockwise from 12 o'clock) on a circle of radius r around (cx, cy). */
export function polar(cx: number, cy: number, r: number, deg: number): [number, number] {
  const a = (deg * Math.PI) / 180;
  return [cx + r * Math.sin(a), cy - r * Math.cos(a)];
}

/**
 * SVG path data for the arc from travel t0 to t1. Empty when they coincide,
 * because a zero-length arc still draws a dot with round line caps.
 */
export function arcPath(cx: number, cy: number, r: number, t0: number, t1: number): string {
  const a0 = travelAngle(Math.min(t0, t1));
  const a1 = travelAngle(Math.max(t0, t1));
  if (a1 - a0 < 0.01) return '';
  const [x0, y0] = polar(cx, cy, r, a0);
  const [x1, y1] = polar(cx, cy, r, a1);
  const large = a1 - a0 > 180 ? 1 : 0;
  return `M ${x0.toFixed(2)} ${y0.toFixed(2)} A ${r} ${r} 0 ${large} 1 ${x1.toFixed(2)} ${y1.toFixed(2)}`;
}
