/** Rendering with parameter changes mid-stream, and click detection, for the effect unit tests. */
import { createEngine } from '../../host/node-engine';
import { maxStep } from './signals';

const SR = 48000;

export interface Change {
  frame: number;
  id: string;
  value: number;
}

/** Render with parameter changes at block boundaries, starting from `params` without ramps. */
export function renderWithChanges(input: Float32Array[], params: Record<string, number>, changes: Change[], blockSize = 128, sampleRate = SR): Float32Array[] {
  const engine = createEngine(sampleRate, input.length, blockSize);
  for (const [id, v] of Object.entries(params)) engine.setParam(id, v);
  engine.reset();
  const length = input[0].length;
  const out = input.map(() => new Float32Array(length));
  for (let start = 0; start < length; start += blockSize) {
    for (const c of changes) if (c.frame >= start && c.frame < start + blockSize) {
      if (c.frame !== start) throw new Error(`change at ${c.frame} is not on a block boundary`);
      engine.setParam(c.id, c.value);
    }
    const n = Math.min(blockSize, length - start);
    for (let ch = 0; ch < input.length; ch++) engine.inputs[ch].set(input[ch].subarray(start, start + n));
    engine.process(n);
    for (let ch = 0; ch < input.length; ch++) out[ch].set(engine.outputs[ch].subarray(0, n), start);
  }
  return out;
}

/**
 * Click detector: the output's largest sample-to-sample step over the input's
 * largest step times the largest gain the settings apply to the probe tone
 * anywhere along the glide. A smooth glide stays at or below ~1; a filter
 * discontinuity or a gain step on a low tone goes well above it.
 */
export function stepRatio(input: Float32Array, output: Float32Array, maxGainDb: number, from = 1): number {
  return maxStep(output, from) / (maxStep(input, from) * 10 ** (maxGainDb / 20));
}

