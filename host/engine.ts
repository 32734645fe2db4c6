/**
 * EngineHost: the JavaScript side of the engine ABI (assembly/index.ts), shared
 * by the AudioWorklet processor and the Node host, so both drive the .wasm the
 * same way and produce the same samples.
 *
 * It runs inside AudioWorkletGlobalScope too: no fetch, no TextDecoder, no
 * allocation in process(). Views onto linear memory are created once and again
 * only if the memory's buffer changes (it cannot grow: initial = maximum).
 */
import { PARAMS, SNAPSHOT_FIELDS, paramIndex } from '../params/table';

/** The engine's exports, as compiled from assembly/index.ts. */
export interface EngineExports {
  memory: WebAssembly.Memory;
  init(sampleRate: number, channels: number, maxFrames: number): number;
  reset(): void;
  inputPtr(channel: number): number;
  outputPtr(channel: number): number;
  process(frames: number): void;
  setParam(id: number, value: number): void;
  getParam(id: number): number;
  paramCount(): number;
  snapshotPtr(): number;
  snapshotLength(): number;
  latencyFrames(): number;
  framesProcessed(): number;
  heapTop(): number;
  eventsPtr(): number;
  eventCount(): number;
  eventStride(): number;
  unitCount(): number;
  benchUnit(unit: number, frames: number): void;
  MIN_SAMPLE_RATE: WebAssembly.Global;
  MAX_SAMPLE_RATE: WebAssembly.Global;
  MAX_CHANNELS: WebAssembly.Global;
  MAX_FRAMES: WebAssembly.Global;
}

/** Event kinds in eventData (assembly/core/events.ts). */
export const EVENT_BEAT = 1;
/** f64 slots per event: kind, time (s), value */
export const EVENT_STRIDE = 3;

export class EngineError extends Error {
  override name = 'EngineError';
}

/** The block size of the Web Audio render quantum; hosts may use others. */
export const RENDER_QUANTUM = 128;

/** Read an AssemblyScript string (UTF-16, length in the header) without TextDecoder. */
function readAsString(memory: WebAssembly.Memory, ptr: number): string {
  if (!ptr) return '';
  const bytes = new Uint32Array(memory.buffer, ptr - 4, 1)[0];
  const units = new Uint16Array(memory.buffer, ptr, bytes >>> 1);
  let s = '';
  for (let i = 0; i < units.length; i += 1024) s += String.fromCharCode(...units.subarray(i, i + 1024));
  return s;
}

/** Imports the engine needs: only `env.abort`, which can fire in init (out of memory), never in process. */
export function engineImports(getMemory: () => WebAssembly.Memory | undefined): WebAssembly.Imports {
  return {
    env: {
      abort(msg: number, file: number, line: number, col: number) {
        const m = getMemory();
        const text = m ? `${readAsString(m, msg)} at ${readAsString(m, file)}:${line}:${col}` : 'abort';
        throw new EngineError(`engine aborted: ${text}`);
      },
    },
  };
}

/** Instantiate synchronously from a compiled module (what the worklet has). */
export function instantiateEngine(module: WebAssembly.Module): EngineExports {
  let memory: WebAssembly.Memory | undefined;
  const instance = new WebAssembly.Instance(module, engineImports(() => memory));
  const exports = instance.exports as unknown as EngineExports;
  memory = exports.memory;
  return exports;
}

const INIT_ERRORS: Record<number, string> = {
  [-1]: 'sample rate out of range',
  [-2]: 'channel count out of range',
  [-3]: 'block size out of range',
};

export class EngineHost {
  readonly sampleRate: number;
  readonly channels: number;
  readonly maxFrames: number;
  readonly latencyFrames: number;
  /** planar input/output blocks in linear memory, maxFrames long */
  inputs: Float32Array[] = [];
  outputs: Float32Array[] = [];
  /** the analysis snapshot (SNAPSHOT_FIELDS order), live view */
  snapshot: Float32Array = new Float32Array(0);
  /** events of the last process() call, [kind, time, value] × eventCount(); live view */
  eventData: Float64Array = new Float64Array(0);
  private buffer: ArrayBuffer | null = null;

  constructor(
    readonly wasm: EngineExports,
    sampleRate: number,
    channels: number,
    maxFrames = RENDER_QUANTUM,
  ) {
    const lo = wasm.MIN_SAMPLE_RATE.value as number;
    const hi = wasm.MAX_SAMPLE_RATE.value as number;
    if (!(sampleRate >= lo && sampleRate <= hi)) {
      throw new EngineError(`sample rate ${sampleRate} Hz is outside the engine's range ${lo}–${hi} Hz`);
    }
    const maxCh = wasm.MAX_CHANNELS.value as number;
    if (!Number.isInteger(channels) || channels < 1 || channels > maxCh) {
      throw new EngineError(`${channels} channels: the engine takes 1–${maxCh}`);
    }
    const code = wasm.init(sampleRate, channels, maxFrames);
    if (code !== 0) throw new EngineError(`engine init failed: ${INIT_ERRORS[code] ?? `code ${code}`}`);
    if (wasm.paramCount() !== PARAMS.length || wasm.snapshotLength() !== SNAPSHOT_FIELDS.length) {
      throw new EngineError('engine.wasm was built from a different parameter table: rebuild it');
    }
    this.sampleRate = sampleRate;
    this.channels = channels;
    this.maxFrames = maxFrames;
    this.latencyFrames = wasm.latencyFrames();
    this.refreshViews();
  }

  /** Recreate the views if the memory's buffer changed; cheap identity check otherwise. */
  refreshViews(): void {
    const buffer = this.wasm.memory.buffer;
    if (buffer === this.buffer) return;
    this.buffer = buffer;
    this.inputs = [];
    this.outputs = [];
    for (let c = 0; c < this.channels; c++) {
      this.inputs.push(new Float32Array(buffer, this.wasm.inputPtr(c), this.maxFrames));
      this.outputs.push(new Float32Array(buffer, this.wasm.outputPtr(c), this.maxFrames));
    }
    this.snapshot = new Float32Array(buffer, this.wasm.snapshotPtr(), this.wasm.snapshotLength());
    this.eventData = new Float64Array(buffer, this.wasm.eventsPtr(), 16 * this.wasm.eventStride());
  }

  /** Process `frames` frames already written to `inputs`; results are in `outputs`. */
  process(frames: number): void {
    this.wasm.process(frames);
  }

  /** Set a parameter by table id ('master.gain') or ABI index, in its table unit. */
  setParam(id: string | number, value: number): void {
    const index = typeof id === 'number' ? id : paramIndex(id);
    if (index < 0 || index >= PARAMS.length) throw new EngineError(`unknown parameter '${id}'`);
    this.wasm.setParam(index, value);
  }

  getParam(id: string | number): number {
    const index = typeof id === 'number' ? id : paramIndex(id);
    if (index < 0 || index >= PARAMS.length) throw new EngineError(`unknown parameter '${id}'`);
    return this.wasm.getParam(index);
  }

  /** How many events the last process() call emitted (read them from eventData). */
  eventCount(): number {
    return this.wasm.eventCount();
  }

  /** A field of the snapshot by id ('out.peak.l'). */
  read(field: (typeof SNAPSHOT_FIELDS)[number]['id']): number {
    return this.snapshot[SNAPSHOT_FIELDS.findIndex((f) => f.id === field)];
  }

  reset(): void {
    this.wasm.reset();
  }
}
