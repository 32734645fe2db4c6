/**
 * NoiseGate: a stereo-linked gate with hysteresis, hold, range, and attack and
 * release ramps.
 *
 * Per frame n:
 *   detector   e[n] = max over the last DETECTOR_WINDOW_MS of max(|l|, |r|)
 *              a sliding peak (instant attack): a steady tone down to 20 Hz reads
 *              as its peak with no ripple, so zero crossings never look like
 *              silence, and the level drops exactly one window after the sound
 *              stops. Kept with a monotonic deque (bounded work per frame).
 *   state      closed → open  when e > T                          (T = threshold)
 *              open → closed  when e < T − H for `hold` ms in a row (H = hysteresis)
 *              so a level hovering around T cannot chatter: it must fall H dB
 *              below the opening point, and stay there, before the gate shuts.
 *   gain       g moves between 10^(range/20) (closed) and 1 (open), each ramp
 *              taking exactly its time for the whole range:
 *              opening, a straight line in amplitude over `attack` ms — of all
 *              ramps of that length it has the smallest largest step, and the
 *              largest step is what clicks (a line in dB across 60 dB would have
 *              a 7× steeper end);
 *              closing, a straight line in dB over `release` ms, the way sounds
 *              decay (one multiplication per frame, g ← g·k).
 *
 * Threshold and hysteresis (in dB) and the range (as a linear gain) are ramped
 * (LinearSmoother, the table's 20 ms); the linear levels are recomputed on a
 * fixed 32-frame grid of the unit's own clock while they move, so the output
 * does not depend on the host's block size. Open and settled the gain is exactly 1 (bit-exact pass-through).
 *
 *   g.prepare(48000, 128); g.setThreshold(-50); g.setRange(-40); g.process(l, r, 128)
 */
import { LinearSmoother } from '../core/smoother';
import { fromDb, toDb } from '../core/sanitize';
import * as P from '../generated/params';

/** Detector window: half a period of 20 Hz, so no audible tone dips between its peaks. */
const DETECTOR_WINDOW_MS: f32 = 25;
/** Frames between recomputations of the linear levels while their smoothers move. */
const GRID: i32 = 32;
/** The smallest travel the ramp rates are derived from, dB: a 0 dB range still converges when it changes. */
const MIN_TRAVEL_DB: f32 = 1;

export class NoiseGate {
  private sampleRate: f32 = 48000;
  /** threshold T, dBFS */
  private threshold: LinearSmoother = new LinearSmoother();
  /** hysteresis H, dB */
  private hysteresis: LinearSmoother = new LinearSmoother();
  /** closed gain 10^(range/20), linear: ramped in amplitude, like the opening, for the smallest largest step */
  private range: LinearSmoother = new LinearSmoother();
  private holdMs: f32 = 0;
  private attackMs: f32 = 1;
  private releaseMs: f32 = 120;
  /** linear open / close levels and closed gain, as of the last grid point */
  private openLevel: f32 = 0;
  private closeLevel: f32 = 0;
  private closedGain: f32 = 0;
  /** per-frame gain increment towards open, and factor (< 1) towards closed */
  private stepUp: f32 = 1;
  private stepDown: f32 = 1;
  /** sliding-maximum deque over the detector window: values decrease from head to back */
  private dqValue: StaticArray<f32> = new StaticArray<f32>(0);
  private dqFrame: StaticArray<i32> = new StaticArray<i32>(0);
  private dqMask: i32 = 0;
  private dqHead: i32 = 0;
  private dqCount: i32 = 0;
  /** detector window, frames (≥ 1) */
  private window: i32 = 1;
  private open: bool = false;
  /** frames left before an open gate may close */
  private holdLeft: i32 = 0;
  /** applied gain g, linear */
  private gain: f32 = 1;
  /** frames processed (wraps; compared by difference and masked for the grid) */
  private clock: i32 = 0;

  prepare(sampleRate: f32, maxFrames: i32): void {
    this.sampleRate = sampleRate;
    this.threshold.prepare(sampleRate, P.PARAM_SMOOTHING_MS[P.P_GATE_THRESHOLD], P.PARAM_DEFAULT[P.P_GATE_THRESHOLD]);
    this.hysteresis.prepare(sampleRate, P.PARAM_SMOOTHING_MS[P.P_GATE_HYSTERESIS], P.PARAM_DEFAULT[P.P_GATE_HYSTERESIS]);
    this.range.prepare(sampleRate, P.PARAM_SMOOTHING_MS[P.P_GATE_RANGE], fromDb(P.PARAM_DEFAULT[P.P_GATE_RANGE]));
    this.window = max<i32>(1, <i32>Mathf.round(DETECTOR_WINDOW_MS * 0.001 * sampleRate));
    let cap = 4;
    while (cap < this.window + 2) cap <<= 1;
    this.dqMask = cap - 1;
    this.dqValue = new StaticArray<f32>(cap);
    this.dqFrame = new StaticArray<i32>(cap);
    this.reset();
  }

  /**
   * Clear the signal state and jump every parameter to its target. The gate
   * starts closed with its gain at the range, so silence stays silent.
   */
  reset(): void {
    this.threshold.snap(this.threshold.target);
    this.hysteresis.snap(this.hysteresis.target);
    this.range.snap(this.range.target);
    this.updateLevels();
    this.updateRates();
    this.dqHead = 0;
    this.dqCount = 0;
    this.open = false;
    this.holdLeft = 0;
    this.gain = this.closedGain;
    this.clock = 0;
  }

