/**
 * The page's frame clock (ui/meters/frame-loop.ts) and the readout throttle
 * (ui/meters/snapshot-controller.ts), on a fake requestAnimationFrame: one
 * browser callback per frame whatever the number of meters, a failing meter
 * does not stop the others, and every readout on the page changes on the same
 * frame, ten times a second.
 */
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';

type Cb = (now: number) => void;
let queue: Map<number, Cb>;
let nextId: number;
let requests: number;

/** Run one display frame at `now`: the callbacks queued before it. */
function runFrame(now: number): void {
  const due = [...queue.values()];
  queue.clear();
  for (const cb of due) cb(now);
}

beforeEach(() => {
  queue = new Map();
  nextId = 1;
  requests = 0;
  vi.stubGlobal('requestAnimationFrame', (cb: Cb) => {
    requests++;
    queue.set(nextId, cb);
    return nextId++;
  });
  vi.stubGlobal('cancelAnimationFrame', (id: number) => queue.delete(id));
  vi.resetModules();
});
afterEach(() => vi.unstubAllGlobals());

describe('frame loop', () => {
  it('one requestAnimationFrame per frame for any number of members, in the order they joined; none left when all leave', async () => {
    const { joinFrameLoop } = await import('../../ui/meters/frame-loop');
    const calls: string[] = [];
    const leave = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((n) => joinFrameLoop(() => calls.push(n)));
    expect(requests).toBe(1);
    for (let f = 0; f < 10; f++) runFrame(f * 16.7);
    expect(requests).toBe(11);
    expect(calls.slice(0, 8).join('')).toBe('abcdefgh');
    expect(calls.length).toBe(80);
    leave.forEach((l) => l());
    expect(queue.size).toBe(0);
    runFrame(200);
    expect(calls.length).toBe(80);
  });

  it('a member that throws does not stop the others; its error is rethrown outside the frame', async () => {
    const { joinFrameLoop } = await import('../../ui/meters/frame-loop');
    const seen: number[] = [];
    const thrown: unknown[] = [];
    vi.stubGlobal('queueMicrotask', (f: () => void) => {
      try {
        f();
      } catch (e) {
        thrown.push(e);
      }
    });
    joinFrameLoop(() => {
      throw new Error('broken meter');
    });
    joinFrameLoop((now) => seen.push(now));
    runFrame(1);
    runFrame(2);
    expect(seen).toEqual([1, 2]);
    expect(thrown.map((e) => (e as Error).message)).toEqual(['broken meter', 'broken meter']);
  });

  it('a member leaving from inside the frame is not called again', async () => {
    const { joinFrameLoop } = await import('../../ui/meters/frame-loop');
    let n = 0;
    const leave = joinFrameLoop(() => {
      n++;
      leave();
    });
    runFrame(1);
    runFrame(2);
    expect(n).toBe(1);
  });
});

describe('readout throttle', () => {
  it('opens once per 100 ms slot, every clock of the page on the same frame', async () => {
    const { Throttle } = await import('../../ui/meters/snapshot-controller');
    // the in and out meters, the beat panel, the pitch panel: clocks made at different times
    const clocks = [new Throttle(100), new Throttle(100), new Throttle(100), new Throttle(100)];
    const openedAt: number[][] = clocks.map(() => []);
    // 60 Hz frames for 2 s, starting at an arbitrary page time; the later clocks join a few frames in
    for (let f = 0; f < 120; f++) {
      const now = 12_345.6 + f * (1000 / 60);
      clocks.forEach((c, i) => {
        if (f >= i * 2 && c.due(now)) openedAt[i].push(now);
      });
    }
    const ref = openedAt[0];
    // ten times a second (the first frame opens a clock at once)
    expect(ref.length).toBeGreaterThanOrEqual(20);
    expect(ref.length).toBeLessThanOrEqual(21);
    for (let k = 2; k < ref.length; k++) expect(ref[k] - ref[k - 1]).toBeGreaterThan(80);
    // after their first frame, every clock opens on exactly the frames the first one does
    for (const t of openedAt.slice(1)) expect(t.slice(1)).toEqual(ref.filter((x) => x > t[0]));
  });

  it('reset lets the next frame through at once', async () => {
    const { Throttle } = await import('../../ui/meters/snapshot-controller');
    const t = new Throttle(100);
    expect(t.due(1000)).toBe(true);
    expect(t.due(1010)).toBe(false);
    t.reset();
    expect(t.due(1020)).toBe(true);
  });
});
