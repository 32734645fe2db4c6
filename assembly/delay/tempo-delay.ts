/**
 * TempoDelay: a stereo delay whose time is set in ms or as a note division
 * locked to the live tempo, with filtered, soft-clipped feedback, ping-pong,
 * modulation, freeze and two ways of changing time.
 *
 *   in ─┬──────────────────────────────────────────────► + ─► out
 *       └─► [× input on/off] ─► + ─► line ─► read ─► [× mix] ┘
 *                               ▲               │
 *                               └─ clip ◄─ LP ◄─ HP ◄─ × feedback (crossed in ping-pong)
 *
 * Time changes: "crossfade" keeps the pitch: a second read head starts at the
 * new time and the two are crossfaded over CROSSFADE_MS. "tape" glides the one
 * read head towards the new time at a limited rate, so the pitch bends only
 * while it moves (as on a tape echo when you turn the speed knob).
 *
 * Switching the delay off closes its input: the repeats ring out, and once
 * they have died away the unit is skipped, so "off" is bit-exact.
 */
import { DelayLine } from './delay-line';
import { Biquad } from '../filters/biquad';
import { LinearSmoother } from '../core/smoother';
import { flushDenormal } from '../core/sanitize';

/** Longest delay, seconds (a whole note at 60 BPM), plus room for modulation. */
const MAX_SECONDS: f32 = 4.0;
const MAX_MOD_MS: f32 = 10.0;
/** Time for the modulation depth to cross its whole range. */
const MOD_GLIDE_SECONDS: f32 = 0.1;
/** Crossfade length for time changes in crossfade mode. */
const CROSSFADE_MS: f32 = 60.0;
/** Tape mode: the fastest the read head may move, samples per sample (±12 % pitch at most). */
const TAPE_MAX_RATE: f32 = 0.12;
/** Tape mode: fraction of the remaining distance covered per sample (a smooth approach). */
const TAPE_APPROACH_SECONDS: f32 = 0.15;
/** Time changes smaller than this (samples) are applied directly, not faded. */
const TIME_EPSILON: f32 = 0.5;
/** Below this level (−120 dBFS) the repeats count as gone. */
const SILENT: f32 = 1e-6;

export class TempoDelay {
  private fs: f32 = 48000;
  private lineL: DelayLine = new DelayLine();
  private lineR: DelayLine = new DelayLine();
  private lowCutL: Biquad = new Biquad();
  private lowCutR: Biquad = new Biquad();
  private highCutL: Biquad = new Biquad();
  private highCutR: Biquad = new Biquad();
  private input: LinearSmoother = new LinearSmoother();
  private feedback: LinearSmoother = new LinearSmoother();
  private mix: LinearSmoother = new LinearSmoother();
  /** 1 while frozen (crossfaded): full feedback, no filters, no input */
  private frozen: LinearSmoother = new LinearSmoother();

  // time
  private timeMs: f32 = 375;
  private divisionBeats: f32 = 0;
  private sync: i32 = 0;
  private fixedBpm: f32 = 120;
  private mode: i32 = 0;
  /** delay of read head A (the current one) and head B (the one faded to), samples */
  private delayA: f32 = 18000;
  private delayB: f32 = 18000;
  /** crossfade position 0 → 1 from A to B; < 0 when no fade runs */
  private fade: f32 = -1;
  private fadeStep: f32 = 0;
  private tapeCoef: f32 = 0;

  private pingPong: bool = false;
  private modDepth: f32 = 0;
  private modDepthTarget: f32 = 0;
  private modPhase: f64 = 0;
  private modStep: f64 = 0;
  private lowCutHz: f32 = 80;
  private highCutHz: f32 = 8000;
  private filtersDirty: bool = true;

  /** frames since anything audible was in the loop (for skipping when off) */
  private quietFrames: i32 = 0;
  private on: bool = false;

  prepare(sampleRate: f32, maxFrames: i32): void {
    this.fs = sampleRate;
    const maxDelay = <i32>Mathf.ceil((MAX_SECONDS + MAX_MOD_MS * 0.001) * sampleRate) + 8;
    this.lineL.prepare(maxDelay);
    this.lineR.prepare(maxDelay);
    this.input.prepare(sampleRate, 10, 0);
    this.feedback.prepare(sampleRate, 30, 0.35);
    this.mix.prepare(sampleRate, 30, 0.3);
    this.frozen.prepare(sampleRate, 20, 0);
    this.fadeStep = 1.0 / (CROSSFADE_MS * 0.001 * sampleRate);
    this.tapeCoef = 1.0 - Mathf.exp(-1.0 / (TAPE_APPROACH_SECONDS * sampleRate));
    this.reset();
  }

