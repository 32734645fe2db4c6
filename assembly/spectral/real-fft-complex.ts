/**
 * ComplexRealFft: the complex spectrum of a real frame of N = 2^k samples, and
 * the inverse, in pieces that can be spread over several audio blocks.
 *
 * The N real samples are packed as N/2 complex values z[j] = x[2j] + i·x[2j+1],
 * transformed by an in-place iterative radix-2 decimation-in-time FFT of size
 * M = N/2, and split into the N/2 + 1 bins of the real spectrum:
 *
 *   E[k] = (Z[k] + Z*[M−k]) / 2,  O[k] = (Z[k] − Z*[M−k]) / 2i,  X[k] = E[k] + W_N^k·O[k]
 *
 * (the "two real FFTs for the price of one" split; e.g. J. O. Smith,
 * "Mathematics of the DFT", or Sorensen et al., "Real-valued fast Fourier
 * transform algorithms", IEEE Trans. ASSP 35(6), 1987). The inverse runs the
 * same steps backwards: merge (E + iO from X[k] and X*[M−k]), the same forward
 * FFT on the conjugate (IFFT(Z) = conj(FFT(conj Z)) / M), then unpack.
 *
 * Every step is a range function over a numbered set of units (samples, bins,
 * butterflies), so a caller can run a transform in slices across audio blocks
 * (assembly/reverb/fdl-stage.ts does, to keep big FFTs from spiking one block):
 *
 *   load(src, work, from, to)          units j < M:  z[j] → work[bitrev j]            (N reals in)
 *   butterflies(work, from, to)        units < butterflyCount: log2 M passes × M/2
 *   split(work, re, im, from, to)      units k ≤ M:  X[k] → re[k], im[k]               (M+1 bins out)
 *   merge(re, im, work, from, to)      units k < M:  conj(2·Z[k]) → work[bitrev k]
 *   butterflies(work, …)               again, then sample 2j = work[2j], 2j+1 = −work[2j+1]
 *
 * The inverse is not normalised: it returns N·x. Callers fold 1/N into one of
 * the spectra (the convolver scales the impulse response's).
 *
 * Twiddles are computed in f64 and stored as f32 (their error sets the
 * transform's noise floor, far below −120 dB here). Tables are allocated in
 * prepare(); nothing else allocates. Buffers are raw linear-memory pointers to
 * f32: `work` holds M interleaved complex values (2M floats).
 *
 *   const fft = new ComplexRealFft(); fft.prepare(1024);
 *   fft.forward(frame, re, im);        // re, im: 513 floats each
 *   fft.inverse(re, im, work, frame);  // frame = 1024·original
 */
export class ComplexRealFft {
  /** real transform size N */
  size: i32 = 0;
  /** complex size M = N/2 */
  half: i32 = 0;
  /** log2 M, the number of butterfly passes */
  passes: i32 = 0;
  /** M/2 · log2 M: the units of butterflies() */
  butterflyCount: i32 = 0;
  /** e^(−2πit/M), t < M/2, interleaved re/im */
  private twiddle: usize = 0;
  /** e^(−2πik/N), k ≤ M, interleaved re/im, for the split and merge */
  private splitTwiddle: usize = 0;
  /** bit reversal of log2 M bits, as i32 */
  private bitrev: usize = 0;

  /** Allocate the tables for a real transform of n = 2^k ≥ 8 samples. */
  prepare(n: i32): void {
    const m = n >> 1;
    this.size = n;
    this.half = m;
    let bits = 0;
    while (1 << bits < m) bits++;
    this.passes = bits;
    this.butterflyCount = (m >> 1) * bits;
    this.twiddle = heap.alloc(<usize>m << 2);
    for (let t = 0; t < m >> 1; t++) {
      const a = (-2.0 * Math.PI * <f64>t) / <f64>m;
      store<f32>(this.twiddle + (<usize>t << 3), <f32>Math.cos(a));
      store<f32>(this.twiddle + (<usize>t << 3) + 4, <f32>Math.sin(a));
    }
    this.splitTwiddle = heap.alloc(<usize>(m + 1) << 3);
    for (let k = 0; k <= m; k++) {
      const a = (-2.0 * Math.PI * <f64>k) / <f64>n;
      store<f32>(this.splitTwiddle + (<usize>k << 3), <f32>Math.cos(a));
      store<f32>(this.splitTwiddle + (<usize>k << 3) + 4, <f32>Math.sin(a));
    }
    this.bitrev = heap.alloc(<usize>m << 2);
    for (let i = 0; i < m; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      store<i32>(this.bitrev + (<usize>i << 2), r);
    }
  }

  /** Pack reals src[2j], src[2j+1] for j in [from, to) into work, bit-reversed. */
  load(src: usize, work: usize, from: i32, to: i32): void {
    const br = this.bitrev;
    for (let j = from; j < to; j++) {
      const r = <usize>load<i32>(br + (<usize>j << 2));
      store<u64>(work + (r << 3), load<u64>(src + (<usize>j << 3))); // both floats of the pair at once
    }
  }

  /** After load(): zero the packed samples with index < limit among pairs [from, to). */
  zeroPairs(work: usize, from: i32, to: i32, limit: i32): void {
    const br = this.bitrev;
    for (let j = from; j < to; j++) {
      const a = work + (<usize>load<i32>(br + (<usize>j << 2)) << 3);
      if (2 * j < limit) store<f32>(a, 0);
      if (2 * j + 1 < limit) store<f32>(a, 0, 4);
    }
  }

