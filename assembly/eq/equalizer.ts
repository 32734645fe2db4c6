/**
 * Equalizer: four sections in series on each channel, all designed with R.
 * Bristow-Johnson's "Audio EQ Cookbook" recipes (filters/biquad.ts):
 *
 *   high-pass 12 dB/oct (Q = 1/√2, Butterworth: −3 dB at the set frequency)
 *   → low shelf (S = 1) → peaking (Q) → high shelf (S = 1)
 *
 * Gliding. Frequencies and Q are ramped in log2 (an octave takes the same time
 * anywhere in the range), gains in dB, each by a LinearSmoother over the table's
 * 30 ms. While a section's parameters move, its coefficients are redesigned at
 * every GRID-frame point of the unit's own clock and interpolated linearly,
 * sample by sample, between those points; settled, nothing is recomputed. The
 * grid does not depend on the host's block size, so neither does the output.
 *
 * Why direct form I with interpolated coefficients, rather than Biquad.process
 * (transposed direct form II) with coefficients switched per block: a TDF-II's
 * state holds partial sums that belong to the old coefficients. A high shelf
 * at +18 dB has b0 ≈ 8 while its low-frequency gain is 1, so its state nearly
 * cancels b0·x; switching b0 by a few per cent then steps the output (measured
 * on a 700 Hz tone through −18 → +18 dB and 16 → 1 kHz high-shelf glides: steps
 * 2–2.5× the largest the tone has at the final setting). The
 * direct form I state is the signal's own history, valid under any coefficients,
 * and the interpolation spreads each redesign over GRID samples. The (a1, a2)
 * region of stable second-order sections is a triangle (|a2| < 1,
 * |a1| < 1 + a2), which is convex, so every interpolated set between two stable
 * designs is stable too. State and arithmetic are f64: the low-frequency poles
 * (the 20 Hz high-pass sits at 1 − 0.4 % of z = 1) need the extra precision in a
 * direct form, and in wasm f64 costs the same as f32.
 *
 * Skipping. A shelf or peak at 0 dB is an identity; once its gain has sat at
 * exactly 0 dB for SETTLE_MS (long enough for the ringing of the last glide to
 * die away, ≥ 7 time constants of the narrowest peak the table allows: Q 10 at
 * 100 Hz) it is skipped and its state cleared. A cleared section restarts
 * seamlessly: with zero history and near-identity coefficients its output is
 * its input. The high-pass always runs (at 20 Hz it is nearly transparent, but
 * it is a real filter).
 *
 *   eq.prepare(48000, 128); eq.setPeak(1000, 6, 1.4); eq.process(l, r, 128)
 */
import { LinearSmoother } from '../core/smoother';
import { Biquad } from '../filters/biquad';
import { DENORMAL_FLOOR } from '../core/sanitize';
import * as P from '../generated/params';

/** Frames between coefficient updates while a section glides (0.67 ms at 48 kHz). */
const GRID: i32 = 32;
/** How long a section sits at 0 dB before it is skipped. */
const SETTLE_MS: f32 = 250;
/** Butterworth Q of the high-pass: maximally flat, −3 dB at the corner. */
const HIGHPASS_Q: f32 = 0.70710678;
/** Shelf slope S = 1: the steepest shelf without overshoot (cookbook). */
const SHELF_SLOPE: f32 = 1;

const KIND_HIGHPASS: i32 = 0;
const KIND_LOWSHELF: i32 = 1;
const KIND_PEAK: i32 = 2;
const KIND_HIGHSHELF: i32 = 3;

