/**
 * The built AudioWorkletProcessor (dist/gigscope-processor.js) run in Node
 * under a minimal AudioWorkletGlobalScope: the same file Chromium loads, so
 * its real-time rules can be checked directly — views reused, snapshots
 * rate-limited from one buffer, process() false once disposed.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { loadProcessor } from '../helpers/worklet-scope';
import { loadEngineModule } from '../../host/node-engine';
import { sine } from '../helpers/signals';

type Processor = {
  process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean;
  engine: { inputs: Float32Array[]; outputs: Float32Array[] };
};
let ProcessorClass: new (init: unknown) => Processor;
let scope: Awaited<ReturnType<typeof loadProcessor<Processor>>>;

beforeAll(async () => {
  scope = await loadProcessor<Processor>();
  ProcessorClass = scope.Processor;
});

function makeProcessor(params: [number, number][] = []) {
  const messages: { type: string; data?: Float32Array }[] = [];
  const proc = new ProcessorClass({
    processorOptions: { module: loadEngineModule(), channels: 2, sampleRate: 48000, params, snapshotHz: 60 },
  });
  const port = scope.lastPort();
  port.on('message', (m) => messages.push(m));
  return { proc, port, messages };
}

const flush = () => new Promise((r) => setTimeout(r, 20));

describe('GigscopeProcessor', () => {
  it('announces its latency, processes quanta, and reuses its views and snapshot buffer', async () => {
    const { proc, port, messages } = makeProcessor();
    const x = sine(128, 440, 48000, 0.5);
    const out = [new Float32Array(128), new Float32Array(128)];
    const views = proc.engine.inputs;
    const blocks = 48000 / 128; // one second
    for (let i = 0; i < blocks; i++) expect(proc.process([[x, x]], [out])).toBe(true);
    expect(proc.engine.inputs).toBe(views);
    await flush();
    expect(messages[0]).toMatchObject({ type: 'ready', latencyFrames: 72, channels: 2 });
    const snaps = messages.filter((m) => m.type === 'snapshot');
    // at most 60 a second (one second of audio here), and at least 50
    expect(snaps.length).toBeLessThanOrEqual(60);
    expect(snaps.length).toBeGreaterThanOrEqual(50);
    // the output is the engine's: the sine through the limiter delay, unchanged in level
    expect(Math.max(...out[0].map(Math.abs))).toBeCloseTo(0.5, 2);
    port.close();
  });

  it('silences missing input channels and returns false once disposed', async () => {
    const { proc, port } = makeProcessor();
    const out = [new Float32Array(128).fill(9), new Float32Array(128).fill(9)];
    expect(proc.process([[]], [out])).toBe(true);
    expect(out[0].every((v) => v === 0)).toBe(true);
    port.postMessage({ type: 'dispose' });
    await flush();
    expect(proc.process([[]], [out])).toBe(false);
    port.close();
  });

  it('applies parameter messages (smoothed) and initial parameters', async () => {
    const { proc, port } = makeProcessor([[0, -6]]); // master.gain = -6 dB from the first block
    const dc = new Float32Array(128).fill(0.5);
    const out = [new Float32Array(128), new Float32Array(128)];
    for (let i = 0; i < 4; i++) proc.process([[dc, dc]], [out]);
    expect(out[0][127]).toBeCloseTo(0.5 * 10 ** (-6 / 20), 5);
    port.postMessage({ type: 'param', index: 0, value: 0 });
    await flush();
    for (let i = 0; i < 20; i++) proc.process([[dc, dc]], [out]);
    expect(out[0][127]).toBeCloseTo(0.5, 5);
    port.close();
  });

  it('follows a render quantum of another size', () => {
    const { proc, port } = makeProcessor();
    const x = sine(256, 440, 48000, 0.5);
    const out = [new Float32Array(256), new Float32Array(256)];
    for (let i = 0; i < 10; i++) expect(proc.process([[x, x]], [out])).toBe(true);
    expect(Math.max(...out[0].map(Math.abs))).toBeCloseTo(0.5, 2);
    port.close();
  });
});
