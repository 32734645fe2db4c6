/**
 * Partition plan for zero-latency convolution: how an impulse response of
 * `frames` taps is cut into a direct-form head and uniform FFT stages of
 * growing partition size.
 *
 *   taps [0, HEAD)                       direct-form FIR (no delay at all)
 *   stage 0: P = GRANULE, from HEAD      n0 partitions, FFT size 2P, computed at every granule
 *   stage i: P_i = 2^e·GRANULE, from s_i n_i partitions, work spread over P_i/GRANULE granules
 *
 * The shape is Gardner's (W. G. Gardner, "Efficient convolution without
 * input-output delay", JAES 43(3), 1995): a direct head and partitions that
 * grow, each block size starting late enough that its FFTs can be computed
 * while earlier, smaller partitions cover the output. Which sizes, and how many
 * partitions of each, is chosen by cost, not by a fixed doubling: for every
 * subset of the allowed sizes the per-granule cost is evaluated and the
 * cheapest taken — the "optimal filter partition" idea of G. García
 * (AES 113th Convention, paper 5660, 2002) and F. Wefers ("Partitioned
 * convolution algorithms for real-time auralization", PhD thesis, RWTH Aachen,
 * 2015), with each size realised as a uniformly partitioned frequency-domain
 * delay line (a "FDL" in Wefers' terms).
 *
 * Timing rule (why s_i ≥ 2·P_i − GRANULE). A stage's period t collects input
 * [tP, (t+1)P). From the boundary (t+1)P its work (forward FFT, complex
 * multiply-accumulate over the partitions, inverse FFT) is spread over the
 * next K = P/GRANULE granules and finishes at the start of granule K−1, i.e.
 * at sample (t+2)P − GRANULE. Its earliest output sample is tP + s, so it is
 * on time when s ≥ 2P − GRANULE. For the first stage (K = 1) that is
 * s ≥ GRANULE = HEAD: computed the instant its block completes.
 *
 * The cost model is in abstract units (≈ ns per operation on the build
 * machine, from scripts/bench-convolver.mjs) and doubles as the scheduling
 * weights that spread each stage's work evenly (fdl-stage.ts).
 */

/** Internal block of the FFT stages, samples (the Web Audio render quantum). */
export const GRANULE: i32 = 128;
export const GRANULE_LOG2: i32 = 7;
/** Direct-form taps; the first FFT stage starts here. */
export const HEAD: i32 = GRANULE;
/** Partition sizes GRANULE << e for e < SIZE_COUNT: 128 … 16384 samples. */
export const SIZE_COUNT: i32 = 8;
export const MAX_PARTITION: i32 = GRANULE << (SIZE_COUNT - 1);
/** Longest impulse response the engine holds, frames per channel (10 s at 48 kHz). */
export const MAX_IR_FRAMES: i32 = 480000;

/** Input history ring, samples (power of two ≥ 3·MAX_PARTITION: a stage reads 2P samples up to P − GRANULE late). */
export const HISTORY: i32 = 65536;
/** Output accumulator ring, samples (power of two): stages write up to s + P ahead of the read position. */
export const OUT_RING: i32 = 131072;

/** Floats of one stored spectrum of partition size p: re then im, p + 1 bins padded to p + 4 (16-byte aligned). */
@inline export function spectrumFloats(p: i32): i32 {
  return 2 * (p + 4);
}

/** Per-channel pool floats a stage needs: its FDL (n spectra), an accumulator spectrum, an FFT work buffer (2P). */
@inline export function stagePoolFloats(p: i32, n: i32): i32 {
  return (n + 1) * spectrumFloats(p) + 2 * p;
}

/** Pool capacity, floats, for both channels: the worst case of MAX_IR_FRAMES (see planPartitions' bound). */
export const POOL_FLOATS: i32 = 2 * 1160000;
/** Prepared-IR slot header, bytes. */
export const SLOT_HEADER_BYTES: i32 = 64;
/** Prepared-IR slot capacity, bytes: header, 2 × HEAD taps, 2 channels of spectra of MAX_IR_FRAMES. */
export const SLOT_BYTES: i32 = SLOT_HEADER_BYTES + 4 * 2048000;

// Cost model (per unit, ≈ ns) — also the work weights of fdl-stage.ts's schedule.
export const COST_LOAD: f64 = 4.0; // pack one complex pair from the history
export const COST_BUTTERFLY: f64 = 1.6;
export const COST_SPLIT: f64 = 2.5; // one bin of split or merge
export const COST_MAC: f64 = 1.4; // one complex multiply-accumulate
export const COST_STORE: f64 = 1.5; // two output samples into the ring
/** Fixed cost of visiting a stage once per granule. */
export const COST_STAGE: f64 = 60.0;

