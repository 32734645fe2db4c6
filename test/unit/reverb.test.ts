/**
 * Reverb measured as a room is: decay time per octave band by Schroeder
 * integration, echo density, colouration and stereo coherence, through the
 * real engine.
 */
import { describe, it, expect } from 'vitest';
import { renderOffline, createEngine } from '../../host/node-engine';
import { octaveBand, decayTime, echoDensity, coherence, spectralRoughness } from '../helpers/acoustics';
import { noise } from '../helpers/signals';

const SR = 48000;
const BANDS = [250, 1000, 4000];

/**
 * Impulse responses of the reverb alone (dry impulse removed), from four
 * source positions (left, right, both, both inverted) and both outputs: eight
 * responses whose energies are averaged per band, as a room measurement
 * averages positions.
 */
function responses(params: Record<string, number>, seconds: number): Float32Array[] {
  const n = Math.round(seconds * SR);
  const out: Float32Array[] = [];
  for (const [a, b] of [[0.5, 0], [0, 0.5], [0.5, 0.5], [0.5, -0.5]]) {
    const xl = new Float32Array(n);
    const xr = new Float32Array(n);
    xl[0] = a;
    xr[0] = b;
    const { output, engine } = renderOffline([xl, xr], SR, {
      params: { 'reverb.on': 1, 'reverb.mix': 1, 'reverb.predelay': 0, ...params },
    });
    const L = engine.latencyFrames;
    for (const c of [0, 1]) {
      const y = output[c].slice(L);
      y[0] = 0; // the dry impulse
      out.push(y);
    }
  }
  return out;
}

/** T60 per octave band (T30: fit from −5 to −35 dB) of the position-averaged energy. */
function bandDecays(irs: Float32Array[]): number[] {
  return BANDS.map((fc) => {
    const bands = irs.map((y) => octaveBand(y, SR, fc));
    const e = bands[0].map((_, i) => Math.sqrt(bands.reduce((s, b) => s + b[i] * b[i], 0)));
    return decayTime(e, SR, -5, -35);
  });
}

/**
 * Echo density at 80 ms (Abel & Huang), colouration of the tail (spectral
 * roughness above that of exponentially decaying white noise, dB) and the
 * coherence of the two outputs for a centred impulse.
 */
function roomQuality(all: Float32Array[]): { ned: number; colouration: number; coh: number } {
  // the plate sums its input to mono (as Dattorro's does): the anti-phase source is silent there
  const irs = all.filter((y) => y.some((v) => v !== 0));
  const [centreL, centreR] = [all[4], all[5]];
  const ned = irs.map((y) => echoDensity(y, SR, 0.08)).reduce((a, b) => a + b, 0) / irs.length;
  let rough = 0;
  let reference = 0;
  irs.forEach((y, k) => {
    rough += spectralRoughness(y.slice(0.2 * SR, 0.2 * SR + 32768), SR);
    const nz = noise(32768, 100 + k, 1);
    const env = Math.log(1000) / (2 * SR);
    for (let i = 0; i < nz.length; i++) nz[i] *= Math.exp(-env * i);
    reference += spectralRoughness(nz, SR);
  });
  const coh = coherence(centreL.slice(0.1 * SR, SR), centreR.slice(0.1 * SR, SR), 48);
  return { ned, colouration: (rough - reference) / irs.length, coh };
}

