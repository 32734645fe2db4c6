/**
 * PlateReverb: J. Dattorro's plate ("Effect Design, Part 1: Reverberator and
 * Other Filters", JAES 45(9), 1997, figure 1): input bandwidth filter and four
 * diffusing allpasses feeding a "figure-eight" tank of two cross-coupled
 * halves, each a modulated allpass, a delay, a damping low-pass, a decay gain,
 * a second allpass and a second delay. Lengths and output taps are the paper's
 * (Tables 1 and 2, at 29761 Hz), scaled to the running rate.
 *
 * Decay is set as T60: one trip round the tank passes four decay gains and
 * ≈ TANK_LENGTH samples (delays plus the allpasses' mean group delay), so
 * g = 10^(−3·trip / (4·fs·T60)), corrected for the damping filters' loss at 1 kHz.
 */
import { DelayLine } from '../delay/delay-line';
import { Allpass } from './diffuser';
import { flushDenormal } from '../core/sanitize';

/** Dattorro's reference rate. */
const REF_RATE: f64 = 29761;
/** Table 1: input diffusers and tank, samples at REF_RATE. */
const INPUT_AP: StaticArray<i32> = [142, 107, 379, 277];
const INPUT_GAIN: StaticArray<f32> = [0.75, 0.75, 0.625, 0.625];
const TANK_AP1: StaticArray<i32> = [672, 908];
const TANK_DELAY1: StaticArray<i32> = [4453, 4217];
const TANK_AP2: StaticArray<i32> = [1800, 2656];
const TANK_DELAY2: StaticArray<i32> = [3720, 3163];
const EXCURSION: f64 = 16;
const DECAY_DIFFUSION_1: f32 = 0.7;
const BANDWIDTH: f32 = 0.9995;
/** Modulation rates of the two tank allpasses, Hz (about 1 Hz, slightly apart). */
const MOD_HZ_L: f64 = 0.9;
const MOD_HZ_R: f64 = 1.1;

export class PlateReverb {
  private fs: f32 = 48000;
  private scale: f64 = 1;
  private bandwidthState: f32 = 0;
  private inputAp: StaticArray<Allpass> = new StaticArray<Allpass>(4);
  private ap1: StaticArray<Allpass> = new StaticArray<Allpass>(2);
  private ap2: StaticArray<Allpass> = new StaticArray<Allpass>(2);
  private delay1: StaticArray<DelayLine> = new StaticArray<DelayLine>(2);
  private delay2: StaticArray<DelayLine> = new StaticArray<DelayLine>(2);
  private len1: StaticArray<i32> = new StaticArray<i32>(2);
  private len2: StaticArray<i32> = new StaticArray<i32>(2);
  private ap1Len: StaticArray<f32> = new StaticArray<f32>(2);
  private dampState: StaticArray<f32> = new StaticArray<f32>(2);
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
  private taps: StaticArray<i32> = new StaticArray<i32>(14);
  /** sum of the tank's lengths, samples: one trip round the figure eight */
  private trip: f32 = 0;
  private frozen: bool = false;
  private t60: f32 = 2;
  private highRatio: f32 = 0.7;

