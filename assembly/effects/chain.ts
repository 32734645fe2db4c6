/**
 * EffectsChain: gate → compressor → EQ → delay → reverb, on two channels in
 * place (DESIGN.md). The safety limiter after it belongs to the engine.
 *
 * Gate, compressor and EQ are inserts switched by a crossfade (`*.on`, 10 ms):
 * fully off they are skipped, so their bypass is bit-exact. Delay and reverb
 * add their wet signal to the dry one and switch their *input*, so repeats and
 * tails ring out naturally; once silent they are skipped too.
 */
import { LinearSmoother } from '../core/smoother';
import { NoiseGate } from '../dynamics/noise-gate';
import { Compressor } from '../dynamics/compressor';
import { Equalizer } from '../eq/equalizer';
import { TempoDelay } from '../delay/tempo-delay';
import { ReverbUnit } from '../reverb/reverb-unit';
import { DELAY_BEATS } from '../generated/params';
import * as P from '../generated/params';

const SKIP: i32 = 0;
const RUN: i32 = 1;
const FADE: i32 = 2;

export class EffectsChain {
  gate: NoiseGate = new NoiseGate();
  comp: Compressor = new Compressor();
  eq: Equalizer = new Equalizer();
  delay: TempoDelay = new TempoDelay();
  reverb: ReverbUnit = new ReverbUnit();
  private gateOn: LinearSmoother = new LinearSmoother();
  private compOn: LinearSmoother = new LinearSmoother();
  private eqOn: LinearSmoother = new LinearSmoother();
  /** dry copies of both channels while an insert crossfades, and the crossfade ramp */
  private dryL: usize = 0;
  private dryR: usize = 0;
  private ramp: usize = 0;

  prepare(sampleRate: f32, maxFrames: i32): void {
    const bytes = <usize>maxFrames << 2;
    this.dryL = heap.alloc(bytes);
    this.dryR = heap.alloc(bytes);
    this.ramp = heap.alloc(bytes);
    this.gate.prepare(sampleRate, maxFrames);
    this.comp.prepare(sampleRate, maxFrames);
    this.eq.prepare(sampleRate, maxFrames);
    this.delay.prepare(sampleRate, maxFrames);
    this.reverb.prepare(sampleRate, maxFrames);
    this.gateOn.prepare(sampleRate, P.PARAM_SMOOTHING_MS[P.P_GATE_ON], 0);
    this.compOn.prepare(sampleRate, P.PARAM_SMOOTHING_MS[P.P_COMP_ON], 0);
    this.eqOn.prepare(sampleRate, P.PARAM_SMOOTHING_MS[P.P_EQ_ON], 0);
  }

  reset(): void {
    this.gate.reset();
    this.comp.reset();
    this.eq.reset();
    this.delay.reset();
    this.reverb.reset();
  }

