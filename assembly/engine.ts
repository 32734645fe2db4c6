/**
 * Engine: the signal chain and the analysis state, owned by the ABI in index.ts.
 *
 *   input ─► sanitise ─► input meters ─┬─► analysis on the mono sum: spectral flux ─► beat tracker ─► events
 *                                      │                               chroma (tuning, notes) ─► key, chord
 *                                      │                               vocal features ─► classifier ─► vocal lamp
 *                                      └─► effects chain (ch 0–1): gate → comp → EQ → delay → reverb
 *                                          ─► bypass crossfade ─► master gain (all channels) ─► safety limiter ─► output meters
 *
 * Channels 0 and 1 go through the effects; channels 2+ skip the effects but get
 * the master gain and pass through the same limiter (linked gain, same delay),
 * so every channel comes out time-aligned and below the ceiling. The bypass
 * crossfade happens before the limiter, so the dry path carries exactly the
 * limiter's latency too.
 *
 * Everything is allocated in prepare(); process() only reads and writes that memory.
 */
import { LinearSmoother } from './core/smoother';
import { sanitizeBlock, fromDb } from './core/sanitize';
import { LevelMeter } from './meters/level-meter';
import { SafetyLimiter } from './dynamics/safety-limiter';
import { SpectralFluxOnset } from './onset/spectral-flux';
import { BeatTracker, LOST_CONFIDENCE } from './tempo/beat-tracker';
import { EventQueue } from './core/events';
import { EffectsChain } from './effects/chain';
import { ChromaAnalyzer } from './pitch/chroma-analyzer';
import { KeyEstimator } from './pitch/key-estimator';
import { ChordTracker } from './pitch/chord-tracker';
import { VocalDetector } from './vocal/vocal-detector';
import * as P from './generated/params';

/** Channels the effects chain processes; the rest pass beside it. */
export const EFFECT_CHANNELS: i32 = 2;

export class Engine {
  sampleRate: f32 = 48000;
  channels: i32 = 1;
  maxFrames: i32 = 128;
  /** bytes between channels in the planar blocks */
  stride: usize = 0;
  /** host-visible blocks, planar: channels × maxFrames f32 each */
  inputBlock: usize = 0;
  outputBlock: usize = 0;
  /** sanitised input (the dry signal), then the chain's working buffer */
  dryBlock: usize = 0;
  wetBlock: usize = 0;
  /** one channel of per-frame smoother values, shared by every channel a ramp applies to */
  rampBlock: usize = 0;

  /** raw parameter values as last set, in their table units */
  params: StaticArray<f32> = new StaticArray<f32>(P.PARAM_COUNT);
  /** master gain, linear */
  private masterGain: LinearSmoother = new LinearSmoother();
  /** effects amount: 1 = chain in, 0 = bypassed; crossfaded */
  private effectsIn: LinearSmoother = new LinearSmoother();

  inputMeters: StaticArray<LevelMeter> = new StaticArray<LevelMeter>(EFFECT_CHANNELS);
  outputMeters: StaticArray<LevelMeter> = new StaticArray<LevelMeter>(EFFECT_CHANNELS);
  limiter: SafetyLimiter = new SafetyLimiter();

  /** analysis, on the mono sum of the sanitised input */
  monoBlock: usize = 0;
  onset: SpectralFluxOnset = new SpectralFluxOnset();
  beat: BeatTracker = new BeatTracker();
  chroma: ChromaAnalyzer = new ChromaAnalyzer();
  key: KeyEstimator = new KeyEstimator();
  chord: ChordTracker = new ChordTracker();
  vocal: VocalDetector = new VocalDetector();
  /** events of the last process() call, read by the host right after it */
  events: EventQueue = new EventQueue();

  /** gate → comp → EQ → delay → reverb, on channels 0–1 */
  chain: EffectsChain = new EffectsChain();
  /** the right channel the chain works on when the input is mono (folded back after) */
  monoRight: usize = 0;

  snapshot: StaticArray<f32> = new StaticArray<f32>(P.SNAPSHOT_LENGTH);
  /** frames processed since init */
  framesDone: f64 = 0;

