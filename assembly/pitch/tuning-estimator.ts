/**
 * TuningEstimator: where the band's A is, from the spectral peaks, online.
 *
 * Each peak's distance from the nearest equal-tempered semitone (relative to
 * A = 440 Hz) is a phase on the unit circle; a leaky, amplitude-weighted mean of
 * those phases points at the band's tuning (the circular-statistics idea behind
 * Essentia's TuningFrequency and the NNLS Chroma tuning estimate, Mauch & Dixon
 * 2010). The result is an offset in (−½, ½] semitone, i.e. ±50 cents, and the
 * reference A = 440·2^(offset/12). Locked, it holds its value.
 */

/** Leaky-mean time constant, seconds: steady against vibrato, quick to settle. */
const TIME_CONSTANT: f64 = 3.0;
/** The mean phase moves only when the peaks agree this much (resultant length 0–1). */
const MIN_AGREEMENT: f64 = 0.15;

export class TuningEstimator {
  /** offset of the band's tuning from A440 equal temperament, semitones */
  offset: f32 = 0;
  locked: bool = false;
  private c: f64 = 0;
  private s: f64 = 0;
  private w: f64 = 0;
  private leak: f64 = 1;

  prepare(frameRate: f64): void {
    this.leak = Math.exp(-1.0 / (TIME_CONSTANT * frameRate));
    this.reset();
  }

  reset(): void {
    this.c = 0;
    this.s = 0;
    this.w = 0;
    this.offset = 0;
  }

  /** The tuning reference, Hz (A4). */
  referenceHz(): f32 {
    return <f32>(440.0 * Math.pow(2.0, <f64>this.offset / 12.0));
  }

  /** One frame's peaks. */
  update(hz: StaticArray<f32>, amp: StaticArray<f32>, count: i32): void {
    if (this.locked || count == 0) return;
    let c = this.c * this.leak;
    let s = this.s * this.leak;
    let w = this.w * this.leak;
    for (let i = 0; i < count; i++) {
      const f = <f64>unchecked(hz[i]);
      if (f <= 0) continue;
      const semis = 12.0 * Math.log2(f / 440.0);
      const phase = 2.0 * Math.PI * (semis - Math.round(semis));
      // square-root weights: a loud note must not decide alone
      const a = Math.sqrt(<f64>unchecked(amp[i]));
      c += a * Math.cos(phase);
      s += a * Math.sin(phase);
      w += a;
    }
    this.c = c;
    this.s = s;
    this.w = w;
    if (w > 0 && Math.sqrt(c * c + s * s) >= MIN_AGREEMENT * w) this.offset = <f32>(Math.atan2(s, c) / (2.0 * Math.PI));
  }
}
