/**
 * VocalFeatures: every 10 ms, a level-independent description of the last
 * 64 ms of sound, for the singing detector (vocal-detector.ts).
 *
 *   mono ─► decimate to ≈ 16 kHz ─► Hann 64 ms, FFT 1024 ─┬─► 32 log-mel bands ─► MFCC 1–12 (shape, not level)
 *                                                          ├─► spectral flatness, singer's-formant ratio
 *                                                          └─► harmonic-sum pitch salience and F0
 *   and over the last half second: MFCC spread and change, F0 spread, vibrato (4–8 Hz) energy,
 *   the fraction of pitched frames, pitched ↔ unpitched changes;
 *   and over the last quarter second: pitch jitter and drift (F0 refined from the harmonics'
 *   interpolated peaks, within notes), level shimmer and depth.
 *
 * Why these (issue 6; Rocamora & Herrera 2007 and Lehner et al. 2014 compare
 * such features for singing-voice detection): a voice's formants move fast
 * (MFCC spread and deltas), it is pitched but its pitch glides and wobbles
 * (F0 spread, vibrato energy at 4–8 Hz), trained singers put energy at
 * 2.5–3.5 kHz (the singer's formant, Sundberg 1974), while a guitar or a pad
 * holds its timbre and pitch steady and drums are not pitched at all. c0 (the
 * level) is left out: RMS is a silence gate, never evidence.
 *
 * Features are written to `features` (FEATURE_COUNT values) when frameReady.
 */
import { Decimator } from '../pitch/decimator';
import { RealFft } from '../spectral/fft';

export const FRAME_RATE: f64 = 100;
const ANALYSIS_RATE: f32 = 16000;
const WINDOW_SECONDS: f64 = 0.064;
const MEL_BANDS: i32 = 32;
const MEL_LOW_HZ: f64 = 100;
const MEL_HIGH_HZ: f64 = 7000;
export const MFCC_COUNT: i32 = 12;
/** frames of history for the half-second statistics */
const HISTORY: i32 = 50;
/** F0 candidates: quarter-semitone steps from F0_LOW_HZ over F0_OCTAVES */
const F0_LOW_HZ: f64 = 80;
const F0_STEPS: i32 = 4 * 12 * 3 + 28; // 80 Hz … ≈ 1 kHz
const HARMONICS: i32 = 6;
/** a frame with salience above this counts as pitched */
const PITCHED_SALIENCE: f32 = 1.6;
/** below this RMS (≈ −60 dBFS) a frame is silence: features are not updated */
export const SILENCE_RMS: f32 = 0.001;
/** fineHistory's mark for an unpitched frame, and the test for it */
const UNPITCHED: f32 = -100000;
const UNPITCHED_LIMIT: f32 = -50000;

// feature layout
export const F_MFCC: i32 = 0; // 12
export const F_MFCC_SPREAD: i32 = 12; // 12
export const F_MFCC_DELTA: i32 = 24; // 12
export const F_FLATNESS: i32 = 36;
export const F_FORMANT: i32 = 37;
export const F_SALIENCE: i32 = 38;
export const F_F0_SPREAD: i32 = 39;
export const F_VIBRATO: i32 = 40;
export const F_PITCHED: i32 = 41;
export const F_SALIENCE_MEAN: i32 = 42;
/** syllable-rate (≈ 2–8 Hz) modulation of the frame energy, as a share of all of its variation */
export const F_SYLLABLE: i32 = 43;
/** mean spectral change (positive log-mel flux) over the half second */
export const F_FLUX_MEAN: i32 = 44;
/** spread of the spectral flatness over the half second: vowels and consonants alternate */
export const F_FLATNESS_SPREAD: i32 = 45;
/** mean MFCC change over the half second */
export const F_DELTA_MEAN: i32 = 46;
/**
 * Short-context steadiness (the last STEADY_FRAMES, 0.24 s), for telling a
 * voice from a held instrument: a singer's pitch and loudness wander a few
 * cents and decibels from frame to frame even on a held note, a bowed or
 * reed instrument, a pad or a sustained guitar hold both far steadier.
 */
