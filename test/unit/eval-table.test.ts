import { describe, it, expect } from 'vitest';
import { formatTable, num, beatsRow, BEATS_HEADERS } from '../../eval/table.mjs';
import { toPrediction, checkResult, finalTempo } from '../../eval/contract.mjs';

describe('eval table', () => {
  it('aligns names left and figures right, with a rule under the header', () => {
    const t = formatTable(['system', 'F'], [['gigscope', '0.912'], ['aubiojs', '0.48']]);
    expect(t.split('\n')).toEqual([
      'system        F',
      '--------  -----',
      'gigscope  0.912',
      'aubiojs    0.48',
    ]);
  });

  it('formats numbers, and a dash for anything that is not one', () => {
    expect(num(0.12345)).toBe('0.123');
    expect(num(12.3456, 1)).toBe('12.3');
    expect([num(undefined), num(null), num(NaN), num('1')]).toEqual(['-', '-', '-', '-']);
  });

  const mean = { F: 0.8, CMLt: 0.6, AMLt: 0.7, Acc1: 0.5, Acc2: 0.75, ttl: 7.25, F0: 0.78, lat_med: -0.0054, lat_p95: 0.011 };

  it('builds a causal tracker row with latencies in ms', () => {
    const row = beatsRow({ name: 'gigscope', mode: 'causal', status: 'ok', msPerSecondOfAudio: 1.234, score: { mean, failed: 0, clips: 14 } });
    expect(row).toHaveLength(BEATS_HEADERS.length);
    expect(row).toEqual(['gigscope', 'causal', '0.800', '0.600', '0.700', '0.500', '0.750', '7.25', '0.780', '-5.4', '11.0', '1.23', '']);
  });

  it('blanks what does not apply to offline and tempo-only systems', () => {
    const off = beatsRow({ name: 'essentia.js', mode: 'offline', status: 'ok', offline: true, score: { mean } });
    expect(off.slice(9, 11)).toEqual(['-', '-']);
    expect(off[2]).toBe('0.800');
    const tempo = beatsRow({ name: 'bpm', mode: 'causal, tempo only', status: 'ok', tempoOnly: true, score: { mean } });
    expect(tempo.slice(2, 11)).toEqual(['-', '-', '-', '0.500', '0.750', '-', '-', '-', '-']);
  });

  it('says why a system has no figures, and counts failed clips', () => {
    const skipped = beatsRow({ name: 'gigscope', mode: 'causal', status: 'skipped', reason: "no prediction has a 'beats' section" });
    expect(skipped[2]).toBe('-');
    expect(skipped[skipped.length - 1]).toBe("SKIPPED: no prediction has a 'beats' section");
    const na = beatsRow({ name: 'x', mode: '?', status: 'unavailable', reason: 'not installed' });
    expect(na[na.length - 1]).toBe('n/a: not installed');
    const failed = beatsRow({ name: 'y', mode: 'causal', status: 'ok', score: { mean, failed: 2, clips: 14 } });
    expect(failed[failed.length - 1]).toBe('2/14 clips failed');
  });
});

describe('eval contract', () => {
  it('writes the contract fields, rounds times, and always has a beats section', () => {
    const p = toPrediction({ file: 'a.wav', sampleRate: 44100, blockSize: 512, duration: 24.0000001 }, { tempo: [{ time: 24, bpm: 120.1234567, confidence: 0.5 }] });
    expect(p).toEqual({ version: 1, file: 'a.wav', sampleRate: 44100, blockSize: 512, duration: 24, beats: [], tempo: [{ time: 24, bpm: 120.123457, confidence: 0.5 }] });
  });

  it('flags unordered beats, non-finite values and confidences outside 0..1', () => {
    expect(checkResult({ beats: [{ time: 1, reportedAt: 1.01 }, { time: 1.5, reportedAt: 1.5 }] })).toEqual([]);
    expect(checkResult({ beats: [{ time: 2, reportedAt: 2 }, { time: 1, reportedAt: 2 }] })).toHaveLength(1);
    expect(checkResult({ beats: [{ time: NaN, reportedAt: 1 }] })).toHaveLength(1);
    expect(checkResult({ tempo: [{ time: 1, bpm: 120, confidence: 1.3 }] })).toHaveLength(1);
  });

  it('reads the final tempo as the scorer does: median of the second half, else the last', () => {
    const tempo = [{ time: 1, bpm: 60 }, { time: 6, bpm: 120 }, { time: 8, bpm: 124 }, { time: 9, bpm: 122 }];
    expect(finalTempo(tempo, 10)).toBe(122);
    expect(finalTempo([{ time: 1, bpm: 90 }, { time: 2, bpm: 95 }], 10)).toBe(95);
    expect(finalTempo([], 10)).toBeUndefined();
  });
});
