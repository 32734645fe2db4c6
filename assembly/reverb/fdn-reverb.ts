/**
 * FdnReverb: a hall from an input diffuser and an 8-line feedback delay
 * network with orthogonal (Hadamard) mixing, per-line 3-band absorption and
 * gentle modulation.
 *
 *   in L/R ─► Diffuser (4 allpasses per side) ─► + ─► 8 delay lines ─► absorption ─┬─► taps ─► L/R
 *                                               ▲                                   │
 *                                               └────────── Hadamard 8×8 ◄──────────┘
 *
 * Decay (Jot & Chaigne 1991): a line of d samples attenuates by
 * A(f) = −60·d / (fs·T60(f)) dB per pass, so every line loses the same dB per
 * second and the network decays at exactly T60 whatever the mixing. A(f) is
 * realised by a gain and two shelves (500 Hz low, 2 kHz high; RBJ, S = 1) whose
 * three dB gains are solved per line so that the attenuation is exact at 250 Hz,
 * 1 kHz and 4 kHz — the centres of the octave bands decay is measured in.
 *
 * Size scales the line lengths (spacing of the echoes); lengths glide to a new
 * size slowly instead of jumping, and the absorption follows, so decay is kept.
 */
import { DelayLine } from '../delay/delay-line';
import { Biquad } from '../filters/biquad';
import { Diffuser, Allpass } from './diffuser';
import { flushDenormal } from '../core/sanitize';

export const FDN_LINES: i32 = 8;
/** Line lengths at size 1, ms; spread so no two share a simple ratio. */
const LINE_MS: StaticArray<f32> = [23.1, 26.9, 31.3, 34.7, 39.1, 43.3, 48.7, 53.9];
/** One allpass inside each line's loop (lengths, ms): multiplies the echo density with every pass. */
const LOOP_AP_MS: StaticArray<f32> = [1.1, 1.7, 2.3, 2.9, 0.7, 1.3, 1.9, 2.6];
const LOOP_AP_GAIN: f32 = 0.6;
/** Input diffuser allpass lengths, ms (left, right), and gain. */
const DIFFUSER_MS_L: StaticArray<f32> = [1.3, 2.1, 4.7, 3.6, 12.7, 9.3];
const DIFFUSER_MS_R: StaticArray<f32> = [1.1, 2.3, 4.3, 3.1, 11.9, 8.7];
const DIFFUSION: f32 = 0.75;
/** The diffusers' own ring may last this fraction of the decay (input) and of the decay (loop). */
const INPUT_RING: f32 = 0.35;
const LOOP_RING: f32 = 0.1;
/** Size 0 … 1 scales the line lengths by SIZE_MIN … SIZE_MAX. */
const SIZE_MIN: f32 = 0.5;
const SIZE_MAX: f32 = 1.5;
/** Centres of the octave bands where the decay is matched (and measured). */
const BAND_HZ: StaticArray<f32> = [250, 1000, 4000];
/** Shelf corners between the measured bands (geometric means of 250/1k and 1k/4k). */
const LOW_SHELF_HZ: f32 = 500;
const HIGH_SHELF_HZ: f32 = 2000;
/** Modulation of every line (smears the modes so long tails do not ring): depth, ms, and rates, Hz (slow, incommensurate). */
const MOD_MS: f32 = 0.5;
const MOD_HZ: StaticArray<f32> = [0.31, 0.47, 0.59, 0.73, 0.37, 0.53, 0.67, 0.83];
/** Fastest glide of a line length on a size change, samples per sample. */
const LENGTH_GLIDE: f32 = 0.02;

export class FdnReverb {
  private fs: f32 = 48000;
  private lines: StaticArray<DelayLine> = new StaticArray<DelayLine>(FDN_LINES);
  private loopAp: StaticArray<Allpass> = new StaticArray<Allpass>(FDN_LINES);
  /** each loop allpass's delay, samples (part of the loop's length for the decay) */
  private loopApLen: StaticArray<f32> = new StaticArray<f32>(FDN_LINES);
  private low: StaticArray<Biquad> = new StaticArray<Biquad>(FDN_LINES);
  private high: StaticArray<Biquad> = new StaticArray<Biquad>(FDN_LINES);
  private gain: StaticArray<f32> = new StaticArray<f32>(FDN_LINES);
  /** the gain applied now: it moves linearly to `gain` over each block, so a retuned decay never steps */
  private gainNow: StaticArray<f32> = new StaticArray<f32>(FDN_LINES);
  private gainInc: StaticArray<f32> = new StaticArray<f32>(FDN_LINES);
  /** current and target line lengths, samples */
  private length: StaticArray<f32> = new StaticArray<f32>(FDN_LINES);
  private targetLength: StaticArray<f32> = new StaticArray<f32>(FDN_LINES);
  private state: StaticArray<f32> = new StaticArray<f32>(FDN_LINES);
  private modPhase: StaticArray<f64> = new StaticArray<f64>(FDN_LINES);
  private modStep: StaticArray<f64> = new StaticArray<f64>(FDN_LINES);
  /** each line's modulation at the start of the block and its per-sample increment (the LFOs are slow: linear within a block) */
  private modNow: StaticArray<f32> = new StaticArray<f32>(FDN_LINES);
  private modInc: StaticArray<f32> = new StaticArray<f32>(FDN_LINES);
  private modDepth: f32 = 0;
  private diffuseL: Diffuser = new Diffuser();
  private diffuseR: Diffuser = new Diffuser();
  /** dB response of a +1 dB shelf at the band centres: [low×3, high×3] */
  private shape: StaticArray<f32> = new StaticArray<f32>(6);
  private tLow: f32 = 2.4;
  private tMid: f32 = 2;
  private tHigh: f32 = 1.4;
  private frozen: bool = false;
  /** wet level correction so the tail's energy does not grow with the decay time */
  private outScale: f32 = 1;
  /** the output scale applied now (glides to outScale·0.5 over each block) */
  private scaleNow: f32 = 0.5;
  private absorptionDirty: bool = true;