  prepare(sampleRate: f32, channels: i32, maxFrames: i32): void {
    this.sampleRate = sampleRate;
    this.channels = channels;
    this.maxFrames = maxFrames;
    this.stride = <usize>maxFrames << 2;
    const blockBytes = this.stride * <usize>channels;
    this.inputBlock = heap.alloc(blockBytes);
    this.outputBlock = heap.alloc(blockBytes);
    this.dryBlock = heap.alloc(blockBytes);
    this.wetBlock = heap.alloc(blockBytes);
    this.rampBlock = heap.alloc(this.stride);
    this.monoBlock = heap.alloc(this.stride);
    this.monoRight = heap.alloc(this.stride);
    this.chain.prepare(sampleRate, maxFrames);
    for (let m = 0; m < EFFECT_CHANNELS; m++) {
      const a = new LevelMeter();
      a.prepare(sampleRate);
      this.inputMeters[m] = a;
      const b = new LevelMeter();
      b.prepare(sampleRate);
      this.outputMeters[m] = b;
    }
    this.limiter.prepare(sampleRate, channels, maxFrames);
    this.onset.prepare(sampleRate);
    this.beat.prepare(this.onset.frameRate, this.onset.detectionDelay(sampleRate));
    this.chroma.prepare(sampleRate);
    this.key.prepare(this.chroma.frameRate);
    this.chord.prepare(this.chroma.frameRate);
    this.vocal.prepare(sampleRate);
    for (let id = 0; id < P.PARAM_COUNT; id++) this.params[id] = P.PARAM_DEFAULT[id];
    this.masterGain.prepare(sampleRate, P.PARAM_SMOOTHING_MS[P.P_MASTER_GAIN], 1);
    this.effectsIn.prepare(sampleRate, P.PARAM_SMOOTHING_MS[P.P_MASTER_BYPASS], 1);
    this.applyParams(true);
    this.reset();
  }

  /** Clear all signal state (delay lines, meters, clock); parameters are kept. */
  reset(): void {
    memory.fill(this.inputBlock, 0, this.stride * <usize>this.channels);
    memory.fill(this.outputBlock, 0, this.stride * <usize>this.channels);
    memory.fill(this.dryBlock, 0, this.stride * <usize>this.channels);
    memory.fill(this.wetBlock, 0, this.stride * <usize>this.channels);
    for (let m = 0; m < EFFECT_CHANNELS; m++) {
      unchecked(this.inputMeters[m]).reset();
      unchecked(this.outputMeters[m]).reset();
    }
    this.limiter.reset();
    this.onset.reset();
    this.beat.reset();
    this.chroma.reset();
    this.key.reset();
    this.chord.reset();
    this.vocal.reset();
    // parameters first, so the units' reset() can jump their smoothers to the set values
    this.applyParams(true);
    this.chain.reset();
    this.events.clear();
    this.framesDone = 0;
    this.writeSnapshot();
  }

  /** Store a parameter (clamped to its range; NaN ignored) and retarget its smoother. */
  setParam(id: i32, value: f32): void {
    if (id < 0 || id >= P.PARAM_COUNT || value != value) return;
    const v = min(P.PARAM_MAX[id], max(P.PARAM_MIN[id], value));
    if (this.trigger(id, v)) return;
    this.params[id] = v;
    this.applyParams(false);
  }

  /** Momentary parameters fire an action and keep no value. Returns true if `id` is one. */
  private trigger(id: i32, value: f32): bool {
    const now = this.framesDone / <f64>this.sampleRate;
    const fire = value >= 0.5;
    if (id == P.P_BEAT_TAP) {
      if (fire) this.beat.tap(now);
    } else if (id == P.P_BEAT_DOUBLE) {
      if (fire) this.beat.scaleTempo(2.0);
    } else if (id == P.P_BEAT_HALF) {
      if (fire) this.beat.scaleTempo(0.5);
    } else if (id == P.P_BEAT_RESYNC) {
      if (fire) this.beat.requestResync();
    } else if (id == P.P_KEY_RESET) {
      if (fire) {
        this.key.reset();
        this.chord.reset();
      }
    } else {
      return false;
    }
    this.params[id] = 0;
    return true;
  }

