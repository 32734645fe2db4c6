/**
 * ClockScheduler (ui/midi/clock-scheduler.ts) on a simulated timer: the
 * timestamps it hands out, not when the timer ran, are what reach the wire.
 * The timer here fires late and irregularly on purpose.
 */
import { describe, it, expect } from 'vitest';
import { ClockScheduler, LOOKAHEAD_MS, PHASE_GAIN, PPQN, START_LEAD_MS, type ClockMessage } from '../../ui/midi/clock-scheduler';

/** Beat predictions as the tracker delivers them: `at` (ms) when the message arrives, for the beat at `beat`. */
interface Arrival {
  at: number;
  beat: number;
  period: number;
}

/**
 * Drive the scheduler from `from` to `to` ms as MidiClock does: a ~25 ms timer
 * that fires late and irregularly (25–64 ms: a busy main thread), a pass on
 * every beat prediction as it arrives. Returns everything sent.
 */
function drive(s: ClockScheduler, from: number, to: number, arrivals: Arrival[] = [], seed = 1): ClockMessage[] {
  const out: ClockMessage[] = [];
  let timer = from;
  let next = 0;
  for (;;) {
    const arrival = next < arrivals.length ? arrivals[next].at : Infinity;
    const now = Math.min(timer, arrival);
    if (now >= to) break;
    if (now === arrival) {
      s.announce(arrivals[next].beat, arrivals[next].period);
      next++;
    }
    if (now === timer) {
      seed = (seed * 16807) % 2147483647;
      timer += 25 + (seed % 40);
    }
    for (const m of s.run(now)) {
      // never further ahead than the lookahead
      expect(m.time).toBeLessThanOrEqual(now + LOOKAHEAD_MS + 1e-9);
      out.push(m);
    }
  }
  return out;
}

const clocks = (ms: ClockMessage[]) => ms.filter((m) => m.type === 'clock').map((m) => m.time);

