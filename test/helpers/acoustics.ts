/**
 * Room-acoustics measurements for the reverb tests: octave-band filtering,
 * Schroeder backward integration and decay time, normalised echo density
 * (Abel & Huang 2006), inter-channel coherence and tail colouration.
 */

/** RBJ band-pass (0 dB peak) coefficients for a band `octaves` wide around fc. */
function bandpass(fs: number, fc: number, octaves: number): number[] {
  const w = (2 * Math.PI * fc) / fs;
  const alpha = Math.sin(w) * Math.sinh(((Math.LN2 / 2) * octaves * w) / Math.sin(w));
  const a0 = 1 + alpha;
  return [alpha / a0, 0, -alpha / a0, (-2 * Math.cos(w)) / a0, (1 - alpha) / a0];
}

function biquad(x: Float64Array, c: number[]): Float64Array {
  const [b0, b1, b2, a1, a2] = c;
  const y = new Float64Array(x.length);
  let z1 = 0;
  let z2 = 0;
  for (let i = 0; i < x.length; i++) {
    const v = b0 * x[i] + z1;
    z1 = b1 * x[i] - a1 * v + z2;
    z2 = b2 * x[i] - a2 * v;
    y[i] = v;
  }
  return y;
}

/**
 * Octave band around fc, filtered in the frequency domain: pass fc/√2 … fc·√2
 * with raised-cosine edges 1/12 octave wide, zero phase. Sharper than the
 * IEC 61260 class-1 skirts, so a neighbouring band that decays more slowly
 * cannot leak in and dominate the late decay.
 */
export function octaveBand(x: Float32Array | Float64Array, fs: number, fc: number): Float64Array {
  let n = 1;
  while (n < x.length) n <<= 1;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let i = 0; i < x.length; i++) re[i] = x[i];
  fft(re, im);
  const lo = fc / Math.SQRT2;
  const hi = fc * Math.SQRT2;
  const edge = 2 ** (1 / 24); // half the edge width, as a ratio
  const gain = (f: number) => {
    const rise = (ratio: number) => (ratio <= 1 / edge ? 0 : ratio >= edge ? 1 : 0.5 - 0.5 * Math.cos((Math.PI * Math.log(ratio * edge)) / Math.log(edge * edge)));
    return f <= 0 ? 0 : rise(f / lo) * rise(hi / f);
  };
  for (let k = 0; k <= n / 2; k++) {
    const g = gain((k * fs) / n);
    re[k] *= g;
    im[k] *= g;
    if (k > 0 && k < n / 2) {
      re[n - k] *= g;
      im[n - k] *= g;
    }
  }
  // inverse by conjugation
  for (let k = 0; k < n; k++) im[k] = -im[k];
  fft(re, im);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = re[i] / n;
  return out;
}

/** Octave band by two cascaded RBJ band-passes (a causal, gentler alternative). */
export function octaveBandIir(x: Float32Array | Float64Array, fs: number, fc: number): Float64Array {
  const c = bandpass(fs, fc, 1);
  return biquad(biquad(Float64Array.from(x), c), c);
}

/** Schroeder energy decay curve, dB re the total energy. */
export function schroeder(y: Float64Array): Float64Array {
  const edc = new Float64Array(y.length);
  let acc = 0;
  for (let i = y.length - 1; i >= 0; i--) {
    acc += y[i] * y[i];
    edc[i] = acc;
  }
  const total = edc[0] || 1;
  for (let i = 0; i < y.length; i++) edc[i] = 10 * Math.log10(edc[i] / total + 1e-300);
  return edc;
}

/** Decay time T60 from the EDC's least-squares slope between `from` and `to` dB (T20 by default). */
export function decayTime(y: Float64Array, fs: number, from = -5, to = -25): number {
  const edc = schroeder(y);
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < edc.length; i++) {
    if (edc[i] > from) continue;
    if (edc[i] < to) break;
    const t = i / fs;
    n++;
    sx += t;
    sy += edc[i];
    sxx += t * t;
    sxy += t * edc[i];
  }
  const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  return -60 / slope;
}