/** RMS second difference of the refined F0 (cents) within notes: jitter, log(1 + cents) */
export const F_JITTER: i32 = 47;
/** mean |first difference| of the refined F0 (cents) within notes: drift and vibrato speed, log(1 + cents/frame) */
export const F_DRIFT: i32 = 48;
/** RMS second difference of the frame level (dB): shimmer, log(1 + dB) */
export const F_SHIMMER: i32 = 49;
/** depth of the level's movement around its trend (dB RMS), log(1 + dB) */
export const F_LEVEL_DEPTH: i32 = 50;
/** pitched ↔ unpitched changes per frame over the half second: syllables (consonant, vowel, consonant) */
export const F_VOICING_CHANGES: i32 = 51;
/** share of the STEADY_FRAMES in note-continuous pitched runs (triples used by the jitter) */
export const F_NOTE_SHARE: i32 = 52;
export const FEATURE_COUNT: i32 = 53;
/** frames of the short-context steadiness statistics */
const STEADY_FRAMES: i32 = 24;
/** consecutive F0 estimates further apart than this (cents) are different notes, not jitter */
const SAME_NOTE_CENTS: f32 = 80;

export class VocalFeatures {
  features: StaticArray<f32> = new StaticArray<f32>(FEATURE_COUNT);
  /** RMS of the last window (the silence gate) */
  level: f32 = 0;
  /** frames computed since reset */
  frameCount: i32 = 0;

  private down: Decimator = new Decimator();
  private rate: f32 = 16000;
  private hop: i32 = 160;
  private sinceFrame: i32 = 0;
  private windowLength: i32 = 1024;
  private fft: RealFft = new RealFft();
  private ring: StaticArray<f32> = new StaticArray<f32>(0);
  private ringPos: i32 = 0;
  private window: StaticArray<f32> = new StaticArray<f32>(0);
  private frame: StaticArray<f32> = new StaticArray<f32>(0);
  private mags: StaticArray<f32> = new StaticArray<f32>(0);
  private binHz: f32 = 15.6;
  /** mel filterbank, sparse: per band [first bin, last bin], weights laid out per band */
  private melFirst: StaticArray<i32> = new StaticArray<i32>(MEL_BANDS);
  private melLast: StaticArray<i32> = new StaticArray<i32>(MEL_BANDS);
  private melOffset: StaticArray<i32> = new StaticArray<i32>(MEL_BANDS);
  private melWeight: StaticArray<f32> = new StaticArray<f32>(0);
  private logMel: StaticArray<f32> = new StaticArray<f32>(MEL_BANDS);
  /** DCT-II rows 1 … MFCC_COUNT over the mel bands */
  private dct: StaticArray<f32> = new StaticArray<f32>(MFCC_COUNT * MEL_BANDS);
  /** band edges for flatness and the singer's-formant ratio, bins */
  private flatLo: i32 = 0;
  private flatHi: i32 = 0;
  private formantLo: i32 = 0;
  private formantHi: i32 = 0;
  private bodyLo: i32 = 0;
  private bodyHi: i32 = 0;
  /** compressed magnitudes for the harmonic sum */
  private comp: StaticArray<f32> = new StaticArray<f32>(0);
  private f0Hz: StaticArray<f32> = new StaticArray<f32>(F0_STEPS);
  /** history rings (HISTORY frames): MFCCs, F0 in semitones (NaN-free: −1 = unpitched), salience */
  private mfccHistory: StaticArray<f32> = new StaticArray<f32>(HISTORY * MFCC_COUNT);
  private f0History: StaticArray<f32> = new StaticArray<f32>(HISTORY);
  private salienceHistory: StaticArray<f32> = new StaticArray<f32>(HISTORY);
  /** log energy, positive log-mel flux, flatness and summed |ΔMFCC| per frame */
  private energyHistory: StaticArray<f32> = new StaticArray<f32>(HISTORY);
  private fluxHistory: StaticArray<f32> = new StaticArray<f32>(HISTORY);
  private flatnessHistory: StaticArray<f32> = new StaticArray<f32>(HISTORY);
  private deltaHistory: StaticArray<f32> = new StaticArray<f32>(HISTORY);
  /** F0 refined from the harmonics' interpolated peaks, cents re 440 Hz (−1e5 = unpitched) */
  private fineHistory: StaticArray<f32> = new StaticArray<f32>(HISTORY);
  /** frame level in dB (10·log10 of the mel energy) */
  private levelHistory: StaticArray<f32> = new StaticArray<f32>(HISTORY);
  private previousMel: StaticArray<f32> = new StaticArray<f32>(MEL_BANDS);
  private historyPos: i32 = 0;
  private historyFill: i32 = 0;

