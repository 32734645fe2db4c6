/**
 * SpectralFluxOnset: a log-compressed, multi-band spectral flux novelty
 * function at a fixed frame rate, whatever the sample rate.
 *
 * The frame rate (ODF_FRAME_RATE) is fixed and the hop, window and FFT size
 * are derived from the sample rate at prepare(), so the tracker downstream sees
 * the same time grid at 22.05, 48 or 96 kHz. Per frame: Hann window, magnitude
 * spectrum, magnitudes summed into semitone bands from 30 Hz (where semitones
 * are narrower than a bin, each bin is a band), compressed with log(1 + γ·E)
 * (Klapuri 1999), and the positive differences against the previous frame's
 * maximum over ±1 band summed: SuperFlux (Böck & Widmer 2013), whose maximum
 * filter keeps vibrato and glides within a semitone from reading as onsets,
 * while the fine bands let a soft note change count. The log-spaced layout
 * makes a kick's low thump and a hi-hat's hiss count comparably.
 *
 * Usage: push samples with write(); when frameReady() is true, call compute()
 * once, then read `flux` and `level` (frame RMS).
 */
import { RealFft } from '../spectral/fft';

/** Novelty frames per second (10 ms hops). */
export const ODF_FRAME_RATE: f64 = 100.0;
/** Analysis window, seconds (≈ 2048 samples at 44.1 kHz); the FFT size is the next power of two. */
const WINDOW_SECONDS: f64 = 0.04;
/** Lowest band edge, Hz; semitone bands above it. */
const LOWEST_HZ: f64 = 30.0;
const BANDS_PER_OCTAVE: f64 = 12.0;
/** Radius, in bands, of the maximum filter over the reference frame (SuperFlux; 0 = plain flux). */
const MAX_FILTER_BANDS: i32 = 1;
/** Highest analysed frequency, Hz (and never above 0.48·fs). */
const HIGHEST_HZ: f64 = 16000.0;
/** Log compression strength on amplitude-normalised band magnitudes. */
const COMPRESSION: f32 = 1000.0;

export class SpectralFluxOnset {
  /** samples between frames */
  hop: i32 = 441;
  /** FFT (and window) size */
  size: i32 = 2048;
  /** exact frames per second, sampleRate / hop */
  frameRate: f64 = 100;
  /** the last frame's novelty (≥ 0) */
  flux: f32 = 0;
  /** the last frame's RMS level (linear), for the silence gate */
  level: f32 = 0;

  private fft: RealFft = new RealFft();
  /** the last `size` input samples, circular */
  private ring: StaticArray<f32> = new StaticArray<f32>(0);
  private ringPos: i32 = 0;
  /** samples written since the last frame */
  private sinceFrame: i32 = 0;
  private window: StaticArray<f32> = new StaticArray<f32>(0);
  private frame: StaticArray<f32> = new StaticArray<f32>(0);
  private mags: StaticArray<f32> = new StaticArray<f32>(0);
  /** band of each FFT bin, −1 = not analysed */
  private bandOf: StaticArray<i32> = new StaticArray<i32>(0);
  private bandCount: i32 = 0;
  private bands: StaticArray<f32> = new StaticArray<f32>(0);
  /** the previous frame's compressed band values */
  private previous: StaticArray<f32> = new StaticArray<f32>(0);
  /** 2 / Σ window: scales magnitudes so a sine of amplitude A reads ≈ A */
  private magScale: f32 = 1;

