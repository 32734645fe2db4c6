/**
 * Compressor: feed-forward, stereo-linked, log-domain (dB) compressor with a
 * soft knee and makeup gain.
 *
 * Reference: D. Giannoulis, M. Massberg and J. D. Reiss, "Digital dynamic
 * range compressor design — a tutorial and analysis", J. Audio Eng. Soc. 60(6),
 * 2012. Names follow the paper: x_G / y_G the gain computer's input and output
 * level (dB), x_L / y_L the level detector's input and output (dB of gain
 * reduction), T threshold, R ratio, W knee width.
 *
 * Per frame n:
 *   level          x_G = 20·log10(max(|l|, |r|))               stereo-linked peak, dBFS
 *   gain computer  (the paper's soft-knee static curve)
 *                    y_G = x_G                                  2(x_G − T) < −W
 *                    y_G = x_G + (1/R − 1)(x_G − T + W/2)²/(2W)  2|x_G − T| ≤ W
 *                    y_G = T + (x_G − T)/R                       2(x_G − T) > W
 *   detector       x_L = x_G − y_G  (≥ 0), then the paper's smooth branching peak detector
 *                    y_L[n] = α_A·y_L[n−1] + (1 − α_A)·x_L[n]   if x_L[n] > y_L[n−1]
 *                    y_L[n] = α_R·y_L[n−1] + (1 − α_R)·x_L[n]   otherwise
 *                  with α = exp(−1/(τ·fs)) (τ reaches 1 − 1/e of a step)
 *   gain           out = in · 10^((M − y_L)/20), M = makeup
 *
 * Why this topology: the paper compares detector placements and recommends the
 * smoothing in the log domain *after* the gain computer — release is then a
 * smooth exponential in dB whatever the amount of compression, with no attack
 * lag from a detector placed before the threshold.
 *
 * The knee is written in terms of the over-threshold slope s = 1 − 1/R (what is
 * smoothed, so the ratio glides evenly from 1:1 to 20:1): in the knee
 * x_L = s·(x_G − T + W/2)²/(2W), above it x_L = s·(x_G − T). A zero knee never
 * reaches the quadratic branch (no division by zero).
 *
 * Threshold, ratio (as s), knee and makeup are ramped per sample (LinearSmoother,
 * the table's 20 ms); attack and release are time constants and switch directly.
 * With ratio 1:1 and 0 dB makeup the gain is exactly 1 (bit-exact pass-through).
 *
 *   c.prepare(48000, 128); c.setThreshold(-24); c.setRatio(4); c.process(l, r, 128)
 */
import { LinearSmoother } from '../core/smoother';
import { flushDenormal } from '../core/sanitize';
import * as P from '../generated/params';

/** dB per octave of amplitude: 20·log10(2); x_G = DB_PER_LOG2 · log2|x| */
const DB_PER_LOG2: f32 = 6.0205999;
const LOG2_PER_DB: f32 = 1.0 / DB_PER_LOG2;
/** Levels below this (−180 dBFS) count as this, so log2 never sees 0. */
const LEVEL_FLOOR: f32 = 1e-9;

export class Compressor {
  private sampleRate: f32 = 48000;
  /** threshold T, dBFS */
  private threshold: LinearSmoother = new LinearSmoother();
  /** over-threshold slope s = 1 − 1/R, 0 (1:1) … 0.95 (20:1) */
  private slope: LinearSmoother = new LinearSmoother();
  /** knee width W, dB */
  private knee: LinearSmoother = new LinearSmoother();
  /** makeup gain M, dB */
  private makeup: LinearSmoother = new LinearSmoother();
  /** detector coefficients α_A, α_R */
  private alphaAttack: f32 = 0;
  private alphaRelease: f32 = 0;
  /** where the attack and release times are gliding to, ms */
  private attackTarget: f32 = 0;
  private releaseTarget: f32 = 0;
  private attackMs: f32 = -1;
  private releaseMs: f32 = -1;
  /** detector state y_L: current gain reduction, dB (≥ 0) */
  private yL: f32 = 0;
  /** deepest y_L of the last block, dB (≥ 0) */
  private deepest: f32 = 0;

  prepare(sampleRate: f32, maxFrames: i32): void {
    this.sampleRate = sampleRate;
    this.threshold.prepare(sampleRate, P.PARAM_SMOOTHING_MS[P.P_COMP_THRESHOLD], P.PARAM_DEFAULT[P.P_COMP_THRESHOLD]);
    this.slope.prepare(sampleRate, P.PARAM_SMOOTHING_MS[P.P_COMP_RATIO], slopeOf(P.PARAM_DEFAULT[P.P_COMP_RATIO]));
    this.knee.prepare(sampleRate, P.PARAM_SMOOTHING_MS[P.P_COMP_KNEE], P.PARAM_DEFAULT[P.P_COMP_KNEE]);
    this.makeup.prepare(sampleRate, P.PARAM_SMOOTHING_MS[P.P_COMP_MAKEUP], P.PARAM_DEFAULT[P.P_COMP_MAKEUP]);
    // force the coefficients to be recomputed at this rate
    const a = this.attackMs;
    const r = this.releaseMs;
    this.attackMs = -1;
    this.releaseMs = -1;
    this.setAttack(a > 0 ? a : P.PARAM_DEFAULT[P.P_COMP_ATTACK]);
    this.setRelease(r > 0 ? r : P.PARAM_DEFAULT[P.P_COMP_RELEASE]);
    this.reset();
  }