  prepare(sampleRate: f32): void {
    this.down.prepare(sampleRate, max<i32>(1, <i32>Mathf.round(sampleRate / ANALYSIS_RATE)));
    this.rate = this.down.outRate;
    const r = <f64>this.rate;
    this.hop = max<i32>(1, <i32>Math.round(r / FRAME_RATE));
    const w = max<i32>(64, <i32>Math.round(WINDOW_SECONDS * r));
    this.windowLength = w;
    let n = 64;
    while (n < w) n <<= 1;
    this.fft.prepare(n);
    this.ring = new StaticArray<f32>(w);
    this.window = new StaticArray<f32>(w);
    this.frame = new StaticArray<f32>(n);
    const bins = n / 2 + 1;
    this.mags = new StaticArray<f32>(bins);
    this.comp = new StaticArray<f32>(bins);
    let sum: f64 = 0;
    for (let i = 0; i < w; i++) {
      const v = 0.5 - 0.5 * Math.cos((2.0 * Math.PI * (<f64>i + 0.5)) / <f64>w);
      this.window[i] = <f32>v;
      sum += v;
    }
    this.binHz = <f32>(r / <f64>n);
    // mel filterbank: triangles equally spaced in mel between MEL_LOW_HZ and the top
    const top = Math.min(MEL_HIGH_HZ, 0.46 * r);
    const mLo = hzToMel(MEL_LOW_HZ);
    const mHi = hzToMel(top);
    let total = 0;
    for (let b = 0; b < MEL_BANDS; b++) {
      const lo = melToHz(mLo + ((mHi - mLo) * <f64>b) / <f64>(MEL_BANDS + 1));
      const hi = melToHz(mLo + ((mHi - mLo) * <f64>(b + 2)) / <f64>(MEL_BANDS + 1));
      const first = max<i32>(1, <i32>Math.ceil(lo / <f64>this.binHz));
      const last = max<i32>(first, min<i32>(bins - 1, <i32>Math.floor(hi / <f64>this.binHz)));
      this.melFirst[b] = first;
      this.melLast[b] = last;
      this.melOffset[b] = total;
      total += last - first + 1;
    }
    this.melWeight = new StaticArray<f32>(total);
    for (let b = 0; b < MEL_BANDS; b++) {
      const lo = mLo + ((mHi - mLo) * <f64>b) / <f64>(MEL_BANDS + 1);
      const mid = mLo + ((mHi - mLo) * <f64>(b + 1)) / <f64>(MEL_BANDS + 1);
      const hi = mLo + ((mHi - mLo) * <f64>(b + 2)) / <f64>(MEL_BANDS + 1);
      for (let k = this.melFirst[b]; k <= this.melLast[b]; k++) {
        const m = hzToMel(<f64>k * <f64>this.binHz);
        const wgt = m < mid ? (m - lo) / (mid - lo) : (hi - m) / (hi - mid);
        this.melWeight[this.melOffset[b] + k - this.melFirst[b]] = <f32>Math.max(0.0, wgt);
      }
    }
    for (let c = 0; c < MFCC_COUNT; c++)
      for (let b = 0; b < MEL_BANDS; b++)
        this.dct[c * MEL_BANDS + b] = <f32>(Math.cos((Math.PI * <f64>(c + 1) * (<f64>b + 0.5)) / <f64>MEL_BANDS) * Math.sqrt(2.0 / <f64>MEL_BANDS));
    this.flatLo = this.bin(300);
    this.flatHi = this.bin(min<f64>(5000, 0.46 * r));
    this.bodyLo = this.bin(300);
    this.bodyHi = this.bin(2000);
    this.formantLo = this.bin(2500);
    this.formantHi = this.bin(min<f64>(3500, 0.46 * r));
    for (let i = 0; i < F0_STEPS; i++) this.f0Hz[i] = <f32>(F0_LOW_HZ * Math.pow(2.0, <f64>i / 48.0));
    this.reset();
  }

