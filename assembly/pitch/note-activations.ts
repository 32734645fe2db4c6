/**
 * NoteActivations: how strongly each note from E2 to B6 sounds, given a
 * semitone spectrum of peak amplitudes, by non-negative least squares against
 * a dictionary of harmonic note profiles — the idea of Mauch & Dixon's NNLS
 * Chroma (ISMIR 2010). A note's overtones (the 3rd harmonic is a fifth, the
 * 5th a major third) are explained by the note, not counted as other pitch
 * classes, which is what makes the chroma match the notes played.
 *
 * Profile of note n: partials h = 1 … PARTIALS at n + 12·log2(h) semitones,
 * amplitude PARTIAL_DECAY^(h−1), each shared between the two nearest semitone
 * bins as the peaks are (see crossover). Solved by projected gradient with Nesterov momentum (FISTA,
 * Beck & Teboulle 2009), ITERATIONS steps per frame, warm-started from the last
 * frame's answer (notes change slowly against a 20 ms hop).
 */

export const LOW_NOTE: i32 = 28; // E1
export const HIGH_NOTE: i32 = 95; // B6
export const NOTE_COUNT: i32 = HIGH_NOTE - LOW_NOTE + 1;
/** semitone bins of the input spectrum: E2 … C8 */
export const LOW_BIN: i32 = LOW_NOTE;
export const HIGH_BIN: i32 = 108;
export const BIN_COUNT: i32 = HIGH_BIN - LOW_BIN + 1;
const PARTIALS: i32 = 8;
const PARTIAL_DECAY: f32 = 0.7;
const ITERATIONS: i32 = 12;
/**
 * A pitch within CROSS_FROM of a semitone (after the tuning is taken out) is
 * that semitone's alone; between CROSS_FROM and 1 − CROSS_FROM of the way to
 * the next it is shared by a smoothstep, so nothing flips at the half-way
 * point. A linear share gave a third of a note 33 cents flat (an attack's
 * scoop, a vibrato's trough, a peak pulled by a decaying neighbour) to the
 * semitone below, which the chroma then counted as a wrong pitch class.
 */
const CROSS_FROM: f32 = 0.25;

export class NoteActivations {
  /** input: peak amplitude per semitone bin (MIDI LOW_BIN + index) */
  spectrum: StaticArray<f32> = new StaticArray<f32>(BIN_COUNT);
  /** output: activation per note (MIDI LOW_NOTE + index), ≥ 0 */
  notes: StaticArray<f32> = new StaticArray<f32>(NOTE_COUNT);
  /** dictionary, sparse by note: entries [start[n], start[n+1]) */
  private start: StaticArray<i32> = new StaticArray<i32>(NOTE_COUNT + 1);
  private entryBin: StaticArray<i32> = new StaticArray<i32>(NOTE_COUNT * PARTIALS * 2);
  private entryWeight: StaticArray<f32> = new StaticArray<f32>(NOTE_COUNT * PARTIALS * 2);
  /** 1 / Lipschitz constant of the gradient (largest eigenvalue of DᵀD) */
  private step: f32 = 0.1;
  private residual: StaticArray<f32> = new StaticArray<f32>(BIN_COUNT);
  private momentum: StaticArray<f32> = new StaticArray<f32>(NOTE_COUNT);
  private previous: StaticArray<f32> = new StaticArray<f32>(NOTE_COUNT);

  /** `topBin`: the highest semitone bin the spectrum can contain (the analysis band's top). */
  prepare(topBin: i32): void {
    let e = 0;
    for (let n = 0; n < NOTE_COUNT; n++) {
      this.start[n] = e;
      let amp: f32 = 1;
      for (let h = 1; h <= PARTIALS; h++) {
        const pos = <f32>(LOW_NOTE + n) + <f32>(12.0 * Math.log2(<f64>h)) - <f32>LOW_BIN;
        const lo = <i32>Mathf.floor(pos);
        const frac = crossover(pos - <f32>lo);
        if (lo + LOW_BIN <= topBin && lo < BIN_COUNT) {
          this.entryBin[e] = lo;
          this.entryWeight[e] = amp * (1.0 - frac);
          e++;
        }
        if (frac > 0 && lo + 1 + LOW_BIN <= topBin && lo + 1 < BIN_COUNT) {
          this.entryBin[e] = lo + 1;
          this.entryWeight[e] = amp * frac;
          e++;
        }
        amp *= PARTIAL_DECAY;
      }
    }
    this.start[NOTE_COUNT] = e;
    this.step = 1.0 / this.largestEigenvalue();
    this.reset();
  }

