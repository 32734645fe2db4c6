/**
 * BeatActivation: how much the current novelty frame looks like a beat.
 *
 * EXPERIMENT, not kept (docs/beat-tracking.md, "A beat activation learned
 * from rendered MIDI"; trained by eval/experiments/beat-activation/train.py).
 * Input: the spectral flux summed over six frequency groups
 * (SpectralFluxOnset.groupFlux), each relative to its own running mean,
 * log-compressed, for this frame and the two before. A small network
 * (INPUTS → HIDDEN tanh → 1 logistic), fitted class-balanced, maps them to
 * the probability that the frame is a beat.
 */
import { FLUX_GROUPS } from './spectral-flux';
import { INPUTS, HIDDEN, W1, B1, W2, B2 } from './beat-activation-weights';

/** this frame and the ones before it */
const LAGS: i32 = INPUTS / FLUX_GROUPS;
/** time constant of each group's running mean, seconds (as the tracker's) */
const MEAN_SECONDS: f64 = 3.0;

export class BeatActivation {
  value: f32 = 0.5;
  private coef: f64 = 0.01;
  private means: StaticArray<f64> = new StaticArray<f64>(FLUX_GROUPS);
  private weight: f64 = 0;
  /** inputs: lag-major, [lag · FLUX_GROUPS + group] */
  private x: StaticArray<f32> = new StaticArray<f32>(LAGS * FLUX_GROUPS);

  prepare(frameRate: f64): void {
    this.coef = 1.0 / (MEAN_SECONDS * frameRate);
    this.reset();
  }

  reset(): void {
    this.means.fill(0);
    this.weight = 0;
    this.x.fill(0);
    this.value = 0.5;
  }

  step(groups: StaticArray<f32>): f32 {
    const x = this.x;
    for (let i = LAGS * FLUX_GROUPS - 1; i >= FLUX_GROUPS; i--) unchecked((x[i] = x[i - FLUX_GROUPS]));
    const a = this.coef;
    this.weight += a * (1.0 - this.weight);
    for (let g = 0; g < FLUX_GROUPS; g++) {
      const v = <f64>unchecked(groups[g]);
      const m = unchecked(this.means[g]) + a * (v - unchecked(this.means[g]));
      unchecked((this.means[g] = m));
      unchecked((x[g] = <f32>Math.log1p(v / Math.max(m / this.weight, 1e-6))));
    }
    let z: f32 = B2;
    for (let j = 0; j < HIDDEN; j++) {
      let h: f32 = unchecked(B1[j]);
      const row = j * INPUTS;
      for (let i = 0; i < INPUTS; i++) h += unchecked(W1[row + i]) * unchecked(x[i]);
      z += unchecked(W2[j]) * <f32>Math.tanh(<f64>h);
    }
    this.value = <f32>(1.0 / (1.0 + Math.exp(-<f64>z)));
    return this.value;
  }
}
