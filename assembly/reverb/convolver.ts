/**
 * Convolver: zero-latency stereo convolution with a loaded impulse response
 * (wet signal only; the reverb unit around it adds pre-delay, mix and width).
 *
 *   y[n] = Σ_k h[k]·x[n − k]        exactly, from sample 0: an impulse in gives h out with no delay
 *
 * Non-uniformly partitioned (Gardner 1995; García 2002; Wefers 2015 — see
 * partition-plan.ts): the first HEAD taps as a direct-form FIR, the rest in
 * uniform frequency-domain stages of growing partition size whose FFT work is
 * spread over their periods (fdl-stage.ts), so every 128-frame block costs
 * about the same. Channel routing follows Web Audio's ConvolverNode for stereo
 * input: a stereo response convolves left with left and right with right; a
 * mono response is used on both channels.
 *
 * Loading (never on the audio path). The engine holds two prepared-IR slots;
 * one is active. A response is prepared into the inactive slot — resampled to
 * the engine rate by the host (host/impulse.ts), then cut into partitions and
 * transformed here by prepareImpulse(), either in this engine (Node) or in a
 * second instance of the same module on the browser's main thread whose slot
 * bytes are copied into the worklet engine's inactive slot (beginLoad()). A
 * commit() checks the slot and asks for a swap, which happens at the start of
 * a block: if a response is playing, its output first fades to 0 (FADE_MS),
 * the slots swap, the state is cleared ("input starts now") and the new one
 * fades in; the first response loaded starts at once, exactly.
 *
 * Normalisation ('reverb.normalize'): the host computes a gain that scales the
 * response to unit energy (Σ h² averaged over its channels = 1, so white noise
 * comes out at its own level); the convolver applies it while the parameter
 * is on (setNormalize, from the effects chain), ramped over FADE_MS when it
 * changes.
 *
 * Real-time: everything is allocated in prepare(); process(), commit(),
 * beginLoad() and clear() allocate nothing and run bounded loops. Only
 * prepareImpulse() does heavy work (FFTs of the whole response).
 */
import { LinearSmoother } from '../core/smoother';
import { ComplexRealFft } from '../spectral/real-fft-complex';
import { FdlStage } from './fdl-stage';
import {
  PartitionPlan,
  planPartitions,
  GRANULE,
  GRANULE_LOG2,
  HEAD,
  SIZE_COUNT,
  MAX_PARTITION,
  MAX_IR_FRAMES,
  HISTORY,
  OUT_RING,
  POOL_FLOATS,
  SLOT_BYTES,
  SLOT_HEADER_BYTES,
  spectrumFloats,
  stagePoolFloats,
} from './partition-plan';
import { P_REVERB_NORMALIZE, PARAM_DEFAULT } from '../generated/params';

/** 'GSIR' little-endian: the first word of a prepared slot. */
export const IR_MAGIC: u32 = 0x52495347;
/** Bump when the slot layout or the partition planner changes. */
export const IR_VERSION: i32 = 1;

export const IR_OK: i32 = 0;
/** frames outside 1 … MAX_IR_FRAMES */
export const IR_BAD_LENGTH: i32 = -1;
/** channels other than 1 or 2 */
export const IR_BAD_CHANNELS: i32 = -2;
/** the normalisation gain is not a positive finite number */
export const IR_BAD_GAIN: i32 = -3;
/** the slot does not hold a prepared response of that size (wrong bytes, other build, corrupt) */
export const IR_BAD_SLOT: i32 = -4;
/** prepared for another sample rate */
export const IR_WRONG_RATE: i32 = -5;

/** Fade out the old response and in the new one over this long when swapping, and ramp normalisation changes. */
const FADE_MS: f32 = 10;
/** `valid` saturates here: more than any window a stage reads. */
const VALID_CAP: i32 = 1 << 30;

const NONE: i32 = 0;
const LOAD: i32 = 1;
const CLEAR: i32 = 2;

// slot header fields (byte offsets)
const H_MAGIC: usize = 0;
const H_VERSION: usize = 4;
const H_FRAMES: usize = 8;
const H_CHANNELS: usize = 12;
const H_RATE: usize = 16;
const H_GAIN: usize = 20;
const H_BYTES: usize = 24;
const H_HEAD: usize = 28;