describe('ClockScheduler', () => {
  it('fixed tempo: 24 ticks per beat, each exactly on the ideal grid, whatever the timer does', () => {
    const s = new ClockScheduler();
    s.setFixed(120, 1000);
    s.start(1000);
    const sent = drive(s, 1000, 11000);
    expect(sent[0]).toEqual({ type: 'start', time: 1000 + START_LEAD_MS });
    expect(sent[1].type).toBe('clock');
    expect(sent[1].time).toBe(sent[0].time);
    const ticks = clocks(sent);
    const t0 = ticks[0];
    const period = 500 / PPQN;
    const err = ticks.map((t, i) => Math.abs(t - (t0 + i * period)));
    expect(Math.max(...err)).toBeLessThan(1e-6);
    // ten seconds at 120 BPM: 20 beats of 24 ticks (less the start lead and the last lookahead)
    expect(ticks.length).toBeGreaterThanOrEqual(20 * PPQN - 3);
    expect(ticks.length).toBeLessThanOrEqual(20 * PPQN + Math.ceil(LOOKAHEAD_MS / period) + 1);
  });

  it('a tempo change while running continues from the next tick with no gap or jump', () => {
    const s = new ClockScheduler();
    s.setFixed(100, 0);
    s.start(0);
    const a = drive(s, 0, 2000);
    s.setFixed(150, 2000);
    const b = drive(s, 2000, 4000);
    const ticks = clocks([...a, ...b]);
    const gaps = ticks.slice(1).map((t, i) => t - ticks[i]);
    const p100 = 600 / PPQN;
    const p150 = 400 / PPQN;
    // every gap is one of the two tick periods
    for (const g of gaps) expect(Math.min(Math.abs(g - p100), Math.abs(g - p150))).toBeLessThan(1e-6);
  });

  /** For each tick 0 (every 24th tick), the nearest prediction's error, ms (tick − prediction). */
  function phaseErrors(ticks: number[], beats: number[]): number[] {
    return ticks
      .filter((_, i) => i % PPQN === 0)
      .map((t) => {
        const b = beats.reduce((best, x) => (Math.abs(x - t) < Math.abs(best - t) ? x : best), Infinity);
        return t - b;
      });
  }
  /** How far each tick interval strays from the one before it, ms. */
  function intervalSteps(ticks: number[]): number[] {
    const d = ticks.slice(1).map((t, i) => t - ticks[i]);
    return d.slice(1).map((x, i) => Math.abs(x - d[i]));
  }

  it('tracked: predictions on a 10 ms frame grid give a steady clock whose beats sit within the grid error of them', () => {
    const s = new ClockScheduler();
    s.setTracked();
    const period = 60000 / 112;
    // the true beats are 112 BPM; the tracker's predictions are rounded to its 10 ms frames, announced 8 ms ahead
    const beats = Array.from({ length: 40 }, (_, k) => Math.round((500 + k * period) / 10) * 10);
    s.start(0);
    const sent = drive(s, 0, beats[beats.length - 1] - 100, beats.map((beat) => ({ at: beat - 8, beat, period })), 3);
    const ticks = clocks(sent);
    expect(sent[0].type).toBe('start');
    expect(ticks.length).toBeGreaterThan(35 * PPQN);
    // the first tick is the first predicted beat
    expect(ticks[0]).toBe(beats[0]);
    // every beat of the clock near its prediction (the predictions themselves stray ±5 ms from the beat) …
    const errors = phaseErrors(ticks, beats);
    expect(Math.max(...errors.map(Math.abs))).toBeLessThanOrEqual(7);
    // … and closer to the true beat than the predictions are, on average
    const truth = (t: number) => Math.abs(t - (500 + Math.round((t - 500) / period) * period));
    const downbeats = ticks.filter((_, i) => i % PPQN === 0);
    const clockErr = downbeats.slice(4).reduce((a, t) => a + truth(t), 0) / (downbeats.length - 4);
    const predErr = beats.reduce((a, b) => a + truth(b), 0) / beats.length;
    expect(clockErr).toBeLessThan(predErr);
    // the ticks never stumble: one interval differs from the last by a small fraction of a millisecond
    // (re-anchoring on every prediction put up to 10 ms into one gap a beat)
    const steps = intervalSteps(ticks);
    expect(Math.max(...steps)).toBeLessThan(0.25);
    console.log(
      `tracked clock on a 10 ms prediction grid: tick 0 − prediction max ${Math.max(...errors.map(Math.abs)).toFixed(2)} ms, ` +
        `|tick 0 − true beat| mean ${clockErr.toFixed(2)} ms (predictions ${predErr.toFixed(2)}), tick-interval step max ${Math.max(...steps).toFixed(3)} ms`,
    );
  });

  it('tracked: follows a tempo change and a re-sync, converging within a few beats', () => {
    const s = new ClockScheduler();
    s.setTracked();
    // 100 BPM for 10 beats, then 120 BPM; then at beat 25 the tracker re-syncs half a beat later
    const beats: Array<{ beat: number; period: number }> = [];
    let t = 300;
    for (let k = 0; k < 40; k++) {
      const period = k < 10 ? 600 : 500;
      if (k === 25) t += period / 2;
      beats.push({ beat: t, period });
      t += period;
    }
    s.start(0);
    const sent = drive(s, 0, t - 600, beats.map((b) => ({ at: b.beat - 8, ...b })), 5);
    const ticks = clocks(sent);
    const errors = phaseErrors(ticks, beats.map((b) => b.beat));
    const at = (k: number) => Math.abs(errors[k]);
    // settled before the change, converged 4 beats after it, and again 3 beats after the re-sync
    expect(at(9)).toBeLessThan(0.5);
    for (let k = 14; k < 25; k++) expect(at(k), `beat ${k}`).toBeLessThan(2);
    for (let k = 28; k < errors.length; k++) expect(at(k), `beat ${k}`).toBeLessThan(2);
    // ticks stay in order and never bunch: no interval under half the faster tempo's
    const d = ticks.slice(1).map((x, i) => x - ticks[i]);
    expect(Math.min(...d)).toBeGreaterThan(500 / PPQN / 2);
    expect(PHASE_GAIN).toBeGreaterThan(0);
  });

  it('tracked and lost: coasts on the last tempo once predictions stop', () => {
    const s = new ClockScheduler();
    s.setTracked();
    const period = 500;
    s.start(0);
    const sent = drive(s, 0, 5000, [
      { at: 90, beat: 100, period },
      { at: 590, beat: 600, period },
    ]);
    const ticks = clocks(sent);
    // from 100 ms to 5 s: ten beats, every tick on the coasting grid
    const off = ticks.filter((t, i) => Math.abs(t - (100 + (i * period) / PPQN)) > 1e-6);
    expect(ticks.length).toBeGreaterThanOrEqual(9 * PPQN);
    expect(off).toEqual([]);
  });

  it('stop goes out after the last tick sent; continue resumes on a whole beat', () => {
    const s = new ClockScheduler();
    s.setFixed(120, 0);
    s.start(0);
    const a = drive(s, 0, 1000);
    const lastTick = clocks(a).at(-1)!;
    const stop = s.stop(1000);
    expect(stop.type).toBe('stop');
    expect(stop.time).toBeGreaterThanOrEqual(lastTick);
    expect(s.run(1100)).toEqual([]);
    s.continue(1500);
    const b = s.run(1500);
    expect(b[0].type).toBe('continue');
    expect(b[1].type).toBe('clock');
    expect(b[1].time).toBe(b[0].time);
    expect(b[1].time).toBeGreaterThan(1500);
  });
});
