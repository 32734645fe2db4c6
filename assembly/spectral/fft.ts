/**
 * RealFft: magnitude spectrum of a real frame of N = 2^k samples.
 *
 * A radix-2 complex FFT of size N/2 on the even/odd samples packed as
 * re/im, then the standard split step that separates the two half-size
 * spectra (e.g. Smith, "Mathematics of the DFT", or any DSP text's
 * "two real FFTs for the price of one"). Twiddles and the bit-reversal
 * table are made once in prepare(); process() allocates nothing.
 *
 * The butterflies use WebAssembly SIMD: one f32x4 holds two complex values, so
 * each instruction does two butterflies of a stage. The first stage (twiddle
 * 1) is adds and subtracts only; the others take their twiddles from per-stage
 * tables laid out for the vector multiply (twice as fast as the scalar loop:
 * 2048 points 13.3 → see docs/performance.md).
 *
 *   prepare(n)                 n a power of two ≥ 8
 *   magnitudes(input, output)  input: n f32 (already windowed), output: n/2 + 1 f32
 */
export class RealFft {
  /** transform size N */
  size: i32 = 0;
  /** complex half size M = N/2 */
  private half: i32 = 0;
  /** interleaved re/im work buffer, M complex values */
  private work: StaticArray<f32> = new StaticArray<f32>(0);
  /** e^(−2πik/M), k < M/2, interleaved */
  private twiddle: StaticArray<f32> = new StaticArray<f32>(0);
  /** e^(−2πik/N), k ≤ M/2, for the split step */
  private splitTwiddle: StaticArray<f32> = new StaticArray<f32>(0);
  private bitReverse: StaticArray<i32> = new StaticArray<i32>(0);
  /**
   * Per stage (span 2, 4, … M/2), per pair of butterflies k, k+1: [tr, tr, tr', tr']
   * and [−ti, ti, −ti', ti'], so q·w = q·re + swap(q)·im in two vector multiplies.
   */
  private stageRe: StaticArray<f32> = new StaticArray<f32>(0);
  private stageIm: StaticArray<f32> = new StaticArray<f32>(0);

  prepare(n: i32): void {
    this.size = n;
    const m = n >> 1;
    this.half = m;
    this.work = new StaticArray<f32>(2 * m);
    this.twiddle = new StaticArray<f32>(m);
    for (let k = 0; k < m >> 1; k++) {
      const a = (-2.0 * Math.PI * <f64>k) / <f64>m;
      this.twiddle[2 * k] = <f32>Math.cos(a);
      this.twiddle[2 * k + 1] = <f32>Math.sin(a);
    }
    this.splitTwiddle = new StaticArray<f32>(2 * (m + 1));
    for (let k = 0; k <= m; k++) {
      const a = (-2.0 * Math.PI * <f64>k) / <f64>n;
      this.splitTwiddle[2 * k] = <f32>Math.cos(a);
      this.splitTwiddle[2 * k + 1] = <f32>Math.sin(a);
    }
    // stage tables: spans 2 … m/2 hold span/2 pairs each, m − 2 pairs in all
    const pairs = max<i32>(1, m - 2);
    this.stageRe = new StaticArray<f32>(4 * pairs);
    this.stageIm = new StaticArray<f32>(4 * pairs);
    let o = 0;
    for (let span = 2; span < m; span <<= 1) {
      for (let k = 0; k < span; k += 2) {
        for (let j = 0; j < 2; j++) {
          const a = (-Math.PI * <f64>(k + j)) / <f64>span;
          const c = <f32>Math.cos(a);
          const si = <f32>Math.sin(a);
          this.stageRe[o + 2 * j] = c;
          this.stageRe[o + 2 * j + 1] = c;
          this.stageIm[o + 2 * j] = -si;
          this.stageIm[o + 2 * j + 1] = si;
        }
        o += 4;
      }
    }
    this.bitReverse = new StaticArray<i32>(m);
    let bits = 0;
    while (1 << bits < m) bits++;
    for (let i = 0; i < m; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.bitReverse[i] = r;
    }
  }

