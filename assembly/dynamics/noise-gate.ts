/** NoiseGate — STUB: passes audio through. To be implemented (see the chain in effects/chain.ts). */
export class NoiseGate {
  prepare(sampleRate: f32, maxFrames: i32): void {}
  reset(): void {}
  setThreshold(db: f32): void {}
  setHysteresis(db: f32): void {}
  setHold(ms: f32): void {}
  setRange(db: f32): void {}
  setAttack(ms: f32): void {}
  setRelease(ms: f32): void {}
  /** Gate the stereo block in place (detection linked across both channels). */
  process(left: usize, right: usize, frames: i32): void {}
  /** Current attenuation, dB (≤ 0). */
  gainReductionDb(): f32 {
    return 0;
  }
}
