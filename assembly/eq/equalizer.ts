/** Equalizer — STUB: passes audio through. To be implemented (see the chain in effects/chain.ts). */
export class Equalizer {
  prepare(sampleRate: f32, maxFrames: i32): void {}
  reset(): void {}
  setHighpass(hz: f32): void {}
  setLowShelf(hz: f32, db: f32): void {}
  setPeak(hz: f32, db: f32, q: f32): void {}
  setHighShelf(hz: f32, db: f32): void {}
  /** Equalise the stereo block in place. */
  process(left: usize, right: usize, frames: i32): void {}
}
