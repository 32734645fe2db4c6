/**
 * SpectralPeaks: the sinusoidal peaks of the last `window` seconds of a signal
 * (already decimated to a few kHz), as (frequency, amplitude) pairs.
 *
 * Hann window, zero-padded FFT, local maxima refined by a parabola through the
 * log magnitudes of the peak bin and its neighbours (Smith & Serra's PARSHL,
 * 1987: the usual quadratic interpolation of spectral peaks), which locates a
 * Hann-windowed sinusoid to a few cents even when the bins are several Hz apart.
 * A peak counts only if it stands PROMINENCE above the geometric mean magnitude
 * of its neighbourhood (± 2 semitones, main lobe excluded): a note's partial does,
 * the broadband spectrum of a drum or of noise does not.
 *
 *   prepare(rate, windowSeconds, loHz, hiHz); push(x) per sample; analyze(); peakHz/peakAmp[0 … peakCount)
 */
import { RealFft } from '../spectral/fft';

/** The most peaks one frame keeps (the strongest win). */
export const MAX_PEAKS: i32 = 40;
/** A peak must exceed its neighbourhood's mean magnitude by this factor (≈ 10 dB). */
const PROMINENCE: f32 = 2.0;
const LOG_PROMINENCE: f32 = Mathf.log(PROMINENCE);
/** … and be within this range of the frame's strongest peak (dB). */
const RANGE_DB: f32 = 50.0;
/** The neighbourhood reaches at least this many bins beyond the main lobe. */
const MIN_SKIRT: i32 = 4;
/**
 * Fraction of the window after its peak. A symmetric Hann window (0.5) reports a
 * change half a window late; a short fall moves the window's weight toward the
 * newest samples (centre of mass 0.36 of the window from its end at 0.15) with
 * the same main-lobe width, the trade low-latency analysers make.
 */
const FALL: f64 = 0.08;
const NEIGHBOURHOOD_RATIO: f64 = 1.122462; // 2^(2/12)

export class SpectralPeaks {
  rate: f32 = 12000;
  /** window length, samples; the FFT is the next power of two */
  windowLength: i32 = 0;
  size: i32 = 0;
  peakHz: StaticArray<f32> = new StaticArray<f32>(MAX_PEAKS);
  peakAmp: StaticArray<f32> = new StaticArray<f32>(MAX_PEAKS);
  peakCount: i32 = 0;
  /** RMS of the last analysed window */
  level: f32 = 0;
  /**
   * The window's centre of mass, seconds before its end: a change of a partial's
   * amplitude shows in the peaks this late (the window's group delay for envelopes).
   */
  delay: f32 = 0;

  private fft: RealFft = new RealFft();
  private ring: StaticArray<f32> = new StaticArray<f32>(0);
  private ringPos: i32 = 0;
  private window: StaticArray<f32> = new StaticArray<f32>(0);
  private frame: StaticArray<f32> = new StaticArray<f32>(0);
  private mags: StaticArray<f32> = new StaticArray<f32>(0);
  /** prefix sums of mags, for neighbourhood means in O(1) */
  private cumulative: StaticArray<f32> = new StaticArray<f32>(0);
  private halfWidth: StaticArray<i32> = new StaticArray<i32>(0);
  /** main-lobe half-width, bins (a window of w samples in an n-point FFT: 2n/w) */
  private lobe: i32 = 2;
  private loBin: i32 = 1;
  private hiBin: i32 = 1;
  /** the highest bin any peak's neighbourhood reaches */
  private lastBin: i32 = 1;
  private binHz: f32 = 1;
  private magScale: f32 = 1;

  prepare(rate: f32, windowSeconds: f32, loHz: f32, hiHz: f32): void {
    this.rate = rate;
    const w = max<i32>(16, <i32>Mathf.round(windowSeconds * rate));
    this.windowLength = w;
    let n = 16;
    while (n < w) n <<= 1;
    this.size = n;
    this.fft.prepare(n);
    this.ring = new StaticArray<f32>(w);
    this.frame = new StaticArray<f32>(n);
    this.window = new StaticArray<f32>(w);
    // asymmetric: a long sin² rise and a short cos² fall, peaking FALL of the way from the end
    const rise = Math.max(1.0, Math.round((1.0 - FALL) * <f64>w));
    const fall = Math.max(1.0, <f64>w - rise);
    let sum: f64 = 0;
    let moment: f64 = 0;
    for (let i = 0; i < w; i++) {
      const x = <f64>i + 0.5;
      const v = x < rise ? Math.pow(Math.sin((Math.PI * x) / (2.0 * rise)), 2.0) : Math.pow(Math.cos((Math.PI * (x - rise)) / (2.0 * fall)), 2.0);
      this.window[i] = <f32>v;
      sum += v;
      moment += v * (<f64>w - x);
    }
    this.magScale = <f32>(2.0 / sum);
    this.delay = <f32>(moment / sum / <f64>rate);
    const bins = n / 2 + 1;
    this.mags = new StaticArray<f32>(bins);
    this.cumulative = new StaticArray<f32>(bins + 1);
    this.halfWidth = new StaticArray<i32>(bins);
    this.binHz = rate / <f32>n;
    this.lobe = <i32>Mathf.ceil((2.0 * <f32>n) / <f32>w);
    for (let k = 0; k < bins; k++) {
      const f = <f64>k * <f64>this.binHz;
      this.halfWidth[k] = max<i32>(this.lobe + MIN_SKIRT, <i32>Math.round((f * (NEIGHBOURHOOD_RATIO - 1.0)) / <f64>this.binHz));
    }
    this.loBin = max<i32>(2, <i32>Mathf.floor(loHz / this.binHz));
    this.hiBin = min<i32>(bins - 3, <i32>Mathf.ceil(min<f32>(hiHz, 0.45 * rate) / this.binHz));
    this.lastBin = min<i32>(bins - 1, this.hiBin + this.halfWidth[this.hiBin]);
    this.reset();
  }