export class Convolver {
  private sampleRate: f32 = 48000;

  // ---- memory, all from prepare() ----
  /** mirrored input history per channel: sample at position q is at (q mod HISTORY) and that + HISTORY */
  private hist0: usize = 0;
  private hist1: usize = 0;
  /** output accumulators per channel, indexed by position mod OUT_RING; read and cleared as output */
  private out0: usize = 0;
  private out1: usize = 0;
  /** FDLs, accumulators and FFT work buffers of the active plan's stages */
  private pool: usize = 0;
  /** the two prepared-IR slots */
  private slot0: usize = 0;
  private slot1: usize = 0;
  /** time-domain response at the engine rate, per channel, written by the host before prepareImpulse() */
  private staging0: usize = 0;
  private staging1: usize = 0;
  /** prepareImpulse()'s FFT input (2·MAX_PARTITION) and work (2·MAX_PARTITION) */
  private scratch: usize = 0;
  private scratchWork: usize = 0;
  /** one FFT (tables) per partition size GRANULE << e */
  private ffts: StaticArray<ComplexRealFft> = new StaticArray<ComplexRealFft>(SIZE_COUNT);
  private stages: StaticArray<FdlStage> = new StaticArray<FdlStage>(SIZE_COUNT);
  /** the active plan, and the one prepareImpulse()/commit() work on */
  private plan: PartitionPlan = new PartitionPlan();
  private nextPlan: PartitionPlan = new PartitionPlan();

  // ---- the active response ----
  /** active slot (0, 1) or −1: none */
  private active: i32 = -1;
  /** NONE, LOAD (the inactive slot is committed) or CLEAR */
  private pending: i32 = NONE;
  /** reversed head taps of the active response per channel (same pointer for a mono response) */
  private head0: usize = 0;
  private head1: usize = 0;
  private irFrames: i32 = 0;
  private irChannels: i32 = 0;
  /** unit-energy gain of the active response */
  private irGain: f32 = 1;
  /** how far ahead of the read position the active plan writes the output rings */
  private reach: i32 = 0;

  // ---- signal state ----
  /** sample position (wraps; only its low bits are used) */
  private position: u32 = 0;
  /** input samples since the state was last cleared (saturating): older history reads as 0 */
  private valid: i32 = 0;
  /** output gain: fades and normalisation */
  private gain: LinearSmoother = new LinearSmoother();
  /** 'reverb.normalize': scale the response to unit energy */
  private normalize: bool = PARAM_DEFAULT[P_REVERB_NORMALIZE] >= 0.5;

  /** Allocate every buffer (≈ 32 MB, see partition-plan.ts for the capacities). */
  prepare(sampleRate: f32, maxFrames: i32): void {
    this.sampleRate = sampleRate;
    const histBytes = <usize>(2 * HISTORY) << 2;
    this.hist0 = heap.alloc(histBytes);
    this.hist1 = heap.alloc(histBytes);
    this.out0 = heap.alloc(<usize>OUT_RING << 2);
    this.out1 = heap.alloc(<usize>OUT_RING << 2);
    this.pool = heap.alloc(<usize>POOL_FLOATS << 2);
    this.slot0 = heap.alloc(<usize>SLOT_BYTES);
    this.slot1 = heap.alloc(<usize>SLOT_BYTES);
    this.staging0 = heap.alloc(<usize>MAX_IR_FRAMES << 2);
    this.staging1 = heap.alloc(<usize>MAX_IR_FRAMES << 2);
    this.scratch = heap.alloc(<usize>(2 * MAX_PARTITION) << 2);
    this.scratchWork = heap.alloc(<usize>(2 * MAX_PARTITION) << 2);
    for (let e = 0; e < SIZE_COUNT; e++) {
      const fft = new ComplexRealFft();
      fft.prepare(2 * (GRANULE << e));
      this.ffts[e] = fft;
      this.stages[e] = new FdlStage();
    }
    this.active = -1;
    this.pending = NONE;
    this.gain.prepare(sampleRate, FADE_MS, 1);
    this.reset();
  }

