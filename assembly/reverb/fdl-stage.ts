/**
 * FdlStage: one uniformly partitioned, frequency-domain-delay-line convolution
 * stage of the zero-latency convolver (partition-plan.ts explains the layout),
 * with its work spread evenly over its period so no audio block spikes.
 *
 * Partition size P, FFT size 2P (overlap-save), n partitions covering impulse
 * response taps [s, s + nP). Per period (every K = P/GRANULE granules), for
 * each of the two channels:
 *
 *   LOAD   the last 2P input samples → FFT work buffer (bit-reversed pairs)
 *   FWD    forward FFT butterflies
 *   SPLIT  real spectrum X_t → the newest slot of the frequency-domain delay line
 *   MAC    A = Σ_i X_{t−i} · H_i over the partitions (the FDL: one FFT per period, n products)
 *   MERGE  A → work (inverse real-FFT pre-step)
 *   INV    inverse FFT butterflies
 *   STORE  the last P samples of the 2P-point result (the valid overlap-save part),
 *          added into the output ring at input time + s
 *
 * H_i are precomputed at load time with 1/(2P) folded in (the inverse FFT is
 * unnormalised). Those 14 phases form one program of weighted units (the cost
 * model of partition-plan.ts); at granule j of the period the stage runs up to
 * ⌊W·(j+1)/K⌋ of its W total, and the last granule finishes whatever is left,
 * so the result is complete at the start of granule K − 1 — the moment the plan
 * guarantees its first output sample is needed.
 */
import { ComplexRealFft } from '../spectral/real-fft-complex';
import {
  GRANULE_LOG2,
  HISTORY,
  OUT_RING,
  spectrumFloats,
  COST_LOAD,
  COST_BUTTERFLY,
  COST_SPLIT,
  COST_MAC,
  COST_STORE,
} from './partition-plan';

const PH_LOAD: i32 = 0;
const PH_FWD: i32 = 1;
const PH_SPLIT: i32 = 2;
const PH_MAC: i32 = 3;
const PH_MERGE: i32 = 4;
const PH_INV: i32 = 5;
const PH_STORE: i32 = 6;
const PHASES: i32 = 7;
/** both channels' programs run one after the other */
const PROGRAM: i32 = 2 * PHASES;

export class FdlStage {
  /** partition size P (= the complex FFT size M of the 2P-point real FFT) */
  size: i32 = 0;
  /** granules per period, K = P / GRANULE (a power of two) */
  granules: i32 = 1;
  /** partitions n */
  parts: i32 = 0;
  /** impulse response offset of the first partition, s */
  start: i32 = 0;
  private fft: ComplexRealFft | null = null;
  /** bytes of one stored spectrum (re[P+4] then im[P+4]) and the byte offset of its im half */
  private specBytes: usize = 0;
  private imOffset: usize = 0;

  // per channel: FDL (n spectra), accumulator spectrum, FFT work (2P floats), filter spectra (n, in the IR slot)
  private fdl0: usize = 0;
  private fdl1: usize = 0;
  private acc0: usize = 0;
  private acc1: usize = 0;
  private work0: usize = 0;
  private work1: usize = 0;
  private filt0: usize = 0;
  private filt1: usize = 0;
  // the convolver's rings: mirrored input history (2·HISTORY floats) and output accumulators (OUT_RING floats)
  private hist0: usize = 0;
  private hist1: usize = 0;
  private out0: usize = 0;
  private out1: usize = 0;

  /** FDL slot of the newest input spectrum X_t */
  private newest: i32 = 0;
  /** periods since reset, saturating at n: older FDL slots hold nothing yet and are skipped */
  private filled: i32 = 0;
  /** the sample position where the current period's input window ends (= where the period began) */
  private windowEnd: u32 = 0;
  /** input samples at the end of that window that are real (since the last reset); earlier ones count as 0 */
  private windowValid: i32 = 0;

  /** units per phase, and their weights */
  private units: StaticArray<i32> = new StaticArray<i32>(PHASES);
  private weight: StaticArray<f64> = new StaticArray<f64>(PHASES);
  /** total weighted work of one period (both channels) */
  private total: f64 = 0;
  /** program position: phase (0 … PROGRAM) and unit within it, and the weighted work done this period */
  private phase: i32 = PROGRAM;
  private unit: i32 = 0;
  private done: f64 = 0;

