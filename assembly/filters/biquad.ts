/**
 * Biquad: one second-order IIR section, transposed direct form II, with the
 * coefficient recipes of R. Bristow-Johnson's "Audio EQ Cookbook" (lowpass,
 * highpass, peaking, low and high shelf). Coefficients are computed by the
 * setters (musical units in, once per change), never per sample.
 *
 *   const f = new Biquad(); f.lowShelf(fs, 120, 0.707, 6); y = f.tick(x)
 */
import { flushDenormal } from '../core/sanitize';

export class Biquad {
  b0: f32 = 1;
  b1: f32 = 0;
  b2: f32 = 0;
  a1: f32 = 0;
  a2: f32 = 0;
  private z1: f32 = 0;
  private z2: f32 = 0;
  // direct form I history (tickDirect)
  private x1: f32 = 0;
  private x2: f32 = 0;
  private y1: f32 = 0;
  private y2: f32 = 0;

  reset(): void {
    this.z1 = 0;
    this.z2 = 0;
    this.x1 = 0;
    this.x2 = 0;
    this.y1 = 0;
    this.y2 = 0;
  }

  /** Pass-through. */
  identity(): void {
    this.set(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
  }

  lowpass(fs: f32, hz: f32, q: f32): void {
    const w = omega(fs, hz);
    const c = Math.cos(w);
    const alpha = Math.sin(w) / (2.0 * <f64>q);
    this.set((1.0 - c) * 0.5, 1.0 - c, (1.0 - c) * 0.5, 1.0 + alpha, -2.0 * c, 1.0 - alpha);
  }

  highpass(fs: f32, hz: f32, q: f32): void {
    const w = omega(fs, hz);
    const c = Math.cos(w);
    const alpha = Math.sin(w) / (2.0 * <f64>q);
    this.set((1.0 + c) * 0.5, -(1.0 + c), (1.0 + c) * 0.5, 1.0 + alpha, -2.0 * c, 1.0 - alpha);
  }

  peaking(fs: f32, hz: f32, q: f32, db: f32): void {
    const A = Math.pow(10.0, <f64>db / 40.0);
    const w = omega(fs, hz);
    const c = Math.cos(w);
    const alpha = Math.sin(w) / (2.0 * <f64>q);
    this.set(1.0 + alpha * A, -2.0 * c, 1.0 - alpha * A, 1.0 + alpha / A, -2.0 * c, 1.0 - alpha / A);
  }

  /** Low shelf with slope `s` (1 = steepest without overshoot). */
  lowShelf(fs: f32, hz: f32, s: f32, db: f32): void {
    const A = Math.pow(10.0, <f64>db / 40.0);
    const w = omega(fs, hz);
    const c = Math.cos(w);
    const alpha = (Math.sin(w) / 2.0) * Math.sqrt((A + 1.0 / A) * (1.0 / <f64>s - 1.0) + 2.0);
    const k = 2.0 * Math.sqrt(A) * alpha;
    this.set(
      A * (A + 1.0 - (A - 1.0) * c + k),
      2.0 * A * (A - 1.0 - (A + 1.0) * c),
      A * (A + 1.0 - (A - 1.0) * c - k),
      A + 1.0 + (A - 1.0) * c + k,
      -2.0 * (A - 1.0 + (A + 1.0) * c),
      A + 1.0 + (A - 1.0) * c - k,
    );
  }

  highShelf(fs: f32, hz: f32, s: f32, db: f32): void {
    const A = Math.pow(10.0, <f64>db / 40.0);
    const w = omega(fs, hz);
    const c = Math.cos(w);
    const alpha = (Math.sin(w) / 2.0) * Math.sqrt((A + 1.0 / A) * (1.0 / <f64>s - 1.0) + 2.0);
    const k = 2.0 * Math.sqrt(A) * alpha;
    this.set(
      A * (A + 1.0 + (A - 1.0) * c + k),
      -2.0 * A * (A - 1.0 + (A + 1.0) * c),
      A * (A + 1.0 + (A - 1.0) * c - k),
      A + 1.0 - (A - 1.0) * c + k,
      2.0 * (A - 1.0 - (A + 1.0) * c),
      A + 1.0 - (A - 1.0) * c - k,
    );
  }

  /** Normalise by a0 and store. */
  private set(b0: f64, b1: f64, b2: f64, a0: f64, a1: f64, a2: f64): void {
    const inv = 1.0 / a0;
    this.b0 = <f32>(b0 * inv);
    this.b1 = <f32>(b1 * inv);
    this.b2 = <f32>(b2 * inv);
    this.a1 = <f32>(a1 * inv);
    this.a2 = <f32>(a2 * inv);
  }

  /** Copy another section's coefficients (state is kept: used to glide between settings). */
  copyFrom(o: Biquad): void {
    this.b0 = o.b0;
    this.b1 = o.b1;
    this.b2 = o.b2;
    this.a1 = o.a1;
    this.a2 = o.a2;
  }

  @inline tick(x: f32): f32 {
    const y = this.b0 * x + this.z1;
    this.z1 = this.b1 * x - this.a1 * y + this.z2;
    this.z2 = this.b2 * x - this.a2 * y;
    return y;
  }

  /**
   * Direct form I: the state is the signal's own history, so coefficients can
   * change from one sample to the next without a transient (used where a filter
   * is retuned while audio runs through it, e.g. inside a reverb's loop).
   */
  @inline tickDirect(x: f32): f32 {
    const y = this.b0 * x + this.b1 * this.x1 + this.b2 * this.x2 - this.a1 * this.y1 - this.a2 * this.y2;
    this.x2 = this.x1;
    this.x1 = x;
    this.y2 = this.y1;
    this.y1 = flushDenormal(y);
    return y;
  }

  /** Filter a block in place, flushing the state afterwards so silence never decays into denormals. */
  process(ptr: usize, frames: i32): void {
    for (let i = 0; i < frames; i++) {
      const o = <usize>i << 2;
      store<f32>(ptr + o, this.tick(load<f32>(ptr + o)));
    }
    this.z1 = flushDenormal(this.z1);
    this.z2 = flushDenormal(this.z2);
  }
}

/** 2π·f/fs, with f kept below Nyquist so the recipes stay stable at any rate. */
@inline function omega(fs: f32, hz: f32): f64 {
  return (2.0 * Math.PI * <f64>min(hz, 0.49 * fs)) / <f64>fs;
}
