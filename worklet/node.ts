/**
 * GigscopeNode: the main-thread side of the engine in a Web Audio graph.
 *
 *   const gig = await GigscopeNode.create(ctx, { channels: 2 });
 *   source.connect(gig.node).connect(ctx.destination);
 *   gig.setParam('master.gain', -6);
 *   gig.onSnapshot = (s) => draw(s);
 *
 * Compiles engine.wasm once per page (the processor cannot fetch) and hands the
 * WebAssembly.Module to the processor in its options. AudioWorklet is feature
 * detected; only where it is missing does worklet/fallback.ts run the same
 * processor on the main thread through a ScriptProcessorNode (not
 * audioworklet-polyfill, whose eval-based loader the page's CSP refuses) —
 * a degraded mode (larger blocks, more latency, glitches under UI load) that
 * `gig.degraded` reports so the app can say so.
 */
import { PARAMS, SNAPSHOT_FIELDS, paramIndex, type SnapshotId } from '../params/table';
import { PROCESSOR_NAME, SHARED_HEADER_BYTES, type FromProcessor, type ProcessorOptions, type ToProcessor } from './messages';
import { BUNDLED_IMPULSE, ImpulseError, decodeImpulseWav, impulseBlob, prepareImpulse, type ImpulseResponse } from '../host/impulse';
import { engineFileName } from '../host/wasm-features';
import { createFallbackNode, loadFallbackProcessor } from './fallback';

/** 'reverb.type' value of the convolution reverb. */
const CONVOLUTION = (PARAMS[paramIndex('reverb.type')] as { choices?: readonly string[] }).choices?.indexOf('convolution') ?? -1;

/** What a loaded impulse response turned into. */
export interface ImpulseInfo {
  name: string;
  /** frames at the context's rate, after resampling and trimming */
  frames: number;
  channels: number;
  /** the file's own rate */
  sourceRate: number;
}

export interface GigscopeNodeOptions {
  /** engine channels: 2 for stereo effects (default); mono sources are up-mixed by Web Audio */
  channels?: number;
  /** initial parameter values by table id */
  params?: Record<string, number>;
  /** snapshots per second, ≤ 60 (default 60) */
  snapshotHz?: number;
  /** where dist/ is served from; defaults to next to this module */
  baseUrl?: URL | string;
}

const moduleCache = new Map<string, Promise<WebAssembly.Module>>();
const registered = new WeakMap<BaseAudioContext, Promise<void>>();

/** Compile engine.wasm once per URL (streaming where the server sends application/wasm). */
export function loadEngineModule(url: URL | string): Promise<WebAssembly.Module> {
  const key = String(url);
  let p = moduleCache.get(key);
  if (!p) {
    p = fetch(key).then(async (res) => {
      if (!res.ok) throw new Error(`cannot load ${key}: HTTP ${res.status}`);
      return WebAssembly.compile(await res.arrayBuffer());
    });
    moduleCache.set(key, p);
    p.catch(() => moduleCache.delete(key));
  }
  return p;
}

/** True where the browser has a real AudioWorklet. */
export function hasAudioWorklet(ctx?: BaseAudioContext): boolean {
  return typeof AudioWorkletNode === 'function' && (!ctx || 'audioWorklet' in ctx);
}

/** Register the processor with the context's AudioWorklet, or (degraded mode) load it on the main thread. */
async function ensureWorklet(ctx: BaseAudioContext, processorUrl: string, degraded: boolean): Promise<void> {
  if (degraded) return loadFallbackProcessor(processorUrl);
  let p = registered.get(ctx);
  if (!p) {
    p = ctx.audioWorklet.addModule(processorUrl);
    registered.set(ctx, p);
  }
  await p;
}

export class GigscopeNode {
  readonly node: AudioWorkletNode;
  /** output delay behind the input, frames (the safety limiter's look-ahead) */
  latencyFrames = 0;
  /** true when running on the main-thread fallback (no real AudioWorklet) */
  readonly degraded: boolean;
  /** the latest snapshot (SNAPSHOT_FIELDS order) */
  readonly snapshot: Float32Array;
  /** called for every snapshot message (not used in shared-memory mode: poll `readShared()`) */
  onSnapshot: ((snapshot: Float32Array) => void) | null = null;
  onError: ((message: string) => void) | null = null;
  /**
   * The engine trapped inside process(): the node now outputs silence for
   * good (it is not reusable; build a new one). Also kept in `failure`.
   */
  onEngineError: ((message: string) => void) | null = null;
  /** why the engine stopped, once it has (see onEngineError); null while it runs */
  failure: string | null = null;
  /** A response that could not be loaded (the engine keeps running with the previous one). */
  onImpulseError: ((message: string) => void) | null = null;
  /**
   * Called as soon as the engine announces a beat, usually before it happens.
   * `time` and `reportedAt` are on the engine clock (seconds since the node
   * started processing); `contextTime` is the beat on the AudioContext clock,
   * to schedule a flash against `ctx.currentTime` rather than on arrival.
   */
  onBeat: ((beat: { time: number; reportedAt: number; inBar: number; contextTime: number }) => void) | null = null;
  private values: Record<string, number>;
  private shared: { seq: Int32Array; data: Float32Array; last: number } | null;
  private disposed = false;
  /** for impulse responses: the compiled engine (prepared in a second instance), the rate, where dist/ is */
  private engineModule: WebAssembly.Module | null = null;
  private rate = 48000;
  private base: URL | null = null;
  private impulseId = 0;
  private impulseWaiting = new Map<number, (msg: { frames: number; error?: string }) => void>();
  /** true once a response was requested: switching to convolution then does not load the bundled one */
  private impulseRequested = false;
  /** counts loadImpulse() calls: a load overtaken by a newer one while it fetched is dropped */
  private impulseGeneration = 0;

