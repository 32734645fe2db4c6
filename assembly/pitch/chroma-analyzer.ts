/**
 * ChromaAnalyzer: a causal pitch-class profile of what is being played, every
 * HOP_SECONDS, with the band's tuning taken out.
 *
 *   mono ─► decimate to ≈ 11 kHz ─┬─► treble peaks (TREBLE_WINDOW) ────────────┐
 *                                 └─► decimate to ≈ 4 kHz ─► bass peaks (BASS_WINDOW) ─┤
 *        peaks ─► tuning estimate ─► semitone spectrum (bass below SPLIT_NOTE, treble above)
 *              ─► note activations (NNLS, E2 … B6) ─► chroma, bass chroma, treble chroma
 *
 * Two resolutions: the bass window is long enough to place E2 (82 Hz, 4.9 Hz
 * from F2) to a few cents, the treble one short enough to follow melodies.
 * Decimation fixes the analysis grid in Hz at any input rate (8–192 kHz), and
 * makes the FFTs small. The two analyses run half a hop apart, so no single
 * 128-frame block carries both FFTs; a frame completes with the treble analysis
 * and is stamped with that moment (the treble window ends there, the bass one
 * half a hop before).
 *
 * Drive it like the onset detector: write() at most samplesToStep() samples,
 * then step() when stepReady(); step() returns true when a chroma frame is new.
 */
import { Decimator } from './decimator';
import { SpectralPeaks } from './spectral-peaks';
import { TuningEstimator } from './tuning-estimator';
import { NoteActivations, NOTE_COUNT, LOW_NOTE, HIGH_BIN } from './note-activations';

export const HOP_SECONDS: f64 = 0.02;
const TREBLE_RATE: f32 = 11025;
const BASS_RATE: f32 = 4000;
const TREBLE_WINDOW: f32 = 0.12;
const BASS_WINDOW: f32 = 0.28;
/** MIDI note where the treble analysis takes over from the bass one (E4). */
const SPLIT_NOTE: f32 = 63.5;
/** Notes up to here feed the bass chroma fully, from BASS_FADE_END not at all. */
const BASS_FADE_START: i32 = 50;
const BASS_FADE_END: i32 = 56;
/** Below this window RMS a frame is silent: no peaks, a zero chroma (≈ −60 dBFS). */
const SILENCE_RMS: f32 = 0.001;

export class ChromaAnalyzer {
  /** the last frame, C … B: all notes, the bass register, the rest */
  chroma: StaticArray<f32> = new StaticArray<f32>(12);
  bass: StaticArray<f32> = new StaticArray<f32>(12);
  treble: StaticArray<f32> = new StaticArray<f32>(12);
  /** frames since reset, and the engine time the last one completed (its windows' end) */
  frameCount: i32 = 0;
  frameTime: f64 = -1;
  frameRate: f64 = 50;
  tuning: TuningEstimator = new TuningEstimator();
  notes: NoteActivations = new NoteActivations();

  private trebleDown: Decimator = new Decimator();
  private bassDown: Decimator = new Decimator();
  private treblePeaks: SpectralPeaks = new SpectralPeaks();
  private bassPeaks: SpectralPeaks = new SpectralPeaks();
  /** treble-rate samples per hop, and the hop position of the treble analysis */
  private hop: i32 = 220;
  private half: i32 = 110;
  private sinceHop: i32 = 0;
  /** the bass analysis of this hop has run */
  private bassDone: bool = false;
  private bassWeight: StaticArray<f32> = new StaticArray<f32>(NOTE_COUNT);

  prepare(sampleRate: f32): void {
    this.trebleDown.prepare(sampleRate, max<i32>(1, <i32>Mathf.round(sampleRate / TREBLE_RATE)));
    const trebleRate = this.trebleDown.outRate;
    this.bassDown.prepare(trebleRate, max<i32>(1, <i32>Mathf.round(trebleRate / BASS_RATE)));
    const bassRate = this.bassDown.outRate;
    this.hop = max<i32>(2, <i32>Math.round(HOP_SECONDS * <f64>trebleRate));
    this.half = this.hop >> 1;
    this.frameRate = <f64>trebleRate / <f64>this.hop;
    const splitHz = midiToHz(SPLIT_NOTE);
    this.bassPeaks.prepare(bassRate, BASS_WINDOW, 0.92 * midiToHz(<f32>LOW_NOTE), 1.06 * splitHz);
    this.treblePeaks.prepare(trebleRate, TREBLE_WINDOW, 0.94 * splitHz, 5000);
    const topHz = min<f32>(5000, 0.45 * trebleRate);
    this.notes.prepare(min<i32>(HIGH_BIN, <i32>Mathf.floor(hzToMidi(topHz))));
    this.tuning.prepare(this.frameRate);
    for (let n = 0; n < NOTE_COUNT; n++) {
      const m = LOW_NOTE + n;
      this.bassWeight[n] = m <= BASS_FADE_START ? 1 : m >= BASS_FADE_END ? 0 : <f32>(BASS_FADE_END - m) / <f32>(BASS_FADE_END - BASS_FADE_START);
    }
    this.reset();
  }