  private applyParams(snap: bool): void {
    const p = this.params;
    this.beat.locked = unchecked(p[P.P_BEAT_LOCK]) >= 0.5;
    this.beat.meter = <i32>unchecked(p[P.P_BEAT_METER]);
    const lo = min(unchecked(p[P.P_BEAT_MIN]), unchecked(p[P.P_BEAT_MAX]));
    const hi = max(unchecked(p[P.P_BEAT_MIN]), unchecked(p[P.P_BEAT_MAX]));
    this.beat.setRange(<f64>lo, <f64>hi);
    this.chroma.tuning.locked = unchecked(p[P.P_TUNING_LOCK]) >= 0.5;
    this.chain.apply(p, snap);
    const gain = fromDb(unchecked(this.params[P.P_MASTER_GAIN]));
    const fx: f32 = unchecked(this.params[P.P_MASTER_BYPASS]) >= 0.5 ? 0 : 1;
    if (snap) {
      this.masterGain.snap(gain);
      this.effectsIn.snap(fx);
    } else {
      this.masterGain.setTarget(gain);
      this.effectsIn.setTarget(fx);
    }
  }

  process(frames: i32): void {
    this.events.clear();
    this.processInput(frames);
    this.processAnalysis(frames);
    this.processPitch(frames);
    this.processVocal(frames);
    this.processEffects(frames);
    this.processMaster(frames);
    this.limiter.process(this.wetBlock, this.outputBlock, this.stride, frames);
    this.processOutputMeters(frames);
    this.framesDone += <f64>frames;
    this.writeSnapshot();
  }

  /** Unit "input": sanitise every channel into the dry block, meter channels 0–1. */
  processInput(frames: i32): void {
    for (let c = 0; c < this.channels; c++) {
      const off = <usize>c * this.stride;
      sanitizeBlock(this.inputBlock + off, this.dryBlock + off, frames);
    }
    this.meterBlock(this.inputMeters, this.dryBlock, frames);
  }

  /**
   * Unit "beat": mono sum → novelty frames (one per hop, computed in the block
   * where the hop completes) → beat tracker, which may announce beats.
   */
  processAnalysis(frames: i32): void {
    this.mixMono(frames);
    let done = 0;
    while (done < frames) {
      const n = min(frames - done, this.onset.samplesToFrame());
      this.onset.write(this.monoBlock + (<usize>done << 2), n);
      done += n;
      if (this.onset.frameReady()) {
        this.onset.compute();
        const now = (this.framesDone + <f64>done) / <f64>this.sampleRate;
        this.beat.step(this.onset.flux, this.onset.level, now, this.events);
      }
    }
  }

  /**
   * Unit "chroma": the mono sum (made by the beat unit) → chroma frames every
   * 20 ms → key and chord, updated on each new frame.
   */
  processPitch(frames: i32): void {
    let done = 0;
    while (done < frames) {
      const n = min(frames - done, this.chroma.samplesToStep());
      this.chroma.write(this.monoBlock + (<usize>done << 2), n);
      done += n;
      if (this.chroma.stepReady() && this.chroma.step((this.framesDone + <f64>done) / <f64>this.sampleRate)) {
        this.key.update(this.chroma.chroma);
        this.chord.update(this.chroma.chroma);
      }
    }
  }

  /** Unit "vocal": the mono sum → vocal features every 10 ms → the singing detector. */
  processVocal(frames: i32): void {
    let done = 0;
    while (done < frames) {
      const n = min(frames - done, this.vocal.samplesToFrame());
      this.vocal.write(this.monoBlock + (<usize>done << 2), n);
      done += n;
      if (this.vocal.frameReady()) this.vocal.step((this.framesDone + <f64>done) / <f64>this.sampleRate);
    }
  }

  /** Copy the host's input to the dry block unsanitised (benchUnit: an analysis unit timed alone). */
  useFreshInput(frames: i32): void {
    for (let c = 0; c < this.channels; c++) memory.copy(this.dryBlock + <usize>c * this.stride, this.inputBlock + <usize>c * this.stride, <usize>frames << 2);
  }