  /** |X[k]| for k = 0 … N/2 of the real frame `input` (N samples). */
  magnitudes(input: StaticArray<f32>, output: StaticArray<f32>): void {
    const m = this.half;
    const w = this.work;
    // pack x[2n] + i·x[2n+1] in bit-reversed order
    for (let i = 0; i < m; i++) {
      const r = unchecked(this.bitReverse[i]);
      unchecked((w[2 * r] = input[2 * i]));
      unchecked((w[2 * r + 1] = input[2 * i + 1]));
    }
    if (ASC_FEATURE_SIMD) this.transform();
    else this.transformScalar();
    // split: X[k] = E[k] + W^k·O[k], with E, O the spectra of the even and odd samples
    const st = this.splitTwiddle;
    for (let k = 0; k <= m; k++) {
      const kk = k == m ? 0 : k;
      const mk = k == 0 ? 0 : m - k;
      const a = unchecked(w[2 * kk]);
      const b = unchecked(w[2 * kk + 1]);
      const c = unchecked(w[2 * mk]);
      const d = unchecked(w[2 * mk + 1]);
      const er: f32 = 0.5 * (a + c);
      const ei: f32 = 0.5 * (b - d);
      const or: f32 = 0.5 * (b + d);
      const oi: f32 = -0.5 * (a - c);
      const cr = unchecked(st[2 * k]);
      const ci = unchecked(st[2 * k + 1]);
      const xr = er + cr * or - ci * oi;
      const xi = ei + cr * oi + ci * or;
      unchecked((output[k] = Mathf.sqrt(xr * xr + xi * xi)));
    }
  }

  /** In-place iterative radix-2 decimation-in-time on the bit-reversed work buffer (m ≥ 4). */
  private transform(): void {
    const m = this.half;
    const w = changetype<usize>(this.work);
    // span 1: twiddle 1, [a, b] → [a + b, a − b] within each vector
    const sign = f32x4(1, 1, -1, -1);
    for (let p: usize = 0; p < <usize>m; p += 2) {
      const at = w + (p << 3);
      const v = v128.load(at);
      const lo = v128.shuffle<f32>(v, v, 0, 1, 0, 1);
      const hi = v128.shuffle<f32>(v, v, 2, 3, 2, 3);
      v128.store(at, f32x4.add(lo, f32x4.mul(hi, sign)));
    }
    // spans 2 … m/2: two butterflies per vector
    const re = changetype<usize>(this.stageRe);
    const im = changetype<usize>(this.stageIm);
    let table: usize = 0;
    for (let span = 2; span < m; span <<= 1) {
      const gap = <usize>span << 3; // bytes from p to q
      for (let start = 0; start < m; start += span << 1) {
        const base = w + (<usize>start << 3);
        let t = table;
        for (let k = 0; k < span; k += 2) {
          const pAt = base + (<usize>k << 3);
          const q = v128.load(pAt + gap);
          const x = f32x4.add(f32x4.mul(q, v128.load(re + t)), f32x4.mul(v128.shuffle<f32>(q, q, 1, 0, 3, 2), v128.load(im + t)));
          const pv = v128.load(pAt);
          v128.store(pAt, f32x4.add(pv, x));
          v128.store(pAt + gap, f32x4.sub(pv, x));
          t += 16;
        }
      }
      table += <usize>span << 3; // span/2 pairs × 16 bytes
    }
  }

  /** The same butterflies one at a time, for engine-scalar.wasm (browsers without wasm SIMD); bit-identical results. */
  private transformScalar(): void {
    const m = this.half;
    const w = this.work;
    const tw = this.twiddle;
    for (let span = 1; span < m; span <<= 1) {
      const step = m / (span << 1);
      for (let start = 0; start < m; start += span << 1) {
        for (let k = 0; k < span; k++) {
          const tr = unchecked(tw[2 * k * step]);
          const ti = unchecked(tw[2 * k * step + 1]);
          const p = 2 * (start + k);
          const q = p + 2 * span;
          const qr = unchecked(w[q]);
          const qi = unchecked(w[q + 1]);
          const xr = qr * tr + qi * -ti;
          const xi = qi * tr + qr * ti;
          const pr = unchecked(w[p]);
          const pi = unchecked(w[p + 1]);
          unchecked((w[q] = pr - xr));
          unchecked((w[q + 1] = pi - xi));
          unchecked((w[p] = pr + xr));
          unchecked((w[p + 1] = pi + xi));
        }
      }
    }
  }
}
