/**
 * SafetyLimiter: the always-on output limiter. Guarantees |y| ≤ ceiling on every
 * channel, with a smooth gain curve and a fixed, reported latency.
 *
 * Stages, per frame n (all channels share one gain so the stereo image holds):
 *   required   g[n] = min(1, ceiling / max_c |x_c[n]|)
 *   hold       m[n] = min(g[n−L … n])           sliding minimum over L+1 frames
 *   release    e[n] = min(m[n], 1 − (1 − e[n−1])·r)   recovers towards 1, never above m
 *   smooth     G[n] = mean(e[n−L+1 … n])        an L-frame moving average
 *   output     y_c[n] = x_c[n−L] · G[n]
 *
 * Why it cannot overshoot: every e[k] averaged into G[n] has k ∈ [n−L+1, n], so
 * the window [k−L, k] of its minimum contains n−L, hence e[k] ≤ m[k] ≤ g[n−L]
 * and G[n] ≤ g[n−L]: the gain applied to the delayed sample x[n−L] is never more
 * than the gain that sample needs. The moving average turns the gain drop into a
 * linear ramp over L frames (no click). A final clamp catches float rounding only.
 * (The min-hold + box-filter construction is the one Signalsmith describes for
 * its limiter; written here from that description.)
 *
 * Latency: L = round(LOOKAHEAD_SECONDS · fs) frames, reported by latencyFrames().
 */
import { toDb } from '../core/sanitize';

/** −1 dBFS: headroom for inter-sample peaks in the DAC and codecs downstream. */
export const CEILING: f32 = 0.8912509; // 10^(−1/20)
/** 1.5 ms look-ahead (the limit): long enough for a smooth attack ramp. */
const LOOKAHEAD_SECONDS: f32 = 0.0015;
/** Release time constant: slow enough not to distort low notes, fast enough to recover between hits. */
const RELEASE_SECONDS: f32 = 0.08;

export class SafetyLimiter {
  /** look-ahead and latency, frames (≥ 1) */
  latency: i32 = 1;
  private channels: i32 = 0;
  /** per-channel delay lines of `latency` frames, planar */
  private delay: StaticArray<f32> = new StaticArray<f32>(0);
  private delayPos: i32 = 0;
  /** sliding-minimum deque (monotonic increasing values) over the last L+1 frames */
  private dqValue: StaticArray<f32> = new StaticArray<f32>(0);
  private dqFrame: StaticArray<i32> = new StaticArray<i32>(0);
  private dqMask: i32 = 0;
  private dqHead: i32 = 0;
  private dqCount: i32 = 0;
  /** frame counter for deque expiry; wraps harmlessly (compared by difference) */
  private frame: i32 = 0;
  /** release stage output e[n−1] */
  private envelope: f32 = 1;
  private releaseCoef: f32 = 0;
  /** the last L envelope values and their sum, for the moving average */
  private avgRing: StaticArray<f32> = new StaticArray<f32>(0);
  private avgPos: i32 = 0;
  private avgSum: f64 = 0;
  private invLatency: f64 = 1;
  /** per-frame gain of the current block (scratch, maxFrames long) */
  private gain: StaticArray<f32> = new StaticArray<f32>(0);
  /** deepest gain of the last block, linear */
  minGain: f32 = 1;

  prepare(sampleRate: f32, channels: i32, maxFrames: i32): void {
    this.channels = channels;
    this.latency = max<i32>(1, <i32>Mathf.round(LOOKAHEAD_SECONDS * sampleRate));
    this.invLatency = 1.0 / <f64>this.latency;
    this.delay = new StaticArray<f32>(this.latency * channels);
    let cap = 4;
    while (cap < this.latency + 2) cap <<= 1;
    this.dqMask = cap - 1;
    this.dqValue = new StaticArray<f32>(cap);
    this.dqFrame = new StaticArray<i32>(cap);
    this.avgRing = new StaticArray<f32>(this.latency);
    this.gain = new StaticArray<f32>(maxFrames);
    this.releaseCoef = Mathf.exp(-1.0 / (RELEASE_SECONDS * sampleRate));
    this.reset();
  }