  private bin(hz: f64): i32 {
    return max<i32>(1, min<i32>(this.fft.size / 2, <i32>Math.round(hz / <f64>this.binHz)));
  }

  reset(): void {
    this.down.reset();
    this.ring.fill(0);
    this.ringPos = 0;
    this.sinceFrame = 0;
    this.features.fill(0);
    this.mfccHistory.fill(0);
    this.f0History.fill(-1);
    this.salienceHistory.fill(0);
    this.energyHistory.fill(0);
    this.fluxHistory.fill(0);
    this.flatnessHistory.fill(0);
    this.deltaHistory.fill(0);
    this.fineHistory.fill(UNPITCHED);
    this.levelHistory.fill(0);
    this.previousMel.fill(0);
    this.historyPos = 0;
    this.historyFill = 0;
    this.level = 0;
    this.frameCount = 0;
  }

  /** Input samples that can be written before the next frame is due. */
  samplesToFrame(): i32 {
    return (this.hop - this.sinceFrame - 1) * this.down.factor + this.down.pending();
  }

  @inline frameReady(): bool {
    return this.sinceFrame >= this.hop;
  }

  write(ptr: usize, count: i32): void {
    const w = this.windowLength;
    for (let i = 0; i < count; i++) {
      if (!this.down.push(load<f32>(ptr + (<usize>i << 2)))) continue;
      unchecked((this.ring[this.ringPos] = this.down.out));
      if (++this.ringPos == w) this.ringPos = 0;
      this.sinceFrame++;
    }
  }

  /** Analyse the window ending now. Returns false for silence (features left as they were). */
  compute(): bool {
    this.sinceFrame = 0;
    const w = this.windowLength;
    let pos = this.ringPos;
    let energy: f32 = 0;
    for (let i = 0; i < w; i++) {
      const x = unchecked(this.ring[pos]);
      if (++pos == w) pos = 0;
      energy += x * x;
      unchecked((this.frame[i] = x * unchecked(this.window[i])));
    }
    for (let i = w; i < this.fft.size; i++) unchecked((this.frame[i] = 0));
    this.level = Mathf.sqrt(energy / <f32>w);
    if (this.level < SILENCE_RMS) return false;
    this.fft.magnitudes(this.frame, this.mags);
    this.frameCount++;
    this.cepstrum();
    this.bandShape();
    const salience = this.pitch();
    this.history(salience);
    return true;
  }

  /** MFCC 1 … 12 of the log-mel spectrum (c0, the level, left out) into features and the history. */
  private cepstrum(): void {
    const mags = this.mags;
    for (let b = 0; b < MEL_BANDS; b++) {
      let e: f32 = 0;
      const first = unchecked(this.melFirst[b]);
      const last = unchecked(this.melLast[b]);
      const off = unchecked(this.melOffset[b]) - first;
      for (let k = first; k <= last; k++) {
        const m = unchecked(mags[k]);
        e += unchecked(this.melWeight[off + k]) * m * m;
      }
      unchecked((this.logMel[b] = Mathf.log(e + 1e-12)));
    }
    const f = this.features;
    // spectral change: positive log-mel differences from the last analysed frame
    let flux: f32 = 0;
    let energy: f32 = 0;
    for (let b = 0; b < MEL_BANDS; b++) {
      const d = unchecked(this.logMel[b]) - unchecked(this.previousMel[b]);
      if (d > 0) flux += d;
      unchecked((this.previousMel[b] = this.logMel[b]));
      energy += Mathf.exp(unchecked(this.logMel[b]));
    }
    unchecked((this.fluxHistory[this.historyPos] = this.historyFill > 0 ? flux / <f32>MEL_BANDS : 0));
    unchecked((this.energyHistory[this.historyPos] = Mathf.log(energy + 1e-12)));
    unchecked((this.levelHistory[this.historyPos] = <f32>4.3429448 * Mathf.log(energy + 1e-12)));
    let deltaSum: f32 = 0;
    const slot = this.historyPos * MFCC_COUNT;
    const prev = ((this.historyPos + HISTORY - 2) % HISTORY) * MFCC_COUNT;
    for (let c = 0; c < MFCC_COUNT; c++) {
      let v: f32 = 0;
      for (let b = 0; b < MEL_BANDS; b++) v += unchecked(this.dct[c * MEL_BANDS + b]) * unchecked(this.logMel[b]);
      unchecked((f[F_MFCC + c] = v));
      // change over two frames (20 ms), as a magnitude: direction says nothing about voice
      unchecked((f[F_MFCC_DELTA + c] = this.historyFill >= 2 ? Mathf.abs(v - unchecked(this.mfccHistory[prev + c])) : 0));
      unchecked((this.mfccHistory[slot + c] = v));
      deltaSum += unchecked(f[F_MFCC_DELTA + c]);
    }
    unchecked((this.deltaHistory[this.historyPos] = deltaSum));
  }

