/**
 * ReverbUnit: pre-delay, the three reverb voices (FDN hall, Dattorro plate,
 * convolution), and the mix into the dry signal.
 *
 *   in ─┬──────────────────────────────────────────────► + ─► out
 *       └─► × input ─► pre-delay ─► [fdn | plate | convolution] ─► × mix ┘
 *
 * Changing type, or switching the reverb off, closes the input of the voice
 * that was playing; its tail keeps ringing and fades naturally while the new
 * voice takes the input. A voice that is closed and silent is not computed, so
 * with the reverb off and its tail gone the signal passes untouched.
 */
import { DelayLine } from '../delay/delay-line';
import { LinearSmoother } from '../core/smoother';
import { FdnReverb } from './fdn-reverb';
import { PlateReverb } from './plate-reverb';
import { Convolver } from './convolver';

const FDN: i32 = 0;
const PLATE: i32 = 1;
const CONVOLUTION: i32 = 2;
const VOICES: i32 = 3;
/** Longest pre-delay, ms. */
const MAX_PREDELAY_MS: f32 = 250;
/** Decay changes glide over about this long, seconds. */
const DECAY_GLIDE_SECONDS: f32 = 0.5;
/** How quiet a closed voice must be (peak, −120 dBFS) … */
const SILENT: f32 = 1e-6;
/** … for how long, s, before it is no longer computed (covers the quiet start of a long pre-delay). */
const SILENT_SECONDS: f32 = 0.5;

export class ReverbUnit {
  fdn: FdnReverb = new FdnReverb();
  plate: PlateReverb = new PlateReverb();
  convolver: Convolver = new Convolver();
  private fs: f32 = 48000;
  private preL: DelayLine = new DelayLine();
  private preR: DelayLine = new DelayLine();
  private predelay: f32 = 0;
  /** per voice: input level (opens and closes smoothly), and frames it has been silent */
  private inputs: StaticArray<LinearSmoother> = new StaticArray<LinearSmoother>(VOICES);
  private quiet: StaticArray<i32> = new StaticArray<i32>(VOICES);
  private mix: LinearSmoother = new LinearSmoother();
  private on: bool = false;
  private type: i32 = FDN;
  private frozen: bool = false;
  private width: LinearSmoother = new LinearSmoother();
  /** decay settings: where they glide to, and where they are (T60 s, bass ×, damping) */
  private decayTarget: f32 = 2;
  private lowTarget: f32 = 1.2;
  private dampTarget: f32 = 0.4;
  private decayNow: f32 = -1;
  private lowNow: f32 = 1.2;
  private dampNow: f32 = 0.4;
  // scratch: pre-delayed input, one voice's output, the ramp
  private bufL: usize = 0;
  private bufR: usize = 0;
  private wetL: usize = 0;
  private wetR: usize = 0;
  private sumL: usize = 0;
  private sumR: usize = 0;

  prepare(sampleRate: f32, maxFrames: i32): void {
    this.fs = sampleRate;
    const bytes = <usize>maxFrames << 2;
    this.bufL = heap.alloc(bytes);
    this.bufR = heap.alloc(bytes);
    this.wetL = heap.alloc(bytes);
    this.wetR = heap.alloc(bytes);
    this.sumL = heap.alloc(bytes);
    this.sumR = heap.alloc(bytes);
    const maxPre = <i32>Mathf.ceil(MAX_PREDELAY_MS * 0.001 * sampleRate) + 4;
    this.preL.prepare(maxPre);
    this.preR.prepare(maxPre);
    for (let v = 0; v < VOICES; v++) {
      const s = new LinearSmoother();
      s.prepare(sampleRate, 20, 0);
      this.inputs[v] = s;
    }
    this.mix.prepare(sampleRate, 30, 0.25);
    this.width.prepare(sampleRate, 30, 1);
    this.fdn.prepare(sampleRate);
    this.plate.prepare(sampleRate);
    this.convolver.prepare(sampleRate, maxFrames);
    this.reset();
  }

