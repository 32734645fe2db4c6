/**
 * Diffuser: Schroeder allpass sections in series (Schroeder 1962), which turn
 * an impulse into a dense burst without colouring its long-term spectrum.
 * Used in front of the FDN and inside the plate.
 *
 *   y[n] = −g·x[n] + x[n−M] + g·y[n−M]
 */
import { DelayLine } from '../delay/delay-line';
import { flushDenormal } from '../core/sanitize';

/** Per-sample glide of a retuned allpass gain (one-pole, ≈ 5 ms at 48 kHz). */
const GAIN_GLIDE: f32 = 0.004;

export class Allpass {
  private line: DelayLine = new DelayLine();
  /** delay in samples (fractional allowed, for modulation) */
  delay: f32 = 1;
  gain: f32 = 0.5;
  /** where `gain` glides to when retuned while running (setGainForDecay) */
  private gainTarget: f32 = 0.5;

  prepare(maxDelay: i32): void {
    this.line.prepare(maxDelay + 2);
  }

  reset(): void {
    this.line.reset();
    this.gain = this.gainTarget;
  }

  /** One sample through the allpass (integer delay). */
  @inline tick(x: f32): f32 {
    // a retuned gain glides (≈ 5 ms at 48 kHz): a step inside a feedback loop would click
    this.gain += GAIN_GLIDE * (this.gainTarget - this.gain);
    const d = this.line.read(<i32>this.delay - 1);
    const v = flushDenormal(x + this.gain * d);
    this.line.write(v);
    return d - this.gain * v;
  }

  /**
   * The largest gain magnitude ≤ |maxGain| whose own ring (T60 = 3·M / −log10 |g|)
   * lasts at most `fraction` of `t60`, with maxGain's sign.
   */
  setGainForDecay(maxGain: f32, t60: f32, sampleRate: f32, fraction: f32): void {
    const seconds = this.delay / sampleRate;
    const g = min(Mathf.abs(maxGain), Mathf.pow(10.0, (-3.0 * seconds) / (fraction * max<f32>(t60, 0.05))));
    this.gainTarget = maxGain < 0 ? -g : g;
  }

  /** Set the gain at once (construction, reset). */
  setGain(g: f32): void {
    this.gain = g;
    this.gainTarget = g;
  }

  /** Jump to the target gain (after a reset there is nothing to glide from). */
  settle(): void {
    this.gain = this.gainTarget;
  }

  /** The value inside the allpass's delay line `delay` writes back, at a fractional delay (the plate's output taps). */
  @inline peekLinear(delay: f32): f32 {
    return this.line.readLinear(delay);
  }

  /** One sample, reading at a fractional (modulated) delay. */
  @inline tickModulated(x: f32, delay: f32): f32 {
    this.gain += GAIN_GLIDE * (this.gainTarget - this.gain);
    const d = this.line.readCubic(delay - 1.0);
    const v = flushDenormal(x + this.gain * d);
    this.line.write(v);
    return d - this.gain * v;
  }
}

/** A fixed chain of allpasses. */
export class Diffuser {
  stages: StaticArray<Allpass> = new StaticArray<Allpass>(0);

  /** `delays` in samples, one per stage, all with gain `gain`. */
  prepare(delays: StaticArray<i32>, gain: f32): void {
    this.stages = new StaticArray<Allpass>(delays.length);
    for (let i = 0; i < delays.length; i++) {
      const a = new Allpass();
      a.prepare(delays[i]);
      a.delay = <f32>delays[i];
      a.setGain(gain);
      this.stages[i] = a;
    }
  }

  reset(): void {
    for (let i = 0; i < this.stages.length; i++) unchecked(this.stages[i]).reset();
  }

  /**
   * Gains for a reverb of decay `t60` (s): at most `maxGain`, and low enough that
   * each allpass's own ring lasts at most `fraction` of the reverb's, so
   * diffusion does not lengthen a short decay.
   */
  setGainsForDecay(maxGain: f32, t60: f32, sampleRate: f32, fraction: f32): void {
    for (let i = 0; i < this.stages.length; i++) unchecked(this.stages[i]).setGainForDecay(maxGain, t60, sampleRate, fraction);
  }

  @inline tick(x: f32): f32 {
    let y = x;
    for (let i = 0; i < this.stages.length; i++) y = unchecked(this.stages[i]).tick(y);
    return y;
  }
}