  prepare(sampleRate: f32): void {
    this.fs = sampleRate;
    const maxLen = <i32>Mathf.ceil((LINE_MS[FDN_LINES - 1] * SIZE_MAX + 2.0 * MOD_MS) * 0.001 * sampleRate) + 8;
    for (let i = 0; i < FDN_LINES; i++) {
      const d = new DelayLine();
      d.prepare(maxLen);
      this.lines[i] = d;
      this.low[i] = new Biquad();
      this.high[i] = new Biquad();
      const ap = new Allpass();
      const m = max<i32>(1, <i32>Mathf.round(LOOP_AP_MS[i] * 0.001 * sampleRate));
      ap.prepare(m);
      ap.delay = <f32>m;
      ap.setGain(LOOP_AP_GAIN);
      this.loopAp[i] = ap;
      this.loopApLen[i] = <f32>m;
    }
    const dl = new StaticArray<i32>(DIFFUSER_MS_L.length);
    const dr = new StaticArray<i32>(DIFFUSER_MS_R.length);
    for (let k = 0; k < dl.length; k++) {
      dl[k] = max<i32>(1, <i32>Mathf.round(DIFFUSER_MS_L[k] * 0.001 * sampleRate));
      dr[k] = max<i32>(1, <i32>Mathf.round(DIFFUSER_MS_R[k] * 0.001 * sampleRate));
    }
    this.diffuseL.prepare(dl, DIFFUSION);
    this.diffuseR.prepare(dr, DIFFUSION);
    this.modDepth = MOD_MS * 0.001 * sampleRate;
    for (let k = 0; k < FDN_LINES; k++) this.modStep[k] = (2.0 * Math.PI * <f64>MOD_HZ[k]) / <f64>sampleRate;
    // the shelves' shapes at the band centres, from +1 dB designs
    const probe = new Biquad();
    probe.lowShelf(sampleRate, LOW_SHELF_HZ, 1, 1);
    for (let b = 0; b < 3; b++) this.shape[b] = responseDb(probe, BAND_HZ[b], sampleRate);
    probe.highShelf(sampleRate, HIGH_SHELF_HZ, 1, 1);
    for (let b = 0; b < 3; b++) this.shape[3 + b] = responseDb(probe, BAND_HZ[b], sampleRate);
    this.setSize(0.7, true);
    this.reset();
  }

  reset(): void {
    for (let i = 0; i < FDN_LINES; i++) {
      unchecked(this.lines[i]).reset();
      unchecked(this.low[i]).reset();
      unchecked(this.high[i]).reset();
      unchecked(this.loopAp[i]).reset();
      this.state[i] = 0;
      this.length[i] = this.targetLength[i];
    }
    this.diffuseL.reset();
    this.diffuseR.reset();
    for (let k = 0; k < FDN_LINES; k++) this.modPhase[k] = <f64>k * 1.7;
    // design for the current settings now, so nothing glides after a reset
    this.updateAbsorption();
    for (let i = 0; i < FDN_LINES; i++) this.gainNow[i] = this.gain[i];
    this.scaleNow = this.outScale * 0.5;
  }

  /** Decay times (T60, s) of the low (≈250 Hz), mid (≈1 kHz) and high (≈4 kHz) bands. */
  setDecay(low: f32, mid: f32, high: f32): void {
    if (low == this.tLow && mid == this.tMid && high == this.tHigh) return;
    this.tLow = low;
    this.tMid = mid;
    this.tHigh = high;
    this.diffuseL.setGainsForDecay(DIFFUSION, mid, this.fs, INPUT_RING);
    this.diffuseR.setGainsForDecay(DIFFUSION, mid, this.fs, INPUT_RING);
    for (let i = 0; i < FDN_LINES; i++) unchecked(this.loopAp[i]).setGainForDecay(LOOP_AP_GAIN, mid, this.fs, LOOP_RING);
    this.absorptionDirty = true;
  }

