// The eval's own WAV reader must hand the peers exactly the floats the CLI hands
// the engine, or the comparison is between two inputs.
import { describe, it, expect } from 'vitest';
import { readWav, writeWav16, toMono } from '../../eval/wav.mjs';
import { decodeWav, encodeWav } from '../../cli/audio-file';
import { noise, sine } from '../helpers/signals';

/** Values on the 16-bit grid, so a 16-bit round trip must be exact. */
const on16 = (x: Float32Array) => x.map((v) => Math.round(v * 32767) / 32768);

describe('eval WAV reader', () => {
  it('round-trips a small 16-bit stereo file exactly', () => {
    const left = on16(sine(1000, 440, 44100, 0.8));
    const right = on16(noise(1000, 7, 0.5));
    right[0] = -1; // the most negative code, -32768
    const { sampleRate, channels } = readWav(writeWav16([left, right], 44100));
    expect(sampleRate).toBe(44100);
    expect(channels).toHaveLength(2);
    expect(Array.from(channels[0])).toEqual(Array.from(left));
    expect(Array.from(channels[1])).toEqual(Array.from(right));
  });

  it('clips out-of-range samples when writing', () => {
    const { channels } = readWav(writeWav16([Float32Array.of(2, -2, 0.5)], 8000));
    expect(Array.from(channels[0])).toEqual([32767 / 32768, -1, 0.5]);
  });

  for (const format of ['pcm16', 'pcm24', 'float32'] as const) {
    it(`decodes ${format} to the same floats as the CLI's reader`, () => {
      const x = [noise(2048, 3, 0.9), sine(2048, 97, 48000, 0.7)];
      const bytes = encodeWav(x, 48000, format);
      const ours = readWav(bytes);
      const cli = decodeWav(bytes, 'x.wav');
      expect(ours.sampleRate).toBe(cli.sampleRate);
      for (let c = 0; c < 2; c++) expect(Array.from(ours.channels[c])).toEqual(Array.from(cli.channels[c]));
    });
  }

  it('refuses what is not a WAV file', () => {
    expect(() => readWav(new TextEncoder().encode('not a wave file at all'), 'x.txt')).toThrow(/x\.txt: not a RIFF\/WAVE/);
  });

  it('mixes to mono as the mean, and passes mono through untouched', () => {
    const a = Float32Array.of(1, 0, -1);
    expect(toMono([a])).toBe(a);
    expect(Array.from(toMono([a, Float32Array.of(0, 1, 1)]))).toEqual([0.5, 0.5, 0]);
  });
});
