/**
 * PlateReverb: J. Dattorro's plate ("Effect Design, Part 1: Reverberator and
 * Other Filters", JAES 45(9), 1997, figure 1): input bandwidth filter and
 * diffusing allpasses feeding a "figure-eight" tank of two cross-coupled
 * halves, each a modulated allpass, a delay, a damping low-pass, a decay gain,
 * a second allpass, a second delay and (ours) a second damping low-pass. Tank
 * lengths and output taps are the paper's (Tables 1 and 2, at 29761 Hz), scaled
 * to the running rate.
 *
 * Where we leave the paper, each for a measured reason (test/unit/reverb.test.ts):
 * - four short allpasses ahead of Dattorro's four, so the tail is dense by
 *   80 ms (normalised echo density 0.97 instead of ≈ 0.5), as a real plate is;
 * - lower decay diffusions (0.5 and 0.3 for 0.7 and 0.5): the tank allpasses'
 *   group delay swings between M(1−g)/(1+g) and M(1+g)/(1−g), and the slowest
 *   modes made the 250 Hz band ring ≈ 10 % long; the second allpass is also
 *   modulated (by the other half's LFO), which mixes neighbouring modes;
 * - every allpass's gain is capped so its own ring stays short of the decay;
 * - below 1 s of (high-band) decay the whole tank shrinks with the decay.
 *
 * Decay is set as T60: one trip round the tank passes four decay gains and
 * ≈ trip samples (delays plus the allpasses' mean group delay), so the gains
 * lose 60·trip/(fs·T60) dB per trip, less the damping filters' loss at 1 kHz.
 */
import { DelayLine } from '../delay/delay-line';
import { Allpass } from './diffuser';
import { flushDenormal } from '../core/sanitize';

/** Dattorro's reference rate. */
const REF_RATE: f64 = 29761;
/** Table 1 (input diffusers after our four short ones) and tank, samples at REF_RATE. */
const INPUT_AP: StaticArray<i32> = [43, 61, 89, 127, 142, 107, 379, 277];
const INPUT_GAIN: StaticArray<f32> = [0.7, 0.7, 0.7, 0.7, 0.75, 0.75, 0.625, 0.625];
const TANK_AP1: StaticArray<i32> = [672, 908];
const TANK_DELAY1: StaticArray<i32> = [4453, 4217];
const TANK_AP2: StaticArray<i32> = [1800, 2656];
const TANK_DELAY2: StaticArray<i32> = [3720, 3163];
const EXCURSION: f64 = 16;
const DECAY_DIFFUSION_1: f32 = 0.5;
const DECAY_DIFFUSION_2: f32 = 0.3;
/**
 * An allpass with gain g and delay M rings on its own with T60 = 3·M / −log10 g,
 * whatever the tank's decay gain: the 0.5-gain tank allpasses alone ring ≈ 0.6
 * and 0.9 s. Their gains are capped so the ring lasts at most this fraction of
 * the set decay (the tank's) or of its input share (the input diffusers), or a
 * short decay measures long. Dattorro ties decay diffusion 2 to the decay for
 * the same reason; this extends the rule to every allpass.
 */
const TANK_RING: f32 = 0.15;
const INPUT_RING: f32 = 0.1;
const BANDWIDTH: f32 = 0.9995;
/**
 * One trip round the full tank takes ≈ 0.725 s, and a decay shorter than a trip
 * is a staircase of taps, not an exponential. Below FULL_TANK_DECAY the whole
 * tank (delays, allpasses, taps) shrinks in proportion to the decay, down to
 * MIN_TANK_SCALE — a smaller plate — so a trip always loses ≤ 44 dB.
 */
const FULL_TANK_DECAY: f32 = 1.0;
const MIN_TANK_SCALE: f32 = 0.25;
/** Modulation rates of the two tank allpasses, Hz (about 1 Hz, slightly apart). */
const MOD_HZ_L: f64 = 0.9;
const MOD_HZ_R: f64 = 1.1;

