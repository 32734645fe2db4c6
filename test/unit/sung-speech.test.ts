// The training data's sung speech (scripts/sung-speech.mjs): a spoken-like
// source re-pitched to held notes must come out on a scale, steadier than it
// went in, longer where it was voiced, and with its unvoiced part untouched.
import { describe, it, expect } from 'vitest';
// @ts-expect-error plain .mjs training script, no declarations
import { singSpeech, pitchTrack } from '../../scripts/sung-speech.mjs';
// @ts-expect-error plain .mjs training script, no declarations
import { rngFrom } from '../../scripts/vocal-data.mjs';

const SR = 16000;

/** a talker: pulses whose pitch wanders 110–150 Hz (intonation) through one formant, with a 0.2 s hiss in the middle */
function speechLike(): Float32Array {
  const n = SR * 2;
  const x = new Float32Array(n);
  let ph = 0;
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) - 0.5;
  for (let i = 0; i < n; i++) {
    const t = i / SR;
    if (t > 0.8 && t < 1.0) {
      x[i] = 0.1 * rand();
      continue;
    }
    const f = 130 + 20 * Math.sin(2 * Math.PI * t);
    ph += f / SR;
    if (ph >= 1) ph -= 1;
    x[i] = 0.5 * Math.exp(-8 * ph) * Math.sin((2 * Math.PI * 700 * ph) / f);
  }
  return x;
}

const semitones = (f0: number) => 12 * Math.log2(f0 / 440) + 69;
/** median pitch change between neighbouring voiced frames, semitones */
function medianStep(f0: Float64Array): number {
  const steps: number[] = [];
  for (let i = 1; i < f0.length; i++) if (f0[i] && f0[i - 1]) steps.push(Math.abs(semitones(f0[i]) - semitones(f0[i - 1])));
  steps.sort((a, b) => a - b);
  return steps[steps.length >> 1];
}

describe('speech sung to a melody (training data)', () => {
  it('tracks the source pitch', () => {
    const { f0, hop } = pitchTrack(speechLike(), SR);
    // the pitch a 40 ms window ending 20 ms later sees, within 3 %
    for (const t of [0.1, 0.3, 0.5, 1.2, 1.6]) expect(f0[Math.round((t * SR) / hop)] / (130 + 20 * Math.sin(2 * Math.PI * (t + 0.02)))).toBeCloseTo(1, 1);
    expect(f0[Math.round((0.9 * SR) / hop)]).toBe(0);
  });

  it('holds its voiced stretches as steady notes, never shorter, and keeps the hiss', () => {
    const x = speechLike();
    for (const seed of ['a', 'b', 'c']) {
      const y: Float32Array = singSpeech(x, SR, rngFrom(seed));
      expect(y.every(Number.isFinite)).toBe(true);
      expect(y.length).toBeGreaterThanOrEqual(x.length);
      const { f0 } = pitchTrack(y, SR);
      const voiced = [...f0].filter((v) => v > 0);
      expect(voiced.length * 0.005).toBeGreaterThan(1.5); // 1.8 s voiced in
      // held notes: from 5 ms to the next the pitch moves by the vibrato alone, far less than the talker's intonation
      expect(medianStep(f0)).toBeLessThan(0.6 * medianStep(pitchTrack(x, SR).f0));
      // the hiss (0.2 s) is still there, unvoiced, as loud as it was
      let quiet = 0;
      for (let i = 0; i < f0.length; i++) if (!f0[i]) quiet++;
      expect(quiet * 0.005).toBeGreaterThan(0.15);
    }
  });
});