  /** Clear the signal state; a pending swap completes at once (there is nothing to fade). */
  reset(): void {
    memory.fill(this.hist0, 0, <usize>(2 * HISTORY) << 2);
    memory.fill(this.hist1, 0, <usize>(2 * HISTORY) << 2);
    memory.fill(this.out0, 0, <usize>OUT_RING << 2);
    memory.fill(this.out1, 0, <usize>OUT_RING << 2);
    this.position = 0;
    this.valid = 0;
    if (this.pending != NONE) this.swap();
    for (let i = 0; i < this.plan.count; i++) unchecked(this.stages[i]).reset();
    this.gain.snap(this.targetGain());
  }

  /** True once an impulse response is loaded (after its swap). */
  hasImpulse(): bool {
    return this.active >= 0;
  }

  /** Frames of the active response (0: none). */
  impulseFrames(): i32 {
    return this.active >= 0 ? this.irFrames : 0;
  }

  /** The active plan, for tests and the bench: stage i's partition size (field 0), partition count (1) or first tap (2); 0 past the last stage. */
  stageInfo(i: i32, field: i32): i32 {
    if (i < 0 || i >= this.plan.count) return 0;
    return field == 0 ? unchecked(this.plan.size[i]) : field == 1 ? unchecked(this.plan.parts[i]) : unchecked(this.plan.start[i]);
  }

  /** 'reverb.normalize' on or off; the gain ramps to the new target in process(). */
  setNormalize(on: bool): void {
    this.normalize = on;
  }

  // ---------------------------------------------------------------- loading

  /** Where the host writes channel `c` (0, 1) of the response at the engine rate, MAX_IR_FRAMES floats. */
  stagingPtr(c: i32): usize {
    return c == 0 ? this.staging0 : c == 1 ? this.staging1 : 0;
  }

  /** The slot a prepared response is written to (the inactive one). */
  slotPtr(): usize {
    return this.active == 0 ? this.slot1 : this.slot0;
  }

  /** Cancel a committed but not yet swapped response and return the inactive slot, to be overwritten. */
  beginLoad(): usize {
    if (this.pending == LOAD) this.pending = NONE;
    return this.slotPtr();
  }

  /**
   * Prepare the staged response (`frames` per channel, `channels` 1 or 2) into
   * the inactive slot: header, reversed head taps, and every partition's
   * spectrum (scaled by 1/FFT size). Returns the slot's byte count, or a
   * negative IR_* error. Heavy (all the FFTs); call off the audio thread.
   */
  prepareImpulse(frames: i32, channels: i32, normGain: f32): i32 {
    const slot = this.beginLoad();
    if (frames < 1 || frames > MAX_IR_FRAMES) return IR_BAD_LENGTH;
    if (channels != 1 && channels != 2) return IR_BAD_CHANNELS;
    if (!(normGain > 0 && normGain < Infinity)) return IR_BAD_GAIN;
    const plan = this.nextPlan;
    planPartitions(frames, plan);
    const bytes = plan.slotBytes(channels);
    if (bytes > SLOT_BYTES) return IR_BAD_LENGTH; // cannot happen: the planner checks capacity
    store<u32>(slot + H_MAGIC, IR_MAGIC);
    store<i32>(slot + H_VERSION, IR_VERSION);
    store<i32>(slot + H_FRAMES, frames);
    store<i32>(slot + H_CHANNELS, channels);
    store<f32>(slot + H_RATE, this.sampleRate);
    store<f32>(slot + H_GAIN, normGain);
    store<i32>(slot + H_BYTES, bytes);
    store<i32>(slot + H_HEAD, HEAD);
    let at = slot + <usize>SLOT_HEADER_BYTES;
    for (let c = 0; c < channels; c++) {
      const src = this.stagingPtr(c);
      for (let t = 0; t < HEAD; t++) {
        const k = HEAD - 1 - t; // reversed, so the FIR runs forwards over the history
        store<f32>(at + (<usize>t << 2), k < frames ? load<f32>(src + (<usize>k << 2)) : 0);
      }
      at += <usize>HEAD << 2;
    }
    for (let i = 0; i < plan.count; i++) {
      const p = unchecked(plan.size[i]);
      const n = unchecked(plan.parts[i]);
      const s = unchecked(plan.start[i]);
      const fft = unchecked(this.ffts[sizeIndex(p)]);
      const specBytes = <usize>spectrumFloats(p) << 2;
      const imOffset = <usize>(p + 4) << 2;
      const scale: f32 = 0.5 / <f32>p;
      for (let c = 0; c < channels; c++) {
        const src = this.stagingPtr(c);
        for (let part = 0; part < n; part++) {
          const from = s + part * p;
          const count = min(p, frames - from);
          memory.copy(this.scratch, src + (<usize>from << 2), <usize>count << 2);
          memory.fill(this.scratch + (<usize>count << 2), 0, <usize>(2 * p - count) << 2);
          fft.forwardWith(this.scratch, this.scratchWork, at, at + imOffset);
          for (let k = 0; k <= p; k++) {
            const r = at + (<usize>k << 2);
            store<f32>(r, load<f32>(r) * scale);
            store<f32>(r + imOffset, load<f32>(r + imOffset) * scale);
          }
          for (let k = p + 1; k < p + 4; k++) {
            store<f32>(at + (<usize>k << 2), 0);
            store<f32>(at + imOffset + (<usize>k << 2), 0);
          }
          at += specBytes;
        }
      }
    }
    return bytes;
  }