  /** Spectral flatness (300 Hz–5 kHz, log ratio) and the singer's-formant ratio (2.5–3.5 kHz over 0.3–2 kHz, log). */
  private bandShape(): void {
    const mags = this.mags;
    let logSum: f32 = 0;
    let sum: f32 = 0;
    for (let k = this.flatLo; k <= this.flatHi; k++) {
      const p = unchecked(mags[k]) * unchecked(mags[k]) + 1e-12;
      logSum += Mathf.log(p);
      sum += p;
    }
    const n = <f32>(this.flatHi - this.flatLo + 1);
    const flatness = logSum / n - Mathf.log(sum / n);
    unchecked((this.features[F_FLATNESS] = flatness));
    unchecked((this.flatnessHistory[this.historyPos] = flatness));
    let body: f32 = 1e-12;
    for (let k = this.bodyLo; k <= this.bodyHi; k++) body += unchecked(mags[k]) * unchecked(mags[k]);
    let formant: f32 = 1e-12;
    for (let k = this.formantLo; k <= this.formantHi; k++) formant += unchecked(mags[k]) * unchecked(mags[k]);
    unchecked(
      (this.features[F_FORMANT] = Mathf.log(formant / <f32>(this.formantHi - this.formantLo + 1)) - Mathf.log(body / <f32>(this.bodyHi - this.bodyLo + 1))),
    );
  }

  /**
   * Harmonic-sum pitch salience: for each F0 candidate, the mean of the
   * log-compressed magnitude at its first HARMONICS harmonics, over the mean
   * compressed magnitude of the band (so 1 = no pitch, level-independent).
   * Returns the best salience; its F0 goes to the history.
   */
  private pitch(): f32 {
    const mags = this.mags;
    const comp = this.comp;
    const bins = this.fft.size / 2 + 1;
    let peak: f32 = 1e-12;
    for (let k = 1; k < bins; k++) peak = max(peak, unchecked(mags[k]));
    // compress relative to the frame's strongest bin: level-independent by construction
    const g: f32 = 1000.0 / peak;
    let mean: f32 = 0;
    const top = min<i32>(bins - 2, this.bin(5000));
    for (let k = 0; k < bins; k++) {
      const c = Mathf.log(1.0 + g * unchecked(mags[k]));
      unchecked((comp[k] = c));
      if (k >= 2 && k <= top) mean += c;
    }
    mean /= <f32>(top - 1);
    let best: f32 = 0;
    let bestF0: f32 = 0;
    const inv: f32 = 1.0 / this.binHz;
    for (let i = 0; i < F0_STEPS; i++) {
      const f0 = unchecked(this.f0Hz[i]);
      let s: f32 = 0;
      let used = 0;
      for (let h = 1; h <= HARMONICS; h++) {
        const pos = f0 * <f32>h * inv;
        const k = <i32>pos;
        if (k + 1 > top) break;
        const t = pos - <f32>k;
        s += unchecked(comp[k]) + t * (unchecked(comp[k + 1]) - unchecked(comp[k]));
        used++;
      }
      if (used < 3) continue;
      s /= <f32>used;
      if (s > best) {
        best = s;
        bestF0 = f0;
      }
    }
    const salience: f32 = mean > 0 ? best / mean : 0;
    const pitched = salience >= PITCHED_SALIENCE;
    unchecked((this.f0History[this.historyPos] = pitched ? <f32>(12.0 * Math.log2(<f64>bestF0 / 440.0)) : -1000));
    unchecked((this.fineHistory[this.historyPos] = pitched ? this.refineF0(bestF0, top) : UNPITCHED));
    unchecked((this.features[F_SALIENCE] = salience));
    return salience;
  }

