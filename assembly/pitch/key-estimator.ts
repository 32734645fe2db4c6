/**
 * KeyEstimator: the key (24: 12 major, 12 minor) from a slowly accumulated
 * note chroma, by correlation with key profiles (Krumhansl & Schmuckler's
 * method) — Krumhansl & Kessler's probe-tone profiles (1982). Temperley's
 * corpus profiles (2007) were also measured: on the development set they named
 * the relative major of two minor-key pieces (docs/chroma-key.md), so the
 * classic profiles, whose minor mode weights the minor third and sixth more,
 * are the default.
 *
 * Each voiced frame's chroma is normalised to sum 1 (a loud bar and a soft one
 * count alike) and added to a leaky sum with a TIME_CONSTANT of tens of
 * seconds, so the key follows a song, not a chord. SILENCE_RESET seconds with no
 * pitched sound (between songs) clears it. The best key, the runner-up and a
 * confidence (their correlations apart, and enough material heard) are kept.
 *
 * Key index: 0–11 = C … B major, 12–23 = C … B minor, −1 = none yet.
 */

const MAJOR: StaticArray<f32> = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
const MINOR: StaticArray<f32> = [6.33, 2.68, 3.52, 5.38, 2.6, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];
const TIME_CONSTANT: f64 = 45.0;
const SILENCE_RESET: f64 = 6.0;
/**
 * … nor while the best correlation is below this: noise, or music with no
 * tonal centre, names no key (real keys correlate 0.6–0.9).
 */
const MIN_CORRELATION: f64 = 0.5;
/** No key is named before this much pitched material, seconds. */
const MIN_EVIDENCE: f64 = 2.0;
/** Confidence is full when this much has been heard, seconds … */
const FULL_EVIDENCE: f64 = 15.0;
/** … and when the best key's correlation leads the runner-up's by this much. */
const FULL_MARGIN: f64 = 0.15;

export class KeyEstimator {
  key: i32 = -1;
  second: i32 = -1;
  confidence: f32 = 0;
  private sum: StaticArray<f64> = new StaticArray<f64>(12);
  private leak: f64 = 1;
  private frameSeconds: f64 = 0.02;
  private evidence: f64 = 0;
  private silence: f64 = 0;
  private majorMean: f64 = 0;
  private minorMean: f64 = 0;

  prepare(frameRate: f64): void {
    this.frameSeconds = 1.0 / frameRate;
    this.leak = Math.exp(-1.0 / (TIME_CONSTANT * frameRate));
    let a: f64 = 0;
    let b: f64 = 0;
    for (let i = 0; i < 12; i++) {
      a += <f64>MAJOR[i];
      b += <f64>MINOR[i];
    }
    this.majorMean = a / 12.0;
    this.minorMean = b / 12.0;
    this.reset();
  }

  reset(): void {
    this.sum.fill(0);
    this.evidence = 0;
    this.silence = 0;
    this.key = -1;
    this.second = -1;
    this.confidence = 0;
  }

  /** One frame of chroma (12 values, C … B, any scale); all zero = nothing pitched. */
  update(chroma: StaticArray<f32>): void {
    let total: f64 = 0;
    for (let i = 0; i < 12; i++) total += <f64>unchecked(chroma[i]);
    if (total <= 0) {
      this.silence += this.frameSeconds;
      if (this.silence >= SILENCE_RESET && this.evidence > 0) this.reset();
      return;
    }
    this.silence = 0;
    const inv = 1.0 / total;
    for (let i = 0; i < 12; i++) unchecked((this.sum[i] = this.sum[i] * this.leak + <f64>chroma[i] * inv));
    // evidence decays like the sum, so it says how much the sum holds
    this.evidence = this.evidence * this.leak + this.frameSeconds;
    if (this.evidence < MIN_EVIDENCE) return;
    this.decide();
  }

  private decide(): void {
    let mean: f64 = 0;
    for (let i = 0; i < 12; i++) mean += unchecked(this.sum[i]);
    mean /= 12.0;
    let best = -1;
    let second = -1;
    let rBest: f64 = -2;
    let rSecond: f64 = -2;
    for (let k = 0; k < 24; k++) {
      const minor = k >= 12;
      const tonic = k % 12;
      const pm = minor ? this.minorMean : this.majorMean;
      let sxy: f64 = 0;
      let sxx: f64 = 0;
      let syy: f64 = 0;
      for (let i = 0; i < 12; i++) {
        const x = unchecked(this.sum[(tonic + i) % 12]) - mean;
        const y = <f64>(minor ? unchecked(MINOR[i]) : unchecked(MAJOR[i])) - pm;
        sxy += x * y;
        sxx += x * x;
        syy += y * y;
      }
      const r = sxx > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
      if (r > rBest) {
        rSecond = rBest;
        second = best;
        rBest = r;
        best = k;
      } else if (r > rSecond) {
        rSecond = r;
        second = k;
      }
    }
    if (rBest < MIN_CORRELATION) {
      this.key = -1;
      this.second = -1;
      this.confidence = 0;
      return;
    }
    this.key = best;
    this.second = second;
    const margin = Math.min(1.0, (rBest - rSecond) / FULL_MARGIN);
    const heard = Math.min(1.0, this.evidence / FULL_EVIDENCE);
    this.confidence = <f32>Math.max(0.0, margin * heard * Math.max(0.0, rBest));
  }
}