/**
 * Normalised echo density at time t (Abel & Huang, "A simple, robust measure of
 * reverberation echo density", AES 121st Convention, 2006): the Hann-weighted
 * fraction of samples in a 20 ms window lying more than one standard deviation
 * from zero, divided by the Gaussian's erfc(1/√2) = 0.3173. 1 means noise-like.
 */
export function echoDensity(h: Float32Array | Float64Array, fs: number, t: number, windowSeconds = 0.02): number {
  const n = Math.round(windowSeconds * fs);
  const start = Math.max(0, Math.round(t * fs) - (n >> 1));
  let wsum = 0;
  let e = 0;
  for (let i = 0; i < n; i++) {
    const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / n);
    wsum += w;
    e += w * h[start + i] ** 2;
  }
  const sigma = Math.sqrt(e / wsum);
  let outside = 0;
  for (let i = 0; i < n; i++) {
    const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / n);
    if (Math.abs(h[start + i]) > sigma) outside += w;
  }
  return outside / wsum / 0.31731050786291415;
}

/** Largest |normalised cross-correlation| of two signals over lags within ±maxLag samples. */
export function coherence(a: Float32Array | Float64Array, b: Float32Array | Float64Array, maxLag: number): number {
  let ea = 0;
  let eb = 0;
  for (let i = 0; i < a.length; i++) {
    ea += a[i] * a[i];
    eb += b[i] * b[i];
  }
  let best = 0;
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    let s = 0;
    for (let i = Math.max(0, -lag); i < Math.min(a.length, b.length - lag); i++) s += a[i] * b[i + lag];
    best = Math.max(best, Math.abs(s) / Math.sqrt(ea * eb));
  }
  return best;
}

/** In-place radix-2 FFT of re/im (length a power of two). */
function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const a = (-2 * Math.PI) / len;
    for (let i = 0; i < n; i += len) {
      for (let k = 0; k < len / 2; k++) {
        const wr = Math.cos(a * k);
        const wi = Math.sin(a * k);
        const xr = re[i + k + len / 2] * wr - im[i + k + len / 2] * wi;
        const xi = re[i + k + len / 2] * wi + im[i + k + len / 2] * wr;
        re[i + k + len / 2] = re[i + k] - xr;
        im[i + k + len / 2] = im[i + k] - xi;
        re[i + k] += xr;
        im[i + k] += xi;
      }
    }
  }
}

/**
 * Spectral roughness of a segment: the standard deviation (dB) of its
 * magnitude spectrum around a one-third-octave smoothed version, from
 * 200 Hz to 8 kHz. Resonant ("metallic") tails score higher than noise.
 */
export function spectralRoughness(x: Float32Array | Float64Array, fs: number): number {
  let n = 1;
  while (n < x.length) n <<= 1;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let i = 0; i < x.length; i++) re[i] = x[i];
  fft(re, im);
  const bins = n / 2;
  const db = new Float64Array(bins);
  for (let k = 0; k < bins; k++) db[k] = 10 * Math.log10(re[k] ** 2 + im[k] ** 2 + 1e-30);
  const devs: number[] = [];
  for (let k = 1; k < bins; k++) {
    const f = (k * fs) / n;
    if (f < 200 || f > 8000) continue;
    const lo = Math.max(1, Math.round(k / 2 ** (1 / 6)));
    const hi = Math.min(bins - 1, Math.round(k * 2 ** (1 / 6)));
    let m = 0;
    for (let j = lo; j <= hi; j++) m += 10 ** (db[j] / 10);
    devs.push(db[k] - 10 * Math.log10(m / (hi - lo + 1)));
  }
  const mean = devs.reduce((a, b) => a + b, 0) / devs.length;
  return Math.sqrt(devs.reduce((a, b) => a + (b - mean) ** 2, 0) / devs.length);
}