/** A partition plan: `count` FFT stages after the head. */
export class PartitionPlan {
  count: i32 = 0;
  /** partition size P per stage */
  size: StaticArray<i32> = new StaticArray<i32>(SIZE_COUNT);
  /** partitions per stage */
  parts: StaticArray<i32> = new StaticArray<i32>(SIZE_COUNT);
  /** IR offset of each stage's first partition */
  start: StaticArray<i32> = new StaticArray<i32>(SIZE_COUNT);
  /** modelled cost per granule and channel */
  cost: f64 = 0;
  /** scratch for planPartitions' search (module-level arrays would not survive init's allocator reset) */
  trySize: StaticArray<i32> = new StaticArray<i32>(SIZE_COUNT);
  tryParts: StaticArray<i32> = new StaticArray<i32>(SIZE_COUNT);
  tryStart: StaticArray<i32> = new StaticArray<i32>(SIZE_COUNT);

  copyFrom(o: PartitionPlan): void {
    this.count = o.count;
    this.cost = o.cost;
    for (let i = 0; i < SIZE_COUNT; i++) {
      unchecked((this.size[i] = o.size[i]));
      unchecked((this.parts[i] = o.parts[i]));
      unchecked((this.start[i] = o.start[i]));
    }
  }

  /** Pool floats for both channels. */
  poolFloats(): i32 {
    let f = 0;
    for (let i = 0; i < this.count; i++) f += stagePoolFloats(unchecked(this.size[i]), unchecked(this.parts[i]));
    return 2 * f;
  }

  /** Bytes of a prepared slot for `irChannels` (1 or 2). */
  slotBytes(irChannels: i32): i32 {
    let f = HEAD;
    for (let i = 0; i < this.count; i++) f += unchecked(this.parts[i]) * spectrumFloats(unchecked(this.size[i]));
    return SLOT_HEADER_BYTES + 4 * irChannels * f;
  }
}

/** Modelled cost per granule (one channel) of one stage: its whole period's work over its K granules. */
export function stageCost(p: i32, n: i32): f64 {
  const m = <f64>p; // complex FFT size M = P for a real FFT of 2P
  let log2m = 0;
  while (1 << log2m < p) log2m++;
  const butterflies = 0.5 * m * <f64>log2m;
  const work =
    m * COST_LOAD + 2.0 * butterflies * COST_BUTTERFLY + (2.0 * m + 1.0) * COST_SPLIT + <f64>n * (m + 1.0) * COST_MAC + 0.5 * m * COST_STORE;
  return work / <f64>(p >> GRANULE_LOG2) + COST_STAGE;
}

/**
 * The cheapest plan for `frames` taps, into `plan` (its scratch arrays are
 * used for the search, nothing is allocated). Stage 0 is always P = GRANULE
 * from HEAD; every subset of the larger sizes is tried. Each stage keeps just
 * enough partitions (≥ 1) to reach the next stage's earliest start
 * (2·P_next − GRANULE); the last stage covers the rest of the response.
 * Subsets whose larger sizes would get no taps are skipped (the smaller
 * subset is tried on its own), and so are plans that would overflow the
 * rings, the pool or a slot; the all-sizes doubling plan (Gardner's) always
 * fits, so a plan exists for every frames ≤ MAX_IR_FRAMES.
 */
export function planPartitions(frames: i32, plan: PartitionPlan): void {
  plan.count = 0;
  plan.cost = 0;
  if (frames <= HEAD) return;
  const size = plan.trySize;
  const parts = plan.tryParts;
  const start = plan.tryStart;
  let best: f64 = Infinity;
  const optional = SIZE_COUNT - 1;
  for (let mask = 0; mask < 1 << optional; mask++) {
    let count = 1;
    unchecked((size[0] = GRANULE));
    for (let e = 1; e < SIZE_COUNT; e++) if ((mask >> (e - 1)) & 1) unchecked((size[count++] = GRANULE << e));
    let s = HEAD;
    let ok = true;
    for (let i = 0; i < count && ok; i++) {
      const p = unchecked(size[i]);
      let n: i32;
      if (i + 1 < count) {
        n = max(1, (2 * unchecked(size[i + 1]) - GRANULE - s + p - 1) / p);
        if (s + n * p >= frames) ok = false; // the larger sizes would be empty
      } else {
        n = (frames - s + p - 1) / p;
      }
      if (s + p > OUT_RING || 3 * p > HISTORY) ok = false;
      unchecked((parts[i] = n));
      unchecked((start[i] = s));
      s += n * p;
    }
    if (!ok) continue;
    let cost: f64 = 0;
    let pool = 0;
    let slotFloats = HEAD;
    for (let i = 0; i < count; i++) {
      const p = unchecked(size[i]);
      const n = unchecked(parts[i]);
      cost += stageCost(p, n);
      pool += stagePoolFloats(p, n);
      slotFloats += n * spectrumFloats(p);
    }
    if (2 * pool > POOL_FLOATS || SLOT_HEADER_BYTES + 8 * slotFloats > SLOT_BYTES) continue;
    if (cost < best) {
      best = cost;
      plan.count = count;
      plan.cost = cost;
      for (let i = 0; i < SIZE_COUNT; i++) {
        unchecked((plan.size[i] = i < count ? size[i] : 0));
        unchecked((plan.parts[i] = i < count ? parts[i] : 0));
        unchecked((plan.start[i] = i < count ? start[i] : 0));
      }
    }
  }
}