/** One section on both channels: its smoothed parameters, coefficients and direct-form-I state. */
class Section {
  kind: i32;
  /** computes the cookbook coefficients; its own filter state is unused */
  private designer: Biquad = new Biquad();
  /** log2 of the frequency, Hz */
  logFreq: LinearSmoother = new LinearSmoother();
  /** gain, dB (unused by the high-pass) */
  gain: LinearSmoother = new LinearSmoother();
  /** log2 of Q (peak only) */
  logQ: LinearSmoother = new LinearSmoother();
  /** coefficients in use (normalised, a0 = 1) */
  private b0: f64 = 1;
  private b1: f64 = 0;
  private b2: f64 = 0;
  private a1: f64 = 0;
  private a2: f64 = 0;
  /** direct form I history: x[n−1], x[n−2], y[n−1], y[n−2], left and right */
  private lx1: f64 = 0;
  private lx2: f64 = 0;
  private ly1: f64 = 0;
  private ly2: f64 = 0;
  private rx1: f64 = 0;
  private rx2: f64 = 0;
  private ry1: f64 = 0;
  private ry2: f64 = 0;
  /** false while skipped (0 dB, settled, state cleared) */
  running: bool = true;
  /** frames left at 0 dB before skipping */
  private settleLeft: i32 = 0;

  constructor(kind: i32) {
    this.kind = kind;
  }

  prepare(sampleRate: f32, freqId: i32, gainId: i32, qId: i32): void {
    this.logFreq.prepare(sampleRate, P.PARAM_SMOOTHING_MS[freqId], Mathf.log2(P.PARAM_DEFAULT[freqId]));
    this.gain.prepare(sampleRate, gainId >= 0 ? P.PARAM_SMOOTHING_MS[gainId] : 0, gainId >= 0 ? P.PARAM_DEFAULT[gainId] : 0);
    this.logQ.prepare(sampleRate, qId >= 0 ? P.PARAM_SMOOTHING_MS[qId] : 0, qId >= 0 ? Mathf.log2(P.PARAM_DEFAULT[qId]) : 0);
  }

  /** Jump to the targets, clear the state, design. */
  reset(sampleRate: f32): void {
    this.logFreq.snap(this.logFreq.target);
    this.gain.snap(this.gain.target);
    this.logQ.snap(this.logQ.target);
    this.clear();
    this.running = this.kind == KIND_HIGHPASS || this.gain.current != 0;
    this.settleLeft = 0;
    this.design(sampleRate);
    this.b0 = <f64>this.designer.b0;
    this.b1 = <f64>this.designer.b1;
    this.b2 = <f64>this.designer.b2;
    this.a1 = <f64>this.designer.a1;
    this.a2 = <f64>this.designer.a2;
  }

  @inline isMoving(): bool {
    return this.logFreq.isRamping() || this.gain.isRamping() || this.logQ.isRamping();
  }

  /** Advance the smoothers by n frames (only those that move) and design for where they arrive. */
  glide(sampleRate: f32, n: i32): void {
    if (this.logFreq.isRamping()) for (let k = 0; k < n; k++) this.logFreq.next();
    if (this.gain.isRamping()) for (let k = 0; k < n; k++) this.gain.next();
    if (this.logQ.isRamping()) for (let k = 0; k < n; k++) this.logQ.next();
    this.design(sampleRate);
  }

  /** The designer's coefficients for the smoothers' current values. */
  private design(sampleRate: f32): void {
    const f = this.designer;
    const hz = Mathf.exp2(this.logFreq.current);
    const kind = this.kind;
    if (kind == KIND_HIGHPASS) f.highpass(sampleRate, hz, HIGHPASS_Q);
    else if (kind == KIND_LOWSHELF) f.lowShelf(sampleRate, hz, SHELF_SLOPE, this.gain.current);
    else if (kind == KIND_PEAK) f.peaking(sampleRate, hz, Mathf.exp2(this.logQ.current), this.gain.current);
    else f.highShelf(sampleRate, hz, SHELF_SLOPE, this.gain.current);
  }

  private clear(): void {
    this.lx1 = 0;
    this.lx2 = 0;
    this.ly1 = 0;
    this.ly2 = 0;
    this.rx1 = 0;
    this.rx2 = 0;
    this.ry1 = 0;
    this.ry2 = 0;
  }

