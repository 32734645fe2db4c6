/**
 * ChromaAnalyzer: a causal pitch-class profile of what is being played, every
 * HOP_SECONDS, with the band's tuning taken out.
 *
 *   mono ─► decimate to ≈ 11 kHz ─┬─► C5 up: 0.05 s window, E4–C5: 0.10 s ───────────────┐
 *                                 └─► decimate to ≈ 4 kHz ─► E3–E4: 0.14 s, E1–E3: 0.28 s ─┤
 *        peaks ─► tuning estimate ─► semitone spectrum (each register's peaks in its own range)
 *              ─► note activations (NNLS, E1 … B6) ─► each note's trend carried over its
 *                 register's window delay ─► chroma, bass chroma, treble chroma
 *
 * Four resolutions: the lowest window is long enough to place E2 (82 Hz, 4.9 Hz
 * from F2) to a few cents, the highest short enough to follow a melody; in
 * between the window shortens as the semitones widen (see REGISTER_WINDOW).
 * Decimation fixes the analysis grid in Hz at any input rate (8–192 kHz), and
 * makes the FFTs small. The ≈ 4 kHz registers run half a hop before the
 * others, so no single 128-frame block carries all four FFTs; a frame completes
 * with the ≈ 11 kHz registers and is stamped with that moment (their windows
 * end there, the low ones' half a hop before).
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
/**
 * The registers, low to high (from MIDI note, window seconds): each keeps only
 * the peaks whose pitch falls in its range, so long windows resolve the low
 * notes and short ones follow the high ones, the window shortening as the
 * semitones widen, as in a constant-Q analysis. The lengths are a trade
 * measured on the development set (docs/chroma-key.md): one 0.28/0.12 s pair
 * scored cosine 0.824, these four 0.838. The two lowest read the ≈ 4 kHz
 * stream, the others the ≈ 11 kHz one.
 */
const REGISTER_FROM: StaticArray<f32> = [0, 51.5, 63.5, 71.5];
const REGISTER_WINDOW: StaticArray<f32> = [0.28, 0.14, 0.1, 0.05];
const REGISTER_ON_BASS: StaticArray<bool> = [true, true, false, false];
const REGISTERS: i32 = 4;
/** Notes up to here feed the bass chroma fully, from BASS_FADE_END not at all. */
const BASS_FADE_START: i32 = 50;
const BASS_FADE_END: i32 = 56;
/** Below this window RMS a frame is silent: no peaks, a zero chroma (≈ −60 dBFS). */
const SILENCE_RMS: f32 = 0.001;
/**
 * Delay compensation. A register's window shows a change of amplitude late by
 * its centre of mass (SpectralPeaks.delay: 17 ms for the 0.05 s window, 100 ms
 * for the 0.28 s one, plus the ≈ 4 kHz registers' half-hop head start), so a
 * new chord rises into the frame, and the old one fades out of it, over that
 * time. Each note's activation is carried forward along its last step by its
 * register's delay, x + (delay / hop)·Δx: the first-order prediction that
 * Holt's linear-trend smoothing (1957) uses to undo a moving average's lag.
 * A step smaller than TREND_FLOOR of the frame's strongest note is taken as
 * fluctuation (beating partials, a peak that passes the prominence test one
 * frame and not the next, weak notes trading places in the NNLS) and carried
 * no further; without that floor sustained chords lost what onsets gained.
 */