  /**
   * Set the stage up for a plan entry. `pool` points at its per-channel
   * buffers (stagePoolFloats(p, n) floats per channel, channel 1 right after
   * channel 0); `filt0`/`filt1` at its partitions' spectra in the IR slot.
   * Then reset() before use.
   */
  configure(
    fft: ComplexRealFft,
    p: i32,
    n: i32,
    s: i32,
    pool0: usize,
    pool1: usize,
    filt0: usize,
    filt1: usize,
    hist0: usize,
    hist1: usize,
    out0: usize,
    out1: usize,
  ): void {
    this.fft = fft;
    this.size = p;
    this.granules = p >> GRANULE_LOG2;
    this.parts = n;
    this.start = s;
    this.specBytes = <usize>spectrumFloats(p) << 2;
    this.imOffset = <usize>(p + 4) << 2;
    const fdlBytes = <usize>n * this.specBytes;
    this.fdl0 = pool0;
    this.acc0 = pool0 + fdlBytes;
    this.work0 = this.acc0 + this.specBytes;
    this.fdl1 = pool1;
    this.acc1 = pool1 + fdlBytes;
    this.work1 = this.acc1 + this.specBytes;
    this.filt0 = filt0;
    this.filt1 = filt1;
    this.hist0 = hist0;
    this.hist1 = hist1;
    this.out0 = out0;
    this.out1 = out1;
    const u = this.units;
    const w = this.weight;
    unchecked((u[PH_LOAD] = p));
    unchecked((u[PH_FWD] = fft.butterflyCount));
    unchecked((u[PH_SPLIT] = p + 1));
    unchecked((u[PH_MAC] = n * (p + 1)));
    unchecked((u[PH_MERGE] = p));
    unchecked((u[PH_INV] = fft.butterflyCount));
    unchecked((u[PH_STORE] = p >> 1));
    unchecked((w[PH_LOAD] = COST_LOAD));
    unchecked((w[PH_FWD] = COST_BUTTERFLY));
    unchecked((w[PH_SPLIT] = COST_SPLIT));
    unchecked((w[PH_MAC] = COST_MAC));
    unchecked((w[PH_MERGE] = COST_SPLIT));
    unchecked((w[PH_INV] = COST_BUTTERFLY));
    unchecked((w[PH_STORE] = COST_STORE));
    let t: f64 = 0;
    for (let i = 0; i < PHASES; i++) t += <f64>unchecked(u[i]) * unchecked(w[i]);
    this.total = 2.0 * t;
  }

  /** Forget all input: no partition is read before its FDL slot has been written again. */
  reset(): void {
    this.newest = 0;
    this.filled = 0;
    this.phase = PROGRAM;
    this.unit = 0;
    this.done = 0;
  }

  /**
   * Run this granule's share. `granule` counts granules since the stage's
   * clock began (its low bits give the position in the period); `position` is
   * the sample position of the granule's start, `valid` how many input
   * samples before it are real.
   */
  step(granule: u32, position: u32, valid: i32): void {
    const k = this.granules;
    const j = <i32>(granule & <u32>(k - 1));
    if (j == 0) this.beginPeriod(position, valid);
    const target = j == k - 1 ? Infinity : (this.total * <f64>(j + 1)) / <f64>k;
    this.run(target);
  }

  private beginPeriod(position: u32, valid: i32): void {
    // the last period's program always finished at its last granule
    this.newest = this.newest + 1 == this.parts ? 0 : this.newest + 1;
    if (this.filled < this.parts) this.filled++;
    this.windowEnd = position;
    this.windowValid = min(valid, 2 * this.size);
    this.phase = 0;
    this.unit = 0;
    this.done = 0;
  }

  /** Advance the program until `target` weighted work is done (or it ends). */
  private run(target: f64): void {
    while (this.phase < PROGRAM && this.done < target) {
      const local = this.phase < PHASES ? this.phase : this.phase - PHASES;
      const w = unchecked(this.weight[local]);
      const count = unchecked(this.units[local]);
      let todo = count - this.unit;
      if (target != Infinity) {
        const want = <i32>Math.ceil((target - this.done) / w);
        if (want < todo) todo = want;
      }
      const from = this.unit;
      const to = from + todo;
      this.runPhase(local, this.phase >= PHASES, from, to);
      this.done += <f64>todo * w;
      if (to == count) {
        this.phase++;
        this.unit = 0;
      } else {
        this.unit = to;
      }
    }
  }

