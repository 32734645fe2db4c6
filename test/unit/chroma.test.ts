/**
 * Chroma, tuning, key and chord through the real engine (renderOffline, the
 * same .wasm the worklet runs), on synthesised harmonic tones: chords in the
 * bass and treble registers, a cadence that sets a key, detuned renders, other
 * sample rates, silence and noise.
 */
import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderOffline } from '../../host/node-engine';
import { readAudioFile } from '../../cli/audio-file';
import { analyzeAudio } from '../../cli/analyze';
import { SNAPSHOT_FIELDS } from '../../params/table';
import { keyName, chordName } from '../../host/music-names';
import { noise } from '../helpers/signals';

const field = (id: string) => SNAPSHOT_FIELDS.findIndex((f) => f.id === id);
const CHROMA_0 = field('chroma.0');
const FRAME = field('chroma.frame');

/** A harmonic tone: 8 partials falling 0.6 per partial, 10 ms fades, at MIDI `note` + `cents`. */
function addTone(out: Float32Array, sr: number, note: number, from: number, to: number, cents = 0, amp = 0.08): void {
  const f0 = 440 * 2 ** ((note - 69 + cents / 100) / 12);
  const a = Math.round(from * sr);
  const b = Math.min(out.length, Math.round(to * sr));
  const fade = Math.round(0.01 * sr);
  for (let h = 1, g = amp; h <= 8 && h * f0 < 0.45 * sr; h++, g *= 0.6) {
    const w = (2 * Math.PI * h * f0) / sr;
    for (let i = a; i < b; i++) {
      const env = Math.min(1, (i - a) / fade, (b - i) / fade);
      out[i] += g * env * Math.sin(w * (i - a));
    }
  }
}

/** chords: [notes, start, end] */
type Chord = [number[], number, number];

function render(chords: Chord[], seconds: number, sr = 48000, cents = 0) {
  const x = new Float32Array(Math.round(seconds * sr));
  for (const [notes, a, b] of chords) for (const n of notes) addTone(x, sr, n, a, b, cents);
  return x;
}

interface Analysis {
  /** per chroma frame: time and 12 values */
  frames: { time: number; chroma: number[] }[];
  key: number;
  keySecond: number;
  keyConfidence: number;
  chords: { time: number; chord: number }[];
  tuning: number;
}

function analyse(x: Float32Array, sr: number, params: Record<string, number> = {}): Analysis {
  const frames: Analysis['frames'] = [];
  const chords: Analysis['chords'] = [];
  let last = 0;
  let result: Analysis | null = null;
  renderOffline([x], sr, {
    params,
    onBlock: (engine, end) => {
      const s = engine.snapshot;
      if (s[FRAME] !== last) {
        last = s[FRAME];
        frames.push({ time: end / sr, chroma: Array.from(s.subarray(CHROMA_0, CHROMA_0 + 12)) });
        const c = engine.read('chord.index');
        if (chords.at(-1)?.chord !== c) chords.push({ time: end / sr, chord: c });
      }
      result = {
        frames,
        chords,
        key: engine.read('key.index'),
        keySecond: engine.read('key.second'),
        keyConfidence: engine.read('key.confidence'),
        tuning: engine.read('tuning.ref'),
      };
    },
  });
  return result!;
}

const cosine = (a: number[], b: number[]) => {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < 12; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
};

/** Mean cosine against the sounding pitch classes, over frames from 0.3 s after each chord starts to its end. */
function meanCosine(a: Analysis, chords: Chord[]): number {
  const cs: number[] = [];
  for (const f of a.frames) {
    const c = chords.find(([, s, e]) => f.time >= s + 0.3 && f.time < e);
    if (!c) continue;
    const truth = new Array(12).fill(0);
    for (const n of c[0]) truth[n % 12] += 1;
    cs.push(cosine(f.chroma, truth));
  }
  return cs.reduce((s, v) => s + v, 0) / cs.length;
}

/** I – IV – V7 – I – vi – IV – V – I in C major, two seconds each, bass an octave or two below. */
const CADENCE: Chord[] = [
  [[48, 60, 64, 67], 0, 2],
  [[41, 60, 65, 69], 2, 4],
  [[43, 59, 65, 67, 71], 4, 6],
  [[48, 60, 64, 67], 6, 8],
  [[45, 60, 64, 69], 8, 10],
  [[41, 60, 65, 69], 10, 12],
  [[43, 62, 67, 71], 12, 14],
  [[36, 60, 64, 67], 14, 16],
];

