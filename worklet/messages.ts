/** Messages between the main thread (worklet/node.ts) and the processor (worklet/processor.ts). */

/** Registered processor name. */
export const PROCESSOR_NAME = 'gigscope-engine';

/** Options handed to the processor at construction (structured-cloned). */
export interface ProcessorOptions {
  /** the compiled engine; there is no fetch in AudioWorkletGlobalScope */
  module: WebAssembly.Module;
  channels: number;
  /** the context's rate; the processor's own `sampleRate` global is missing under audioworklet-polyfill */
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
  | { type: 'dispose' };

export type FromProcessor =
  | { type: 'ready'; latencyFrames: number; sampleRate: number; channels: number; shared: boolean }
  | { type: 'snapshot'; data: Float32Array; frame: number }
  | { type: 'error'; message: string };

/** Bytes before the snapshot floats in the shared buffer (the sequence counter, padded). */
export const SHARED_HEADER_BYTES = 8;