  private runPhase(phase: i32, second: bool, from: i32, to: i32): void {
    const fft = this.fft!;
    const work = second ? this.work1 : this.work0;
    const fdl = second ? this.fdl1 : this.fdl0;
    const newestSpec = fdl + <usize>this.newest * this.specBytes;
    if (phase == PH_LOAD) {
      this.load(second ? this.hist1 : this.hist0, work, from, to);
    } else if (phase == PH_FWD || phase == PH_INV) {
      fft.butterflies(work, from, to);
    } else if (phase == PH_SPLIT) {
      fft.split(work, newestSpec, newestSpec + this.imOffset, from, to);
    } else if (phase == PH_MAC) {
      this.mac(fdl, second ? this.acc1 : this.acc0, second ? this.filt1 : this.filt0, from, to);
    } else if (phase == PH_MERGE) {
      const acc = second ? this.acc1 : this.acc0;
      fft.merge(acc, acc + this.imOffset, work, from, to);
    } else {
      this.store(work, second ? this.out1 : this.out0, from, to);
    }
  }

  /** Pairs [from, to) of the 2P-sample window ending at windowEnd; samples before the last reset read as 0. */
  private load(hist: usize, work: usize, from: i32, to: i32): void {
    const p2 = 2 * this.size;
    const first = (this.windowEnd - <u32>p2) & <u32>(HISTORY - 1);
    const src = hist + (<usize>first << 2); // contiguous: the ring is mirrored
    const fft = this.fft!;
    const zeroBelow = p2 - this.windowValid; // window samples before this index are not real input
    if (zeroBelow <= 2 * from) {
      fft.load(src, work, from, to);
      return;
    }
    // rare (the first periods after a reset): load, then zero the pairs that precede the reset
    fft.load(src, work, from, to);
    fft.zeroPairs(work, from, min(to, (zeroBelow + 1) >> 1), zeroBelow);
  }

  /** Bins [from, to) of Σ_i X_{t−i}·H_i, unit u = i·(P+1) + bin. Partition 0 assigns, the rest accumulate. */
  private mac(fdl: usize, acc: usize, filt: usize, from: i32, to: i32): void {
    const bins = this.size + 1;
    const im = this.imOffset;
    let u = from;
    while (u < to) {
      const i = u / bins;
      const k0 = u - i * bins;
      const k1 = min(bins, k0 + (to - u));
      u += k1 - k0;
      if (i >= this.filled) continue; // that input period predates the reset
      let slot = this.newest - i;
      if (slot < 0) slot += this.parts;
      const x = fdl + <usize>slot * this.specBytes;
      const h = filt + <usize>i * this.specBytes;
      if (i == 0) multiplyBins(x, x + im, h, h + im, acc, acc + im, k0, k1);
      else multiplyAddBins(x, x + im, h, h + im, acc, acc + im, k0, k1);
    }
  }

  /** Complex pairs [from, to) of the valid half: output samples 2u, 2u+1 at windowEnd − P + s, added into the ring. */
  private store(work: usize, out: usize, from: i32, to: i32): void {
    const half = this.size >> 1;
    const base = this.windowEnd - <u32>this.size + <u32>this.start;
    const mask = <u32>(OUT_RING - 1);
    for (let u = from; u < to; u++) {
      const a = work + (<usize>(half + u) << 3);
      const o0 = <usize>((base + <u32>(2 * u)) & mask) << 2;
      const o1 = <usize>((base + <u32>(2 * u + 1)) & mask) << 2;
      store<f32>(out + o0, load<f32>(out + o0) + load<f32>(a));
      store<f32>(out + o1, load<f32>(out + o1) - load<f32>(a, 4)); // the inverse ran on the conjugate
    }
  }
}

/** acc[k] = x[k]·h[k] for bins [k0, k1), split re/im arrays. */
function multiplyBins(xr: usize, xi: usize, hr: usize, hi: usize, ar: usize, ai: usize, k0: i32, k1: i32): void {
  for (let k = k0; k < k1; k++) {
    const o = <usize>k << 2;
    const a = load<f32>(xr + o);
    const b = load<f32>(xi + o);
    const c = load<f32>(hr + o);
    const d = load<f32>(hi + o);
    store<f32>(ar + o, a * c - b * d);
    store<f32>(ai + o, a * d + b * c);
  }
}

/** acc[k] += x[k]·h[k] for bins [k0, k1). */
function multiplyAddBins(xr: usize, xi: usize, hr: usize, hi: usize, ar: usize, ai: usize, k0: i32, k1: i32): void {
  for (let k = k0; k < k1; k++) {
    const o = <usize>k << 2;
    const a = load<f32>(xr + o);
    const b = load<f32>(xi + o);
    const c = load<f32>(hr + o);
    const d = load<f32>(hi + o);
    store<f32>(ar + o, load<f32>(ar + o) + (a * c - b * d));
    store<f32>(ai + o, load<f32>(ai + o) + (a * d + b * c));
  }
}
