/**
 * GigscopeProcessor: the AudioWorkletProcessor that runs engine.wasm.
 *
 * Built by rollup into one self-contained file (dist/gigscope-processor.js).
 * Real-time rules kept here: process() allocates nothing (the views onto wasm
 * memory are made once, and again only if the buffer or the quantum size
 * changes), never throws by design, posts at most `snapshotHz` messages a
 * second from one reused Float32Array, and returns false once disposed so the
 * browser can collect the node.
 */
import { EngineHost, instantiateEngine, EVENT_BEAT, EVENT_STRIDE } from '../host/engine';
import { PARAMS, SNAPSHOT_FIELDS } from '../params/table';
import { impulseErrorText, type ConvolverEngine } from '../host/impulse';
import { PROCESSOR_NAME, SHARED_HEADER_BYTES, type FromProcessor, type ProcessorOptions, type ToProcessor } from './messages';

// AudioWorkletGlobalScope's globals, which the DOM typings do not declare.
declare const sampleRate: number;
declare const currentFrame: number;
declare const currentTime: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
  constructor(options?: unknown);
}
declare function registerProcessor(name: string, ctor: unknown): void;

const MAX_SNAPSHOT_HZ = 60;
/** Bytes of a prepared impulse response copied into the engine per quantum (256 KiB, a few µs of memcpy). */
const IMPULSE_SLICE_BYTES = 1 << 18;

/** A prepared impulse response on its way into the engine's inactive slot, one slice per quantum. */
interface ImpulseCopy {
  id: number;
  frames: number;
  bytes: number;
  /** the data cut into slices once, so process() makes no views */
  slices: Uint8Array[];
  next: number;
  /** the engine's inactive slot */
  target: Uint8Array;
  committed: boolean;
}

/**
 * Snapshot slots of the level meters (in.* / out.* peak, RMS, hold). After a
 * trap the processor publishes them as silence (−∞ dBFS): the output really
 * is silent, and the input is no longer measured, so a stale reading would lie.
 */
const METER_SLOTS = SNAPSHOT_FIELDS.flatMap((f, i) => (/^(in|out)\.(peak|rms|hold)\./.test(f.id) ? [i] : []));

/**
 * A complete wasm module whose one export executes `unreachable` (the test
 * hook's stand-in for the engine's process): calling it throws a real
 * WebAssembly.RuntimeError, the same thing a bug in the engine would throw.
 */
const TRAP_MODULE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
  0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type section: () → ()
  0x03, 0x02, 0x01, 0x00, // function section: one function of type 0
  0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00, // export "f" = function 0
  0x0a, 0x05, 0x01, 0x03, 0x00, 0x00, 0x0b, // code: no locals, unreachable, end
]);

/** The scope's rate, or the one the main thread passed where the scope has none (the main-thread fallback, worklet/fallback.ts). */
function scopeRate(fallback: number): number {
  return typeof sampleRate === 'number' && sampleRate > 0 ? sampleRate : fallback;
}

class GigscopeProcessor extends AudioWorkletProcessor {
  private engine: EngineHost | null = null;
  private disposed = false;
  /** the engine threw inside process(): from then on only silence goes out, the engine is never called again */
  private failed = false;
  /** frames per quantum the engine is set up for */
  private frames = 128;
  private snapshotEvery = 800;
  private sinceSnapshot = 0;
  private snapshotOut = new Float32Array(0);
  private sharedSeq: Int32Array | null = null;
  private sharedData: Float32Array | null = null;
  private readonly options: ProcessorOptions;
  /** the impulse response being copied in, kept after its commit to reload it if the engine is set up again */
  private impulse: ImpulseCopy | null = null;