  /**
   * The F0 to a few cents: each of the first HARMONICS harmonics of the coarse
   * F0 (a quarter-semitone grid) is found as the largest bin within ±2 bins of
   * where it should be, its frequency interpolated by a parabola through the
   * log magnitudes; the estimates (frequency / harmonic number) are averaged,
   * weighted by the peaks' magnitudes. Cents re 440 Hz; UNPITCHED if no peak.
   */
  private refineF0(coarse: f32, top: i32): f32 {
    const mags = this.mags;
    const inv: f32 = 1.0 / this.binHz;
    let sum: f32 = 0;
    let weight: f32 = 0;
    for (let h = 1; h <= HARMONICS; h++) {
      const centre = <i32>Mathf.round(coarse * <f32>h * inv);
      if (centre + 3 > top) break;
      let k = max<i32>(2, centre - 2);
      for (let j = max<i32>(2, centre - 1); j <= centre + 2; j++) if (unchecked(mags[j]) > unchecked(mags[k])) k = j;
      const b = unchecked(mags[k]);
      if (b <= unchecked(mags[k - 1]) || b < unchecked(mags[k + 1])) continue; // on a slope: no peak here
      const a = Mathf.log(unchecked(mags[k - 1]) + 1e-12);
      const c = Mathf.log(unchecked(mags[k + 1]) + 1e-12);
      const lb = Mathf.log(b + 1e-12);
      const den = a - 2.0 * lb + c;
      const d: f32 = den < 0 ? max<f32>(-0.5, min<f32>(0.5, (0.5 * (a - c)) / den)) : 0;
      sum += b * ((<f32>k + d) * this.binHz) / <f32>h;
      weight += b;
    }
    if (weight <= 0) return UNPITCHED;
    return <f32>(1200.0 * Math.log2(<f64>(sum / weight) / 440.0));
  }

  /**
   * Short-context steadiness of pitch and level over the last STEADY_FRAMES
   * (F_JITTER, F_DRIFT, F_SHIMMER, F_LEVEL_DEPTH, F_NOTE_SHARE) and the
   * voicing changes over the half second (F_VOICING_CHANGES).
   */
  private steadiness(): void {
    const f = this.features;
    const n = min<i32>(STEADY_FRAMES, this.historyFill);
    // newest frame is at historyPos - 1 (history() has advanced the position)
    let jit: f32 = 0;
    let drift: f32 = 0;
    let triples = 0;
    let pairs = 0;
    let shim: f32 = 0;
    let shimN = 0;
    let sx: f32 = 0;
    let sy: f32 = 0;
    let sxx: f32 = 0;
    let sxy: f32 = 0;
    for (let j = 0; j < n; j++) {
      const i0 = (this.historyPos + HISTORY - 1 - j) % HISTORY;
      const p0 = unchecked(this.fineHistory[i0]);
      const e0 = unchecked(this.levelHistory[i0]);
      const x = <f32>j;
      sx += x;
      sy += e0;
      sxx += x * x;
      sxy += x * e0;
      if (j + 1 >= n) continue;
      const i1 = (i0 + HISTORY - 1) % HISTORY;
      const p1 = unchecked(this.fineHistory[i1]);
      if (p0 > UNPITCHED_LIMIT && p1 > UNPITCHED_LIMIT && Mathf.abs(p0 - p1) < SAME_NOTE_CENTS) {
        drift += Mathf.abs(p0 - p1);
        pairs++;
      }
      if (j + 2 >= n) continue;
      const i2 = (i1 + HISTORY - 1) % HISTORY;
      const e1 = unchecked(this.levelHistory[i1]);
      const e2 = unchecked(this.levelHistory[i2]);
      const de = e0 - 2.0 * e1 + e2;
      shim += de * de;
      shimN++;
      const p2 = unchecked(this.fineHistory[i2]);
      if (p0 > UNPITCHED_LIMIT && p1 > UNPITCHED_LIMIT && p2 > UNPITCHED_LIMIT && Mathf.abs(p0 - p1) < SAME_NOTE_CENTS && Mathf.abs(p1 - p2) < SAME_NOTE_CENTS) {
        const dp = p0 - 2.0 * p1 + p2;
        jit += dp * dp;
        triples++;
      }
    }
    unchecked((f[F_JITTER] = triples >= 4 ? Mathf.log(1.0 + Mathf.sqrt(jit / <f32>triples)) : 0));
    unchecked((f[F_DRIFT] = pairs >= 4 ? Mathf.log(1.0 + drift / <f32>pairs) : 0));
    unchecked((f[F_NOTE_SHARE] = <f32>triples / <f32>(STEADY_FRAMES - 2)));
    unchecked((f[F_SHIMMER] = shimN > 0 ? Mathf.log(1.0 + Mathf.sqrt(shim / <f32>shimN)) : 0));
    let depth: f32 = 0;
    if (n >= 3) {
      const cn = <f32>n;
      const den = cn * sxx - sx * sx;
      const slope = den != 0 ? (cn * sxy - sx * sy) / den : 0;
      const icpt = (sy - slope * sx) / cn;
      let r2: f32 = 0;
      for (let j = 0; j < n; j++) {
        const v = unchecked(this.levelHistory[(this.historyPos + HISTORY - 1 - j) % HISTORY]) - icpt - slope * <f32>j;
        r2 += v * v;
      }
      depth = Mathf.sqrt(r2 / cn);
    }
    unchecked((f[F_LEVEL_DEPTH] = Mathf.log(1.0 + depth)));
    let changes = 0;
    const m = this.historyFill;
    for (let j = 1; j < m; j++) {
      const a = unchecked(this.f0History[(this.historyPos + HISTORY - j) % HISTORY]) > -500;
      const b = unchecked(this.f0History[(this.historyPos + HISTORY - j - 1) % HISTORY]) > -500;
      if (a != b) changes++;
    }
    unchecked((f[F_VOICING_CHANGES] = <f32>changes / <f32>HISTORY));
  }