  reset(): void {
    this.ring.fill(0);
    this.ringPos = 0;
    this.peakCount = 0;
    this.level = 0;
  }

  @inline push(x: f32): void {
    unchecked((this.ring[this.ringPos] = x));
    if (++this.ringPos == this.windowLength) this.ringPos = 0;
  }

  /** Peaks of the window ending at the newest sample. */
  analyze(): void {
    const w = this.windowLength;
    let pos = this.ringPos; // oldest
    let energy: f32 = 0;
    for (let i = 0; i < w; i++) {
      const x = unchecked(this.ring[pos]);
      if (++pos == w) pos = 0;
      energy += x * x;
      unchecked((this.frame[i] = x * unchecked(this.window[i])));
    }
    for (let i = w; i < this.size; i++) unchecked((this.frame[i] = 0));
    this.level = Mathf.sqrt(energy / <f32>w);
    this.peakCount = 0;
    if (energy <= 0) return;
    this.fft.magnitudes(this.frame, this.mags);
    const mags = this.mags;
    const cum = this.cumulative;
    const bins = this.size / 2 + 1;
    // prefix sums of log magnitude, as far as any neighbourhood reaches
    const last = this.lastBin;
    let acc: f32 = 0;
    unchecked((cum[0] = 0));
    for (let k = 0; k <= last; k++) {
      acc += Mathf.log(unchecked(mags[k]) + 1e-12);
      unchecked((cum[k + 1] = acc));
    }
    let strongest: f32 = 0;
    for (let k = this.loBin; k <= this.hiBin; k++) {
      const m = unchecked(mags[k]);
      if (m <= unchecked(mags[k - 1]) || m < unchecked(mags[k + 1])) continue;
      // geometric mean of the neighbourhood's two skirts, the peak's own main lobe
      // left out: a strong neighbour (a note a tone away) barely raises it
      const hw = unchecked(this.halfWidth[k]);
      const a = max<i32>(0, k - hw);
      const b = min<i32>(last, k + hw);
      const la = max<i32>(a, k - this.lobe);
      const lb = min<i32>(b, k + this.lobe);
      const count = (la - a) + (b - lb);
      if (count > 0) {
        const meanLog = (unchecked(cum[la]) - unchecked(cum[a]) + unchecked(cum[b + 1]) - unchecked(cum[lb + 1])) / <f32>count;
        if (Mathf.log(m + 1e-12) < LOG_PROMINENCE + meanLog) continue;
      }
      // quadratic interpolation on log magnitudes
      const l = Mathf.log(unchecked(mags[k - 1]) + 1e-20);
      const c = Mathf.log(m + 1e-20);
      const r = Mathf.log(unchecked(mags[k + 1]) + 1e-20);
      const den = l - 2.0 * c + r;
      const p: f32 = den < 0 ? (0.5 * (l - r)) / den : 0;
      const amp = Mathf.exp(c - 0.25 * (l - r) * p) * this.magScale;
      this.keep((<f32>k + p) * this.binHz, amp);
      if (amp > strongest) strongest = amp;
    }
    // drop what is too far below the strongest
    const floor = strongest * Mathf.pow(10.0, -RANGE_DB / 20.0);
    let j = 0;
    for (let i = 0; i < this.peakCount; i++) {
      if (unchecked(this.peakAmp[i]) < floor) continue;
      unchecked((this.peakHz[j] = this.peakHz[i]));
      unchecked((this.peakAmp[j] = this.peakAmp[i]));
      j++;
    }
    this.peakCount = j;
  }

  /** Add a peak; when full, it replaces the weakest if it is stronger. */
  private keep(hz: f32, amp: f32): void {
    if (this.peakCount < MAX_PEAKS) {
      unchecked((this.peakHz[this.peakCount] = hz));
      unchecked((this.peakAmp[this.peakCount] = amp));
      this.peakCount++;
      return;
    }
    let weakest = 0;
    for (let i = 1; i < MAX_PEAKS; i++) if (unchecked(this.peakAmp[i]) < unchecked(this.peakAmp[weakest])) weakest = i;
    if (amp > unchecked(this.peakAmp[weakest])) {
      unchecked((this.peakHz[weakest] = hz));
      unchecked((this.peakAmp[weakest] = amp));
    }
  }
}