describe('FDN hall', () => {
  it.each([0.3, 0.5, 1, 2, 5, 10])('decays in %s s, within ±5 %, in the 250 Hz, 1 kHz and 4 kHz bands', (t60) => {
    const irs = responses({ 'reverb.type': 0, 'reverb.decay': t60, 'reverb.decay.low': 1, 'reverb.damping': 0 }, 0.9 * t60 + 0.5);
    const measured = bandDecays(irs);
    console.log(`FDN T60 ${t60} s → ${measured.map((x) => x.toFixed(3)).join(' / ')} s at 250 / 1k / 4k Hz`);
    for (const m of measured) expect(Math.abs(m / t60 - 1)).toBeLessThanOrEqual(0.05);
  });

  it.each([
    [2, 2, 0.8],
    [2, 0.5, 0],
    [1, 1.5, 0.5],
    [5, 0.5, 0.6],
  ])('gives band-specific decays within ±10 % (decay %s s, bass ×%s, damping %s)', (t60, low, damping) => {
    const irs = responses({ 'reverb.type': 0, 'reverb.decay': t60, 'reverb.decay.low': low, 'reverb.damping': damping }, 0.9 * Math.max(t60, t60 * low) + 0.5);
    const [m250, m1k, m4k] = bandDecays(irs);
    const want = [t60 * low, t60, t60 * (1 - 0.75 * damping)];
    console.log(`FDN bands: set ${want.map((x) => x.toFixed(2)).join(' / ')} → ${[m250, m1k, m4k].map((x) => x.toFixed(3)).join(' / ')}`);
    expect(Math.abs(m250 / want[0] - 1)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(m1k / want[1] - 1)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(m4k / want[2] - 1)).toBeLessThanOrEqual(0.1);
  });

  it('is dense by 80 ms (normalised echo density ≥ 0.95), uncoloured and decorrelated', () => {
    const { ned, colouration, coh } = roomQuality(responses({ 'reverb.type': 0, 'reverb.decay': 2 }, 1.5));
    console.log(`FDN: NED@80ms ${ned.toFixed(3)}, colouration ${colouration.toFixed(2)} dB above noise, coherence ${coh.toFixed(3)}`);
    expect(ned).toBeGreaterThanOrEqual(0.95);
    expect(colouration).toBeLessThanOrEqual(0.5);
    expect(coh).toBeLessThanOrEqual(0.2);
  });

  it('narrows to mono at width 0', () => {
    const irs = responses({ 'reverb.type': 0, 'reverb.decay': 1, 'reverb.width': 0 }, 0.6);
    expect(coherence(irs[4].slice(4800, 24000), irs[5].slice(4800, 24000), 0)).toBeGreaterThan(0.99);
  });

  it.each([0, 1])('freezes (type %i): the tail holds its level', (type) => {
    const engine = createEngine(SR, 2);
    for (const [k, v] of Object.entries({ 'reverb.on': 1, 'reverb.type': type, 'reverb.mix': 1, 'reverb.decay': 1 })) engine.setParam(k, v);
    engine.reset();
    const burst = noise(SR / 2, 4, 0.2);
    const levels: number[] = [];
    let frozenAt = -1;
    for (let b = 0; b < Math.ceil((4 * SR) / 128); b++) {
      const t = b * 128;
      if (t >= SR / 2 && frozenAt < 0) {
        engine.setParam('reverb.freeze', 1);
        frozenAt = t;
      }
      const x = t < SR / 2 ? burst.subarray(t, t + 128) : new Float32Array(128);
      engine.inputs[0].set(x);
      engine.inputs[1].set(x);
      engine.process(128);
      if (t >= SR) continue;
      let e = 0;
      for (let i = 0; i < 128; i++) e += engine.outputs[0][i] ** 2;
      levels.push(e);
    }
    // the frozen tail from 0.6 to 1 s: steady within 3 dB (a 1 s decay would fall 24 dB)
    const frozen = levels.slice(Math.ceil((0.6 * SR) / 128));
    const db = (e: number) => 10 * Math.log10(e + 1e-20);
    expect(db(Math.max(...frozen.slice(0, 20).map((x) => x))) - db(Math.max(...frozen.slice(-20)))).toBeLessThan(3);
    expect(Math.max(...frozen)).toBeGreaterThan(1e-6);
  });
});

describe('Dattorro plate', () => {
  // Below 1 s the tank shrinks with the decay, so the short settings are real
  // exponential decays too (plate-reverb.ts, FULL_TANK_DECAY).
  it.each([0.3, 0.5, 1, 2, 5, 10])('decays in %s s, within ±5 %, in the 250 Hz, 1 kHz and 4 kHz bands', (t60) => {
    const irs = responses({ 'reverb.type': 1, 'reverb.decay': t60, 'reverb.damping': 0 }, 0.9 * t60 + 0.6);
    const measured = bandDecays(irs);
    console.log(`plate T60 ${t60} s → ${measured.map((x) => x.toFixed(3)).join(' / ')} s at 250 / 1k / 4k Hz`);
    for (const m of measured) expect(Math.abs(m / t60 - 1)).toBeLessThanOrEqual(0.05);
  });

  it.each([
    [2, 0.8],
    [1, 0.5],
    [5, 0.6],
  ])('gives the damped high band within ±10 % (decay %s s, damping %s)', (t60, damping) => {
    const irs = responses({ 'reverb.type': 1, 'reverb.decay': t60, 'reverb.damping': damping }, 0.9 * t60 + 0.6);
    const [, m1k, m4k] = bandDecays(irs);
    const high = t60 * (1 - 0.75 * damping);
    console.log(`plate bands: set ${t60} / ${high.toFixed(2)} → ${m1k.toFixed(3)} / ${m4k.toFixed(3)} at 1k / 4k Hz`);
    expect(Math.abs(m1k / t60 - 1)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(m4k / high - 1)).toBeLessThanOrEqual(0.1);
  });

  it('measures its echo density, colouration and coherence', () => {
    const { ned, colouration, coh } = roomQuality(responses({ 'reverb.type': 1, 'reverb.decay': 2 }, 1.5));
    console.log(`plate: NED@80ms ${ned.toFixed(3)}, colouration ${colouration.toFixed(2)} dB above noise, coherence ${coh.toFixed(3)}`);
    expect(ned).toBeGreaterThanOrEqual(0.95);
    expect(colouration).toBeLessThanOrEqual(0.5);
    expect(coh).toBeLessThanOrEqual(0.2);
  });
});
