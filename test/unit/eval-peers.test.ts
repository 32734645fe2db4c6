// The peer adapters of the evaluation (eval/peers/), on a synthetic 120 BPM kick
// track: each must answer in the contract's form, find the tempo, and — for the
// beat trackers — put beats on the kicks and stamp them as its mode says.
// A peer whose package is not installed is skipped; one that is installed but
// cannot run fails.
import { describe, it, expect } from 'vitest';
import { PEERS, loadPeer } from '../../eval/peers/index.mjs';
import { webAudioLowpass } from '../../eval/peers/lowpass.mjs';
import { checkResult, finalTempo } from '../../eval/contract.mjs';
import { noise, sine, rms, db } from '../helpers/signals';

const RATE = 44100;
const SECONDS = 10;
const BPM = 120;

/** Kicks (a 50 Hz sine with a falling pitch sweep, 40 ms decay) every beat, over a faint noise floor. */
function kickTrack(bpm: number, seconds: number, sampleRate: number): Float32Array {
  // the noise floor keeps aubio's silence gate (−90 dB) from dropping beats that land between kicks
  const x = noise(Math.round(seconds * sampleRate), 11, 0.01);
  const period = (60 / bpm) * sampleRate;
  const length = Math.round(0.12 * sampleRate);
  for (let k = 0; k * period < x.length; k++) {
    const start = Math.round(k * period);
    let phase = 0;
    for (let i = 0; i < length && start + i < x.length; i++) {
      const t = i / sampleRate;
      phase += (2 * Math.PI * (50 + 100 * Math.exp(-t / 0.02))) / sampleRate;
      x[start + i] += 0.9 * Math.exp(-t / 0.04) * Math.sin(phase);
    }
  }
  return x;
}

const track = kickTrack(BPM, SECONDS, RATE);
const kicks = Array.from({ length: SECONDS * (BPM / 60) }, (_, k) => (k * 60) / BPM);
const loaded = new Map(await Promise.all(PEERS.map(async (p) => [p.id, await loadPeer(p.id)] as const)));
const notInstalled = (id: string) => {
  const l = loaded.get(id)!;
  return !l.ok && l.error.startsWith('not installed');
};

describe('Web Audio lowpass stand-in', () => {
  const gainDb = (freq: number) => {
    const x = sine(RATE, freq, RATE);
    const y = webAudioLowpass(RATE, 200, 1)(x);
    return db(rms(y, RATE / 2) / rms(x, RATE / 2)); // steady state: second half
  };
  it('passes the bass and falls 12 dB per octave above 200 Hz', () => {
    expect(Math.abs(gainDb(40))).toBeLessThan(0.3);
    expect(gainDb(2000)).toBeLessThan(-36);
    expect(gainDb(2000)).toBeGreaterThan(-44);
  });
  it('keeps its state across blocks', () => {
    const x = noise(4096, 5);
    const whole = webAudioLowpass(RATE, 200, 1)(x);
    const f = webAudioLowpass(RATE, 200, 1);
    const parts = [f(x.subarray(0, 1000)), f(x.subarray(1000))];
    expect(Array.from(parts[0]).concat(Array.from(parts[1]))).toEqual(Array.from(whole));
  });
});

describe.each(PEERS.map((p) => p.id))('peer adapter %s on a 120 BPM kick track', (id) => {
  it.skipIf(notInstalled(id))('answers in the contract form with the tempo within 4 % (or at ×2, ½)', async () => {
    const l = loaded.get(id)!;
    if (!l.ok) throw new Error(l.error);
    const r = await l.peer.analyze(track, RATE);
    expect(checkResult(r)).toEqual([]);
    const bpm = finalTempo(r.tempo, SECONDS);
    expect(bpm).toBeDefined();
    const near = [BPM, BPM / 2, BPM * 2].some((t) => Math.abs(bpm! - t) <= 0.04 * t);
    expect(near, `${id} tempo ${bpm}`).toBe(true);

    const tempoOnly = l.peer.mode.includes('tempo only');
    const offline = l.peer.mode.startsWith('offline');
    if (tempoOnly) {
      expect(r.beats ?? []).toEqual([]);
      return;
    }
    const beats = r.beats!;
    for (const b of beats) {
      if (offline) expect(b.reportedAt).toBeCloseTo(SECONDS, 6);
      // causal: known at the end of the hop it falls in, never before the beat, never later than a hop
      else {
        expect(b.reportedAt).toBeGreaterThanOrEqual(b.time);
        expect(b.reportedAt - b.time).toBeLessThanOrEqual(l.peer.blockSize / RATE + 1e-9);
      }
    }
    // once locked (after 3 s), beats sit on the kicks, at the tactus or a multiple
    const late = beats.filter((b) => b.time >= 3);
    const onKick = late.filter((b) => kicks.some((k) => Math.abs(b.time - k) <= 0.05));
    expect(late.length).toBeGreaterThanOrEqual(5);
    expect(onKick.length / late.length).toBeGreaterThanOrEqual(0.8);
  });
});