  reset(): void {
    this.trebleDown.reset();
    this.bassDown.reset();
    this.treblePeaks.reset();
    this.bassPeaks.reset();
    this.tuning.reset();
    this.notes.reset();
    this.chroma.fill(0);
    this.bass.fill(0);
    this.treble.fill(0);
    this.frameCount = 0;
    this.frameTime = -1;
    this.sinceHop = 0;
    this.bassDone = false;
  }

  /** Input samples that can be written before the next analysis step is due. */
  samplesToStep(): i32 {
    const target = this.bassDone ? this.hop : this.half;
    const needed = max<i32>(1, target - this.sinceHop); // treble-rate samples
    return (needed - 1) * this.trebleDown.factor + this.trebleDown.pending();
  }

  @inline stepReady(): bool {
    return this.sinceHop >= (this.bassDone ? this.hop : this.half);
  }

  /** Append `count` ≤ samplesToStep() mono samples from `ptr`. */
  write(ptr: usize, count: i32): void {
    for (let i = 0; i < count; i++) {
      if (!this.trebleDown.push(load<f32>(ptr + (<usize>i << 2)))) continue;
      const t = this.trebleDown.out;
      this.treblePeaks.push(t);
      if (this.bassDown.push(t)) this.bassPeaks.push(this.bassDown.out);
      this.sinceHop++;
    }
  }

  /** Run the analysis that is due; true when a new chroma frame is ready (completed at engine time `now`). */
  step(now: f64): bool {
    // the bass analysis (slow anyway) runs half a hop early; the frame completes
    // with the treble one, so the short window's news is as fresh as it can be
    if (!this.bassDone) {
      const p = this.bassPeaks;
      p.analyze();
      if (p.level < SILENCE_RMS) p.peakCount = 0;
      this.tuning.update(p.peakHz, p.peakAmp, p.peakCount);
      this.bassDone = true;
      return false;
    }
    const p = this.treblePeaks;
    p.analyze();
    if (p.level < SILENCE_RMS) p.peakCount = 0;
    this.tuning.update(p.peakHz, p.peakAmp, p.peakCount);
    this.sinceHop = 0;
    this.bassDone = false;
    this.assemble();
    this.frameCount++;
    this.frameTime = now;
    return true;
  }

  /** Peaks → semitone spectrum (tuning taken out) → notes → the three chromas. */
  private assemble(): void {
    const notes = this.notes;
    notes.clearSpectrum();
    const offset = this.tuning.offset;
    const bp = this.bassPeaks;
    for (let i = 0; i < bp.peakCount; i++) {
      const m = hzToMidi(unchecked(bp.peakHz[i])) - offset;
      if (m < SPLIT_NOTE) notes.addPeak(m, unchecked(bp.peakAmp[i]));
    }
    const tp = this.treblePeaks;
    for (let i = 0; i < tp.peakCount; i++) {
      const m = hzToMidi(unchecked(tp.peakHz[i])) - offset;
      if (m >= SPLIT_NOTE) notes.addPeak(m, unchecked(tp.peakAmp[i]));
    }
    notes.solve();
    this.chroma.fill(0);
    this.bass.fill(0);
    this.treble.fill(0);
    for (let n = 0; n < NOTE_COUNT; n++) {
      const x = unchecked(notes.notes[n]);
      if (x <= 0) continue;
      const pc = (LOW_NOTE + n) % 12;
      const wb = unchecked(this.bassWeight[n]);
      unchecked((this.chroma[pc] += x));
      unchecked((this.bass[pc] += x * wb));
      unchecked((this.treble[pc] += x * (1.0 - wb)));
    }
  }
}

@inline function midiToHz(m: f32): f32 {
  return 440.0 * Mathf.pow(2.0, (m - 69.0) / 12.0);
}

@inline function hzToMidi(hz: f32): f32 {
  return 69.0 + 12.0 * <f32>Math.log2(<f64>hz / 440.0);
}