export class PlateReverb {
  private fs: f32 = 48000;
  private scale: f64 = 1;
  private bandwidthState: f32 = 0;
  private inputAp: StaticArray<Allpass> = new StaticArray<Allpass>(INPUT_AP.length);
  private ap1: StaticArray<Allpass> = new StaticArray<Allpass>(2);
  private ap2: StaticArray<Allpass> = new StaticArray<Allpass>(2);
  private delay1: StaticArray<DelayLine> = new StaticArray<DelayLine>(2);
  private delay2: StaticArray<DelayLine> = new StaticArray<DelayLine>(2);
  private len1: StaticArray<i32> = new StaticArray<i32>(2);
  private len2: StaticArray<i32> = new StaticArray<i32>(2);
  private ap1Len: StaticArray<f32> = new StaticArray<f32>(2);
  private ap2Len: StaticArray<f32> = new StaticArray<f32>(2);
  /** tank length scale now (per block start) and where it is going */
  private tankScale: f32 = 1;
  private tankScaleTarget: f32 = 1;
  /** damping low-pass states: after delay 1 and after delay 2 of each half */
  private dampState: StaticArray<f32> = new StaticArray<f32>(4);
  /** the halves' outputs of the last sample, fed across */
  private cross: StaticArray<f32> = new StaticArray<f32>(2);
  private decay: f32 = 0.5;
  private damping: f32 = 0.0005;
  private excursion: f32 = 0;
  private phase: f64 = 0;
  private phaseStep: f64 = 0;
  private phaseStepR: f64 = 0;
  private phaseR: f64 = 0;
  /** output taps (Table 2) scaled to fs */
  private taps: StaticArray<f32> = new StaticArray<f32>(14);
  /** sum of the tank's lengths, samples: one trip round the figure eight */
  private trip: f32 = 0;
  private frozen: bool = false;
  private t60: f32 = 2;
  private highRatio: f32 = 0.7;

  prepare(sampleRate: f32): void {
    this.fs = sampleRate;
    this.scale = <f64>sampleRate / REF_RATE;
    for (let k = 0; k < INPUT_AP.length; k++) {
      const a = new Allpass();
      const n = this.scaled(INPUT_AP[k]);
      a.prepare(n);
      a.delay = <f32>n;
      a.setGain(INPUT_GAIN[k]);
      this.inputAp[k] = a;
    }
    this.excursion = <f32>(EXCURSION * this.scale);
    let trip: f32 = 0;
    for (let h = 0; h < 2; h++) {
      const a1 = new Allpass();
      const n1 = this.scaled(TANK_AP1[h]);
      a1.prepare(n1 + <i32>Mathf.ceil(this.excursion) + 4);
      a1.delay = <f32>n1;
      a1.setGain(-DECAY_DIFFUSION_1); // Dattorro's decay diffusion 1 enters with a minus sign
      this.ap1[h] = a1;
      this.ap1Len[h] = <f32>n1;
      const a2 = new Allpass();
      const n2 = this.scaled(TANK_AP2[h]);
      a2.prepare(n2);
      a2.delay = <f32>n2;
      a2.setGain(DECAY_DIFFUSION_2);
      this.ap2Len[h] = <f32>n2;
      this.ap2[h] = a2;
      const d1 = new DelayLine();
      this.len1[h] = this.scaled(TANK_DELAY1[h]);
      d1.prepare(this.len1[h] + 4);
      this.delay1[h] = d1;
      const d2 = new DelayLine();
      this.len2[h] = this.scaled(TANK_DELAY2[h]);
      d2.prepare(this.len2[h] + 4);
      this.delay2[h] = d2;
      trip += <f32>(n1 + n2 + this.len1[h] + this.len2[h]);
    }
    this.trip = trip;
    // Table 2's taps: left from [right d1, right d1, right ap2, right d2, left d1, left ap2, left d2], right mirrored
    const t: StaticArray<i32> = [266, 2974, 1913, 1996, 1990, 187, 1066, 353, 3627, 1228, 2673, 2111, 335, 121];
    for (let k = 0; k < 14; k++) this.taps[k] = <f32>this.scaled(t[k]);
    this.phaseStep = (2.0 * Math.PI * MOD_HZ_L) / <f64>sampleRate;
    this.phaseStepR = (2.0 * Math.PI * MOD_HZ_R) / <f64>sampleRate;
    this.updateGains();
    this.reset(); // after the gains are set, so they start settled
  }

  @inline private scaled(n: i32): i32 {
    return max<i32>(1, <i32>Math.round(<f64>n * this.scale));
  }

  reset(): void {
    this.bandwidthState = 0;
    for (let k = 0; k < INPUT_AP.length; k++) unchecked(this.inputAp[k]).reset();
    for (let h = 0; h < 2; h++) {
      unchecked(this.ap1[h]).reset();
      unchecked(this.ap2[h]).reset();
      unchecked(this.delay1[h]).reset();
      unchecked(this.delay2[h]).reset();
      this.dampState[h] = 0;
      this.dampState[h + 2] = 0;
      this.cross[h] = 0;
    }
    this.phase = 0;
    this.phaseR = 1.3;
    this.tankScale = this.tankScaleTarget;
  }