describe('chroma', () => {
  it.each([
    ['a C major triad in the treble', [60, 64, 67]],
    ['an A minor triad an octave up', [69, 72, 76]],
    ['a low E2 alone', [40]],
    ['an open-string E minor voicing from E2', [40, 47, 52, 55, 59, 64]],
    ['a bass line note under a chord (G2 under C E G)', [43, 60, 64, 67]],
  ])('matches the notes of %s (cosine ≥ 0.9, the right classes on top)', (_name, notes) => {
    const chords: Chord[] = [[notes, 0, 2]];
    const a = analyse(render(chords, 2), 48000);
    const cos = meanCosine(a, chords);
    expect(cos).toBeGreaterThanOrEqual(0.9);
    const classes = new Set(notes.map((n) => n % 12));
    const late = a.frames.filter((f) => f.time > 0.6 && f.time < 1.9);
    for (const f of late) {
      const top = [...f.chroma.keys()].sort((i, j) => f.chroma[j] - f.chroma[i]).slice(0, classes.size);
      expect(new Set(top)).toEqual(classes);
    }
  });

  it('gives at least 20 frames per second, stamped in order', () => {
    const a = analyse(render([[[60, 64, 67], 0, 3]], 3), 48000);
    expect(a.frames.length / 3).toBeGreaterThanOrEqual(20);
    for (let i = 1; i < a.frames.length; i++) expect(a.frames[i].time).toBeGreaterThan(a.frames[i - 1].time);
  });

  it('is all zero in silence, and names no key in silence or in noise', () => {
    const silent = analyse(new Float32Array(48000 * 4), 48000);
    expect(silent.frames.every((f) => f.chroma.every((v) => v === 0))).toBe(true);
    expect(silent.key).toBe(-1);
    expect(silent.chords.at(-1)!.chord).toBe(-1);
    const hiss = analyse(noise(48000 * 10, 7, 0.2), 48000);
    expect(hiss.key).toBe(-1);
  });
});

describe('tuning', () => {
  const inTune = analyse(render(CADENCE, 16), 48000);
  const inTuneCos = meanCosine(inTune, CADENCE);

  it('names C major after the cadence, with the relative minor as runner-up', () => {
    expect(keyName(inTune.key)).toBe('C major');
    expect(inTune.keyConfidence).toBeGreaterThan(0.2);
    console.log(`cadence: key ${keyName(inTune.key)} (conf ${inTune.keyConfidence.toFixed(2)}, then ${keyName(inTune.keySecond)}), cosine ${inTuneCos.toFixed(3)}`);
  });

  it.each([-45, -30, -15, 15, 30, 45])('keeps the chroma within 0.02 and the key at %s cents, and reads the reference', (cents) => {
    const a = analyse(render(CADENCE, 16, 48000, cents), 48000);
    const cos = meanCosine(a, CADENCE);
    const want = 440 * 2 ** (cents / 1200);
    console.log(`${cents} cents: cosine ${cos.toFixed(3)} (in tune ${inTuneCos.toFixed(3)}), key ${keyName(a.key)}, A = ${a.tuning.toFixed(1)} Hz (true ${want.toFixed(1)})`);
    expect(Math.abs(cos - inTuneCos)).toBeLessThanOrEqual(0.02);
    expect(a.key).toBe(inTune.key);
    expect(Math.abs(a.tuning - want)).toBeLessThan(1.0);
  });

  it('holds the reference when locked', () => {
    const a = analyse(render(CADENCE, 6, 48000, 30), 48000, { 'tuning.lock': 1 });
    expect(a.tuning).toBeCloseTo(440, 3);
  });
});

describe('chords', () => {
  it('follows C – Am – F – G7 with forward smoothing, and says N in silence', () => {
    const chords: Chord[] = [
      [[48, 60, 64, 67], 0, 2],
      [[45, 60, 64, 69], 2, 4],
      [[41, 60, 65, 69], 4, 6],
      [[43, 59, 62, 65, 67], 6, 8],
    ];
    const a = analyse(render(chords, 9.5), 48000);
    const at = (t: number) => chordName([...a.chords].reverse().find((c) => c.time <= t)!.chord);
    expect([at(1.5), at(3.5), at(5.5), at(7.5), at(9.4)]).toEqual(['C:maj', 'A:min', 'F:maj', 'G:7', 'N']);
    // smoothed: no more than a couple of changes per chord
    expect(a.chords.length).toBeLessThanOrEqual(10);
  });
});

describe('sample rates', () => {
  it.each([22050, 44100, 96000])('gives the same chroma and key at %s Hz as at 48 kHz', (sr) => {
    const ref = analyse(render(CADENCE, 16), 48000);
    const a = analyse(render(CADENCE, 16, sr), sr);
    expect(a.key).toBe(ref.key);
    expect(Math.abs(meanCosine(a, CADENCE) - meanCosine(ref, CADENCE))).toBeLessThan(0.02);
  });
});

describe('key', () => {
  it('resets after a long silence (a new song), and on key.reset', () => {
    const sr = 48000;
    const x = new Float32Array(sr * 26);
    x.set(render(CADENCE, 16, sr));
    const a = analyse(x, sr);
    expect(a.key).toBe(-1);
    // key.reset, fired at 16 s, just after the cadence: forgotten at once
    const keys: number[] = [];
    renderOffline([render(CADENCE, 17, sr)], sr, {
      onBlock: (engine, end) => {
        if (end >= 16 * sr && end < 16 * sr + 128) {
          keys.push(engine.read('key.index'));
          engine.setParam('key.reset', 1);
        }
        if (end >= 16.05 * sr && keys.length === 1) keys.push(engine.read('key.index'));
      },
    });
    expect(keys).toEqual([0, -1]);
  });
});

const ORGAN = fileURLToPath(new URL('../../../shared/corpus/chroma/dev_c04_dynstrings_organ.wav', import.meta.url));

describe('a corpus clip', () => {
  it.skipIf(!existsSync(ORGAN))('names the key of the dynstrings organ clip (B minor)', async () => {
    const out = analyzeAudio(await readAudioFile(ORGAN), 'organ.wav');
    expect(out.key.at(-1)!.key).toBe('B minor');
  });
});