  reset(): void {
    this.delay.fill(0);
    this.delayPos = 0;
    this.dqHead = 0;
    this.dqCount = 0;
    this.frame = 0;
    this.envelope = 1;
    this.avgRing.fill(1);
    this.avgPos = 0;
    this.avgSum = <f64>this.latency;
    this.minGain = 1;
  }

  /**
   * Limit `frames` frames. `input` and `output` are planar blocks with channel
   * stride `stride` bytes; they may be the same memory.
   */
  process(input: usize, output: usize, stride: usize, frames: i32): void {
    const L = this.latency;
    const channels = this.channels;
    // 1. the gain curve, shared by all channels
    let minGain: f32 = 1;
    // recompute the running sum once per block so f64 rounding cannot drift over hours
    let sum: f64 = 0;
    for (let k = 0; k < L; k++) sum += <f64>unchecked(this.avgRing[k]);
    let env = this.envelope;
    const r = this.releaseCoef;
    for (let i = 0; i < frames; i++) {
      const o = <usize>i << 2;
      let peak: f32 = 0;
      for (let c = 0; c < channels; c++) {
        peak = max(peak, Mathf.abs(load<f32>(input + <usize>c * stride + o)));
      }
      const required: f32 = peak > CEILING ? CEILING / peak : 1.0;
      const held = this.pushMin(required);
      env = min(held, 1.0 - (1.0 - env) * r);
      sum += <f64>env - <f64>unchecked(this.avgRing[this.avgPos]);
      unchecked((this.avgRing[this.avgPos] = env));
      if (++this.avgPos == L) this.avgPos = 0;
      const g = <f32>(sum * this.invLatency);
      unchecked((this.gain[i] = g));
      minGain = min(minGain, g);
    }
    this.envelope = env < 1e-20 ? 0 : env;
    this.minGain = minGain;

    // 2. delay each channel by L and apply the gain
    const start = this.delayPos;
    for (let c = 0; c < channels; c++) {
      const line = changetype<usize>(this.delay) + (<usize>(c * L) << 2);
      const src = input + <usize>c * stride;
      const dst = output + <usize>c * stride;
      let pos = start;
      for (let i = 0; i < frames; i++) {
        const o = <usize>i << 2;
        const x = load<f32>(src + o);
        const slot = line + (<usize>pos << 2);
        const delayed = load<f32>(slot);
        store<f32>(slot, x);
        if (++pos == L) pos = 0;
        const y = delayed * unchecked(this.gain[i]);
        // only float rounding can reach here above the ceiling; clamp it
        store<f32>(dst + o, min(CEILING, max(-CEILING, y)));
      }
    }
    this.delayPos = <i32>((<i64>start + <i64>frames) % <i64>L);
  }

  /** Push g for the current frame and return the minimum of the last L+1 frames. */
  @inline private pushMin(g: f32): f32 {
    const mask = this.dqMask;
    // drop entries that can never be the minimum again (bounded by the deque size)
    while (this.dqCount > 0) {
      const back = (this.dqHead + this.dqCount - 1) & mask;
      if (unchecked(this.dqValue[back]) < g) break;
      this.dqCount--;
    }
    const slot = (this.dqHead + this.dqCount) & mask;
    unchecked((this.dqValue[slot] = g));
    unchecked((this.dqFrame[slot] = this.frame));
    this.dqCount++;
    // expire the front once it is older than L frames (at most one per push)
    if (this.frame - unchecked(this.dqFrame[this.dqHead]) > this.latency) {
      this.dqHead = (this.dqHead + 1) & mask;
      this.dqCount--;
    }
    this.frame++;
    return unchecked(this.dqValue[this.dqHead]);
  }

  @inline gainReductionDb(): f32 {
    return min<f32>(0, toDb(this.minGain));
  }
}