  /**
   * Check the inactive slot (`bytes` long, prepared by this module for this
   * sample rate) and ask for a swap at the start of the next block. Returns
   * IR_OK or a negative IR_* error; nothing changes on error.
   */
  commit(bytes: i32): i32 {
    const slot = this.slotPtr();
    if (bytes < SLOT_HEADER_BYTES || bytes > SLOT_BYTES) return IR_BAD_SLOT;
    if (load<u32>(slot + H_MAGIC) != IR_MAGIC || load<i32>(slot + H_VERSION) != IR_VERSION) return IR_BAD_SLOT;
    if (load<i32>(slot + H_BYTES) != bytes || load<i32>(slot + H_HEAD) != HEAD) return IR_BAD_SLOT;
    const frames = load<i32>(slot + H_FRAMES);
    const channels = load<i32>(slot + H_CHANNELS);
    const gain = load<f32>(slot + H_GAIN);
    if (frames < 1 || frames > MAX_IR_FRAMES) return IR_BAD_LENGTH;
    if (channels != 1 && channels != 2) return IR_BAD_CHANNELS;
    if (!(gain > 0 && gain < Infinity)) return IR_BAD_GAIN;
    if (load<f32>(slot + H_RATE) != this.sampleRate) return IR_WRONG_RATE;
    planPartitions(frames, this.nextPlan);
    if (this.nextPlan.slotBytes(channels) != bytes) return IR_BAD_SLOT;
    this.pending = LOAD;
    return IR_OK;
  }

  /** Unload the response (fading out) at the next block. */
  clear(): void {
    if (this.active >= 0) this.pending = CLEAR;
    else this.pending = NONE;
  }

  // ---------------------------------------------------------------- audio

  /** Wet output of the loaded impulse response for the (stereo) input block; silence if none is loaded. */
  process(inLeft: usize, inRight: usize, outLeft: usize, outRight: usize, frames: i32): void {
    if (this.pending != NONE) this.advanceSwap();
    if (this.active < 0) {
      memory.fill(outLeft, 0, <usize>frames << 2);
      memory.fill(outRight, 0, <usize>frames << 2);
      // keep the clock: the stages' grid stays on the engine's timeline, so where a
      // response is swapped in does not change how its blocks are cut (nor the rounding)
      this.position += <u32>frames;
      return;
    }
    this.gain.setTarget(this.pending != NONE ? 0 : this.targetGain());
    let done = 0;
    while (done < frames) {
      const offset = <i32>(this.position & <u32>(GRANULE - 1));
      if (offset == 0) this.runGranule();
      const n = min(frames - done, GRANULE - offset);
      const o = <usize>done << 2;
      this.writeHistory(inLeft + o, inRight + o, n);
      this.head(this.hist0, this.head0, this.out0, outLeft + o, n);
      this.head(this.hist1, this.head1, this.out1, outRight + o, n);
      this.position += <u32>n;
      this.valid = min(VALID_CAP, this.valid + n);
      done += n;
    }
    this.applyGain(outLeft, outRight, frames);
  }