  reset(): void {
    // the decay first: the voices' reset then settles everything it retunes
    this.applyDecay(this.decayTarget, this.lowTarget, this.dampTarget);
    this.preL.reset();
    this.preR.reset();
    this.fdn.reset();
    this.plate.reset();
    this.convolver.reset();
    this.mix.snap(this.mix.target);
    this.width.snap(this.width.target);
    const silent = <i32>(SILENT_SECONDS * this.fs) + 1;
    for (let v = 0; v < VOICES; v++) {
      unchecked(this.inputs[v]).snap(this.wants(v) ? 1 : 0);
      this.quiet[v] = this.wants(v) ? 0 : silent;
    }
  }

  /** Whether voice `v` should be taking input now. */
  @inline private wants(v: i32): bool {
    return this.on && !this.frozen && v == this.type;
  }

  private retarget(): void {
    for (let v = 0; v < VOICES; v++) {
      const want = this.wants(v);
      unchecked(this.inputs[v]).setTarget(want ? 1 : 0);
      if (want || (this.frozen && v == this.type && this.on)) this.quiet[v] = 0;
    }
  }

  setOn(on: bool): void {
    if (on == this.on) return;
    this.on = on;
    this.retarget();
  }

  setType(type: i32): void {
    const t = min(VOICES - 1, max(0, type));
    if (t == this.type) return;
    this.type = t;
    this.retarget();
  }

  /**
   * Mid-band T60 (s), the low band's multiple of it, and damping (high band =
   * (1 − 0.75·damping)·T60). They glide (DECAY_GLIDE_SECONDS, in the log domain
   * for times): a jump would change every loop gain at once, which clicks.
   */
  setDecay(seconds: f32, lowMultiple: f32, damping: f32): void {
    this.decayTarget = seconds;
    this.lowTarget = lowMultiple;
    this.dampTarget = damping;
    if (this.decayNow < 0) this.applyDecay(seconds, lowMultiple, damping);
  }

  private applyDecay(seconds: f32, lowMultiple: f32, damping: f32): void {
    this.decayNow = seconds;
    this.lowNow = lowMultiple;
    this.dampNow = damping;
    const high: f32 = 1.0 - 0.75 * damping;
    this.fdn.setDecay(seconds * lowMultiple, seconds, seconds * high);
    this.plate.setDecay(seconds, high);
  }

  /** One block of the decay glide. */
  private glideDecay(frames: i32): void {
    if (this.decayNow == this.decayTarget && this.lowNow == this.lowTarget && this.dampNow == this.dampTarget) return;
    const k = min<f32>(1, (4.0 * <f32>frames) / (DECAY_GLIDE_SECONDS * this.fs));
    const close = (a: f32, b: f32): bool => Mathf.abs(a - b) <= 1e-3 * max(Mathf.abs(b), <f32>0.01);
    let d = this.decayNow * Mathf.exp(k * Mathf.log(this.decayTarget / this.decayNow));
    let l = this.lowNow * Mathf.exp(k * Mathf.log(this.lowTarget / this.lowNow));
    let m = this.dampNow + k * (this.dampTarget - this.dampNow);
    if (close(d, this.decayTarget)) d = this.decayTarget;
    if (close(l, this.lowTarget)) l = this.lowTarget;
    if (close(m, this.dampTarget)) m = this.dampTarget;
    this.applyDecay(d, l, m);
  }

  setPredelay(ms: f32): void {
    this.predelay = min(MAX_PREDELAY_MS, max<f32>(0, ms)) * 0.001 * this.fs;
  }

  setSize(size: f32): void {
    this.fdn.setSize(size);
  }

  setWidth(width: f32): void {
    this.width.setTarget(width);
  }

