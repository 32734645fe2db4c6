/**
 * DelayLine: a circular buffer with a power-of-two length, written one sample
 * at a time and read at integer or fractional delays. Fixed capacity decided
 * in prepare() (DaisySP's habit: the maximum delay is part of the design).
 *
 *   const d = new DelayLine(); d.prepare(48000);   // up to 47999 samples back
 *   d.write(x); y = d.read(480);                   // 10 ms at 48 kHz
 */
export class DelayLine {
  private buffer: StaticArray<f32> = new StaticArray<f32>(0);
  private mask: i32 = 0;
  /** index of the most recent write */
  private pos: i32 = 0;

  /** Room for delays up to `maxDelay` samples (the capacity is rounded up to a power of two). */
  prepare(maxDelay: i32): void {
    let n = 4;
    while (n < maxDelay + 4) n <<= 1;
    this.buffer = new StaticArray<f32>(n);
    this.mask = n - 1;
    this.pos = 0;
  }

  reset(): void {
    this.buffer.fill(0);
    this.pos = 0;
  }

  /** Largest delay (samples) this line can read with cubic interpolation. */
  @inline capacity(): i32 {
    return this.mask - 3;
  }

  @inline write(x: f32): void {
    this.pos = (this.pos + 1) & this.mask;
    unchecked((this.buffer[this.pos] = x));
  }

  /** The sample written `delay` writes ago (0 = the latest). */
  @inline read(delay: i32): f32 {
    return unchecked(this.buffer[(this.pos - delay) & this.mask]);
  }

  /**
   * Fractional delay by 4-point cubic Hermite interpolation (Catmull–Rom):
   * exact at integer delays, smooth enough to modulate without zipper noise.
   */
  @inline readCubic(delay: f32): f32 {
    const whole = <i32>delay;
    const t = delay - <f32>whole;
    const m = this.mask;
    const b = this.buffer;
    const base = this.pos - whole;
    const y0 = unchecked(b[(base + 1) & m]);
    const y1 = unchecked(b[base & m]);
    const y2 = unchecked(b[(base - 1) & m]);
    const y3 = unchecked(b[(base - 2) & m]);
    const c1: f32 = 0.5 * (y2 - y0);
    const c2: f32 = y0 - 2.5 * y1 + 2.0 * y2 - 0.5 * y3;
    const c3: f32 = 0.5 * (y3 - y0) + 1.5 * (y1 - y2);
    return ((c3 * t + c2) * t + c1) * t + y1;
  }

  /** Fractional delay by linear interpolation (cheaper; for short modulated lines). */
  @inline readLinear(delay: f32): f32 {
    const whole = <i32>delay;
    const t = delay - <f32>whole;
    const a = unchecked(this.buffer[(this.pos - whole) & this.mask]);
    const b = unchecked(this.buffer[(this.pos - whole - 1) & this.mask]);
    return a + t * (b - a);
  }
}
