// Sample-rate conversion for the voice-activity peers, which only accept 16 kHz.
//
// A polyphase windowed-sinc resampler. For rates inRate → outRate with
// g = gcd(inRate, outRate), output sample n lies at input position
//     t = n · M / L   (L = outRate / g, M = inRate / g),
// i.e. at integer sample i = floor(t) plus one of L fractional phases p / L.
// Each output sample is the input convolved with a low-pass kernel centred on t:
//     h(u) = 2·fc · sinc(2·fc·u) · kaiser(u / W),  |u| < W  (u in input samples)
// with the cut-off fc (in cycles per input sample) just under the lower of the
// two Nyquist frequencies, so that downsampling does not alias. The kernel for
// every phase is tabulated once per rate pair (L rows of 2·W taps), each row
// scaled to unit sum so DC passes exactly; a conversion is then one dot product
// of 2·W taps per output sample.
//
// Defaults, and what they give for 44.1 kHz → 16 kHz (measured by self-check.mjs):
// cut-off 0.92 × 8 kHz = 7.36 kHz (−6 dB), kernel reaching 24 output samples
// (66 input samples, 134 taps) either side of its centre, Kaiser β = 8: flat to
// 6.5 kHz, −1 dB at 7 kHz, and everything from 8 kHz up (what would alias) below
// −75 dB. It costs 2.2–2.7 ms per second of 44.1 kHz audio in Node on a 2-core
// machine, inside the VAD peers' timed analyze().
//
// The kernel is symmetric, so output sample n depends on input up to
// W input samples after t: a live resampler would hold it back by `delaySeconds`.
// The VAD adapters add that to their frame stamps so the times stay causal.
//
// Rate pairs whose L exceeds MAX_PHASES (unusual rates sharing no large common
// factor) compute each output sample's kernel directly instead of from the table.

const MAX_PHASES = 4096;

/** Zeroth-order modified Bessel function of the first kind (power series), for the Kaiser window. */
function besselI0(x) {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 64; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
}

const gcd = (a, b) => (b ? gcd(b, a % b) : a);

/**
 * A resampler for one pair of rates.
 * @param {number} inRate Hz (integer)
 * @param {number} outRate Hz (integer)
 * @param {{zeroCrossings?: number, rolloff?: number, beta?: number}} [options]
 *   zeroCrossings: kernel half-width in samples of the lower rate (default 24);
 *   rolloff: cut-off as a fraction of the lower Nyquist frequency (default 0.92);
 *   beta: Kaiser window parameter (default 8)
 * @returns {{inRate: number, outRate: number, delaySeconds: number, taps: number,
 *            process(x: Float32Array): Float32Array}}
 */
export function createResampler(inRate, outRate, { zeroCrossings = 24, rolloff = 0.92, beta = 8 } = {}) {
  if (!(Number.isInteger(inRate) && Number.isInteger(outRate) && inRate > 0 && outRate > 0)) {
    throw new Error(`resampler: rates must be positive integers (got ${inRate} → ${outRate})`);
  }
  if (inRate === outRate) {
    return { inRate, outRate, delaySeconds: 0, taps: 1, process: (x) => x };
  }
  const g = gcd(inRate, outRate);
  const L = outRate / g;
  const M = inRate / g;
  const ratio = outRate / inRate;
  // cut-off in cycles per input sample: below the output's Nyquist when downsampling, the input's when upsampling
  const fc = 0.5 * rolloff * Math.min(1, ratio);
  // half-width in input samples: `zeroCrossings` periods of the lower rate
  const W = zeroCrossings * Math.max(1, 1 / ratio);
  const half = Math.ceil(W); // taps at offsets k = -half+1 … half around floor(t)
  const width = 2 * half;
  const i0beta = besselI0(beta);

  /** h at distance u (input samples) from the output position. */
  const kernel = (u) => {
    if (Math.abs(u) >= W) return 0;
    const r = u / W;
    const win = besselI0(beta * Math.sqrt(1 - r * r)) / i0beta;
    const a = 2 * fc * u;
    const sinc = a === 0 ? 1 : Math.sin(Math.PI * a) / (Math.PI * a);
    return 2 * fc * sinc * win;
  };

  /** The taps for fractional offset f (0 ≤ f < 1): weights of x[i - half + 1 + j], j = 0 … width-1. */
  const row = (f, out) => {
    let sum = 0;
    for (let j = 0; j < width; j++) {
      const k = j - half + 1;
      const v = kernel(f - k);
      out[j] = v;
      sum += v;
    }
    for (let j = 0; j < width; j++) out[j] /= sum;
    return out;
  };

  const table = L <= MAX_PHASES ? new Float32Array(L * width) : null;
  if (table) for (let p = 0; p < L; p++) row(p / L, table.subarray(p * width, (p + 1) * width));

  /**
   * Convert a whole signal (zero outside it).
   * @param {Float32Array} x input at inRate
   * @returns {Float32Array} output at outRate, ceil(x.length · outRate / inRate) samples
   */
  function process(x) {
    const n = Math.ceil((x.length * L) / M);
    const y = new Float32Array(n);
    const scratch = table ? null : new Float32Array(width);
    const last = x.length - 1;
    for (let o = 0; o < n; o++) {
      // exact integer arithmetic for the position: o·M = i·L + p
      const num = o * M;
      const i = Math.floor(num / L);
      const p = num - i * L;
      const taps = table ? table.subarray(p * width, (p + 1) * width) : row(p / L, scratch);
      const start = i - half + 1;
      let acc = 0;
      if (start >= 0 && start + width - 1 <= last) {
        for (let j = 0; j < width; j++) acc += taps[j] * x[start + j];
      } else {
        for (let j = 0; j < width; j++) {
          const s = start + j;
          if (s >= 0 && s <= last) acc += taps[j] * x[s];
        }
      }
      y[o] = acc;
    }
    return y;
  }

  return { inRate, outRate, delaySeconds: W / inRate, taps: width, process };
}

const cache = new Map();

/**
 * Resample a signal to `outRate`, reusing the tables for a rate pair already seen.
 * @param {Float32Array} x
 * @param {number} inRate
 * @param {number} outRate
 * @returns {{samples: Float32Array, delaySeconds: number}}
 */
export function resampleTo(x, inRate, outRate) {
  const key = `${inRate}>${outRate}`;
  let r = cache.get(key);
  if (!r) cache.set(key, (r = createResampler(inRate, outRate)));
  return { samples: r.process(x), delaySeconds: r.delaySeconds };
}
