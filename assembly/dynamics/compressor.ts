/** Compressor — STUB: passes audio through. To be implemented (see the chain in effects/chain.ts). */
export class Compressor {
  prepare(sampleRate: f32, maxFrames: i32): void {}
  reset(): void {}
  setThreshold(db: f32): void {}
  setRatio(ratio: f32): void {}
  setKnee(db: f32): void {}
  setAttack(ms: f32): void {}
  setRelease(ms: f32): void {}
  setMakeup(db: f32): void {}
  /** Compress the stereo block in place (detection linked across both channels). */
  process(left: usize, right: usize, frames: i32): void {}
  /** Deepest gain reduction of the last block, dB (≤ 0). */
  gainReductionDb(): f32 {
    return 0;
  }
}
