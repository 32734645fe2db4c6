/**
 * VocalDetector: is someone singing (or speaking) right now, over the band?
 *
 *   VocalFeatures (every 10 ms) ─► standardise ─► MEMBERS × MLP (FEATURE_COUNT → HIDDEN tanh → 1 logistic)
 *                               ─► mean probability, smoothed (SMOOTHING_SECONDS) ─► hysteresis ─► active
 *
 * The weights come from `npm run train:vocal` (scripts/train-vocal.mjs), which
 * runs this same engine over mixes of voice and band recordings and fits
 * MEMBERS networks to its features, each from its own random start and
 * shuffle; vocal-weights.ts records the data they were trained on. One network
 * trained on this data lands almost anywhere between "lights for every pad"
 * and "misses quiet voices" depending on its seed (on the corpus, instrument
 * clips lit 20–43 % of frames across eight seeds); their mean is steadier.
 * Silence (the features' RMS gate) is "no voice" without asking the network.
 *
 * Hysteresis: the lamp lights when the smoothed probability has been at least
 * ON for ON_SECONDS, and goes out when it has been below OFF for OFF_SECONDS —
 * quick to catch an entry, slow to drop out between phrases.
 */
import { VocalFeatures, FEATURE_COUNT, FRAME_RATE } from './vocal-features';
import { FEATURE_MEAN, FEATURE_SCALE, MEMBERS, HIDDEN, W1, B1, W2, B2 } from './vocal-weights';

const SMOOTHING_SECONDS: f64 = 0.08;
const ON: f32 = 0.5;
const OFF: f32 = 0.35;
const ON_SECONDS: f64 = 0.05;
const OFF_SECONDS: f64 = 0.3;

export class VocalDetector {
  features: VocalFeatures = new VocalFeatures();
  /** the network's answer for the last frame, and its smoothed value (0–1) */
  raw: f32 = 0;
  probability: f32 = 0;
  active: bool = false;
  frameCount: i32 = 0;
  frameTime: f64 = -1;
  private input: StaticArray<f32> = new StaticArray<f32>(FEATURE_COUNT);
  private smooth: f32 = 0.1;
  private onFrames: i32 = 5;
  private offFrames: i32 = 30;
  /** false when vocal-weights.ts was trained for another feature layout: the detector then stays dark */
  private usable: bool = false;
  private above: i32 = 0;
  private below: i32 = 0;

  prepare(sampleRate: f32): void {
    this.features.prepare(sampleRate);
    this.usable =
      MEMBERS >= 1 &&
      FEATURE_MEAN.length == FEATURE_COUNT &&
      FEATURE_SCALE.length == FEATURE_COUNT &&
      W1.length == MEMBERS * FEATURE_COUNT * HIDDEN &&
      B1.length == MEMBERS * HIDDEN &&
      W2.length == MEMBERS * HIDDEN &&
      B2.length == MEMBERS;
    this.smooth = <f32>(1.0 - Math.exp(-1.0 / (SMOOTHING_SECONDS * FRAME_RATE)));
    this.onFrames = max<i32>(1, <i32>Math.round(ON_SECONDS * FRAME_RATE));
    this.offFrames = max<i32>(1, <i32>Math.round(OFF_SECONDS * FRAME_RATE));
    this.reset();
  }

  reset(): void {
    this.features.reset();
    this.raw = 0;
    this.probability = 0;
    this.active = false;
    this.frameCount = 0;
    this.frameTime = -1;
    this.above = 0;
    this.below = 0;
  }

  @inline samplesToFrame(): i32 {
    return this.features.samplesToFrame();
  }

  @inline frameReady(): bool {
    return this.features.frameReady();
  }

  @inline write(ptr: usize, count: i32): void {
    this.features.write(ptr, count);
  }

  /** One 10 ms frame, completed at engine time `now`. */
  step(now: f64): void {
    this.raw = this.features.compute() && this.usable ? this.classify() : 0;
    this.probability += this.smooth * (this.raw - this.probability);
    if (this.probability >= ON) {
      this.above++;
      this.below = 0;
    } else if (this.probability < OFF) {
      this.below++;
      this.above = 0;
    } else {
      this.above = 0;
      this.below = 0;
    }
    if (!this.active && this.above >= this.onFrames) this.active = true;
    else if (this.active && this.below >= this.offFrames) this.active = false;
    this.frameCount++;
    this.frameTime = now;
  }

  private classify(): f32 {
    const f = this.features.features;
    const x = this.input;
    for (let i = 0; i < FEATURE_COUNT; i++) {
      const v = (unchecked(f[i]) - unchecked(FEATURE_MEAN[i])) * unchecked(FEATURE_SCALE[i]);
      // a feature far outside anything seen in training must not dominate
      unchecked((x[i] = min<f32>(6, max<f32>(-6, v))));
    }
    let sum: f32 = 0;
    for (let m = 0; m < MEMBERS; m++) {
      let out: f32 = unchecked(B2[m]);
      for (let h = 0; h < HIDDEN; h++) {
        const unit = m * HIDDEN + h;
        let a: f32 = unchecked(B1[unit]);
        const row = unit * FEATURE_COUNT;
        for (let i = 0; i < FEATURE_COUNT; i++) a += unchecked(W1[row + i]) * unchecked(x[i]);
        out += unchecked(W2[unit]) * tanh(a);
      }
      sum += 1.0 / (1.0 + Mathf.exp(-out));
    }
    return sum / <f32>MEMBERS;
  }
}

/** tanh without overflow for large |a|. */
@inline function tanh(a: f32): f32 {
  const c = min<f32>(15, max<f32>(-15, a));
  const e = Mathf.exp(2.0 * c);
  return (e - 1.0) / (e + 1.0);
}
