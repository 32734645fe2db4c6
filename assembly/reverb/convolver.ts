/** Convolver — STUB: produces no output. To be implemented (zero-latency partitioned convolution). */
export class Convolver {
  prepare(sampleRate: f32, maxFrames: i32): void {}
  reset(): void {}
  /** True once an impulse response is loaded. */
  hasImpulse(): bool {
    return false;
  }
  /** Wet output of the loaded impulse response for the (stereo) input block. */
  process(inLeft: usize, inRight: usize, outLeft: usize, outRight: usize, frames: i32): void {
    memory.fill(outLeft, 0, <usize>frames << 2);
    memory.fill(outRight, 0, <usize>frames << 2);
  }
}