  /**
   * Filter n frames of both channels in place. `glided`: the designer holds new
   * coefficients for the end of these frames; interpolate towards them.
   */
  process(left: usize, right: usize, n: i32, glided: bool, settleFrames: i32): void {
    if (this.kind != KIND_HIGHPASS) {
      if (this.gain.current != 0 || this.gain.isRamping()) {
        // (re)start: a cleared section at near-identity picks up without a step
        this.running = true;
        this.settleLeft = settleFrames;
      } else if (this.running) {
        if (this.settleLeft <= 0) {
          this.running = false;
          this.clear();
        } else {
          this.settleLeft -= n;
        }
      }
      if (!this.running) {
        if (glided) this.adopt();
        return;
      }
    }
    let b0 = this.b0;
    let b1 = this.b1;
    let b2 = this.b2;
    let a1 = this.a1;
    let a2 = this.a2;
    let db0: f64 = 0;
    let db1: f64 = 0;
    let db2: f64 = 0;
    let da1: f64 = 0;
    let da2: f64 = 0;
    if (glided) {
      const inv = 1.0 / <f64>n;
      const f = this.designer;
      db0 = (<f64>f.b0 - b0) * inv;
      db1 = (<f64>f.b1 - b1) * inv;
      db2 = (<f64>f.b2 - b2) * inv;
      da1 = (<f64>f.a1 - a1) * inv;
      da2 = (<f64>f.a2 - a2) * inv;
    }
    let lx1 = this.lx1;
    let lx2 = this.lx2;
    let ly1 = this.ly1;
    let ly2 = this.ly2;
    let rx1 = this.rx1;
    let rx2 = this.rx2;
    let ry1 = this.ry1;
    let ry2 = this.ry2;
    for (let i = 0; i < n; i++) {
      if (glided) {
        b0 += db0;
        b1 += db1;
        b2 += db2;
        a1 += da1;
        a2 += da2;
      }
      const o = <usize>i << 2;
      const xl = <f64>load<f32>(left + o);
      const yl = b0 * xl + b1 * lx1 + b2 * lx2 - a1 * ly1 - a2 * ly2;
      lx2 = lx1;
      lx1 = xl;
      ly2 = ly1;
      ly1 = yl;
      store<f32>(left + o, <f32>yl);
      const xr = <f64>load<f32>(right + o);
      const yr = b0 * xr + b1 * rx1 + b2 * rx2 - a1 * ry1 - a2 * ry2;
      rx2 = rx1;
      rx1 = xr;
      ry2 = ry1;
      ry1 = yr;
      store<f32>(right + o, <f32>yr);
    }
    if (glided) this.adopt(); // land exactly on the design, whatever the increments' rounding
    this.lx1 = lx1;
    this.lx2 = lx2;
    this.rx1 = rx1;
    this.rx2 = rx2;
    // silence decays into the flush floor, never into denormals
    this.ly1 = flush(ly1);
    this.ly2 = flush(ly2);
    this.ry1 = flush(ry1);
    this.ry2 = flush(ry2);
  }

  /** Take the designer's coefficients as the ones in use. */
  private adopt(): void {
    const f = this.designer;
    this.b0 = <f64>f.b0;
    this.b1 = <f64>f.b1;
    this.b2 = <f64>f.b2;
    this.a1 = <f64>f.a1;
    this.a2 = <f64>f.a2;
  }
}

export class Equalizer {
  private sampleRate: f32 = 48000;
  private settleFrames: i32 = 0;
  private highpass: Section = new Section(KIND_HIGHPASS);
  private lowShelf: Section = new Section(KIND_LOWSHELF);
  private peak: Section = new Section(KIND_PEAK);
  private highShelf: Section = new Section(KIND_HIGHSHELF);
  /** frames processed, for the update grid */
  private clock: i32 = 0;