  /** Clear the detector and jump every parameter to its target (no ramp after a reset). */
  reset(): void {
    if (this.attackTarget > 0) {
      this.attackMs = this.attackTarget;
      this.alphaAttack = timeConstant(this.attackMs, this.sampleRate);
    }
    if (this.releaseTarget > 0) {
      this.releaseMs = this.releaseTarget;
      this.alphaRelease = timeConstant(this.releaseMs, this.sampleRate);
    }
    this.threshold.snap(this.threshold.target);
    this.slope.snap(this.slope.target);
    this.knee.snap(this.knee.target);
    this.makeup.snap(this.makeup.target);
    this.yL = 0;
    this.deepest = 0;
  }

  /** dBFS, −60 … 0 */
  setThreshold(db: f32): void {
    this.threshold.setTarget(db);
  }

  /** input dB over the threshold per output dB, 1 … 20 */
  setRatio(ratio: f32): void {
    this.slope.setTarget(slopeOf(ratio));
  }

  /** soft-knee width, dB, 0 … 24 (0 = hard knee) */
  setKnee(db: f32): void {
    this.knee.setTarget(max<f32>(0, db));
  }

  /**
   * Attack time constant, ms. A new time glides there geometrically over
   * TIME_GLIDE_SECONDS: jumping straight from a slow to a fast attack would make
   * the detector catch up on all the pending reduction at once, which clicks.
   */
  setAttack(ms: f32): void {
    this.attackTarget = ms;
    if (this.attackMs <= 0) {
      this.attackMs = ms;
      this.alphaAttack = timeConstant(ms, this.sampleRate);
    }
  }

  /** release time constant, ms (glides like the attack) */
  setRelease(ms: f32): void {
    this.releaseTarget = ms;
    if (this.releaseMs <= 0) {
      this.releaseMs = ms;
      this.alphaRelease = timeConstant(ms, this.sampleRate);
    }
  }

  /** Move the attack and release times one block further towards their targets. */
  private glideTimes(frames: i32): void {
    const k: f32 = <f32>frames / (TIME_GLIDE_SECONDS * this.sampleRate);
    if (this.attackMs != this.attackTarget) {
      this.attackMs = glideGeometric(this.attackMs, this.attackTarget, k);
      this.alphaAttack = timeConstant(this.attackMs, this.sampleRate);
    }
    if (this.releaseMs != this.releaseTarget) {
      this.releaseMs = glideGeometric(this.releaseMs, this.releaseTarget, k);
      this.alphaRelease = timeConstant(this.releaseMs, this.sampleRate);
    }
  }

  /** makeup gain, dB, 0 … 30 */
  setMakeup(db: f32): void {
    this.makeup.setTarget(db);
  }

  /** Compress the stereo block in place (detection linked across both channels). */
  process(left: usize, right: usize, frames: i32): void {
    this.glideTimes(frames);
    const aA = this.alphaAttack;
    const aR = this.alphaRelease;
    const thr = this.threshold;
    const slp = this.slope;
    const kn = this.knee;
    const mk = this.makeup;
    let yL = this.yL;
    let deepest: f32 = 0;
    for (let i = 0; i < frames; i++) {
      const o = <usize>i << 2;
      const l = load<f32>(left + o);
      const r = load<f32>(right + o);
      const T = thr.next();
      const s = slp.next();
      const W = kn.next();
      const M = mk.next();
      // gain computer, as gain reduction x_L = x_G − y_G (dB, ≥ 0)
      const xG = DB_PER_LOG2 * Mathf.log2(max(LEVEL_FLOOR, max(Mathf.abs(l), Mathf.abs(r))));
      const d = xG - T;
      let xL: f32 = 0;
      if (d + d >= W) {
        xL = s * d;
      } else if (d + d > -W) {
        // only reached with W > 0: the quadratic knee
        const u = d + 0.5 * W;
        xL = (s * u * u) / (W + W);
      }
      // smooth branching peak detector
      yL = xL > yL ? aA * yL + (1.0 - aA) * xL : aR * yL + (1.0 - aR) * xL;
      deepest = max(deepest, yL);
      const g = Mathf.exp2((M - yL) * LOG2_PER_DB);
      store<f32>(left + o, l * g);
      store<f32>(right + o, r * g);
    }
    this.yL = flushDenormal(yL);
    this.deepest = deepest;
  }

  /** Deepest gain reduction of the last block, dB (≤ 0). */
  gainReductionDb(): f32 {
    return -this.deepest;
  }
}

/** s = 1 − 1/R for R ≥ 1 */
@inline function slopeOf(ratio: f32): f32 {
  return 1.0 - 1.0 / max<f32>(1, ratio);
}

/** One-pole coefficient for a time constant of `ms` (0 ms → 0: follow instantly). */
function timeConstant(ms: f32, sampleRate: f32): f32 {
  const frames = ms * 0.001 * sampleRate;
  return frames > 0 ? Mathf.exp(-1.0 / frames) : 0;
}

/** Time-constant changes take this long (geometric glide), seconds. */
const TIME_GLIDE_SECONDS: f32 = 0.05;

/**
 * One block of a glide from `x` to `target` in the log domain, covering 4k of the
 * remaining distance (k = block / glide time), so a change settles in about
 * the glide time; lands exactly once within 0.1 %.
 */
function glideGeometric(x: f32, target: f32, k: f32): f32 {
  const d = Mathf.log(target / x);
  if (Mathf.abs(d) < 1e-3 || k >= 1) return target;
  return x * Mathf.exp(d * min<f32>(1, 4.0 * k));
}
