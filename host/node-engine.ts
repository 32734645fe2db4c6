/**
 * The Node host: loads engine.wasm from disk and runs audio through it in
 * blocks, exactly as the worklet does in the browser (same ABI, same block
 * size), so offline results match the live engine sample for sample.
 */
import { readFileSync } from 'node:fs';
import { EngineHost, RENDER_QUANTUM, instantiateEngine } from './engine';
import { engineFileName } from './wasm-features';

let cachedModule: WebAssembly.Module | undefined;

/**
 * dist/engine.wasm (or dist/engine-scalar.wasm where this Node has no wasm SIMD),
 * found from this file whether it runs from host/ (tests) or dist/ (the CLI bundle).
 */
export function engineWasmPath(file: string = engineFileName()): URL {
  return new URL(`../dist/${file}`, import.meta.url);
}

export function loadEngineModule(path: URL | string = engineWasmPath()): WebAssembly.Module {
  if (!cachedModule) {
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = new Uint8Array(readFileSync(path));
    } catch {
      throw new Error(`cannot read ${String(path)}: run 'npm run build' first`);
    }
    cachedModule = new WebAssembly.Module(bytes);
  }
  return cachedModule;
}

/** A fresh engine instance (own memory) initialised for this rate and channel count. */
export function createEngine(sampleRate: number, channels: number, maxFrames = RENDER_QUANTUM): EngineHost {
  return new EngineHost(instantiateEngine(loadEngineModule()), sampleRate, channels, maxFrames);
}

export interface RenderOptions {
  /** parameter values by table id, set before the first block */
  params?: Record<string, number>;
  /** frames per process() call (default: the render quantum, 128) */
  blockSize?: number;
  /** called after every block with the engine and the frame index where the block ended */
  onBlock?: (engine: EngineHost, endFrame: number) => void;
  /** extra frames of silence fed after the input (to flush latency or tails) */
  tailFrames?: number;
  /** called once the engine is set up and reset, before the first block (e.g. to load an impulse response) */
  setup?: (engine: EngineHost) => void;
}

/**
 * Run planar audio through a new engine. Returns the raw output, as long as
 * the input plus `tailFrames` (not latency-compensated: output frame n is what
 * the live engine emitted at n).
 */
export function renderOffline(
  input: Float32Array[],
  sampleRate: number,
  options: RenderOptions = {},
): { output: Float32Array[]; engine: EngineHost } {
  const blockSize = options.blockSize ?? RENDER_QUANTUM;
  const channels = input.length;
  const engine = createEngine(sampleRate, channels, blockSize);
  for (const [id, value] of Object.entries(options.params ?? {})) engine.setParam(id, value);
  engine.reset(); // start from the set values, not a ramp from the defaults
  options.setup?.(engine);
  const length = (input[0]?.length ?? 0) + (options.tailFrames ?? 0);
  const output = input.map(() => new Float32Array(length));
  for (let start = 0; start < length; start += blockSize) {
    const n = Math.min(blockSize, length - start);
    for (let c = 0; c < channels; c++) {
      const dst = engine.inputs[c];
      const src = input[c];
      const avail = Math.max(0, Math.min(n, src.length - start));
      if (avail > 0) dst.set(src.subarray(start, start + avail));
      if (avail < n) dst.fill(0, avail, n);
    }
    engine.process(n);
    for (let c = 0; c < channels; c++) output[c].set(engine.outputs[c].subarray(0, n), start);
    options.onBlock?.(engine, start + n);
  }
  return { output, engine };
}