  private constructor(node: AudioWorkletNode, values: Record<string, number>, shared: GigscopeNode['shared'], degraded: boolean) {
    this.node = node;
    this.values = values;
    this.shared = shared;
    this.degraded = degraded;
    this.snapshot = new Float32Array(SNAPSHOT_FIELDS.length);
  }

  static async create(ctx: BaseAudioContext, options: GigscopeNodeOptions = {}): Promise<GigscopeNode> {
    const base = options.baseUrl ? new URL(String(options.baseUrl), location.href) : new URL('./', import.meta.url);
    const polyfilled = !hasAudioWorklet(ctx);
    const [module] = await Promise.all([
      loadEngineModule(new URL(engineFileName(), base)),
      ensureWorklet(ctx, new URL('gigscope-processor.js', base).href, polyfilled),
    ]);
    const channels = options.channels ?? 2;
    // triggers (tap, ×2 …) are actions with no value: never part of the starting state
    const values: Record<string, number> = {};
    for (const p of PARAMS) if (p.scaling !== 'trigger') values[p.id] = p.default;
    for (const [id, v] of Object.entries(options.params ?? {})) {
      const index = paramIndex(id);
      if (index < 0) throw new Error(`unknown parameter '${id}'`);
      if (PARAMS[index].scaling !== 'trigger') values[id] = v;
    }
    let sharedBuffer: SharedArrayBuffer | undefined;
    if (globalThis.crossOriginIsolated && typeof SharedArrayBuffer === 'function' && !polyfilled) {
      sharedBuffer = new SharedArrayBuffer(SHARED_HEADER_BYTES + 4 * SNAPSHOT_FIELDS.length);
    }
    const processorOptions: ProcessorOptions = {
      module,
      channels,
      sampleRate: ctx.sampleRate,
      params: Object.entries(values).map(([id, v]) => [paramIndex(id), v]),
      snapshotHz: options.snapshotHz ?? 60,
      sharedSnapshot: sharedBuffer,
    };
    const nodeOptions: AudioWorkletNodeOptions = {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      outputChannelCount: [channels],
      channelCount: channels,
      channelCountMode: 'explicit',
      channelInterpretation: 'speakers',
      processorOptions,
    };
    const node = polyfilled ? createFallbackNode(ctx, PROCESSOR_NAME, nodeOptions) : new AudioWorkletNode(ctx, PROCESSOR_NAME, nodeOptions);
    const shared = sharedBuffer
      ? { seq: new Int32Array(sharedBuffer, 0, 1), data: new Float32Array(sharedBuffer, SHARED_HEADER_BYTES, SNAPSHOT_FIELDS.length), last: 0 }
      : null;
    const gig = new GigscopeNode(node, values, shared, polyfilled);
    gig.engineModule = module;
    gig.rate = ctx.sampleRate;
    gig.base = base;
    await new Promise<void>((resolve, reject) => {
      node.port.onmessage = (e: MessageEvent<FromProcessor>) => {
        const msg = e.data;
        if (msg.type === 'ready') {
          gig.latencyFrames = msg.latencyFrames;
          resolve();
        } else if (msg.type === 'error') {
          reject(new Error(msg.message));
        }
        gig.onMessage(msg);
      };
      if (values['reverb.type'] === CONVOLUTION) gig.loadBundledImpulse();
      node.onprocessorerror = () => {
        const m = 'the audio engine stopped (processor error)';
        reject(new Error(m));
        gig.onError?.(m);
      };
    });
    return gig;
  }

  private onMessage(msg: FromProcessor): void {
    if (msg.type === 'snapshot') {
      this.snapshot.set(msg.data);
      this.onSnapshot?.(this.snapshot);
    } else if (msg.type === 'beat') {
      this.onBeat?.(msg);
    } else if (msg.type === 'error') {
      this.onError?.(msg.message);
    } else if (msg.type === 'engine-error') {
      this.failure = msg.message;
      this.onEngineError?.(msg.message);
    } else if (msg.type === 'impulse') {
      this.impulseWaiting.get(msg.id)?.(msg);
      this.impulseWaiting.delete(msg.id);
    }
  }

