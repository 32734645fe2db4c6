/**
 * The level meters' scale and display ballistics, kept apart from drawing so
 * they can be reasoned about (and tested) without a canvas.
 */

/** Bottom and top of the bar, dBFS. −60 dB is as far down as a stage mix needs to see. */
export const METER_MIN_DB = -60;
export const METER_MAX_DB = 0;
/**
 * The safety limiter's ceiling: above it the bar turns red. On the output this
 * should never light (the limiter holds it); on the input it means the
 * converter is about to clip.
 */
export const CLIP_ZONE_DB = -1;
/** Above this the bar turns amber: loud, with less than 18 dB of headroom left. */
export const CAUTION_DB = -18;
/** Labelled ticks, top to bottom. */
export const METER_TICKS = [0, -6, -12, -18, -24, -36, -48, -60] as const;

/**
 * How fast the drawn peak bar may fall, dB per second. The engine's peak is
 * the last 128-frame block only, so drawn raw at 60 fps the bar would flicker
 * between transients; rising at once and falling at 12 dB/s keeps every hit
 * visible and the bar readable, while the hold tick (computed by the engine)
 * keeps the true recent maximum.
 */
export const PEAK_FALL_DB_PER_S = 12;

/** dBFS → 0–1 position on the bar (linear in dB, clamped). */
export function dbToFraction(db: number): number {
  if (!(db > METER_MIN_DB)) return 0; // also catches NaN and −Infinity
  return Math.min(1, (db - METER_MIN_DB) / (METER_MAX_DB - METER_MIN_DB));
}

/** Instant attack, linear-in-dB release: the next drawn level after `dtSeconds`. */
export function fallTowards(shown: number, target: number, dtSeconds: number, dbPerSecond = PEAK_FALL_DB_PER_S): number {
  if (!(target > Number.NEGATIVE_INFINITY)) target = Number.NEGATIVE_INFINITY;
  if (target >= shown || !Number.isFinite(shown)) return target;
  return Math.max(target, shown - dbPerSecond * Math.max(0, dtSeconds));
}

/** dB as the readouts print it: one decimal, a real minus sign, and "< −60" below the scale. */
export function formatDb(db: number): string {
  if (!(db >= METER_MIN_DB)) return `< ${minus(METER_MIN_DB.toFixed(0))}`;
  return minus(db.toFixed(1));
}

/** U+2212 MINUS SIGN reads better than a hyphen at a distance and lines up with "+". */
function minus(s: string): string {
  return s.replace('-', '\u2212');
}