  constructor(init: { processorOptions: ProcessorOptions }) {
    super(init);
    this.options = init.processorOptions;
    this.port.onmessage = (e: MessageEvent<ToProcessor>) => this.onMessage(e.data);
    try {
      this.setUp(this.frames);
      const engine = this.engine!;
      this.post({ type: 'ready', latencyFrames: engine.latencyFrames, sampleRate: engine.sampleRate, channels: engine.channels, shared: !!this.sharedSeq });
    } catch (err) {
      this.disposed = true;
      this.post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Instantiate and initialise the engine for a quantum of `frames`. Never called per block in steady state. */
  private setUp(frames: number): void {
    const o = this.options;
    if (!this.engine) {
      this.engine = new EngineHost(instantiateEngine(o.module), scopeRate(o.sampleRate), o.channels, frames);
    } else {
      this.engine = new EngineHost(this.engine.wasm, scopeRate(o.sampleRate), o.channels, frames);
    }
    for (const [index, value] of o.params) this.engine.setParam(index, value);
    this.engine.reset();
    this.frames = frames;
    const hz = Math.min(MAX_SNAPSHOT_HZ, Math.max(1, o.snapshotHz || MAX_SNAPSHOT_HZ));
    this.snapshotEvery = Math.ceil(this.engine.sampleRate / hz);
    this.snapshotOut = new Float32Array(this.engine.snapshot.length);
    if (o.sharedSnapshot) {
      this.sharedSeq = new Int32Array(o.sharedSnapshot, 0, 1);
      this.sharedData = new Float32Array(o.sharedSnapshot, SHARED_HEADER_BYTES, this.engine.snapshot.length);
    }
    // a new engine has no impulse response: copy the last one in again
    const ir = this.impulse;
    if (ir) this.startImpulse(ir.id, ir.slices, ir.bytes, ir.frames);
  }

  /** Begin copying prepared impulse-response bytes into the engine (a slice per quantum, then commit). */
  private startImpulse(id: number, slices: Uint8Array[], bytes: number, frames: number): void {
    const wasm = this.engine!.wasm as ConvolverEngine;
    if (slices.length === 0 || bytes > wasm.impulseSlotBytes()) {
      this.impulse = null;
      this.post({ type: 'impulse', id, frames: 0, error: impulseErrorText(-4) });
      return;
    }
    const target = new Uint8Array(wasm.memory.buffer, wasm.impulseBeginLoad(), bytes);
    this.impulse = { id, frames, bytes, slices, next: 0, target, committed: false };
  }

  private copyImpulseSlice(ir: ImpulseCopy, wasm: ConvolverEngine): void {
    ir.target.set(ir.slices[ir.next], ir.next * IMPULSE_SLICE_BYTES);
    ir.next++;
    if (ir.next < ir.slices.length) return;
    ir.committed = true;
    const code = wasm.impulseCommit(ir.bytes);
    if (code === 0) this.post({ type: 'impulse', id: ir.id, frames: ir.frames });
    else {
      this.impulse = null;
      this.post({ type: 'impulse', id: ir.id, frames: 0, error: impulseErrorText(code) });
    }
  }

  private onMessage(msg: ToProcessor): void {
    const engine = this.engine;
    // Only GigscopeNode talks to this port, but a malformed message (a bug on the main thread)
    // must neither throw here nor reach the engine: dropped, like any message it cannot use.
    if (!engine || typeof msg !== 'object' || msg === null) return;
    switch (msg.type) {
      case 'param':
        // an integer ABI index and a number; anything else would throw in setParam now, or,
        // once remembered, in the next set-up, which would silence the node for good
        if (!Number.isInteger(msg.index) || msg.index < 0 || msg.index >= PARAMS.length || typeof msg.value !== 'number') break;
        // remember it so a re-set-up (quantum size change) keeps the value
        this.rememberParam(msg.index, msg.value);
        engine.setParam(msg.index, msg.value);
        break;
      case 'reset':
        engine.reset();
        break;
      case 'dispose':
        this.disposed = true;
        this.port.onmessage = null;
        break;
      case 'test-trap': {
        // the engine's exports object is frozen, so the host's method is shadowed instead
        const trap = new WebAssembly.Instance(new WebAssembly.Module(TRAP_MODULE)).exports.f as () => void;
        (engine as { process: (frames: number) => void }).process = () => trap();
        break;
      }
      case 'impulse': {
        if (msg.data === null) {
          (engine.wasm as ConvolverEngine).impulseClear();
          this.impulse = null;
          this.post({ type: 'impulse', id: msg.id, frames: 0 });
          break;
        }
        if (!(msg.data instanceof ArrayBuffer)) {
          // not prepared bytes at all: refuse it as the engine would refuse corrupt ones
          this.post({ type: 'impulse', id: msg.id, frames: 0, error: impulseErrorText(-4) });
          break;
        }
        const data = new Uint8Array(msg.data);
        const slices: Uint8Array[] = [];
        for (let at = 0; at < data.length; at += IMPULSE_SLICE_BYTES) slices.push(data.subarray(at, at + IMPULSE_SLICE_BYTES));
        // the slot header's frame count (little-endian i32 at byte 8, assembly/reverb/convolver.ts)
        const frames = data.length >= 12 ? data[8] | (data[9] << 8) | (data[10] << 16) | (data[11] << 24) : 0;
        this.startImpulse(msg.id, slices, data.length, frames);
        break;
      }
    }
  }

  private rememberParam(index: number, value: number): void {
    // a trigger is an action, not a value: replaying it on a re-set-up would fire it again
    if (PARAMS[index]?.scaling === 'trigger') return;
    const list = this.options.params;
    const at = list.findIndex(([i]) => i === index);
    if (at >= 0) list[at][1] = value;
    else list.push([index, value]);
  }

  process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    if (this.disposed) return false;
    const output = outputs[0];
    if (!output || output.length === 0) return true;
    if (this.failed) {
      silence(output);
      return true;
    }
    try {
      this.run(inputs[0], output);
    } catch (err) {
      // The engine trapped (or its set-up aborted). Whatever it left in the
      // output buffers (or in its own memory) cannot be trusted, so the rest
      // of this node's life is silence, and the main thread is told once.
      this.failed = true;
      silence(output);
      this.publishSilentMeters();
      this.post({ type: 'engine-error', message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
    }
    return true;
  }

  /** One quantum through the engine. May throw only if the engine traps. */
  private run(input: Float32Array[] | undefined, output: Float32Array[]): void {
    const frames = output[0].length;
    // the quantum is 128 today; a different size re-sets up once, not per block
    if (frames !== this.frames) this.setUp(frames);
    const engine = this.engine!;
    engine.refreshViews();
    const ir = this.impulse;
    if (ir && !ir.committed) this.copyImpulseSlice(ir, engine.wasm as ConvolverEngine);
    const channels = engine.channels;
    for (let c = 0; c < channels; c++) {
      if (input && c < input.length) engine.inputs[c].set(input[c]);
      else engine.inputs[c].fill(0); // nothing connected (or fewer channels): silence
    }
    engine.process(frames);
    for (let c = 0; c < output.length; c++) {
      // extra output channels (if any) repeat the last engine channel
      output[c].set(engine.outputs[c < channels ? c : channels - 1]);
    }
    // beat events go out at once (a few per second at most), not with the rate-limited snapshot
    const events = engine.eventCount();
    if (events > 0) {
      const blockEnd = engine.wasm.framesProcessed() / engine.sampleRate;
      // the block began at context time `currentTime`, engine time blockEnd − frames/fs
      const toContext = typeof currentTime === 'number' ? currentTime - (blockEnd - frames / engine.sampleRate) : NaN;
      for (let i = 0; i < events; i++) {
        const o = i * EVENT_STRIDE;
        if (engine.eventData[o] !== EVENT_BEAT) continue;
        const time = engine.eventData[o + 1];
        this.port.postMessage({ type: 'beat', time, reportedAt: blockEnd, inBar: engine.eventData[o + 2], contextTime: time + toContext });
      }
    }
    this.sinceSnapshot += frames;
    if (this.sinceSnapshot >= this.snapshotEvery) {
      this.sinceSnapshot = 0;
      this.publishSnapshot(engine);
    }
  }

  /** The last snapshot with the meters at silence, published once when the engine fails. */
  private publishSilentMeters(): void {
    const out = this.snapshotOut;
    if (this.engine && out.length === this.engine.snapshot.length) {
      // the engine's memory is still readable after a trap; only the meters are replaced
      try {
        out.set(this.engine.snapshot);
      } catch {
        out.fill(0);
      }
    }
    for (const i of METER_SLOTS) if (i < out.length) out[i] = -Infinity;
    if (this.sharedData && this.sharedSeq) {
      this.sharedData.set(out);
      Atomics.add(this.sharedSeq, 0, 1);
    } else {
      this.port.postMessage({ type: 'snapshot', data: out, frame: typeof currentFrame === 'number' ? currentFrame : 0 });
    }
  }

  private publishSnapshot(engine: EngineHost): void {
    if (this.sharedData && this.sharedSeq) {
      this.sharedData.set(engine.snapshot);
      Atomics.add(this.sharedSeq, 0, 1);
      return;
    }
    this.snapshotOut.set(engine.snapshot);
    this.port.postMessage({ type: 'snapshot', data: this.snapshotOut, frame: typeof currentFrame === 'number' ? currentFrame : 0 });
  }

  private post(msg: FromProcessor): void {
    this.port.postMessage(msg);
  }
}

/** Zero every channel of an output (what a failed engine sends instead of its buffers). */
function silence(output: Float32Array[]): void {
  for (let c = 0; c < output.length; c++) output[c].fill(0);
}

registerProcessor(PROCESSOR_NAME, GigscopeProcessor);
