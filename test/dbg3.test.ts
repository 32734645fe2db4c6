import { it } from 'vitest';
import { renderOffline } from '../host/node-engine';
import { octaveBand, decayTime } from './helpers/acoustics';
it('dbg', () => {
  const sr = 48000;
  for (const [T, lm, damp] of [[2, 2, 0.8], [2, 0.5, 0], [1, 1.5, 0.5], [5, 0.5, 0.6]]) {
    const n = Math.round((0.9 * Math.max(T * lm, T) + 0.5) * sr);
    const params = { 'reverb.on': 1, 'reverb.type': 0, 'reverb.mix': 1, 'reverb.predelay': 0, 'reverb.decay': T, 'reverb.decay.low': lm, 'reverb.damping': damp };
    const irs: Float32Array[] = [];
    for (const [a, b] of [[0.5, 0], [0, 0.5], [0.5, 0.5], [0.5, -0.5]]) {
      const xl = new Float32Array(n); xl[0] = a; const xr = new Float32Array(n); xr[0] = b;
      const { output, engine } = renderOffline([xl, xr], sr, { params });
      const L = engine.latencyFrames;
      for (const c of [0, 1]) { const y = output[c].slice(L); y[0] = 0; irs.push(y); }
    }
    const t = [250, 1000, 4000].map(fc => { const bands = irs.map(y => octaveBand(y, sr, fc)); const e = bands[0].map((_, i) => Math.sqrt(bands.reduce((s, b) => s + b[i] * b[i], 0))); return decayTime(e, sr, -5, -35).toFixed(3); });
    console.log(`T=${T} low=${T * lm} high=${(T * (1 - 0.75 * damp)).toFixed(2)}: ${t.join(' ')}`);
  }
});
