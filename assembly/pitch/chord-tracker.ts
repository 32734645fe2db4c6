/**
 * ChordTracker: the chord now — major, minor and dominant seventh on each of
 * the 12 roots, or N (no chord) — from the note chroma, forward-smoothed.
 *
 * Each frame scores every chord by the cosine between the chroma and the
 * chord's binary template (Fujishima 1999), turns the scores into likelihoods
 * exp(SHARPNESS · cos), and runs one step of an HMM forward filter whose chords
 * stay put with probability STAY per frame and otherwise jump anywhere with
 * equal odds (the self-transition smoothing of Cho & Bello 2014, causal). The
 * answer is the most probable chord after the step. N competes with a fixed
 * score, and wins outright in silence.
 *
 * Chord index: root·3 + quality (0 maj, 1 min, 2 dom7), −1 = N.
 */

const QUALITIES: i32 = 3;
export const CHORD_COUNT: i32 = 12 * QUALITIES;
const STATES: i32 = CHORD_COUNT + 1;
/** intervals of each quality above the root */
const TEMPLATES: StaticArray<i32> = [0, 4, 7, -1, 0, 3, 7, -1, 0, 4, 7, 10];
const SHARPNESS: f32 = 12.0;
/** N's cosine-equivalent score while something pitched sounds */
const NO_CHORD_SCORE: f32 = 0.55;
/** Expected chord length ≈ 1 / (1 − STAY) frames: 0.67 s at 50 frames/s. */
const STAY_SECONDS: f64 = 0.67;

export class ChordTracker {
  chord: i32 = -1;
  private belief: StaticArray<f32> = new StaticArray<f32>(STATES);
  private stay: f32 = 0.97;
  private norms: StaticArray<f32> = new StaticArray<f32>(QUALITIES);

  prepare(frameRate: f64): void {
    this.stay = <f32>(1.0 - 1.0 / (STAY_SECONDS * frameRate));
    for (let q = 0; q < QUALITIES; q++) {
      let n = 0;
      for (let j = 0; j < 4; j++) if (TEMPLATES[q * 4 + j] >= 0) n++;
      this.norms[q] = Mathf.sqrt(<f32>n);
    }
    this.reset();
  }

  reset(): void {
    this.belief.fill(0);
    this.belief[STATES - 1] = 1;
    this.chord = -1;
  }

  update(chroma: StaticArray<f32>): void {
    let energy: f32 = 0;
    for (let i = 0; i < 12; i++) energy += unchecked(chroma[i]) * unchecked(chroma[i]);
    const norm = Mathf.sqrt(energy);
    const b = this.belief;
    // prediction: stay, or jump anywhere
    let total: f32 = 0;
    for (let s = 0; s < STATES; s++) total += unchecked(b[s]);
    const jump: f32 = ((<f32>1.0 - this.stay) * total) / <f32>STATES;
    let sum: f32 = 0;
    for (let s = 0; s < STATES; s++) {
      let score: f32;
      if (s == STATES - 1) score = norm > 0 ? NO_CHORD_SCORE : 1.0;
      else if (norm <= 0) score = 0;
      else {
        const root = s / QUALITIES;
        const q = s % QUALITIES;
        let dot: f32 = 0;
        for (let j = 0; j < 4; j++) {
          const iv = unchecked(TEMPLATES[q * 4 + j]);
          if (iv >= 0) dot += unchecked(chroma[(root + iv) % 12]);
        }
        score = dot / (norm * unchecked(this.norms[q]));
      }
      const v = (this.stay * unchecked(b[s]) + jump) * Mathf.exp(SHARPNESS * (score - 1.0));
      unchecked((b[s] = v));
      sum += v;
    }
    let best = STATES - 1;
    if (sum > 0) {
      const inv: f32 = 1.0 / sum;
      for (let s = 0; s < STATES; s++) {
        unchecked((b[s] *= inv));
        if (unchecked(b[s]) > unchecked(b[best])) best = s;
      }
    } else {
      this.reset();
    }
    this.chord = best == STATES - 1 ? -1 : best;
  }
}