  reset(): void {
    this.spectrum.fill(0);
    this.notes.fill(0);
    this.previous.fill(0);
  }

  clearSpectrum(): void {
    this.spectrum.fill(0);
  }

  /** Add a peak at fractional MIDI pitch `pitch` (already tuning-corrected), shared between its two bins. */
  addPeak(pitch: f32, amp: f32): void {
    const pos = pitch - <f32>LOW_BIN;
    if (pos < -0.5 || pos > <f32>(BIN_COUNT - 1) + 0.5) return;
    const lo = <i32>Mathf.floor(pos);
    const frac = crossover(pos - <f32>lo);
    if (lo >= 0) unchecked((this.spectrum[lo] += amp * (1.0 - frac)));
    if (lo + 1 < BIN_COUNT) unchecked((this.spectrum[lo + 1] += amp * frac));
  }

  /** Solve for `notes` from `spectrum`. */
  solve(): void {
    const x = this.notes;
    const z = this.momentum;
    const prev = this.previous;
    const r = this.residual;
    const y = this.spectrum;
    let energy: f32 = 0;
    for (let b = 0; b < BIN_COUNT; b++) energy += unchecked(y[b]);
    if (energy <= 0) {
      x.fill(0);
      prev.fill(0);
      return;
    }
    for (let n = 0; n < NOTE_COUNT; n++) {
      unchecked((z[n] = x[n]));
      unchecked((prev[n] = x[n]));
    }
    let t: f32 = 1;
    for (let it = 0; it < ITERATIONS; it++) {
      // r = D z − y
      for (let b = 0; b < BIN_COUNT; b++) unchecked((r[b] = -y[b]));
      for (let n = 0; n < NOTE_COUNT; n++) {
        const zn = unchecked(z[n]);
        if (zn == 0) continue;
        const end = unchecked(this.start[n + 1]);
        for (let e = unchecked(this.start[n]); e < end; e++) unchecked((r[this.entryBin[e]] += this.entryWeight[e] * zn));
      }
      // x = max(0, z − step · Dᵀ r), then the momentum step
      const tNext: f32 = 0.5 * (1.0 + Mathf.sqrt(1.0 + 4.0 * t * t));
      const beta = (t - 1.0) / tNext;
      for (let n = 0; n < NOTE_COUNT; n++) {
        let g: f32 = 0;
        const end = unchecked(this.start[n + 1]);
        for (let e = unchecked(this.start[n]); e < end; e++) g += unchecked(this.entryWeight[e]) * unchecked(r[this.entryBin[e]]);
        const xn = max<f32>(0, unchecked(z[n]) - this.step * g);
        const before = unchecked(prev[n]);
        unchecked((x[n] = xn));
        unchecked((prev[n] = xn));
        unchecked((z[n] = max<f32>(0, xn + beta * (xn - before))));
      }
      t = tNext;
    }
  }

  /** Power iteration for the largest eigenvalue of DᵀD (once, at prepare). */
  private largestEigenvalue(): f32 {
    const v = new StaticArray<f32>(NOTE_COUNT);
    const u = new StaticArray<f32>(BIN_COUNT);
    v.fill(1);
    let lambda: f32 = 1;
    for (let it = 0; it < 100; it++) {
      u.fill(0);
      for (let n = 0; n < NOTE_COUNT; n++)
        for (let e = this.start[n]; e < this.start[n + 1]; e++) u[this.entryBin[e]] += this.entryWeight[e] * v[n];
      let norm: f32 = 0;
      for (let n = 0; n < NOTE_COUNT; n++) {
        let g: f32 = 0;
        for (let e = this.start[n]; e < this.start[n + 1]; e++) g += this.entryWeight[e] * u[this.entryBin[e]];
        v[n] = g;
        norm += g * g;
      }
      norm = Mathf.sqrt(norm);
      for (let n = 0; n < NOTE_COUNT; n++) v[n] /= norm;
      lambda = norm;
    }
    return lambda * 1.05;
  }
}

/** Share of the upper of two neighbouring semitone bins for a pitch `frac` (0 … 1) above the lower. */
@inline function crossover(frac: f32): f32 {
  const u = min<f32>(1, max<f32>(0, (frac - CROSS_FROM) / (1.0 - 2.0 * CROSS_FROM)));
  return u * u * (3.0 - 2.0 * u);
}