  prepare(sampleRate: f32): void {
    const sr = <f64>sampleRate;
    this.hop = max<i32>(1, <i32>Math.round(sr / ODF_FRAME_RATE));
    this.frameRate = sr / <f64>this.hop;
    let n = 16;
    while (<f64>n < WINDOW_SECONDS * sr) n <<= 1;
    this.size = n;
    this.fft.prepare(n);
    this.ring = new StaticArray<f32>(n);
    this.frame = new StaticArray<f32>(n);
    this.window = new StaticArray<f32>(n);
    let sum: f64 = 0;
    for (let i = 0; i < n; i++) {
      const w = 0.5 - 0.5 * Math.cos((2.0 * Math.PI * <f64>i) / <f64>n);
      this.window[i] = <f32>w;
      sum += w;
    }
    this.magScale = <f32>(2.0 / sum);
    const bins = n / 2 + 1;
    this.mags = new StaticArray<f32>(bins);
    this.bandOf = new StaticArray<i32>(bins);
    const top = Math.min(HIGHEST_HZ, 0.48 * sr);
    // band of each bin; bands no bin falls in are skipped, so neighbours in the
    // maximum filter are neighbours in frequency
    let raw = -1;
    let band = -1;
    for (let k = 0; k < bins; k++) {
      const f = (<f64>k * sr) / <f64>n;
      let b = -1;
      if (f >= LOWEST_HZ && f <= top) {
        const r = <i32>Math.floor(BANDS_PER_OCTAVE * Math.log2(f / LOWEST_HZ));
        if (r != raw) {
          raw = r;
          band++;
        }
        b = band;
      }
      this.bandOf[k] = b;
    }
    this.bandCount = band + 1;
    this.bands = new StaticArray<f32>(this.bandCount);
    this.previous = new StaticArray<f32>(this.bandCount);
    this.reset();
  }

  reset(): void {
    this.ring.fill(0);
    this.ringPos = 0;
    this.sinceFrame = 0;
    this.previous.fill(0);
    this.flux = 0;
    this.level = 0;
  }

  /** Samples still needed before the next frame is due. */
  @inline samplesToFrame(): i32 {
    return this.hop - this.sinceFrame;
  }

  /** Append `count` mono samples from `ptr` (count ≤ samplesToFrame()). */
  write(ptr: usize, count: i32): void {
    const n = this.size;
    let pos = this.ringPos;
    for (let i = 0; i < count; i++) {
      unchecked((this.ring[pos] = load<f32>(ptr + (<usize>i << 2))));
      if (++pos == n) pos = 0;
    }
    this.ringPos = pos;
    this.sinceFrame += count;
  }

  @inline frameReady(): bool {
    return this.sinceFrame >= this.hop;
  }

  /** Compute the frame ending at the newest sample: sets `flux` and `level`. */
  compute(): void {
    this.sinceFrame = 0;
    const n = this.size;
    let pos = this.ringPos; // oldest sample
    let energy: f32 = 0;
    for (let i = 0; i < n; i++) {
      const x = unchecked(this.ring[pos]);
      if (++pos == n) pos = 0;
      energy += x * x;
      unchecked((this.frame[i] = x * unchecked(this.window[i])));
    }
    this.level = Mathf.sqrt(energy / <f32>n);
    this.fft.magnitudes(this.frame, this.mags);
    const bands = this.bands;
    bands.fill(0);
    const bins = n / 2 + 1;
    for (let k = 0; k < bins; k++) {
      const b = unchecked(this.bandOf[k]);
      if (b >= 0) unchecked((bands[b] += unchecked(this.mags[k])));
    }
    let flux: f32 = 0;
    const g = COMPRESSION * this.magScale;
    const B = this.bandCount;
    for (let b = 0; b < B; b++) unchecked((bands[b] = Mathf.log(1.0 + g * unchecked(bands[b]))));
    for (let b = 0; b < B; b++) {
      // reference: the previous frame's maximum over neighbouring bands, so a
      // partial gliding by less than a band (vibrato) is not an onset
      let r: f32 = 0;
      for (let j = max(0, b - MAX_FILTER_BANDS); j <= min(B - 1, b + MAX_FILTER_BANDS); j++) r = max(r, unchecked(this.previous[j]));
      const d = unchecked(bands[b]) - r;
      if (d > 0) flux += d;
    }
    for (let b = 0; b < B; b++) unchecked((this.previous[b] = unchecked(bands[b])));
    this.flux = flux;
  }

  /**
   * Delay of the novelty peak behind the onset that caused it, seconds: the
   * window ends `size` samples after its start and a transient moves the
   * spectrum most as it crosses the window's rising half; half a window.
   */
  detectionDelay(sampleRate: f32): f64 {
    return (0.5 * <f64>this.size) / <f64>sampleRate;
  }
}
