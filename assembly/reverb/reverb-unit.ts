/** ReverbUnit — STUB (being written). */
import { Convolver } from './convolver';
export class ReverbUnit {
  convolver: Convolver = new Convolver();
  prepare(sampleRate: f32, maxFrames: i32): void {
    this.convolver.prepare(sampleRate, maxFrames);
  }
  reset(): void {
    this.convolver.reset();
  }
  setOn(on: bool): void {}
  setType(type: i32): void {}
  setDecay(seconds: f32, lowMultiple: f32, damping: f32): void {}
  setPredelay(ms: f32): void {}
  setSize(size: f32): void {}
  setWidth(width: f32): void {}
  setFreeze(on: bool): void {}
  setMix(mix: f32): void {}
  process(left: usize, right: usize, frames: i32): void {}
}