  /** T60 of the mid band, s, and the high band's decay as a fraction of it. */
  setDecay(t60: f32, highRatio: f32): void {
    this.t60 = t60;
    this.highRatio = highRatio;
    // the shortest band decay (the high band's) sets the tank size
    this.tankScaleTarget = min<f32>(1, max<f32>(MIN_TANK_SCALE, (t60 * highRatio) / FULL_TANK_DECAY));
    this.updateGains();
  }

  setFreeze(on: bool): void {
    this.frozen = on;
    this.updateGains();
  }

  private updateGains(): void {
    const scale = this.tankScaleTarget;
    // allpasses are lossless: freezing keeps their gains where they are
    if (!this.frozen) {
      for (let k = 0; k < INPUT_AP.length; k++) unchecked(this.inputAp[k]).setGainForDecay(INPUT_GAIN[k], this.t60, this.fs, INPUT_RING);
      for (let h = 0; h < 2; h++) {
        const a1 = unchecked(this.ap1[h]);
        a1.delay = unchecked(this.ap1Len[h]) * scale;
        a1.setGainForDecay(-DECAY_DIFFUSION_1, this.t60, this.fs, TANK_RING);
        const a2 = unchecked(this.ap2[h]);
        a2.delay = unchecked(this.ap2Len[h]) * scale;
        a2.setGainForDecay(DECAY_DIFFUSION_2, this.t60, this.fs, TANK_RING);
      }
    }
    if (this.frozen) {
      this.decay = 1;
      this.damping = 0;
      return;
    }
    // damping: one-pole low-passes after each delay, four per trip (Dattorro has
    // two; a trip may need 33 dB more loss at 4 kHz than at 1 kHz, beyond two
    // first-order filters). Per trip the decay gains lose G dB at every frequency
    // and the filters 4·F(f): F is chosen so that 4·(F(4 kHz) − F(1 kHz)) gives
    // the shorter high-band decay, and G so that G + 4·F(1 kHz) gives the set
    // mid-band decay (never a gain: at extreme settings the mid band runs short).
    const tripSeconds = (this.trip * scale) / this.fs;
    const midDb: f32 = (-60.0 * tripSeconds) / this.t60;
    const highDb: f32 = (-60.0 * tripSeconds) / (this.t60 * this.highRatio);
    this.damping = onePoleForTilt((highDb - midDb) * 0.25, 1000, 4000, this.fs);
    const tripDb: f32 = min<f32>(0, midDb - 4.0 * onePoleLossDb(this.damping, 1000, this.fs));
    this.decay = Mathf.pow(10.0, tripDb / (4.0 * 20.0));
  }