const TREND_FLOOR: f32 = 0.1;

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
  private peaks: StaticArray<SpectralPeaks> = new StaticArray<SpectralPeaks>(REGISTERS);
  /** treble-rate samples per hop, and the hop position of the treble analysis */
  private hop: i32 = 220;
  private half: i32 = 110;
  private sinceHop: i32 = 0;
  /** the bass analysis of this hop has run */
  private bassDone: bool = false;
  private bassWeight: StaticArray<f32> = new StaticArray<f32>(NOTE_COUNT);
  /** per note: last frame's activation, and its register's delay in hops */
  private lastNotes: StaticArray<f32> = new StaticArray<f32>(NOTE_COUNT);
  private lead: StaticArray<f32> = new StaticArray<f32>(NOTE_COUNT);

  prepare(sampleRate: f32): void {
    this.trebleDown.prepare(sampleRate, max<i32>(1, <i32>Mathf.round(sampleRate / TREBLE_RATE)));
    const trebleRate = this.trebleDown.outRate;
    this.bassDown.prepare(trebleRate, max<i32>(1, <i32>Mathf.round(trebleRate / BASS_RATE)));
    const bassRate = this.bassDown.outRate;
    this.hop = max<i32>(2, <i32>Math.round(HOP_SECONDS * <f64>trebleRate));
    this.half = this.hop >> 1;
    this.frameRate = <f64>trebleRate / <f64>this.hop;
    for (let r = 0; r < REGISTERS; r++) {
      const p = new SpectralPeaks();
      const lo: f32 = r == 0 ? <f32>0.92 * midiToHz(<f32>LOW_NOTE) : <f32>0.94 * midiToHz(REGISTER_FROM[r]);
      const hi: f32 = r + 1 < REGISTERS ? <f32>1.06 * midiToHz(REGISTER_FROM[r + 1]) : <f32>5000;
      p.prepare(REGISTER_ON_BASS[r] ? bassRate : trebleRate, REGISTER_WINDOW[r], lo, hi);
      this.peaks[r] = p;
    }
    const topHz = min<f32>(5000, 0.45 * trebleRate);
    this.notes.prepare(min<i32>(HIGH_BIN, <i32>Mathf.floor(hzToMidi(topHz))));
    this.tuning.prepare(this.frameRate);
    for (let n = 0; n < NOTE_COUNT; n++) {
      const m = LOW_NOTE + n;
      let r = REGISTERS - 1; // the register that analyses the note's fundamental
      while (r > 0 && <f32>m < REGISTER_FROM[r]) r--;
      const early: f32 = REGISTER_ON_BASS[r] ? <f32>this.half / trebleRate : 0;
      this.lead[n] = (this.peaks[r].delay + early) * <f32>this.frameRate;
      this.bassWeight[n] = m <= BASS_FADE_START ? 1 : m >= BASS_FADE_END ? 0 : <f32>(BASS_FADE_END - m) / <f32>(BASS_FADE_END - BASS_FADE_START);
    }
    this.reset();
  }

  reset(): void {
    this.trebleDown.reset();
    this.bassDown.reset();
    for (let r = 0; r < REGISTERS; r++) unchecked(this.peaks[r]).reset();
    this.tuning.reset();
    this.notes.reset();
    this.chroma.fill(0);
    this.bass.fill(0);
    this.treble.fill(0);
    this.lastNotes.fill(0);
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
      for (let r = 0; r < REGISTERS; r++) if (!unchecked(REGISTER_ON_BASS[r])) unchecked(this.peaks[r]).push(t);
      if (this.bassDown.push(t)) {
        const b = this.bassDown.out;
        for (let r = 0; r < REGISTERS; r++) if (unchecked(REGISTER_ON_BASS[r])) unchecked(this.peaks[r]).push(b);
      }
      this.sinceHop++;
    }
  }

  /** Run the analysis that is due; true when a new chroma frame is ready (completed at engine time `now`). */
  step(now: f64): bool {
    // the registers on the ≈ 4 kHz stream (slow anyway) run half a hop early; the
    // frame completes with the others, so the short windows' news is as fresh as it can be
    const second = this.bassDone;
    let level: f32 = 0;
    for (let r = 0; r < REGISTERS; r++) {
      if (unchecked(REGISTER_ON_BASS[r]) == second) continue;
      const p = unchecked(this.peaks[r]);
      p.analyze();
      level = max(level, p.level);
    }
    for (let r = 0; r < REGISTERS; r++) {
      if (unchecked(REGISTER_ON_BASS[r]) == second) continue;
      const p = unchecked(this.peaks[r]);
      if (level < SILENCE_RMS) p.peakCount = 0;
      this.tuning.update(p.peakHz, p.peakAmp, p.peakCount);
    }
    if (!second) {
      this.bassDone = true;
      return false;
    }
    this.sinceHop = 0;
    this.bassDone = false;
    this.assemble();
    this.frameCount++;
    this.frameTime = now;
    return true;
  }

  /** Peaks → semitone spectrum (tuning taken out) → notes → delay compensation → the three chromas. */
  private assemble(): void {
    const notes = this.notes;
    notes.clearSpectrum();
    const offset = this.tuning.offset;
    for (let r = 0; r < REGISTERS; r++) {
      const p = unchecked(this.peaks[r]);
      const from = r == 0 ? <f32>-1000 : unchecked(REGISTER_FROM[r]);
      const to = r + 1 < REGISTERS ? unchecked(REGISTER_FROM[r + 1]) : <f32>1000;
      for (let i = 0; i < p.peakCount; i++) {
        const m = hzToMidi(unchecked(p.peakHz[i])) - offset;
        if (m >= from && m < to) notes.addPeak(m, unchecked(p.peakAmp[i]));
      }
    }
    notes.solve();
    this.chroma.fill(0);
    this.bass.fill(0);
    this.treble.fill(0);
    const last = this.lastNotes;
    let top: f32 = 0;
    for (let n = 0; n < NOTE_COUNT; n++) top = max<f32>(top, max<f32>(unchecked(notes.notes[n]), unchecked(last[n])));
    const floor = TREND_FLOOR * top;
    for (let n = 0; n < NOTE_COUNT; n++) {
      const now = unchecked(notes.notes[n]);
      const step = now - unchecked(last[n]);
      unchecked((last[n] = now));
      const trend: f32 = step > floor ? step - floor : step < -floor ? step + floor : 0;
      const x = now + unchecked(this.lead[n]) * trend;
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
