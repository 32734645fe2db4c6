/**
 * ClockScheduler (ui/midi/clock-scheduler.ts) on a simulated timer: the
 * timestamps it hands out, not when the timer ran, are what reach the wire.
 * The timer here fires late and irregularly on purpose.
 */
import { describe, it, expect } from 'vitest';
import { ClockScheduler, HOLD_MARGIN_MS, LOOKAHEAD_MS, PPQN, START_LEAD_MS, type ClockMessage } from '../../ui/midi/clock-scheduler';

/** Beat predictions as the tracker delivers them: `at` (ms) when the message arrives, for the beat at `beat`. */
interface Arrival {
  at: number;
  beat: number;
  period: number;
}

/**
 * Drive the scheduler from `from` to `to` ms as MidiClock does: a ~25 ms timer
 * that fires late and irregularly (25–64 ms: a busy main thread), a pass on
 * every beat prediction as it arrives, and a wake-up 1 ms late at each hold
 * deadline. Returns everything sent.
 */
function drive(s: ClockScheduler, from: number, to: number, arrivals: Arrival[] = [], seed = 1): ClockMessage[] {
  const out: ClockMessage[] = [];
  let timer = from;
  let next = 0;
  for (;;) {
    const wake = s.holdDeadline() + 1;
    const arrival = next < arrivals.length ? arrivals[next].at : Infinity;
    const now = Math.min(timer, arrival, Number.isFinite(wake) ? wake : Infinity);
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

  it('tracked: tick 0 of every beat is exactly the predicted beat, held until its prediction comes', () => {
    const s = new ClockScheduler();
    s.setTracked();
    const period = 60000 / 112;
    // the tracker's beats wander ±4 ms around a 112 BPM grid, each announced 15 ms ahead of itself
    const beats = Array.from({ length: 30 }, (_, k) => 500 + k * period + (k % 3 === 0 ? 4 : k % 3 === 1 ? -4 : 0));
    s.start(0);
    const sent = drive(s, 0, beats[beats.length - 1] - 100, beats.map((beat) => ({ at: beat - 15, beat, period })), 3);
    const ticks = clocks(sent);
    expect(sent[0].type).toBe('start');
    // every 24th tick lands on an announced beat, exactly
    const downbeats = ticks.filter((_, i) => i % PPQN === 0);
    expect(downbeats.length).toBeGreaterThan(20);
    const first = beats.findIndex((b) => Math.abs(b - downbeats[0]) < 1e-9);
    expect(first).toBeGreaterThanOrEqual(0);
    downbeats.forEach((t, i) => expect(Math.abs(t - beats[first + i])).toBeLessThan(1e-9));
    // in between, the ticks are evenly spread at the tracker's period
    for (let i = 1; i < ticks.length; i++) if (i % PPQN !== 0) expect(ticks[i] - ticks[i - 1]).toBeCloseTo(period / PPQN, 9);
  });

  it('tracked and lost: coasts on the last tempo, without holding, once predictions stop', () => {
    const s = new ClockScheduler();
    s.setTracked();
    const period = 500;
    s.start(0);
    const sent = drive(s, 0, 5000, [
      { at: 90, beat: 100, period },
      { at: 590, beat: 600, period },
    ]);
    const ticks = clocks(sent);
    // from 100 ms to 5 s: ten beats, every tick on the coasting grid (the held beat at 1100 goes out at its deadline)
    const off = ticks.filter((t, i) => Math.abs(t - (100 + (i * period) / PPQN)) > 1e-6);
    expect(ticks.length).toBeGreaterThanOrEqual(9 * PPQN);
    expect(off).toEqual([]);
    expect(HOLD_MARGIN_MS).toBeGreaterThan(1);
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
