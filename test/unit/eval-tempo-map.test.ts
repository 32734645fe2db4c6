// The out-of-corpus beat check takes its reference beats from a MIDI chart's
// tempo map; a wrong reader would score the tracker against a wrong grid.
import { describe, it, expect } from 'vitest';
import { readTempoMap, quarterNoteTimes } from '../../eval/beats-sectoid.mjs';

/** A variable-length quantity. */
const varLen = (v: number): number[] => {
  const out = [v & 0x7f];
  for (v >>>= 7; v > 0; v >>>= 7) out.unshift((v & 0x7f) | 0x80);
  return out;
};
const chunk = (id: string, body: number[]) => [...id].map((c) => c.charCodeAt(0)).concat([(body.length >>> 24) & 255, (body.length >>> 16) & 255, (body.length >>> 8) & 255, body.length & 255], body);
const tempo = (delta: number, bpm: number) => {
  const us = Math.round(6e7 / bpm);
  return [...varLen(delta), 0xff, 0x51, 3, (us >> 16) & 255, (us >> 8) & 255, us & 255];
};

describe('MIDI tempo map (eval/beats-sectoid.mjs)', () => {
  it('reads tempo changes across tracks, skipping notes with running status and sysex', () => {
    const division = 480;
    // track 0: 120 BPM at 0, 90 BPM from tick 720 (half-way through the second quarter), 4/4
    const conductor = [...tempo(0, 120), 0x00, 0xff, 0x58, 4, 4, 2, 24, 8, ...tempo(720, 90), 0x00, 0xff, 0x2f, 0];
    // track 1: notes (running status), a sysex, and a tempo event after them at tick 2400 (150 BPM)
    const notes = [0x00, 0x90, 60, 100, 0x60, 62, 100, 0x00, 0xf0, 3, 1, 2, 0xf7, ...tempo(2400 - 0x60, 150), 0x00, 0xff, 0x2f, 0];
    const bytes = new Uint8Array([...chunk('MThd', [0, 1, 0, 2, division >> 8, division & 255]), ...chunk('MTrk', conductor), ...chunk('MTrk', notes)]);
    const map = readTempoMap(bytes);
    expect(map.division).toBe(480);
    expect(map.tempos.map(([t]) => t)).toEqual([0, 720, 2400]);
    expect(map.signatures).toEqual([[0, 4, 4]]);
    const beats = quarterNoteTimes(map, 6);
    // 0, 0.5 s at 120; the second quarter is half at 120 (0.25 s) and half at 90 (1/3 s)
    expect(beats[1]).toBeCloseTo(0.5, 6); // tempi are whole µs per quarter in MIDI, hence 6 places
    expect(beats[2]).toBeCloseTo(0.5 + 0.25 + 1 / 3, 6);
    expect(beats[3] - beats[2]).toBeCloseTo(2 / 3, 6);
    // from tick 2400 (quarter 5) on, 150 BPM
    expect(beats[6] - beats[5]).toBeCloseTo(0.4, 6);
  });

  it('refuses what is not a standard MIDI file', () => {
    expect(() => readTempoMap(new Uint8Array([1, 2, 3, 4, 0, 0, 0, 6, 0, 0, 0, 1, 0, 96]))).toThrow(/not a standard MIDI file/);
  });
});
