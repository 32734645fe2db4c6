/**
 * Decimator: anti-alias low-pass, then every `factor`-th sample. The low-pass is
 * an 8th-order Butterworth (four RBJ low-pass sections with the Butterworth
 * pole Qs) at CUTOFF of the output Nyquist, which puts anything that would fold
 * onto the analysed band (below ≈ 0.35·fs_out) ≥ 40 dB down. Pitch analysis only
 * needs a few kHz, and decimating first makes its FFTs 4–16× cheaper at any input
 * rate, with the same frequency grid in Hz.
 *
 *   d.prepare(48000, 4); if (d.push(x)) use(d.out)   // 12 kHz out
 */
import { Biquad } from '../filters/biquad';

/** Butterworth 8th order: Q of each second-order section (1 / (2 cos θk)). */
const BUTTERWORTH_Q: StaticArray<f32> = [0.5098, 0.6013, 0.9, 2.5629];
/** Cutoff as a fraction of the output rate. */
const CUTOFF: f32 = 0.4;

export class Decimator {
  factor: i32 = 1;
  outRate: f32 = 48000;
  /** the latest output sample, valid when push() returned true */
  out: f32 = 0;
  private sections: StaticArray<Biquad> = new StaticArray<Biquad>(4);
  private count: i32 = 0;

  prepare(inRate: f32, factor: i32): void {
    this.factor = max(1, factor);
    this.outRate = inRate / <f32>this.factor;
    for (let k = 0; k < 4; k++) {
      const b = new Biquad();
      if (this.factor > 1) b.lowpass(inRate, CUTOFF * this.outRate, BUTTERWORTH_Q[k]);
      else b.identity();
      this.sections[k] = b;
    }
    this.reset();
  }

  reset(): void {
    for (let k = 0; k < 4; k++) unchecked(this.sections[k]).reset();
    this.count = 0;
    this.out = 0;
  }

  /** Input samples still needed to complete the next output sample. */
  @inline pending(): i32 {
    return this.factor - this.count;
  }

  /** Filter one input sample; true when it completes an output sample (in `out`). */
  @inline push(x: f32): bool {
    let y = x;
    if (this.factor > 1) {
      y = unchecked(this.sections[0]).tick(y);
      y = unchecked(this.sections[1]).tick(y);
      y = unchecked(this.sections[2]).tick(y);
      y = unchecked(this.sections[3]).tick(y);
    }
    if (++this.count < this.factor) return false;
    this.count = 0;
    this.out = y;
    return true;
  }
}