  prepare(sampleRate: f32, maxFrames: i32): void {
    this.sampleRate = sampleRate;
    this.settleFrames = <i32>(SETTLE_MS * 0.001 * sampleRate);
    this.highpass.prepare(sampleRate, P.P_EQ_HIGHPASS_FREQ, -1, -1);
    this.lowShelf.prepare(sampleRate, P.P_EQ_LOWSHELF_FREQ, P.P_EQ_LOWSHELF_GAIN, -1);
    this.peak.prepare(sampleRate, P.P_EQ_PEAK_FREQ, P.P_EQ_PEAK_GAIN, P.P_EQ_PEAK_Q);
    this.highShelf.prepare(sampleRate, P.P_EQ_HIGHSHELF_FREQ, P.P_EQ_HIGHSHELF_GAIN, -1);
    this.reset();
  }

  /** Clear the filters and jump every parameter to its target (no glide after a reset). */
  reset(): void {
    const fs = this.sampleRate;
    this.highpass.reset(fs);
    this.lowShelf.reset(fs);
    this.peak.reset(fs);
    this.highShelf.reset(fs);
    this.clock = 0;
  }

  /** high-pass corner, Hz (20 … 1000) */
  setHighpass(hz: f32): void {
    this.highpass.logFreq.setTarget(log2Of(hz));
  }

  /** low shelf corner, Hz, and gain, dB */
  setLowShelf(hz: f32, db: f32): void {
    this.lowShelf.logFreq.setTarget(log2Of(hz));
    this.lowShelf.gain.setTarget(db);
  }

  /** peaking band centre, Hz, gain, dB, and Q */
  setPeak(hz: f32, db: f32, q: f32): void {
    this.peak.logFreq.setTarget(log2Of(hz));
    this.peak.gain.setTarget(db);
    this.peak.logQ.setTarget(log2Of(q));
  }

  /** high shelf corner, Hz, and gain, dB */
  setHighShelf(hz: f32, db: f32): void {
    this.highShelf.logFreq.setTarget(log2Of(hz));
    this.highShelf.gain.setTarget(db);
  }

  /** Equalise the stereo block in place. */
  process(left: usize, right: usize, frames: i32): void {
    const fs = this.sampleRate;
    const settle = this.settleFrames;
    let done = 0;
    // bounded: every pass consumes ≥ 1 frame
    while (done < frames) {
      const mHp = this.highpass.isMoving();
      const mLs = this.lowShelf.isMoving();
      const mPk = this.peak.isMoving();
      const mHs = this.highShelf.isMoving();
      let n = frames - done;
      if (mHp || mLs || mPk || mHs) {
        // glide: up to the next grid point, designing for where the smoothers arrive there
        n = min(n, GRID - (this.clock & (GRID - 1)));
        if (mHp) this.highpass.glide(fs, n);
        if (mLs) this.lowShelf.glide(fs, n);
        if (mPk) this.peak.glide(fs, n);
        if (mHs) this.highShelf.glide(fs, n);
      }
      const l = left + (<usize>done << 2);
      const r = right + (<usize>done << 2);
      this.highpass.process(l, r, n, mHp, settle);
      this.lowShelf.process(l, r, n, mLs, settle);
      this.peak.process(l, r, n, mPk, settle);
      this.highShelf.process(l, r, n, mHs, settle);
      this.clock = (this.clock + n) & 0x3fffffff;
      done += n;
    }
  }
}

/** Direct-form-I outputs below the engine's flush floor become 0. */
@inline function flush(y: f64): f64 {
  return Math.abs(y) < <f64>DENORMAL_FLOOR ? 0 : y;
}

/** log2 of a positive parameter (frequencies, Q); the table keeps them ≥ 0.2. */
@inline function log2Of(x: f32): f32 {
  return Mathf.log2(max<f32>(1e-3, x));
}
