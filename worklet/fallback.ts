/**
 * Degraded mode: where the browser has no AudioWorklet, run the same
 * processor file (dist/gigscope-processor.js) on the main thread behind a
 * ScriptProcessorNode.
 *
 * This replaces audioworklet-polyfill's loader, which evaluates the
 * processor's source text inside a hidden iframe through an inline <script>
 * and eval(): the page's Content-Security-Policy (scripts from 'self' only,
 * no 'unsafe-eval', no 'unsafe-inline') refuses both, so under that policy
 * the polyfill cannot start. Here the processor file is imported as an
 * ordinary module from our own origin, after the two globals it expects
 * (AudioWorkletProcessor, registerProcessor) are in place; the node is a
 * ScriptProcessorNode given the `port` and `onprocessorerror` that
 * GigscopeNode uses.
 *
 * Costs of the mode (why the app says "degraded"): larger blocks (the
 * browser's ScriptProcessor size), more latency, audio on the UI thread.
 */

/** What registerProcessor receives: the processor class. */
type ProcessorCtor = new (init: { processorOptions?: unknown }) => {
  process(inputs: Float32Array[][], outputs: Float32Array[][], parameters: Record<string, Float32Array>): boolean;
};

const processors = new Map<string, ProcessorCtor>();
const loaded = new Map<string, Promise<unknown>>();
/** the port the processor being constructed gets (its base class reads it) */
let pendingPort: MessagePort | null = null;

/** Put the AudioWorkletGlobalScope names the processor file uses onto the page's global scope. */
function installScope(): void {
  const g = globalThis as Record<string, unknown>;
  if (typeof g.registerProcessor !== 'function') {
    g.registerProcessor = (name: string, ctor: ProcessorCtor) => void processors.set(name, ctor);
  }
  if (typeof g.AudioWorkletProcessor !== 'function') {
    g.AudioWorkletProcessor = class AudioWorkletProcessor {
      readonly port: MessagePort;
      constructor() {
        if (!pendingPort) throw new TypeError('a processor can only be constructed by its node');
        this.port = pendingPort;
      }
    };
  }
}

/** Load the processor module on the main thread (once per URL). */
export function loadFallbackProcessor(url: string): Promise<void> {
  installScope();
  let p = loaded.get(url);
  if (!p) {
    p = import(/* @vite-ignore */ url);
    loaded.set(url, p);
    p.catch(() => loaded.delete(url));
  }
  return p.then(() => undefined);
}

/** A ScriptProcessorNode running processor `name`, shaped like the AudioWorkletNode GigscopeNode expects. */
export function createFallbackNode(ctx: BaseAudioContext, name: string, options: AudioWorkletNodeOptions): AudioWorkletNode {
  const Processor = processors.get(name);
  if (!Processor) throw new Error(`the processor '${name}' is not loaded`);
  const inputs = options.channelCount ?? 2;
  const outputs = options.outputChannelCount?.[0] ?? 2;
  // bufferSize 0: the browser picks the size it can run without glitching
  const sp = ctx.createScriptProcessor(0, inputs, outputs);
  const channel = new MessageChannel();
  pendingPort = channel.port2;
  let processor: InstanceType<ProcessorCtor>;
  try {
    processor = new Processor({ processorOptions: options.processorOptions });
  } finally {
    pendingPort = null;
  }
  const node = sp as unknown as AudioWorkletNode & { onprocessorerror: ((e: Event) => void) | null };
  Object.defineProperty(node, 'port', { value: channel.port1 });
  node.onprocessorerror = null;
  let alive = true;
  const params: Record<string, Float32Array> = {};
  sp.onaudioprocess = (e: AudioProcessingEvent) => {
    const out = channels(e.outputBuffer);
    if (!alive) {
      for (const c of out) c.fill(0);
      return;
    }
    try {
      // like a real worklet: returning false ends processing (silence from then on)
      alive = processor.process([channels(e.inputBuffer)], [out], params) !== false;
    } catch {
      alive = false;
      for (const c of out) c.fill(0);
      node.onprocessorerror?.(new Event('processorerror'));
    }
  };
  return node;
}

function channels(buffer: AudioBuffer): Float32Array[] {
  const out: Float32Array[] = [];
  for (let c = 0; c < buffer.numberOfChannels; c++) out.push(buffer.getChannelData(c));
  return out;
}
