/**
 * Input sanitiser: nothing non-finite, absurdly loud or denormal gets past the
 * engine's front door, so no unit downstream has to defend against it.
 */

/** Largest magnitude accepted from a host (+36 dBFS); louder is clamped. */
export const INPUT_CLAMP: f32 = 64.0;
/** Magnitudes below this (−600 dBFS) are flushed to 0: wasm has no flush-to-zero mode and denormals are slow. */
export const DENORMAL_FLOOR: f32 = 1e-30;

/** NaN and ±Inf → 0; |x| > INPUT_CLAMP → ±INPUT_CLAMP; |x| < DENORMAL_FLOOR → 0. */
@inline export function sanitizeSample(x: f32): f32 {
  const a = Mathf.abs(x);
  if (a <= INPUT_CLAMP) return a < DENORMAL_FLOOR ? 0 : x;
  // NaN compares false with everything, so it lands here too
  return a < Infinity ? copysign<f32>(INPUT_CLAMP, x) : 0;
}

/** Sanitise `frames` samples from src into dst (may be the same buffer). */
export function sanitizeBlock(src: usize, dst: usize, frames: i32): void {
  for (let i = 0; i < frames; i++) {
    const o = <usize>i << 2;
    store<f32>(dst + o, sanitizeSample(load<f32>(src + o)));
  }
}

/** Flush a denormal state variable (feedback paths, filter memories) to zero. */
@inline export function flushDenormal(x: f32): f32 {
  return Mathf.abs(x) < DENORMAL_FLOOR ? 0 : x;
}

/** Linear amplitude → dBFS, with a floor so silence reads as a number, not −Infinity. */
export const DB_FLOOR: f32 = -120.0;
@inline export function toDb(amplitude: f32): f32 {
  return amplitude > 1e-6 ? 20.0 * Mathf.log10(amplitude) : DB_FLOOR;
}

@inline export function fromDb(db: f32): f32 {
  return Mathf.pow(10.0, db * 0.05);
}