  prepare(sampleRate: f32): void {
    this.fs = sampleRate;
    this.scale = <f64>sampleRate / REF_RATE;
    for (let k = 0; k < 4; k++) {
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
      a1.setGain(-DECAY_DIFFUSION_1); // Dattorro's decay diffusion 1 enters with a minus sign
      this.ap1[h] = a1;
      this.ap1Len[h] = <f32>n1;
      const a2 = new Allpass();
      const n2 = this.scaled(TANK_AP2[h]);
      a2.prepare(n2);
      a2.delay = <f32>n2;
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
    for (let k = 0; k < 14; k++) this.taps[k] = this.scaled(t[k]);
    this.phaseStep = (2.0 * Math.PI * MOD_HZ_L) / <f64>sampleRate;
    this.phaseStepR = (2.0 * Math.PI * MOD_HZ_R) / <f64>sampleRate;
    this.reset();
    this.updateGains();
  }

  @inline private scaled(n: i32): i32 {
    return max<i32>(1, <i32>Math.round(<f64>n * this.scale));
  }

  reset(): void {
    this.bandwidthState = 0;
    for (let k = 0; k < 4; k++) unchecked(this.inputAp[k]).reset();
    for (let h = 0; h < 2; h++) {
      unchecked(this.ap1[h]).reset();
      unchecked(this.ap2[h]).reset();
      unchecked(this.delay1[h]).reset();
      unchecked(this.delay2[h]).reset();
      this.dampState[h] = 0;
      this.cross[h] = 0;
    }
    this.phase = 0;
    this.phaseR = 1.3;
  }

  /** T60 of the mid band, s, and the high band's decay as a fraction of it. */
  setDecay(t60: f32, highRatio: f32): void {
    this.t60 = t60;
    this.highRatio = highRatio;
    this.updateGains();
  }

  setFreeze(on: bool): void {
    this.frozen = on;
    this.updateGains();
  }

  private updateGains(): void {
    if (this.frozen) {
      this.decay = 1;
      this.damping = 0;
      return;
    }
    // damping: a one-pole low-pass whose loss at 4 kHz over a trip adds up to the
    // shorter high-band decay; its small loss at 1 kHz is taken out of the decay gain
    const tripSeconds = this.trip / this.fs;
    // extra loss per trip (≤ 0 dB) for the shorter high-band decay, shared by the two filters
    const extraHighDb: f32 = -60.0 * tripSeconds * (1.0 / (this.t60 * this.highRatio) - 1.0 / this.t60);
    const perFilter = extraHighDb * 0.5;
    this.damping = onePoleForLoss(perFilter, 4000, this.fs);
    const lossAt1k = onePoleLossDb(this.damping, 1000, this.fs) - onePoleLossDb(this.damping, 0, this.fs);
    const tripDb: f32 = (-60.0 * tripSeconds) / this.t60 + 2.0 * lossAt1k;
    this.decay = Mathf.pow(10.0, tripDb / (4.0 * 20.0));
  }

  /** Wet stereo output for the stereo input block (mixed to mono on the way in, as in the paper). */
  process(inL: usize, inR: usize, outL: usize, outR: usize, frames: i32, inGain: f32): void {
    const g = this.decay;
    const damp = this.damping;
    const dd2: f32 = min<f32>(0.5, max<f32>(0.25, g + 0.15)); // decay diffusion 2 follows the decay, as in the paper
    unchecked(this.ap2[0]).setGain(dd2);
    unchecked(this.ap2[1]).setGain(dd2);
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
    for (let n = 0; n < frames; n++) {
      const o = <usize>n << 2;
      let x: f32 = 0.5 * (load<f32>(inL + o) + load<f32>(inR + o)) * inGain;
      // bandwidth one-pole, input diffusion
      this.bandwidthState = flushDenormal(this.bandwidthState + BANDWIDTH * (x - this.bandwidthState));
      x = this.bandwidthState;
      for (let k = 0; k < 4; k++) x = unchecked(this.inputAp[k]).tick(x);
      // the two halves of the figure eight, each fed by the other's last output
      modL += incL;
      modR += incR;
      for (let h = 0; h < 2; h++) {
        const feed = x + unchecked(this.cross[1 - h]);
        let v = unchecked(this.ap1[h]).tickModulated(feed, unchecked(this.ap1Len[h]) + (h == 0 ? modL : modR));
        const d1 = unchecked(this.delay1[h]);
        const a = d1.read(unchecked(this.len1[h]) - 1);
        d1.write(v);
        let s = unchecked(this.dampState[h]);
        s = flushDenormal(s + (1.0 - damp) * (a - s));
        unchecked((this.dampState[h] = s));
        v = unchecked(this.ap2[h]).tick(s * g);
        const d2 = unchecked(this.delay2[h]);
        const b = d2.read(unchecked(this.len2[h]) - 1);
        d2.write(v);
        unchecked((this.cross[h] = flushDenormal(b * g)));
      }
      // Table 2's output taps
      const ap2L = unchecked(this.ap2[0]);
      const ap2R = unchecked(this.ap2[1]);
      const yl: f32 =
        rd1.read(t[0]) + rd1.read(t[1]) - tapAllpass(ap2R, t[2]) + rd2.read(t[3]) - ld1.read(t[4]) - tapAllpass(ap2L, t[5]) - ld2.read(t[6]);
      const yr: f32 =
        ld1.read(t[7]) + ld1.read(t[8]) - tapAllpass(ap2L, t[9]) + ld2.read(t[10]) - rd1.read(t[11]) - tapAllpass(ap2R, t[12]) - rd2.read(t[13]);
      store<f32>(outL + o, 0.6 * yl);
      store<f32>(outR + o, 0.6 * yr);
    }
    if (this.phase > 2.0 * Math.PI) this.phase -= 2.0 * Math.PI;
    if (this.phaseR > 2.0 * Math.PI) this.phaseR -= 2.0 * Math.PI;
  }
}

/** Dattorro taps the allpasses' internal delay lines too. */
@inline function tapAllpass(a: Allpass, delay: i32): f32 {
  return a.peek(delay);
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

/** The one-pole coefficient d whose loss at `hz` is `lossDb` (≤ 0), by bisection. */
function onePoleForLoss(lossDb: f32, hz: f32, fs: f32): f32 {
  if (lossDb >= -1e-4) return 0;
  let lo: f32 = 0;
  let hi: f32 = 0.999;
  for (let k = 0; k < 40; k++) {
    const mid: f32 = 0.5 * (lo + hi);
    if (onePoleLossDb(mid, hz, fs) > lossDb) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
