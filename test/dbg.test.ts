import { it } from 'vitest';
import { renderOffline } from '../host/node-engine';
import { octaveBand, decayTime, echoDensity, coherence } from './helpers/acoustics';
it('dbg', () => {
  const sr = 48000;
  for (const type of [0, 1]) for (const T of [0.3, 0.6, 1, 2, 5, 10]) {
    const n = Math.round((0.9 * T + 0.5) * sr);
    const params = { 'reverb.on': 1, 'reverb.type': type, 'reverb.mix': 1, 'reverb.predelay': 0, 'reverb.decay': T, 'reverb.decay.low': 1, 'reverb.damping': 0 };
    const irs: Float32Array[] = [];
    let ned = 0, coh = 0;
    for (const [a, b] of [[0.5, 0], [0, 0.5], [0.5, 0.5], [0.5, -0.5]]) {
      const xl = new Float32Array(n); xl[0] = a; const xr = new Float32Array(n); xr[0] = b;
      const { output, engine } = renderOffline([xl, xr], sr, { params });
      const L = engine.latencyFrames;
      for (const c of [0, 1]) { const y = output[c].slice(L); y[0] = 0; irs.push(y); }
      if (a === 0.5 && b === 0.5) { ned = echoDensity(irs[irs.length - 2], sr, 0.08); coh = coherence(output[0].slice(L + 4800, L + 48000), output[1].slice(L + 4800, L + 48000), 48); }
    }
    const t = [250, 1000, 4000].map(fc => { const bands = irs.map(y => octaveBand(y, sr, fc)); const e = bands[0].map((_, i) => Math.sqrt(bands.reduce((s, b) => s + b[i] * b[i], 0))); return decayTime(e, sr, -5, -35).toFixed(3); });
    console.log(`type ${type} T=${T}: ${t.join(' ')}  ned80=${ned.toFixed(2)} coh=${coh.toFixed(2)}`);
  }
});