  /**
   * Load an impulse response for the convolution reverb ('reverb.type' =
   * convolution): WAV bytes (any rate, mono or stereo), an already decoded
   * response, nothing for the bundled one, or null to unload. It is resampled
   * to the context's rate and partitioned here on the main thread (a second
   * instance of the engine does the FFTs); the processor only copies the
   * result in, and the engine swaps it in at a block boundary. Resolves once
   * the engine has accepted it (null if unloaded, or overtaken by a newer call
   * before it was sent); rejects with an ImpulseError saying why not.
   */
  async loadImpulse(source?: ArrayBuffer | Uint8Array | ImpulseResponse | null, name?: string): Promise<ImpulseInfo | null> {
    this.impulseRequested = true;
    const generation = ++this.impulseGeneration;
    if (source === null) {
      await this.sendImpulse(null);
      return null;
    }
    let ir: ImpulseResponse;
    if (source === undefined) {
      const url = new URL(`impulses/${BUNDLED_IMPULSE}`, this.base ?? location.href);
      const res = await fetch(url);
      if (!res.ok) throw new ImpulseError(`cannot load ${url}: HTTP ${res.status}`);
      const bytes = await res.arrayBuffer();
      if (generation !== this.impulseGeneration) return null;
      ir = decodeImpulseWav(bytes, BUNDLED_IMPULSE);
    } else if (source instanceof ArrayBuffer || source instanceof Uint8Array) {
      ir = decodeImpulseWav(source, name);
    } else {
      ir = { ...source, name: name ?? source.name };
    }
    const prepared = prepareImpulse(ir, this.rate);
    const blob = impulseBlob(this.engineModule!, prepared);
    const frames = await this.sendImpulse(blob.bytes);
    return { name: prepared.name, frames, channels: blob.channels, sourceRate: prepared.sourceRate };
  }

  private sendImpulse(data: ArrayBuffer | null): Promise<number> {
    const id = ++this.impulseId;
    return new Promise((resolve, reject) => {
      this.impulseWaiting.set(id, (msg) => (msg.error ? reject(new ImpulseError(msg.error)) : resolve(msg.frames)));
      if (this.disposed) reject(new ImpulseError('the node is disposed'));
      else this.node.port.postMessage({ type: 'impulse', id, data } satisfies ToProcessor, data ? [data] : []);
    });
  }

  /** Switching to the convolution reverb with no response loaded loads the bundled one. */
  private loadBundledImpulse(): void {
    if (this.impulseRequested) return;
    // a failed load is not an engine failure: the audio goes on with no (or the previous) response
    this.loadImpulse().catch((err) => this.onImpulseError?.(err instanceof Error ? err.message : String(err)));
  }

  /**
   * In shared-memory mode, copy the newest snapshot if one arrived since the
   * last call (from requestAnimationFrame). Returns true when it changed.
   */
  readShared(): boolean {
    if (!this.shared) return false;
    const seq = Atomics.load(this.shared.seq, 0);
    if (seq === this.shared.last) return false;
    this.shared.last = seq;
    this.snapshot.set(this.shared.data);
    return true;
  }

  get usesSharedMemory(): boolean {
    return this.shared !== null;
  }

  read(field: SnapshotId): number {
    return this.snapshot[SNAPSHOT_FIELDS.findIndex((f) => f.id === field)];
  }

  setParam(id: string, value: number): void {
    const index = paramIndex(id);
    if (index < 0) throw new Error(`unknown parameter '${id}'`);
    const p = PARAMS[index];
    const v = Math.min(p.max, Math.max(p.min, value));
    // a trigger fires and is forgotten: it is not a value to read back or save
    if (p.scaling !== 'trigger') this.values[id] = v;
    this.send({ type: 'param', index, value: v });
    if (id === 'reverb.type' && v === CONVOLUTION) this.loadBundledImpulse();
  }

  getParam(id: string): number {
    return this.values[id];
  }

  /** All current values by id (what a preset saves). */
  getParams(): Record<string, number> {
    return { ...this.values };
  }

  reset(): void {
    this.send({ type: 'reset' });
  }

  connect(destination: AudioNode): AudioNode {
    return this.node.connect(destination);
  }

  disconnect(): void {
    this.node.disconnect();
  }

  /** Stop the processor (its process() returns false) and detach it. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.send({ type: 'dispose' });
    this.node.port.onmessage = null;
    this.node.disconnect();
  }

  private send(msg: ToProcessor): void {
    if (!this.disposed || msg.type === 'dispose') this.node.port.postMessage(msg);
  }
}