  reset(): void {
    this.lineL.reset();
    this.lineR.reset();
    this.lowCutL.reset();
    this.lowCutR.reset();
    this.highCutL.reset();
    this.highCutR.reset();
    this.delayA = this.targetDelay(0);
    this.delayB = this.delayA;
    this.fade = -1;
    this.modPhase = 0;
    this.quietFrames = 1 << 30;
    this.input.snap(this.on ? 1 : 0);
    this.feedback.snap(this.feedback.target);
    this.modDepth = this.modDepthTarget;
    this.mix.snap(this.mix.target);
    this.frozen.snap(this.frozen.target);
  }

  setOn(on: bool): void {
    this.on = on;
    this.input.setTarget(on ? 1 : 0);
  }

  /** Time in ms, or `divisionBeats` quarter notes at the tempo chosen by `sync` (0 tracked, 1 fixed). */
  setTime(ms: f32, divisionBeats: f32, sync: i32, fixedBpm: f32): void {
    this.timeMs = ms;
    this.divisionBeats = divisionBeats;
    this.sync = sync;
    this.fixedBpm = fixedBpm;
  }

  setFeedback(fb: f32): void {
    this.feedback.setTarget(fb);
  }

  setMix(mix: f32): void {
    this.mix.setTarget(mix);
  }

  setFilters(lowCutHz: f32, highCutHz: f32): void {
    if (lowCutHz != this.lowCutHz || highCutHz != this.highCutHz) this.filtersDirty = true;
    this.lowCutHz = lowCutHz;
    this.highCutHz = highCutHz;
  }

  setPingPong(on: bool): void {
    this.pingPong = on;
  }

  setModulation(depthMs: f32, rateHz: f32): void {
    // the depth glides (see process): a jump would move the read head at once, a click
    this.modDepthTarget = min(depthMs, MAX_MOD_MS) * 0.001 * this.fs;
    this.modStep = (2.0 * Math.PI * <f64>rateHz) / <f64>this.fs;
  }

  setFreeze(on: bool): void {
    this.frozen.setTarget(on ? 1 : 0);
  }

  setMode(mode: i32): void {
    this.mode = mode;
  }

  /** The delay (samples) the settings ask for now. */
  private targetDelay(trackedBpm: f64): f32 {
    let seconds = this.timeMs * 0.001;
    if (this.divisionBeats > 0) {
      // tracked tempo when asked for and known; otherwise the fixed tempo
      const bpm: f64 = this.sync == 0 && trackedBpm > 0 ? trackedBpm : <f64>this.fixedBpm;
      seconds = <f32>((<f64>this.divisionBeats * 60.0) / bpm);
    }
    return min(MAX_SECONDS * this.fs, max(2.0, Mathf.round(seconds * this.fs * 16.0) / 16.0));
  }