  /** Push every effect parameter to its unit; `snap` jumps the switches (init, reset). */
  apply(p: StaticArray<f32>, snap: bool): void {
    setSwitch(this.gateOn, p[P.P_GATE_ON], snap);
    setSwitch(this.compOn, p[P.P_COMP_ON], snap);
    setSwitch(this.eqOn, p[P.P_EQ_ON], snap);
    const g = this.gate;
    g.setThreshold(p[P.P_GATE_THRESHOLD]);
    g.setHysteresis(p[P.P_GATE_HYSTERESIS]);
    g.setHold(p[P.P_GATE_HOLD]);
    g.setRange(p[P.P_GATE_RANGE]);
    g.setAttack(p[P.P_GATE_ATTACK]);
    g.setRelease(p[P.P_GATE_RELEASE]);
    const c = this.comp;
    c.setThreshold(p[P.P_COMP_THRESHOLD]);
    c.setRatio(p[P.P_COMP_RATIO]);
    c.setKnee(p[P.P_COMP_KNEE]);
    c.setAttack(p[P.P_COMP_ATTACK]);
    c.setRelease(p[P.P_COMP_RELEASE]);
    c.setMakeup(p[P.P_COMP_MAKEUP]);
    const e = this.eq;
    e.setHighpass(p[P.P_EQ_HIGHPASS_FREQ]);
    e.setLowShelf(p[P.P_EQ_LOWSHELF_FREQ], p[P.P_EQ_LOWSHELF_GAIN]);
    e.setPeak(p[P.P_EQ_PEAK_FREQ], p[P.P_EQ_PEAK_GAIN], p[P.P_EQ_PEAK_Q]);
    e.setHighShelf(p[P.P_EQ_HIGHSHELF_FREQ], p[P.P_EQ_HIGHSHELF_GAIN]);
    const d = this.delay;
    d.setOn(p[P.P_DELAY_ON] >= 0.5);
    d.setTime(p[P.P_DELAY_TIME], DELAY_BEATS[<i32>p[P.P_DELAY_DIVISION]], <i32>p[P.P_DELAY_SYNC], p[P.P_DELAY_BPM]);
    d.setFeedback(p[P.P_DELAY_FEEDBACK]);
    d.setMix(p[P.P_DELAY_MIX]);
    d.setFilters(p[P.P_DELAY_LOWCUT], p[P.P_DELAY_HIGHCUT]);
    d.setPingPong(p[P.P_DELAY_PINGPONG] >= 0.5);
    d.setModulation(p[P.P_DELAY_MOD_DEPTH], p[P.P_DELAY_MOD_RATE]);
    d.setFreeze(p[P.P_DELAY_FREEZE] >= 0.5);
    d.setMode(<i32>p[P.P_DELAY_MODE]);
    const r = this.reverb;
    r.setOn(p[P.P_REVERB_ON] >= 0.5);
    r.setType(<i32>p[P.P_REVERB_TYPE]);
    r.setDecay(p[P.P_REVERB_DECAY], p[P.P_REVERB_DECAY_LOW], p[P.P_REVERB_DAMPING]);
    r.setPredelay(p[P.P_REVERB_PREDELAY]);
    r.setSize(p[P.P_REVERB_SIZE]);
    r.setWidth(p[P.P_REVERB_WIDTH]);
    r.setFreeze(p[P.P_REVERB_FREEZE] >= 0.5);
    r.setMix(p[P.P_REVERB_MIX]);
    r.convolver.setNormalize(p[P.P_REVERB_NORMALIZE] >= 0.5);
  }

  /** Run the chain on `left` and `right` in place. `trackedBpm` is the beat tracker's tempo (0 when lost). */
  process(left: usize, right: usize, frames: i32, trackedBpm: f64): void {
    let mode = this.begin(this.gateOn, left, right, frames);
    if (mode != SKIP) {
      this.gate.process(left, right, frames);
      if (mode == FADE) this.finish(left, right, frames);
    }
    mode = this.begin(this.compOn, left, right, frames);
    if (mode != SKIP) {
      this.comp.process(left, right, frames);
      if (mode == FADE) this.finish(left, right, frames);
    }
    mode = this.begin(this.eqOn, left, right, frames);
    if (mode != SKIP) {
      this.eq.process(left, right, frames);
      if (mode == FADE) this.finish(left, right, frames);
    }
    this.delay.process(left, right, frames, trackedBpm);
    this.reverb.process(left, right, frames);
  }

  /** The gate's attenuation, or 0 while it is switched out (it is not computed then). */
  gateReductionDb(): f32 {
    return this.gateOn.isRamping() || this.gateOn.current != 0 ? this.gate.gainReductionDb() : 0;
  }

  compReductionDb(): f32 {
    return this.compOn.isRamping() || this.compOn.current != 0 ? this.comp.gainReductionDb() : 0;
  }

  /** How to run an insert this block; when crossfading, keep the dry signal and the ramp. */
  private begin(on: LinearSmoother, left: usize, right: usize, frames: i32): i32 {
    if (!on.isRamping()) return on.current == 0 ? SKIP : RUN;
    const bytes = <usize>frames << 2;
    memory.copy(this.dryL, left, bytes);
    memory.copy(this.dryR, right, bytes);
    for (let i = 0; i < frames; i++) store<f32>(this.ramp + (<usize>i << 2), on.next());
    return FADE;
  }

  /** out ← dry + ramp·(out − dry), both channels. */
  private finish(left: usize, right: usize, frames: i32): void {
    for (let i = 0; i < frames; i++) {
      const o = <usize>i << 2;
      const k = load<f32>(this.ramp + o);
      const dl = load<f32>(this.dryL + o);
      const dr = load<f32>(this.dryR + o);
      store<f32>(left + o, dl + k * (load<f32>(left + o) - dl));
      store<f32>(right + o, dr + k * (load<f32>(right + o) - dr));
    }
  }
}

function setSwitch(s: LinearSmoother, value: f32, snap: bool): void {
  const v: f32 = value >= 0.5 ? 1 : 0;
  if (snap) s.snap(v);
  else s.setTarget(v);
}