  /** The analysis input: the mean of all channels of the sanitised input, in monoBlock. */
  mixMono(frames: i32): void {
    const mono = this.monoBlock;
    const channels = this.channels;
    const inv: f32 = 1.0 / <f32>channels;
    memory.copy(mono, this.dryBlock, <usize>frames << 2);
    for (let c = 1; c < channels; c++) {
      const src = this.dryBlock + <usize>c * this.stride;
      for (let i = 0; i < frames; i++) {
        const o = <usize>i << 2;
        store<f32>(mono + o, load<f32>(mono + o) + load<f32>(src + o));
      }
    }
    if (channels > 1) for (let i = 0; i < frames; i++) store<f32>(mono + (<usize>i << 2), load<f32>(mono + (<usize>i << 2)) * inv);
  }

  /**
   * Unit "effects": the chain on channels 0–1 of the wet block (a copy of the
   * dry one). A mono input runs the stereo chain on a copy and is folded back.
   */
  processEffects(frames: i32): void {
    const fxChannels = min(this.channels, EFFECT_CHANNELS);
    memory.copy(this.wetBlock, this.dryBlock, this.stride * <usize>fxChannels);
    const left = this.wetBlock;
    const right = fxChannels > 1 ? this.wetBlock + this.stride : this.monoRight;
    if (fxChannels == 1) memory.copy(right, left, <usize>frames << 2);
    const tracked = this.beat.confidence >= <f64>LOST_CONFIDENCE ? this.beat.tempo : 0.0;
    this.chain.process(left, right, frames, tracked);
    if (fxChannels == 1) {
      for (let i = 0; i < frames; i++) {
        const o = <usize>i << 2;
        store<f32>(left + o, 0.5 * (load<f32>(left + o) + load<f32>(right + o)));
      }
    }
  }

  /**
   * Unit "master": the bypass crossfade between the chain's output and the dry
   * signal, and the master gain, on the wet block.
   */
  processMaster(frames: i32): void {
    const channels = this.channels;
    const fxChannels = min(channels, EFFECT_CHANNELS);
    // bypass crossfade, wet ← dry + fx·(wet − dry); skipped in the steady "chain in" state so it is bit-exact
    if (this.effectsIn.isRamping() || this.effectsIn.current != 1) {
      fillRamp(this.effectsIn, this.rampBlock, frames);
      for (let c = 0; c < fxChannels; c++) {
        const off = <usize>c * this.stride;
        crossfadeBlock(this.dryBlock + off, this.wetBlock + off, this.rampBlock, frames);
      }
    }
    if (channels > fxChannels) {
      const off = this.stride * <usize>fxChannels;
      memory.copy(this.wetBlock + off, this.dryBlock + off, this.stride * <usize>(channels - fxChannels));
    }
    // master gain on all channels; a constant multiply unless it is ramping
    if (this.masterGain.isRamping()) {
      fillRamp(this.masterGain, this.rampBlock, frames);
      for (let c = 0; c < channels; c++) multiplyBlock(this.wetBlock + <usize>c * this.stride, this.rampBlock, frames);
    } else if (this.masterGain.current != 1) {
      const g = this.masterGain.current;
      for (let c = 0; c < channels; c++) scaleBlock(this.wetBlock + <usize>c * this.stride, frames, g);
    }
  }

  /** Unit "output-meter". */
  processOutputMeters(frames: i32): void {
    this.meterBlock(this.outputMeters, this.outputBlock, frames);
  }

  private meterBlock(meters: StaticArray<LevelMeter>, block: usize, frames: i32): void {
    unchecked(meters[0]).process(block, frames);
    // mono: the right meter mirrors the left
    unchecked(meters[1]).process(this.channels > 1 ? block + this.stride : block, frames);
  }