  /** opening level, dBFS peak, −90 … 0 */
  setThreshold(db: f32): void {
    this.threshold.setTarget(db);
  }

  /** how far below the threshold the gate closes, dB, 0 … 24 */
  setHysteresis(db: f32): void {
    this.hysteresis.setTarget(max<f32>(0, db));
  }

  /** how long the level must stay below the closing point before the gate closes, ms */
  setHold(ms: f32): void {
    this.holdMs = max<f32>(0, ms);
  }

  /** attenuation when closed, dB, −90 … 0 */
  setRange(db: f32): void {
    this.range.setTarget(fromDb(min<f32>(0, db)));
  }

  /** time to open across the whole range, ms */
  setAttack(ms: f32): void {
    if (ms == this.attackMs) return;
    this.attackMs = ms;
    this.updateRates();
  }

  /** time to close across the whole range, ms */
  setRelease(ms: f32): void {
    if (ms == this.releaseMs) return;
    this.releaseMs = ms;
    this.updateRates();
  }

  /** Gate the stereo block in place (detection linked across both channels). */
  process(left: usize, right: usize, frames: i32): void {
    const holdFrames = <i32>(this.holdMs * 0.001 * this.sampleRate);
    let open = this.open;
    let holdLeft = this.holdLeft;
    let g = this.gain;
    let done = 0;
    // bounded: every pass consumes ≥ 1 frame
    while (done < frames) {
      let n = frames - done;
      if (this.threshold.isRamping() || this.hysteresis.isRamping() || this.range.isRamping()) {
        // glide: up to the next grid point, with levels as of its end
        n = min(n, GRID - (this.clock & (GRID - 1)));
        for (let k = 0; k < n; k++) {
          this.threshold.next();
          this.hysteresis.next();
          this.range.next();
        }
        this.updateLevels();
        this.updateRates();
      }
      const openLevel = this.openLevel;
      const closeLevel = this.closeLevel;
      const closedGain = this.closedGain;
      const up = this.stepUp;
      const down = this.stepDown;
      const end = done + n;
      for (let i = done; i < end; i++) {
        const o = <usize>i << 2;
        const l = load<f32>(left + o);
        const r = load<f32>(right + o);
        const level = this.pushMax(max(Mathf.abs(l), Mathf.abs(r)));
        if (level > openLevel) {
          open = true;
          holdLeft = holdFrames;
        } else if (open) {
          if (level >= closeLevel) holdLeft = holdFrames;
          else if (holdLeft > 0) holdLeft--;
          else open = false;
        }
        const target: f32 = open ? 1.0 : closedGain;
        // each ramp lands exactly on its target
        if (g < target) g = min(target, g + up);
        else if (g > target) g = max(target, g * down);
        store<f32>(left + o, l * g);
        store<f32>(right + o, r * g);
      }
      done = end;
    }
    this.open = open;
    this.holdLeft = holdLeft;
    this.gain = g;
  }

  /** Current attenuation, dB (≤ 0). */
  gainReductionDb(): f32 {
    return min<f32>(0, toDb(this.gain));
  }

  /** Push this frame's peak and return the maximum over the detector window; advances the clock. */
  @inline private pushMax(x: f32): f32 {
    const mask = this.dqMask;
    const now = this.clock;
    // drop entries that can never be the maximum again (bounded by the deque size)
    while (this.dqCount > 0) {
      const back = (this.dqHead + this.dqCount - 1) & mask;
      if (unchecked(this.dqValue[back]) > x) break;
      this.dqCount--;
    }
    const slot = (this.dqHead + this.dqCount) & mask;
    unchecked((this.dqValue[slot] = x));
    unchecked((this.dqFrame[slot] = now));
    this.dqCount++;
    // expire the front once it has left the window (at most one per push)
    if (now - unchecked(this.dqFrame[this.dqHead]) >= this.window) {
      this.dqHead = (this.dqHead + 1) & mask;
      this.dqCount--;
    }
    this.clock = now + 1;
    return unchecked(this.dqValue[this.dqHead]);
  }

  /** Linear levels from the smoothers' current values. */
  private updateLevels(): void {
    const t = this.threshold.current;
    this.openLevel = fromDb(t);
    this.closeLevel = fromDb(t - this.hysteresis.current);
    this.closedGain = this.range.current;
  }

  /**
   * Ramp steps that cross the whole range in attack / release ms: an increment
   * of (1 − closed gain)/frames up, a factor of range/frames in dB down (each
   * over at least MIN_TRAVEL_DB, so a range near 0 dB still moves).
   */
  private updateRates(): void {
    const framesPerMs: f32 = 0.001 * this.sampleRate;
    const travelDb = max<f32>(MIN_TRAVEL_DB, -toDb(this.range.current));
    const travel: f32 = 1.0 - fromDb(-travelDb);
    this.stepUp = travel / max<f32>(1, this.attackMs * framesPerMs);
    this.stepDown = fromDb(-travelDb / max<f32>(1, this.releaseMs * framesPerMs));
  }
}
