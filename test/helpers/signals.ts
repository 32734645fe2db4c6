/** Test signals and measurements shared by the unit and browser tests. */

/** Deterministic white noise in [-1, 1) (xorshift32), so failures reproduce. */
export function noise(length: number, seed = 1, amplitude = 1): Float32Array {
  const out = new Float32Array(length);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[i] = amplitude * (s / 2147483648 - 1);
  }
  return out;
}

export function sine(length: number, freq: number, sampleRate: number, amplitude = 1, phase = 0): Float32Array {
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = amplitude * Math.sin(phase + (2 * Math.PI * freq * i) / sampleRate);
  return out;
}

/** Naive (aliasing) square wave: the hardest case for a limiter, full-scale edges every half period. */
export function square(length: number, freq: number, sampleRate: number, amplitude = 1): Float32Array {
  const out = new Float32Array(length);
  const period = sampleRate / freq;
  for (let i = 0; i < length; i++) out[i] = (i % period) < period / 2 ? amplitude : -amplitude;
  return out;
}

export function peak(x: Float32Array, from = 0, to = x.length): number {
  let m = 0;
  for (let i = from; i < to; i++) m = Math.max(m, Math.abs(x[i]));
  return m;
}

export function rms(x: Float32Array, from = 0, to = x.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += x[i] * x[i];
  return Math.sqrt(s / Math.max(1, to - from));
}

export const db = (a: number) => 20 * Math.log10(a);

/**
 * Largest sample-to-sample step after removing what the input itself would
 * explain: a click detector. Compares |Δy| against the largest |Δx| of the
 * input scaled by the largest gain seen.
 */
export function maxStep(x: Float32Array, from = 1, to = x.length): number {
  let m = 0;
  for (let i = Math.max(1, from); i < to; i++) m = Math.max(m, Math.abs(x[i] - x[i - 1]));
  return m;
}

export function allFinite(x: Float32Array): boolean {
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) return false;
  return true;
}

/**
 * Index of the first sample where a and b differ (or the shorter length if
 * lengths differ), or −1 when identical. vitest's toEqual on million-sample
 * arrays is far too slow to be a test's comparison.
 */
export function firstDifference(a: Float32Array, b: Float32Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return i;
  return a.length === b.length ? -1 : n;
}