  private writeSnapshot(): void {
    const s = this.snapshot;
    const inL = unchecked(this.inputMeters[0]);
    const inR = unchecked(this.inputMeters[1]);
    const outL = unchecked(this.outputMeters[0]);
    const outR = unchecked(this.outputMeters[1]);
    s[P.S_IN_PEAK_L] = inL.peakDb();
    s[P.S_IN_PEAK_R] = inR.peakDb();
    s[P.S_IN_RMS_L] = inL.rmsDb();
    s[P.S_IN_RMS_R] = inR.rmsDb();
    s[P.S_IN_HOLD_L] = inL.holdDb;
    s[P.S_IN_HOLD_R] = inR.holdDb;
    s[P.S_OUT_PEAK_L] = outL.peakDb();
    s[P.S_OUT_PEAK_R] = outR.peakDb();
    s[P.S_OUT_RMS_L] = outL.rmsDb();
    s[P.S_OUT_RMS_R] = outR.rmsDb();
    s[P.S_OUT_HOLD_L] = outL.holdDb;
    s[P.S_OUT_HOLD_R] = outR.holdDb;
    s[P.S_LIMITER_GR] = this.limiter.gainReductionDb();
    s[P.S_TIME] = <f32>(this.framesDone / <f64>this.sampleRate);
    const b = this.beat;
    s[P.S_BEAT_TEMPO] = <f32>b.tempo;
    s[P.S_BEAT_CONFIDENCE] = <f32>b.confidence;
    s[P.S_BEAT_LOST] = <f32>b.confidence < LOST_CONFIDENCE ? 1 : 0;
    s[P.S_BEAT_PHASE] = <f32>b.phase;
    s[P.S_BEAT_LAST] = <f32>b.lastBeat;
    s[P.S_BEAT_NEXT] = <f32>b.nextBeat;
    s[P.S_BEAT_INBAR] = <f32>b.beatInBar;
    this.writePitchSnapshot();
    s[P.S_GATE_GR] = this.chain.gateReductionDb();
    s[P.S_COMP_GR] = this.chain.compReductionDb();
  }

  private writePitchSnapshot(): void {
    const s = this.snapshot;
    const c = this.chroma;
    let top: f32 = 0;
    for (let i = 0; i < 12; i++) top = max(top, unchecked(c.chroma[i]));
    const scale: f32 = top > 0 ? 1.0 / top : 0;
    for (let i = 0; i < 12; i++) unchecked((s[P.S_CHROMA_0 + i] = c.chroma[i] * scale));
    s[P.S_CHROMA_FRAME] = <f32>c.frameCount;
    s[P.S_CHROMA_TIME] = <f32>c.frameTime;
    s[P.S_TUNING_REF] = c.tuning.referenceHz();
    s[P.S_KEY_INDEX] = <f32>this.key.key;
    s[P.S_KEY_CONFIDENCE] = this.key.confidence;
    s[P.S_KEY_SECOND] = <f32>this.key.second;
    s[P.S_CHORD_INDEX] = <f32>this.chord.chord;
    const v = this.vocal;
    s[P.S_VOCAL_PROBABILITY] = v.probability;
    s[P.S_VOCAL_ACTIVE] = v.active ? 1 : 0;
    s[P.S_VOCAL_FRAME] = <f32>v.frameCount;
    s[P.S_VOCAL_TIME] = <f32>v.frameTime;
  }
}

/** Advance a smoother by `frames` and write its values to `ramp`. */
function fillRamp(s: LinearSmoother, ramp: usize, frames: i32): void {
  for (let i = 0; i < frames; i++) store<f32>(ramp + (<usize>i << 2), s.next());
}

function crossfadeBlock(dry: usize, wet: usize, ramp: usize, frames: i32): void {
  for (let i = 0; i < frames; i++) {
    const o = <usize>i << 2;
    const d = load<f32>(dry + o);
    store<f32>(wet + o, d + load<f32>(ramp + o) * (load<f32>(wet + o) - d));
  }
}

function multiplyBlock(ptr: usize, gains: usize, frames: i32): void {
  for (let i = 0; i < frames; i++) {
    const o = <usize>i << 2;
    store<f32>(ptr + o, load<f32>(ptr + o) * load<f32>(gains + o));
  }
}

@inline function scaleBlock(ptr: usize, frames: i32, g: f32): void {
  for (let i = 0; i < frames; i++) {
    const o = <usize>i << 2;
    store<f32>(ptr + o, load<f32>(ptr + o) * g);
  }
}
