/**
 * LinearSmoother: ramps a parameter to its target over a fixed time.
 *
 * A linear ramp (rather than a one-pole) reaches the target exactly and in a
 * known time, so a crossfade driven by it ends at exactly 0 or 1 and a
 * bit-exact bypass is possible. Every continuous parameter goes through one.
 *
 *   prepare(sampleRate, rampMs, value)   once, from init
 *   setTarget(v)                         any time; restarts the ramp from where it is
 *   next()                               per sample on the audio thread
 */
export class LinearSmoother {
  /** value returned by the last next() */
  current: f32 = 0;
  /** where the ramp ends */
  target: f32 = 0;
  /** per-sample increment of the running ramp */
  private step: f32 = 0;
  /** samples left in the running ramp; 0 = settled */
  private remaining: i32 = 0;
  /** length of a full ramp in samples (≥ 1) */
  private rampFrames: i32 = 1;

  prepare(sampleRate: f32, rampMs: f32, value: f32): void {
    this.rampFrames = max<i32>(1, <i32>Mathf.round(rampMs * 0.001 * sampleRate));
    this.snap(value);
  }

  /** Jump to a value with no ramp (init and reset only). */
  snap(value: f32): void {
    this.current = value;
    this.target = value;
    this.step = 0;
    this.remaining = 0;
  }

  setTarget(value: f32): void {
    if (value == this.target) return;
    this.target = value;
    this.remaining = this.rampFrames;
    this.step = (value - this.current) / <f32>this.rampFrames;
  }

  @inline isRamping(): bool {
    return this.remaining > 0;
  }

  @inline next(): f32 {
    if (this.remaining > 0) {
      this.remaining--;
      // land exactly on the target at the end of the ramp, whatever rounding did
      this.current = this.remaining == 0 ? this.target : this.current + this.step;
    }
    return this.current;
  }
}