  setSize(size: f32, immediate: bool = false): void {
    const scale = SIZE_MIN + (SIZE_MAX - SIZE_MIN) * min<f32>(1, max<f32>(0, size));
    for (let i = 0; i < FDN_LINES; i++) {
      // odd lengths keep the lines from sharing factors of two
      let n = Mathf.round(LINE_MS[i] * scale * 0.001 * this.fs);
      if ((<i32>n & 1) == 0) n += 1;
      this.targetLength[i] = n;
      if (immediate) this.length[i] = n;
    }
    this.absorptionDirty = true;
  }

  setFreeze(on: bool): void {
    if (on != this.frozen) this.absorptionDirty = true;
    this.frozen = on;
  }

  /** Solve each line's gain and shelves for the set decays; keep the tail's level independent of the decay. */
  private updateAbsorption(): void {
    let energy: f32 = 0;
    if (this.frozen) {
      // freeze: a lossless loop (the orthogonal mixing keeps the energy)
      for (let i = 0; i < FDN_LINES; i++) {
        this.gain[i] = 1;
        unchecked(this.low[i]).identity();
        unchecked(this.high[i]).identity();
      }
      this.absorptionDirty = false;
      return;
    }
    for (let i = 0; i < FDN_LINES; i++) {
      this.designLine(i);
      const perPass: f32 = (-60.0 * (this.length[i] + this.loopApLen[i])) / this.fs / this.tMid;
      const g = Mathf.pow(10.0, perPass / 20.0);
      energy += 1.0 - g * g;
    }
    // a loop with per-pass gain g stores 1/(1 − g²) of the energy fed to it
    this.outScale = Mathf.sqrt(energy / <f32>FDN_LINES);
    this.absorptionDirty = false;
  }

  /**
   * Line i's gain G and shelf gains L, H (dB) with G + L·sL(f) + H·sH(f) = A(f)
   * at the octave-band centres f = 250, 1000, 4000 Hz, A(f) = −60·d / (fs·T60(f)).
   * A shelf's dB response is only nearly proportional to its gain, so the solve
   * is repeated on the residual of the actual design.
   */
  private designLine(i: i32): void {
    const f = BAND_HZ;
    // the loop's length: the line plus its allpass's mean group delay
    const d = this.length[i] + this.loopApLen[i];
    const perPass: f32 = (-60.0 * d) / this.fs;
    const a0 = perPass / this.tLow;
    const a1 = perPass / this.tMid;
    const a2 = perPass / this.tHigh;
    const sh = this.shape;
    const det = det3(1, sh[0], sh[3], 1, sh[1], sh[4], 1, sh[2], sh[5]);
    let G: f32 = 0;
    let L: f32 = 0;
    let H: f32 = 0;
    let r0 = a0;
    let r1 = a1;
    let r2 = a2;
    const lo = unchecked(this.low[i]);
    const hi = unchecked(this.high[i]);
    for (let pass = 0; pass < 3; pass++) {
      G += det3(r0, sh[0], sh[3], r1, sh[1], sh[4], r2, sh[2], sh[5]) / det;
      L += det3(1, r0, sh[3], 1, r1, sh[4], 1, r2, sh[5]) / det;
      H += det3(1, sh[0], r0, 1, sh[1], r1, 1, sh[2], r2) / det;
      lo.lowShelf(this.fs, LOW_SHELF_HZ, 1, L);
      hi.highShelf(this.fs, HIGH_SHELF_HZ, 1, H);
      r0 = a0 - (G + responseDb(lo, f[0], this.fs) + responseDb(hi, f[0], this.fs));
      r1 = a1 - (G + responseDb(lo, f[1], this.fs) + responseDb(hi, f[1], this.fs));
      r2 = a2 - (G + responseDb(lo, f[2], this.fs) + responseDb(hi, f[2], this.fs));
    }
    this.gain[i] = Mathf.pow(10.0, G / 20.0);
  }