  /** Half-second statistics: MFCC spread, F0 spread, vibrato energy, pitched fraction, mean salience. */
  private history(salience: f32): void {
    unchecked((this.salienceHistory[this.historyPos] = salience));
    this.historyPos = (this.historyPos + 1) % HISTORY;
    if (this.historyFill < HISTORY) this.historyFill++;
    const n = this.historyFill;
    const f = this.features;
    for (let c = 0; c < MFCC_COUNT; c++) {
      let s: f32 = 0;
      let s2: f32 = 0;
      for (let j = 0; j < n; j++) {
        const v = unchecked(this.mfccHistory[j * MFCC_COUNT + c]);
        s += v;
        s2 += v * v;
      }
      const mean = s / <f32>n;
      unchecked((f[F_MFCC_SPREAD + c] = Mathf.sqrt(max<f32>(0, s2 / <f32>n - mean * mean))));
    }
    // F0 over the pitched frames, oldest first
    let pitched = 0;
    let s: f32 = 0;
    let s2: f32 = 0;
    let sal: f32 = 0;
    for (let j = 0; j < n; j++) {
      const v = unchecked(this.f0History[j]);
      sal += unchecked(this.salienceHistory[j]);
      if (v < -500) continue;
      pitched++;
      s += v;
      s2 += v * v;
    }
    unchecked((f[F_PITCHED] = <f32>pitched / <f32>HISTORY));
    unchecked((f[F_SALIENCE_MEAN] = sal / <f32>n));
    const m = pitched > 0 ? s / <f32>pitched : 0;
    unchecked((f[F_F0_SPREAD] = pitched > 2 ? Mathf.sqrt(max<f32>(0, s2 / <f32>pitched - m * m)) : 0));
    unchecked((f[F_VIBRATO] = this.vibrato()));
    let flux: f32 = 0;
    let delta: f32 = 0;
    let fs: f32 = 0;
    let fs2: f32 = 0;
    for (let j = 0; j < n; j++) {
      flux += unchecked(this.fluxHistory[j]);
      delta += unchecked(this.deltaHistory[j]);
      const v = unchecked(this.flatnessHistory[j]);
      fs += v;
      fs2 += v * v;
    }
    unchecked((f[F_FLUX_MEAN] = flux / <f32>n));
    unchecked((f[F_DELTA_MEAN] = delta / <f32>n));
    const fm = fs / <f32>n;
    unchecked((f[F_FLATNESS_SPREAD] = Mathf.sqrt(max<f32>(0, fs2 / <f32>n - fm * fm))));
    unchecked((f[F_SYLLABLE] = this.syllableRate()));
    this.steadiness();
  }

