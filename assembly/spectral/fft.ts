/**
 * RealFft: magnitude spectrum of a real frame of N = 2^k samples.
 *
 * A radix-2 complex FFT of size N/2 on the even/odd samples packed as
 * re/im, then the standard split step that separates the two half-size
 * spectra (e.g. Smith, "Mathematics of the DFT", or any DSP text's
 * "two real FFTs for the price of one"). Twiddles and the bit-reversal
 * table are made once in prepare(); process() allocates nothing.
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
    this.transform();
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

  /** In-place iterative radix-2 decimation-in-time on the bit-reversed work buffer. */
  private transform(): void {
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
          const xr = qr * tr - qi * ti;
          const xi = qr * ti + qi * tr;
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
