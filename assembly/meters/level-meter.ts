/**
 * LevelMeter: peak, RMS and peak hold of one channel, in dBFS.
 *
 * - peak: the largest |x| of the last block (what a fast meter bar shows);
 * - rms: mean square integrated with a 300 ms time constant (IEC 60268-10's
 *   VU-like ballistics are 300 ms as well), so it reads like a loudness bar;
 * - hold: the highest peak, held for HOLD_SECONDS and then falling at
 *   FALL_DB_PER_SECOND, so a musician glancing up still sees the last hit.
 */
import { toDb, DB_FLOOR } from '../core/sanitize';

const RMS_SECONDS: f32 = 0.3;
const HOLD_SECONDS: f32 = 1.5;
const FALL_DB_PER_SECOND: f32 = 20.0;

export class LevelMeter {
  /** peak of the last block, linear */
  peak: f32 = 0;
  /** running mean square */
  private meanSquare: f32 = 0;
  /** per-sample weight of the mean-square integrator: 1 − exp(−1 / (RMS_SECONDS · fs)) */
  private msCoef: f32 = 0;
  /** held peak, dBFS */
  holdDb: f32 = DB_FLOOR;
  /** seconds left before the held peak starts to fall */
  private holdLeft: f32 = 0;
  private sampleRate: f32 = 48000;

  prepare(sampleRate: f32): void {
    this.sampleRate = sampleRate;
    this.msCoef = 1.0 - Mathf.exp(-1.0 / (RMS_SECONDS * sampleRate));
    this.reset();
  }

  reset(): void {
    this.peak = 0;
    this.meanSquare = 0;
    this.holdDb = DB_FLOOR;
    this.holdLeft = 0;
  }

  /** Measure one block of one channel (planar f32 at `ptr`). */
  process(ptr: usize, frames: i32): void {
    let peak: f32 = 0;
    let ms = this.meanSquare;
    const k = this.msCoef;
    for (let i = 0; i < frames; i++) {
      const x = load<f32>(ptr + (<usize>i << 2));
      peak = max(peak, Mathf.abs(x));
      ms += k * (x * x - ms);
    }
    // the integrator decays towards 0 in silence; stop it before it goes denormal
    this.meanSquare = ms < 1e-20 ? 0 : ms;
    this.peak = peak;

    const blockSeconds = <f32>frames / this.sampleRate;
    const peakDb = toDb(peak);
    if (peakDb >= this.holdDb) {
      this.holdDb = peakDb;
      this.holdLeft = HOLD_SECONDS;
    } else if (this.holdLeft > 0) {
      this.holdLeft -= blockSeconds;
    } else {
      this.holdDb = max(peakDb, this.holdDb - FALL_DB_PER_SECOND * blockSeconds);
    }
  }

  @inline peakDb(): f32 {
    return toDb(this.peak);
  }

  @inline rmsDb(): f32 {
    return toDb(Mathf.sqrt(this.meanSquare));
  }
}
