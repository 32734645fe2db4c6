import { it } from 'vitest';
import { createEngine } from '../host/node-engine';
import { noise } from './helpers/signals';
it('cost', () => {
  const sr = 48000;
  const e = createEngine(sr, 2);
  e.setParam('reverb.on', 1);
  e.reset();
  const x = noise(128, 3, 0.3);
  const times = new Float64Array(6000);
  for (let b = 0; b < 6000; b++) {
    e.inputs[0].set(x); e.inputs[1].set(x);
    const t0 = process.hrtime.bigint();
    e.wasm.benchUnit(2, 128);
    times[b] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  const slow: string[] = [];
  times.forEach((t, i) => { if (t > 60) slow.push(`${i}:${t.toFixed(0)}`); });
  console.log('slow', slow.length, slow.slice(0, 40).join(' '));
});