  /** Mix the repeats into `left` and `right` in place. */
  process(left: usize, right: usize, frames: i32, trackedBpm: f64): void {
    // off and silent: nothing to add, leave the signal untouched (bit-exact)
    if (!this.on && !this.input.isRamping() && this.quietFrames > this.delayMaxFrames()) return;
    if (this.filtersDirty) {
      this.lowCutL.highpass(this.fs, this.lowCutHz, 0.707);
      this.lowCutR.copyFrom(this.lowCutL);
      this.highCutL.lowpass(this.fs, this.highCutHz, 0.707);
      this.highCutR.copyFrom(this.highCutL);
      this.filtersDirty = false;
    }
    this.retarget(this.targetDelay(trackedBpm));

    // the modulation LFO at the block's ends, interpolated linearly in between (≤ 8 Hz: a block is a small arc)
    let modL: f32 = 0;
    let modR: f32 = 0;
    let incL: f32 = 0;
    let incR: f32 = 0;
    const depth0 = this.modDepth;
    // the depth moves at most the whole range in MOD_GLIDE_SECONDS
    const maxStep: f32 = (MAX_MOD_MS * 0.001 * this.fs * <f32>frames) / (MOD_GLIDE_SECONDS * this.fs);
    const depth1 = depth0 + min(maxStep, max(-maxStep, this.modDepthTarget - depth0));
    this.modDepth = depth1;
    if (depth0 > 0 || depth1 > 0) {
      const next = this.modPhase + this.modStep * <f64>frames;
      modL = depth0 * (1.0 + <f32>Math.sin(this.modPhase)) * 0.5;
      modR = depth0 * (1.0 + <f32>Math.cos(this.modPhase)) * 0.5;
      incL = (depth1 * (1.0 + <f32>Math.sin(next)) * 0.5 - modL) / <f32>frames;
      incR = (depth1 * (1.0 + <f32>Math.cos(next)) * 0.5 - modR) / <f32>frames;
      this.modPhase = next > 2.0 * Math.PI ? next - 2.0 * Math.PI : next;
    }
    let peak: f32 = 0;
    for (let i = 0; i < frames; i++) {
      const o = <usize>i << 2;
      const xl = load<f32>(left + o);
      const xr = load<f32>(right + o);
      const inGain = this.input.next();
      const fb = this.feedback.next();
      const mix = this.mix.next();
      const freeze = this.frozen.next();

      // read position(s), with modulation (L and R a quarter cycle apart)
      const d = this.advanceTime();
      modL += incL;
      modR += incR;
      // read before this sample is written, so a delay of D samples is D − 1 writes back
      let wl = this.lineL.readCubic(d - 1.0 + modL);
      let wr = this.lineR.readCubic(d - 1.0 + modR);
      if (this.fade >= 0) {
        // crossfade from head A to head B (equal gain: the heads read the same material)
        const bl = this.lineL.readCubic(this.delayB - 1.0 + modL);
        const br = this.lineR.readCubic(this.delayB - 1.0 + modR);
        wl += this.fade * (bl - wl);
        wr += this.fade * (br - wr);
      }

      // feedback path: low cut → high cut → soft clip; frozen = unity, unfiltered
      let fl = this.highCutL.tick(this.lowCutL.tick(wl));
      let fr = this.highCutR.tick(this.lowCutR.tick(wr));
      fl = softClip(fl * fb);
      fr = softClip(fr * fb);
      fl += freeze * (wl - fl);
      fr += freeze * (wr - fr);
      const send = inGain * (1.0 - freeze);
      if (this.pingPong) {
        // mono input enters on the left; each repeat crosses to the other side
        this.lineL.write(flushDenormal(send * 0.5 * (xl + xr) + fr));
        this.lineR.write(flushDenormal(fl));
      } else {
        this.lineL.write(flushDenormal(send * xl + fl));
        this.lineR.write(flushDenormal(send * xr + fr));
      }
      store<f32>(left + o, xl + mix * wl);
      store<f32>(right + o, xr + mix * wr);
      peak = max(peak, max(Mathf.abs(wl), Mathf.abs(wr)));
    }
    if (peak < SILENT && !this.on) this.quietFrames += frames;
    else this.quietFrames = 0;
  }

  /** Start moving towards a new delay: a crossfade, or (tape) just a new target for the glide. */
  private retarget(target: f32): void {
    if (this.mode == 1) {
      this.delayB = target;
      this.fade = -1;
      return;
    }
    const current = this.fade >= 0 ? this.delayB : this.delayA;
    if (Mathf.abs(target - current) < TIME_EPSILON) return;
    if (this.fade >= 0) {
      // a fade is running: let it finish, then go on to the newest target
      return;
    }
    this.delayB = target;
    this.fade = 0;
  }

  /** Per sample: advance the crossfade or the tape glide; returns head A's delay. */
  @inline private advanceTime(): f32 {
    if (this.mode == 1) {
      const gap = this.delayB - this.delayA;
      if (gap != 0) {
        let step = gap * this.tapeCoef;
        step = min(TAPE_MAX_RATE, max(-TAPE_MAX_RATE, step));
        this.delayA = Mathf.abs(gap) < 1e-3 ? this.delayB : this.delayA + step;
      }
    } else if (this.fade >= 0) {
      this.fade += this.fadeStep;
      if (this.fade >= 1) {
        this.fade = -1;
        this.delayA = this.delayB;
      }
    }
    return this.delayA;
  }

  private delayMaxFrames(): i32 {
    return <i32>max(this.delayA, this.delayB) + 1024;
  }
}

/**
 * Soft clipper for the feedback loop: linear up to ±0.5, then a tanh knee that
 * approaches ±1, with matching slope at the joint. Keeps feedback above 100 %
 * bounded (it saturates like a tape echo driven into oscillation).
 */
@inline function softClip(x: f32): f32 {
  const a = Mathf.abs(x);
  if (a <= 0.5) return x;
  const y: f32 = 0.5 + 0.5 * <f32>Math.tanh(<f64>((a - 0.5) * 2.0));
  return x < 0 ? -y : y;
}