  setFreeze(on: bool): void {
    if (on == this.frozen) return;
    this.frozen = on;
    this.fdn.setFreeze(on);
    this.plate.setFreeze(on);
    this.retarget();
  }

  setMix(mix: f32): void {
    this.mix.setTarget(mix);
  }

  process(left: usize, right: usize, frames: i32): void {
    const silentFrames = <i32>(SILENT_SECONDS * this.fs);
    let any = false;
    for (let v = 0; v < VOICES; v++) {
      if (this.wants(v) || unchecked(this.inputs[v]).isRamping() || this.quiet[v] < silentFrames || (this.frozen && this.on && v == this.type)) {
        any = true;
      }
    }
    if (!any) return; // off and silent: the signal passes untouched
    this.glideDecay(frames);
    const bytes = <usize>frames << 2;
    // pre-delay (integer samples: a pre-delay change re-times the next notes, it is not a pitch effect)
    const pre = <i32>this.predelay;
    for (let i = 0; i < frames; i++) {
      const o = <usize>i << 2;
      this.preL.write(load<f32>(left + o));
      this.preR.write(load<f32>(right + o));
      store<f32>(this.bufL + o, this.preL.read(pre));
      store<f32>(this.bufR + o, this.preR.read(pre));
    }
    memory.fill(this.sumL, 0, bytes);
    memory.fill(this.sumR, 0, bytes);
    for (let v = 0; v < VOICES; v++) {
      const input = unchecked(this.inputs[v]);
      const frozenVoice = this.frozen && this.on && v == this.type;
      if (!this.wants(v) && !input.isRamping() && this.quiet[v] >= silentFrames && !frozenVoice) continue;
      // the input ramp is applied per block (its 20 ms ramp spans several blocks; a per-block step is inaudible at this level)
      const gain = input.current;
      for (let i = 0; i < frames; i++) input.next();
      const g: f32 = 0.5 * (gain + input.current);
      if (v == FDN) this.fdn.process(this.bufL, this.bufR, this.wetL, this.wetR, frames, g);
      else if (v == PLATE) this.plate.process(this.bufL, this.bufR, this.wetL, this.wetR, frames, g);
      else this.convolveWet(frames, g);
      let peak: f32 = 0;
      for (let i = 0; i < frames; i++) {
        const o = <usize>i << 2;
        const l = load<f32>(this.wetL + o);
        const r = load<f32>(this.wetR + o);
        peak = max(peak, max(Mathf.abs(l), Mathf.abs(r)));
        store<f32>(this.sumL + o, load<f32>(this.sumL + o) + l);
        store<f32>(this.sumR + o, load<f32>(this.sumR + o) + r);
      }
      this.quiet[v] = peak < SILENT && !this.wants(v) ? this.quiet[v] + frames : 0;
    }
    // width (mid/side on the summed wet) and mix, both smoothed per sample
    for (let i = 0; i < frames; i++) {
      const o = <usize>i << 2;
      const m = this.mix.next();
      const w = this.width.next();
      const wMid: f32 = 0.5 * (1.0 + w);
      const wSide: f32 = 0.5 * (1.0 - w);
      const l = load<f32>(this.sumL + o);
      const r = load<f32>(this.sumR + o);
      store<f32>(left + o, load<f32>(left + o) + m * (wMid * l + wSide * r));
      store<f32>(right + o, load<f32>(right + o) + m * (wMid * r + wSide * l));
    }
  }

  /** The convolver's wet output with the voice's input level applied. */
  private convolveWet(frames: i32, gain: f32): void {
    if (gain != 1) {
      for (let i = 0; i < frames; i++) {
        const o = <usize>i << 2;
        store<f32>(this.bufL + o, load<f32>(this.bufL + o) * gain);
        store<f32>(this.bufR + o, load<f32>(this.bufR + o) * gain);
      }
    }
    this.convolver.process(this.bufL, this.bufR, this.wetL, this.wetR, frames);
  }
}
