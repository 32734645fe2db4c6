/**
 * The two engine builds: engine.wasm (WebAssembly SIMD) and engine-scalar.wasm
 * (for browsers without it) must be the same engine — the FFT within float
 * rounding of a direct DFT, and the whole chain's output and analysis
 * bit-identical between them.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { EngineHost, RENDER_QUANTUM, instantiateEngine } from '../../host/engine';
import { engineWasmPath } from '../../host/node-engine';
import { engineFileName, hasWasmSimd } from '../../host/wasm-features';
import { renderDemoClip } from '../../cli/demo-clip';
import { firstDifference } from '../helpers/signals';

const SR = 44100;
const module = (file: string) => new WebAssembly.Module(readFileSync(engineWasmPath(file)));
const simd = module('engine.wasm');
const scalar = module('engine-scalar.wasm');

interface Diagnostics {
  fftCheck(n: number): number;
}

/** Render the demo clip through a build with reverb and delay on; output and the snapshot after each block. */
function render(m: WebAssembly.Module, seconds: number): { out: Float32Array[]; snapshots: Float32Array } {
  const engine = new EngineHost(instantiateEngine(m), SR, 2, RENDER_QUANTUM);
  for (const [id, v] of Object.entries({ 'reverb.on': 1, 'reverb.mix': 0.4, 'delay.on': 1, 'delay.mix': 0.3, 'comp.on': 1 })) engine.setParam(id, v);
  const clip = renderDemoClip(SR, seconds).channels;
  const n = Math.floor(clip[0].length / RENDER_QUANTUM) * RENDER_QUANTUM;
  const out = [new Float32Array(n), new Float32Array(n)];
  const snapshots = new Float32Array((n / RENDER_QUANTUM) * engine.snapshot.length);
  for (let at = 0, b = 0; at < n; at += RENDER_QUANTUM, b++) {
    for (let c = 0; c < 2; c++) engine.inputs[c].set(clip[c].subarray(at, at + RENDER_QUANTUM));
    engine.process(RENDER_QUANTUM);
    for (let c = 0; c < 2; c++) out[c].set(engine.outputs[c], at);
    snapshots.set(engine.snapshot, b * engine.snapshot.length);
  }
  return { out, snapshots };
}

describe('engine builds', () => {
  it('picks the SIMD build where wasm SIMD compiles (Node 20 has it)', () => {
    expect(hasWasmSimd()).toBe(true);
    expect(engineFileName()).toBe('engine.wasm');
    expect(engineFileName(false)).toBe('engine-scalar.wasm');
    // two different binaries (the parity test below would pass trivially on one file twice)
    expect(Buffer.compare(readFileSync(engineWasmPath('engine.wasm')), readFileSync(engineWasmPath('engine-scalar.wasm')))).not.toBe(0);
  });

  it.each([512, 1024, 2048, 4096])('computes a %s-point spectrum within 1e-6 of a direct DFT in both builds', (n) => {
    for (const m of [simd, scalar]) {
      const wasm = new WebAssembly.Instance(m, { env: { abort: () => { throw new Error('abort'); }, seed: () => 1 } }).exports as unknown as Diagnostics;
      expect(wasm.fftCheck(n)).toBeLessThan(1e-6);
    }
  });

  it('gives bit-identical output and analysis from both builds', () => {
    const a = render(simd, 8);
    const b = render(scalar, 8);
    for (let c = 0; c < 2; c++) expect(firstDifference(a.out[c], b.out[c])).toBe(-1);
    expect(firstDifference(a.snapshots, b.snapshots)).toBe(-1);
  });
});