  /**
   * Butterflies number `from` … `to` − 1 of the whole transform: pass p = u / (M/2)
   * does butterfly j = u mod (M/2) at group j >> p, offset j & (2^p − 1).
   */
  butterflies(work: usize, from: i32, to: i32): void {
    const quarter = this.half >> 1;
    let u = from;
    while (u < to) {
      const p = u / quarter;
      const j0 = u - p * quarter;
      const j1 = min(quarter, j0 + (to - u));
      if (p == 0) this.passOne(work, j0, j1);
      else this.pass(work, p, j0, j1);
      u += j1 - j0;
    }
  }

  /** Pass 0: span 1, twiddle 1. */
  private passOne(work: usize, j0: i32, j1: i32): void {
    for (let j = j0; j < j1; j++) {
      const a = work + (<usize>j << 4);
      const pr = load<f32>(a);
      const pi = load<f32>(a, 4);
      const qr = load<f32>(a, 8);
      const qi = load<f32>(a, 12);
      store<f32>(a, pr + qr);
      store<f32>(a, pi + qi, 4);
      store<f32>(a, pr - qr, 8);
      store<f32>(a, pi - qi, 12);
    }
  }

  /** Butterflies j0 … j1 − 1 of pass p ≥ 1 (span 2^p). */
  private pass(work: usize, p: i32, j0: i32, j1: i32): void {
    const span = 1 << p;
    const mask = span - 1;
    const shift = this.passes - 1 - p; // twiddle index = k · M / (2·span)
    const tw = this.twiddle;
    let j = j0;
    while (j < j1) {
      const k0 = j & mask;
      const k1 = min(span, k0 + (j1 - j));
      const group = work + (<usize>((j >> p) << (p + 1)) << 3);
      const spanBytes = <usize>span << 3;
      for (let k = k0; k < k1; k++) {
        const t = tw + (<usize>(k << shift) << 3);
        const tr = load<f32>(t);
        const ti = load<f32>(t, 4);
        const a = group + (<usize>k << 3);
        const b = a + spanBytes;
        const qr = load<f32>(b);
        const qi = load<f32>(b, 4);
        const xr = qr * tr - qi * ti;
        const xi = qr * ti + qi * tr;
        const pr = load<f32>(a);
        const pi = load<f32>(a, 4);
        store<f32>(b, pr - xr);
        store<f32>(b, pi - xi, 4);
        store<f32>(a, pr + xr);
        store<f32>(a, pi + xi, 4);
      }
      j += k1 - k0;
    }
  }

  /** Bins k in [from, to) ⊂ [0, M] of the real spectrum, from the transformed work buffer. */
  split(work: usize, re: usize, im: usize, from: i32, to: i32): void {
    const m = this.half;
    const st = this.splitTwiddle;
    for (let k = from; k < to; k++) {
      const zk = work + (<usize>(k == m ? 0 : k) << 3);
      const zm = work + (<usize>(k == 0 ? 0 : m - k) << 3);
      const a = load<f32>(zk);
      const b = load<f32>(zk, 4);
      const c = load<f32>(zm);
      const d = load<f32>(zm, 4);
      const er: f32 = 0.5 * (a + c);
      const ei: f32 = 0.5 * (b - d);
      const or: f32 = 0.5 * (b + d);
      const oi: f32 = -0.5 * (a - c);
      const w = st + (<usize>k << 3);
      const cr = load<f32>(w);
      const ci = load<f32>(w, 4);
      store<f32>(re + (<usize>k << 2), er + cr * or - ci * oi);
      store<f32>(im + (<usize>k << 2), ei + cr * oi + ci * or);
    }
  }

  /** conj(2·Z[k]) for k in [from, to) ⊂ [0, M), from spectrum bins re/im (M + 1 of them), into work bit-reversed. */
  merge(re: usize, im: usize, work: usize, from: i32, to: i32): void {
    const m = this.half;
    const st = this.splitTwiddle;
    const br = this.bitrev;
    for (let k = from; k < to; k++) {
      const xr = load<f32>(re + (<usize>k << 2));
      const xi = load<f32>(im + (<usize>k << 2));
      const yr = load<f32>(re + (<usize>(m - k) << 2));
      const yi = load<f32>(im + (<usize>(m - k) << 2));
      // 2E = X[k] + X*[M−k], D = X[k] − X*[M−k], 2O = D·W^−k
      const er = xr + yr;
      const ei = xi - yi;
      const dr = xr - yr;
      const di = xi + yi;
      const w = st + (<usize>k << 3);
      const cr = load<f32>(w);
      const ci = load<f32>(w, 4);
      const or = dr * cr + di * ci;
      const oi = di * cr - dr * ci;
      // Z = E + i·O; store its conjugate
      const r = <usize>load<i32>(br + (<usize>k << 2));
      store<f32>(work + (r << 3), er - oi);
      store<f32>(work + (r << 3), -(ei + or), 4);
    }
  }

  /** The whole forward transform: N reals at src → M + 1 bins in re, im. `work` (2M floats) is scratch. */
  forwardWith(src: usize, work: usize, re: usize, im: usize): void {
    this.load(src, work, 0, this.half);
    this.butterflies(work, 0, this.butterflyCount);
    this.split(work, re, im, 0, this.half + 1);
  }

  /** The whole inverse: M + 1 bins → N·x at dst (N reals). `work` (2M floats) is scratch. */
  inverse(re: usize, im: usize, work: usize, dst: usize): void {
    const m = this.half;
    this.merge(re, im, work, 0, m);
    this.butterflies(work, 0, this.butterflyCount);
    for (let j = 0; j < m; j++) {
      const a = work + (<usize>j << 3);
      store<f32>(dst + (<usize>j << 3), load<f32>(a));
      store<f32>(dst + (<usize>j << 3) + 4, -load<f32>(a, 4));
    }
  }
}