  /**
   * Share of the frame energy's variation (log, over the last 32 frames, slope
   * removed) in the DFT bins at 3.1 and 6.3 Hz (≈ 2–8 Hz), where syllables
   * come: speech and sung words pulse there, a held chord or a pad does not.
   */
  private syllableRate(): f32 {
    const N = 32;
    if (this.historyFill < N) return 0;
    let sx: f32 = 0;
    let sy: f32 = 0;
    let sxx: f32 = 0;
    let sxy: f32 = 0;
    for (let j = 0; j < N; j++) {
      const v = unchecked(this.energyHistory[(this.historyPos + HISTORY - N + j) % HISTORY]);
      const x = <f32>j;
      sx += x;
      sy += v;
      sxx += x * x;
      sxy += x * v;
    }
    const cn = <f32>N;
    const slope = (cn * sxy - sx * sy) / (cn * sxx - sx * sx);
    const icpt = (sy - slope * sx) / cn;
    let total: f32 = 1e-9;
    for (let j = 0; j < N; j++) {
      const v = unchecked(this.energyHistory[(this.historyPos + HISTORY - N + j) % HISTORY]) - icpt - slope * <f32>j;
      total += v * v;
    }
    // the DFT bins of the 32-frame span at 3.1 and 6.3 Hz (one-sided energy): by
    // Parseval their sum cannot exceed the total, so the share is a share (probing
    // every whole hertz from 3 to 8 counted the same energy several times over
    // and pinned the feature at 1)
    let band: f32 = 0;
    for (let k = 1; k <= 2; k++) {
      const wv: f32 = <f32>((2.0 * Math.PI * <f64>k) / <f64>N);
      let re: f32 = 0;
      let im: f32 = 0;
      for (let j = 0; j < N; j++) {
        const v = unchecked(this.energyHistory[(this.historyPos + HISTORY - N + j) % HISTORY]) - icpt - slope * <f32>j;
        re += v * Mathf.cos(wv * <f32>j);
        im -= v * Mathf.sin(wv * <f32>j);
      }
      band += (re * re + im * im) * 2.0 / cn;
    }
    return min<f32>(1, band / total);
  }

  /**
   * Energy of the F0 track between 4 and 8 Hz over the last 32 frames (0.32 s):
   * Goertzel at 4, 5, 6, 7, 8 Hz of the track with its mean and slope removed,
   * in semitones; 0 when fewer than 24 of those frames are pitched.
   */
  private vibrato(): f32 {
    const N = 32;
    let count = 0;
    let sx: f32 = 0;
    let sy: f32 = 0;
    let sxx: f32 = 0;
    let sxy: f32 = 0;
    for (let j = 0; j < N; j++) {
      const v = unchecked(this.f0History[(this.historyPos + HISTORY - N + j) % HISTORY]);
      if (v < -500) continue;
      count++;
      const x = <f32>j;
      sx += x;
      sy += v;
      sxx += x * x;
      sxy += x * v;
    }
    if (count < 24) return 0;
    const cn = <f32>count;
    const den = cn * sxx - sx * sx;
    const slope = den != 0 ? (cn * sxy - sx * sy) / den : 0;
    const icpt = (sy - slope * sx) / cn;
    let best: f32 = 0;
    for (let hz = 4; hz <= 8; hz++) {
      const wv: f32 = <f32>((2.0 * Math.PI * <f64>hz) / FRAME_RATE);
      let re: f32 = 0;
      let im: f32 = 0;
      for (let j = 0; j < N; j++) {
        let v = unchecked(this.f0History[(this.historyPos + HISTORY - N + j) % HISTORY]);
        if (v < -500) continue;
        v -= icpt + slope * <f32>j;
        re += v * Mathf.cos(wv * <f32>j);
        im -= v * Mathf.sin(wv * <f32>j);
      }
      best = max(best, (re * re + im * im) / (cn * cn));
    }
    return Mathf.sqrt(best);
  }
}

@inline function hzToMel(hz: f64): f64 {
  return 2595.0 * Math.log10(1.0 + hz / 700.0);
}

@inline function melToHz(mel: f64): f64 {
  return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
}
