/** Messages between the main thread (worklet/node.ts) and the processor (worklet/processor.ts). */

/** Registered processor name. */
export const PROCESSOR_NAME = 'gigscope-engine';

/** Options handed to the processor at construction (structured-cloned). */
export interface ProcessorOptions {
  /** the compiled engine; there is no fetch in AudioWorkletGlobalScope */
  module: WebAssembly.Module;
  channels: number;
  /** the context's rate; the processor's own `sampleRate` global is missing in the main-thread fallback (worklet/fallback.ts) */
  sampleRate: number;
  /** initial parameter values by ABI index, applied before the first block */
  params: [number, number][];
  /** snapshot messages per second (≤ 60) */
  snapshotHz: number;
  /**
   * Where the page is cross-origin isolated: a SharedArrayBuffer holding
   * [sequence: Int32][snapshot: Float32 × n]; the processor writes it instead
   * of posting messages and the UI reads it from requestAnimationFrame.
   */
  sharedSnapshot?: SharedArrayBuffer;
}

export type ToProcessor =
  | { type: 'param'; index: number; value: number }
  | { type: 'reset' }
  | { type: 'dispose' }
  /**
   * A convolution-reverb impulse response prepared on the main thread (host/impulse.ts
   * `impulseBlob`: the engine's slot bytes, transferred); the processor copies it into its
   * engine a slice per quantum and commits it. `data: null` unloads the response.
   */
  | { type: 'impulse'; id: number; data: ArrayBuffer | null }
  /**
   * TEST HOOK: make the engine trap on the next quantum, to exercise the
   * failure path (silence, 'engine-error', Restart) end to end. The processor
   * swaps the engine's process export for a one-instruction wasm function that
   * executes `unreachable`, so what is caught is a genuine
   * WebAssembly.RuntimeError. It can only silence this node, which any script
   * on the page could do by disconnecting it, so it is not guarded further.
   */
  | { type: 'test-trap' };

export type FromProcessor =
  | { type: 'ready'; latencyFrames: number; sampleRate: number; channels: number; shared: boolean }
  | { type: 'snapshot'; data: Float32Array; frame: number }
  /** sent the moment the engine announces a beat: `time` is the beat (engine clock, s; usually still ahead), `reportedAt` the end of the block that announced it, `inBar` 1 … meter */
  /** `contextTime` is the beat on the AudioContext clock (NaN where the scope has no currentTime), for scheduling the flash */
  | { type: 'beat'; time: number; reportedAt: number; inBar: number; contextTime: number }
  | { type: 'error'; message: string }
  /**
   * The engine failed inside process() (a wasm trap): the processor outputs
   * silence from then on and never calls the engine again. Sent once.
   */
  | { type: 'engine-error'; message: string }
  /** the answer to an 'impulse' message once committed (the swap follows at a block boundary); `error` if refused */
  | { type: 'impulse'; id: number; frames: number; error?: string };

/** Bytes before the snapshot floats in the shared buffer (the sequence counter, padded). */
export const SHARED_HEADER_BYTES = 8;