  /** Wet stereo output for the stereo input block (mixed to mono on the way in, as in the paper). */
  process(inL: usize, inR: usize, outL: usize, outR: usize, frames: i32, inGain: f32): void {
    const g = this.decay;
    const damp = this.damping;
    const t = this.taps;
    const rd1 = unchecked(this.delay1[1]);
    const rd2 = unchecked(this.delay2[1]);
    const ld1 = unchecked(this.delay1[0]);
    const ld2 = unchecked(this.delay2[0]);
    // the tank LFOs are slow: evaluate them at the block's ends and interpolate linearly
    const nextL = this.phase + this.phaseStep * <f64>frames;
    const nextR = this.phaseR + this.phaseStepR * <f64>frames;
    let modL: f32 = this.excursion * (1.0 + <f32>Math.sin(this.phase)) * 0.5;
    let modR: f32 = this.excursion * (1.0 + <f32>Math.sin(this.phaseR)) * 0.5;
    const incL: f32 = (this.excursion * (1.0 + <f32>Math.sin(nextL)) * 0.5 - modL) / <f32>frames;
    const incR: f32 = (this.excursion * (1.0 + <f32>Math.sin(nextR)) * 0.5 - modR) / <f32>frames;
    this.phase = nextL;
    this.phaseR = nextR;
    // the tank scale ramps across the block (a glide of the decay moves it smoothly)
    let sc = this.tankScale;
    const scInc = (this.tankScaleTarget - sc) / <f32>frames;
    this.tankScale = this.tankScaleTarget;
    const len1L = unchecked(this.len1[0]) as f32, len1R = unchecked(this.len1[1]) as f32;
    const len2L = unchecked(this.len2[0]) as f32, len2R = unchecked(this.len2[1]) as f32;
    const ap1L = unchecked(this.ap1Len[0]), ap1R = unchecked(this.ap1Len[1]);
    const ap2LenL = unchecked(this.ap2Len[0]), ap2LenR = unchecked(this.ap2Len[1]);
    const ap2L = unchecked(this.ap2[0]);
    const ap2R = unchecked(this.ap2[1]);
    for (let n = 0; n < frames; n++) {
      const o = <usize>n << 2;
      let x: f32 = 0.5 * (load<f32>(inL + o) + load<f32>(inR + o)) * inGain;
      // bandwidth one-pole, input diffusion
      this.bandwidthState = flushDenormal(this.bandwidthState + BANDWIDTH * (x - this.bandwidthState));
      x = this.bandwidthState;
      for (let k = 0; k < INPUT_AP.length; k++) x = unchecked(this.inputAp[k]).tick(x);
      // the two halves of the figure eight, each fed by the other's last output
      modL += incL;
      modR += incR;
      sc += scInc;
      for (let h = 0; h < 2; h++) {
        const left = h == 0;
        const feed = x + unchecked(this.cross[1 - h]);
        let v = unchecked(this.ap1[h]).tickModulated(feed, (left ? ap1L : ap1R) * sc + (left ? modL : modR));
        const d1 = unchecked(this.delay1[h]);
        const a = d1.readLinear((left ? len1L : len1R) * sc - 1.0);
        d1.write(v);
        let s = unchecked(this.dampState[h]);
        s = flushDenormal(s + (1.0 - damp) * (a - s));
        unchecked((this.dampState[h] = s));
        v = (left ? ap2L : ap2R).tickModulated(s * g, (left ? ap2LenL : ap2LenR) * sc + (left ? modR : modL));
        const d2 = unchecked(this.delay2[h]);
        let b = d2.readLinear((left ? len2L : len2R) * sc - 1.0);
        d2.write(v);
        b = flushDenormal(unchecked(this.dampState[h + 2]) + (1.0 - damp) * (b - unchecked(this.dampState[h + 2])));
        unchecked((this.dampState[h + 2] = b));
        unchecked((this.cross[h] = b * g));
      }
      // Table 2's output taps, scaled with the tank
      const yl: f32 =
        rd1.readLinear(t[0] * sc) + rd1.readLinear(t[1] * sc) - ap2R.peekLinear(t[2] * sc) + rd2.readLinear(t[3] * sc) -
        ld1.readLinear(t[4] * sc) - ap2L.peekLinear(t[5] * sc) - ld2.readLinear(t[6] * sc);
      const yr: f32 =
        ld1.readLinear(t[7] * sc) + ld1.readLinear(t[8] * sc) - ap2L.peekLinear(t[9] * sc) + ld2.readLinear(t[10] * sc) -
        rd1.readLinear(t[11] * sc) - ap2R.peekLinear(t[12] * sc) - rd2.readLinear(t[13] * sc);
      store<f32>(outL + o, 0.6 * yl);
      store<f32>(outR + o, 0.6 * yr);
    }
    if (this.phase > 2.0 * Math.PI) this.phase -= 2.0 * Math.PI;
    if (this.phaseR > 2.0 * Math.PI) this.phaseR -= 2.0 * Math.PI;
  }
}

/** dB loss (≤ 0) of y += (1 − d)(x − y) at `hz`. */
function onePoleLossDb(d: f32, hz: f32, fs: f32): f32 {
  const w = (2.0 * Math.PI * <f64>hz) / <f64>fs;
  const b = <f64>(1.0 - d);
  // H = b / (1 − d·e^{−jw})
  const re = 1.0 - <f64>d * Math.cos(w);
  const im = <f64>d * Math.sin(w);
  return <f32>(20.0 * Math.log10(b / Math.sqrt(re * re + im * im)));
}

/**
 * The one-pole coefficient d whose loss at `high` Hz exceeds its loss at `low` Hz
 * by `tiltDb` (≤ 0), by bisection (the difference grows with d).
 */
function onePoleForTilt(tiltDb: f32, low: f32, high: f32, fs: f32): f32 {
  if (tiltDb >= -1e-4) return 0;
  let lo: f32 = 0;
  let hi: f32 = 0.999;
  for (let k = 0; k < 40; k++) {
    const mid: f32 = 0.5 * (lo + hi);
    if (onePoleLossDb(mid, high, fs) - onePoleLossDb(mid, low, fs) > tiltDb) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