  /** Wait for the fade-out of the playing response, then swap (a first response swaps at once). */
  private advanceSwap(): void {
    if (this.active < 0) {
      this.swap();
      this.gain.snap(this.targetGain());
      return;
    }
    this.gain.setTarget(0);
    if (this.gain.isRamping() || this.gain.current != 0) return;
    this.swap();
    this.gain.snap(0); // and process() ramps it up to the new target
  }

  /** Make the pending change: activate the committed slot (or none) and clear the state for it. */
  private swap(): void {
    const what = this.pending;
    this.pending = NONE;
    // the old plan's future output still sits in the rings: clear the span it could have reached
    this.clearAhead(this.reach);
    if (what == CLEAR) {
      this.active = -1;
      this.plan.count = 0;
      this.reach = 0;
      return;
    }
    const index = this.active == 0 ? 1 : 0;
    const slot = index == 0 ? this.slot0 : this.slot1;
    this.active = index;
    this.irFrames = load<i32>(slot + H_FRAMES);
    this.irChannels = load<i32>(slot + H_CHANNELS);
    this.irGain = load<f32>(slot + H_GAIN);
    this.plan.copyFrom(this.nextPlan); // commit() planned exactly this slot
    const plan = this.plan;
    let at = slot + <usize>SLOT_HEADER_BYTES;
    this.head0 = at;
    this.head1 = this.irChannels == 2 ? at + (<usize>HEAD << 2) : at;
    at += <usize>(this.irChannels * HEAD) << 2;
    let perChannel = 0;
    for (let i = 0; i < plan.count; i++) perChannel += stagePoolFloats(unchecked(plan.size[i]), unchecked(plan.parts[i]));
    let pool0 = this.pool;
    let pool1 = this.pool + (<usize>perChannel << 2);
    let reach = 0;
    for (let i = 0; i < plan.count; i++) {
      const p = unchecked(plan.size[i]);
      const n = unchecked(plan.parts[i]);
      const s = unchecked(plan.start[i]);
      const filtBytes = <usize>n * (<usize>spectrumFloats(p) << 2);
      const filt1 = this.irChannels == 2 ? at + filtBytes : at;
      const stage = unchecked(this.stages[i]);
      stage.configure(unchecked(this.ffts[sizeIndex(p)]), p, n, s, pool0, pool1, at, filt1, this.hist0, this.hist1, this.out0, this.out1);
      stage.reset();
      at += <usize>this.irChannels * filtBytes;
      const bytes = <usize>stagePoolFloats(p, n) << 2;
      pool0 += bytes;
      pool1 += bytes;
      reach = max(reach, s + p);
    }
    this.reach = reach;
    // "input starts now": the head's window and the stages' windows (via `valid`) see silence before this point
    const mask = <u32>(HISTORY - 1);
    for (let k = 1; k <= HEAD; k++) {
      const e = <usize>((this.position - <u32>k) & mask) << 2;
      const m = e + (<usize>HISTORY << 2);
      store<f32>(this.hist0 + e, 0);
      store<f32>(this.hist0 + m, 0);
      store<f32>(this.hist1 + e, 0);
      store<f32>(this.hist1 + m, 0);
    }
    this.valid = 0;
  }

  /** Zero the output rings from the read position over `span` samples. */
  private clearAhead(span: i32): void {
    const first = <i32>(this.position & <u32>(OUT_RING - 1));
    const a = min(span, OUT_RING - first);
    memory.fill(this.out0 + (<usize>first << 2), 0, <usize>a << 2);
    memory.fill(this.out1 + (<usize>first << 2), 0, <usize>a << 2);
    if (span > a) {
      memory.fill(this.out0, 0, <usize>(span - a) << 2);
      memory.fill(this.out1, 0, <usize>(span - a) << 2);
    }
  }

  /** Every stage's share of work for the granule starting at `position`. */
  private runGranule(): void {
    const granule = this.position >> <u32>GRANULE_LOG2;
    for (let i = 0; i < this.plan.count; i++) unchecked(this.stages[i]).step(granule, this.position, this.valid);
  }