  /**
   * Wet stereo output for the stereo input block; `inGain` scales what enters
   * (0 while frozen).
   */
  process(inL: usize, inR: usize, outL: usize, outR: usize, frames: i32, inGain: f32): void {
    // each line's read offset over the block: its length (gliding towards a new
    // size at ≤ LENGTH_GLIDE samples per sample) plus its LFO, both linear within
    // the block (the LFOs are slow), so the read head never jumps
    let gliding = false;
    const depth = this.modDepth;
    for (let i = 0; i < FDN_LINES; i++) {
      const len0 = this.length[i];
      const gap = this.targetLength[i] - len0;
      let len1 = len0;
      if (gap != 0) {
        const step = <f32>frames * LENGTH_GLIDE;
        len1 = Mathf.abs(gap) <= step ? this.targetLength[i] : len0 + (gap > 0 ? step : -step);
        this.length[i] = len1;
        gliding = true;
      }
      const ph = unchecked(this.modPhase[i]);
      const next = ph + unchecked(this.modStep[i]) * <f64>frames;
      const a = len0 + depth * (1.0 + <f32>Math.sin(ph));
      const b = len1 + depth * (1.0 + <f32>Math.sin(next));
      unchecked((this.modNow[i] = a));
      unchecked((this.modInc[i] = (b - a) / <f32>frames));
      unchecked((this.modPhase[i] = next > 2.0 * Math.PI ? next - 2.0 * Math.PI : next));
    }
    if (gliding || this.absorptionDirty) this.updateAbsorption();
    for (let i = 0; i < FDN_LINES; i++) unchecked((this.gainInc[i] = (unchecked(this.gain[i]) - unchecked(this.gainNow[i])) / <f32>frames));
    const s = this.state;
    // the output level follows the decay too; it moves linearly over the block like the gains
    let scale: f32 = this.scaleNow;
    const scaleInc: f32 = (this.outScale * 0.5 - scale) / <f32>frames; // 0.5: two orthogonal taps of 8 unit-energy lines
    for (let n = 0; n < frames; n++) {
      const o = <usize>n << 2;
      const xl = this.diffuseL.tick(load<f32>(inL + o) * inGain);
      const xr = this.diffuseR.tick(load<f32>(inR + o) * inGain);
      // read the lines (four modulated), absorb
      for (let i = 0; i < FDN_LINES; i++) {
        const line = unchecked(this.lines[i]);
        const m = unchecked(this.modNow[i]);
        unchecked((this.modNow[i] = m + unchecked(this.modInc[i])));
        let y = line.readCubic(m - 1.0);
        y = unchecked(this.loopAp[i]).tick(y);
        const g = unchecked(this.gainNow[i]) + unchecked(this.gainInc[i]);
        unchecked((this.gainNow[i] = g));
        y = unchecked(this.high[i]).tickDirect(unchecked(this.low[i]).tickDirect(y * g));
        unchecked((s[i] = y));
      }
      // taps: two orthogonal Hadamard rows, so left and right are uncorrelated
      scale += scaleInc;
      const l = (s[0] - s[1] + s[2] - s[3] + s[4] - s[5] + s[6] - s[7]) * scale;
      const r = (s[0] + s[1] - s[2] - s[3] + s[4] + s[5] - s[6] - s[7]) * scale;
      store<f32>(outL + o, l);
      store<f32>(outR + o, r);
      hadamard8(s);
      // inject: left into even lines, right into odd
      for (let i = 0; i < FDN_LINES; i++) {
        const x = (i & 1) == 0 ? xl : xr;
        unchecked(this.lines[i]).write(flushDenormal(unchecked(s[i]) + x));
      }
    }
    this.scaleNow = scale;
  }
}

/** In-place fast Walsh–Hadamard transform of 8 values, scaled to be orthonormal. */
@inline function hadamard8(s: StaticArray<f32>): void {
  for (let h = 1; h < 8; h <<= 1) {
    for (let i = 0; i < 8; i += h << 1) {
      for (let j = i; j < i + h; j++) {
        const a = unchecked(s[j]);
        const b = unchecked(s[j + h]);
        unchecked((s[j] = a + b));
        unchecked((s[j + h] = a - b));
      }
    }
  }
  const k: f32 = 0.35355339; // 1/√8
  for (let i = 0; i < 8; i++) unchecked((s[i] *= k));
}

function det3(a: f32, b: f32, c: f32, d: f32, e: f32, f: f32, g: f32, h: f32, i: f32): f32 {
  return a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
}

/** Magnitude response of a biquad at `hz`, dB. */
export function responseDb(q: Biquad, hz: f32, fs: f32): f32 {
  const w = (2.0 * Math.PI * <f64>hz) / <f64>fs;
  const c1 = Math.cos(w);
  const s1 = Math.sin(w);
  const c2 = Math.cos(2.0 * w);
  const s2 = Math.sin(2.0 * w);
  const nr = <f64>q.b0 + <f64>q.b1 * c1 + <f64>q.b2 * c2;
  const ni = -(<f64>q.b1 * s1 + <f64>q.b2 * s2);
  const dr = 1.0 + <f64>q.a1 * c1 + <f64>q.a2 * c2;
  const di = -(<f64>q.a1 * s1 + <f64>q.a2 * s2);
  return <f32>(10.0 * Math.log10((nr * nr + ni * ni) / (dr * dr + di * di)));
}
