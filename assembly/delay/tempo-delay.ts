/** TempoDelay — STUB (being written). */
export class TempoDelay {
  prepare(sampleRate: f32, maxFrames: i32): void {}
  reset(): void {}
  setOn(on: bool): void {}
  setTime(ms: f32, divisionBeats: f32, sync: i32, fixedBpm: f32): void {}
  setFeedback(fb: f32): void {}
  setMix(mix: f32): void {}
  setFilters(lowCutHz: f32, highCutHz: f32): void {}
  setPingPong(on: bool): void {}
  setModulation(depthMs: f32, rateHz: f32): void {}
  setFreeze(on: bool): void {}
  setMode(mode: i32): void {}
  process(left: usize, right: usize, frames: i32, trackedBpm: f64): void {}
}