  private writeHistory(left: usize, right: usize, n: i32): void {
    const mask = <u32>(HISTORY - 1);
    const mirror = <usize>HISTORY << 2;
    for (let i = 0; i < n; i++) {
      const e = <usize>((this.position + <u32>i) & mask) << 2;
      const l = load<f32>(left + (<usize>i << 2));
      const r = load<f32>(right + (<usize>i << 2));
      store<f32>(this.hist0 + e, l);
      store<f32>(this.hist0 + e + mirror, l);
      store<f32>(this.hist1 + e, r);
      store<f32>(this.hist1 + e + mirror, r);
    }
  }

  /**
   * out[i] = Σ_t taps[t]·x[q − HEAD + 1 + t] + ring[q], q = position + i, and
   * the ring cell cleared. Four outputs at a time share each tap and each
   * input load; the mirror makes every window contiguous.
   */
  private head(hist: usize, taps: usize, ring: usize, out: usize, n: i32): void {
    const hmask = <u32>(HISTORY - 1);
    const rmask = <u32>(OUT_RING - 1);
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const q = this.position + <u32>i;
      const w = hist + (<usize>windowStart(q & hmask) << 2);
      let y0: f32 = 0;
      let y1: f32 = 0;
      let y2: f32 = 0;
      let y3: f32 = 0;
      let x0 = load<f32>(w);
      let x1 = load<f32>(w, 4);
      let x2 = load<f32>(w, 8);
      for (let t = 0; t < HEAD; t++) {
        const x3 = load<f32>(w + (<usize>(t + 3) << 2));
        const h = load<f32>(taps + (<usize>t << 2));
        y0 += h * x0;
        y1 += h * x1;
        y2 += h * x2;
        y3 += h * x3;
        x0 = x1;
        x1 = x2;
        x2 = x3;
      }
      const r0 = ring + (<usize>(q & rmask) << 2);
      const r1 = ring + (<usize>((q + 1) & rmask) << 2);
      const r2 = ring + (<usize>((q + 2) & rmask) << 2);
      const r3 = ring + (<usize>((q + 3) & rmask) << 2);
      const o = out + (<usize>i << 2);
      store<f32>(o, y0 + load<f32>(r0));
      store<f32>(o, y1 + load<f32>(r1), 4);
      store<f32>(o, y2 + load<f32>(r2), 8);
      store<f32>(o, y3 + load<f32>(r3), 12);
      store<f32>(r0, 0);
      store<f32>(r1, 0);
      store<f32>(r2, 0);
      store<f32>(r3, 0);
    }
    for (; i < n; i++) {
      const q = this.position + <u32>i;
      const w = hist + (<usize>windowStart(q & hmask) << 2);
      let y: f32 = 0;
      for (let t = 0; t < HEAD; t++) y += load<f32>(taps + (<usize>t << 2)) * load<f32>(w + (<usize>t << 2));
      const r = ring + (<usize>(q & rmask) << 2);
      store<f32>(out + (<usize>i << 2), y + load<f32>(r));
      store<f32>(r, 0);
    }
  }

  private applyGain(left: usize, right: usize, frames: i32): void {
    const g = this.gain;
    if (g.isRamping()) {
      for (let i = 0; i < frames; i++) {
        const k = g.next();
        const o = <usize>i << 2;
        store<f32>(left + o, load<f32>(left + o) * k);
        store<f32>(right + o, load<f32>(right + o) * k);
      }
    } else if (g.current != 1) {
      const k = g.current;
      for (let i = 0; i < frames; i++) {
        const o = <usize>i << 2;
        store<f32>(left + o, load<f32>(left + o) * k);
        store<f32>(right + o, load<f32>(right + o) * k);
      }
    }
  }

  /** The output gain the active response should have: its unit-energy gain while 'reverb.normalize' is on. */
  private targetGain(): f32 {
    return this.normalize ? this.irGain : 1;
  }
}

/** Index of the HEAD-sample window ending at ring index e, in the mirrored history (contiguous). */
@inline function windowStart(e: u32): u32 {
  return (e < <u32>(HEAD - 1) ? e + <u32>HISTORY : e) - <u32>(HEAD - 1);
}

/** e such that p = GRANULE << e. */
function sizeIndex(p: i32): i32 {
  let e = 0;
  while (GRANULE << e < p) e++;
  return e;
}
