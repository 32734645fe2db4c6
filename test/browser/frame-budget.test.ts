/**
 * The UI's main-thread cost per animation frame, in real headless Chromium at
 * 1024×600 with the engine running on the demo clip: the issue's budget is
 * 4 ms per frame with every view open, measured with the performance API.
 *
 * An init script wraps requestAnimationFrame before the app loads, so every
 * callback the app registers (meters, beat lamp, chroma, voice lamp …) runs
 * inside a timer. A frame's rAF work runs from the start of its first callback
 * until the microtasks its callbacks queued have drained (Lit re-renders run
 * there, so they count); the wrapper follows each callback with a short chain
 * of microtasks and takes the time at the last one. The rAF timestamp groups
 * callbacks into frames. Separately, the first callback of each frame posts a
 * message to itself: it is delivered only after the frame's style, layout and
 * paint, so "start → message" bounds the whole main-thread frame from above
 * (it also absorbs any task queued meanwhile). A PerformanceObserver counts
 * long tasks (> 50 ms).
 *
 * Each view — Main, every effect, MIDI — is opened by its tab, left to settle
 * for a second, then measured for MEASURE_MS. The test asserts the 95th
 * percentile of the rAF work under the budget in every view, and the median
 * whole frame too (a view over either gets one more window, since a busy
 * machine only ever adds time); it prints p50, p95 and max of both figures.
 */
import { describe, it, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppLauncher } from './chromium';
import { effectGroups } from '../../ui/effects/effect-layout';

const launcher = useAppLauncher();

/** The issue's budget for the UI's main-thread work per animation frame, ms. */
const BUDGET_MS = 4;
const SETTLE_MS = 1_000;
const MEASURE_MS = 5_000;
const VIEWS = ['main', ...effectGroups(), 'midi'];

interface FrameRecord {
  /** the rAF timestamp the frame's callbacks share */
  ts: number;
  start: number;
  /** end of the last callback's microtasks */
  end: number;
  /** when the message posted at the frame's start arrived: after style, layout, paint */
  after: number;
  callbacks: number;
}

interface Instrumented {
  __frames: FrameRecord[];
  __longTasks: number[];
}

/** Page init script: time every animation frame's callbacks, and note long tasks. */
function instrumentFrames(): void {
  const w = window as unknown as Instrumented;
  w.__frames = [];
  w.__longTasks = [];
  // microtask hops after each callback (a literal: this function is serialised into the page):
  // Lit updates a parent, then the children it passed new values to, then theirs
  const hops = 6;
  const native = window.requestAnimationFrame.bind(window);
  const channel = new MessageChannel();
  let current: FrameRecord | null = null;
  channel.port1.onmessage = (e: MessageEvent<number>) => {
    // the message carries the frame's timestamp; frames are in order, so it is the last one or near it
    for (let i = w.__frames.length - 1; i >= Math.max(0, w.__frames.length - 3); i--) {
      if (w.__frames[i].ts === e.data) w.__frames[i].after = performance.now();
    }
  };
  window.requestAnimationFrame = (cb: FrameRequestCallback): number =>
    native((ts) => {
      const t0 = performance.now();
      if (!current || current.ts !== ts) {
        current = { ts, start: t0, end: t0, after: Number.NaN, callbacks: 0 };
        w.__frames.push(current);
        channel.port2.postMessage(ts);
      }
      const frame = current;
      frame.callbacks++;
      try {
        cb(ts);
      } finally {
        frame.end = performance.now();
        let n = 0;
        const tail = () => {
          frame.end = performance.now();
          if (++n < hops) queueMicrotask(tail);
        };
        queueMicrotask(tail);
      }
    });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no Long Tasks API: the frame figures still stand
  }
}

interface Figures {
  frames: number;
  p50: number;
  p95: number;
  max: number;
  totalP50: number;
  totalP95: number;
  totalMax: number;
  longTasks: number;
  longestTask: number;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/** Clear the records, wait, and summarise the frames of the window. */
async function measure(page: Page, ms: number): Promise<Figures> {
  const raw = await page.evaluate(async (ms) => {
    const w = window as unknown as Instrumented;
    w.__frames.length = 0;
    w.__longTasks.length = 0;
    await new Promise((r) => setTimeout(r, ms));
    // the last frame's message may not have arrived yet
    return { frames: w.__frames.slice(0, -1).map((f) => ({ work: f.end - f.start, total: f.after - f.start })), longTasks: w.__longTasks.slice() };
  }, ms);
  const work = raw.frames.map((f) => f.work).sort((a, b) => a - b);
  const total = raw.frames.map((f) => f.total).filter(Number.isFinite).sort((a, b) => a - b);
  return {
    frames: work.length,
    p50: percentile(work, 0.5),
    p95: percentile(work, 0.95),
    max: work.at(-1) ?? Number.NaN,
    totalP50: percentile(total, 0.5),
    totalP95: percentile(total, 0.95),
    totalMax: total.at(-1) ?? Number.NaN,
    longTasks: raw.longTasks.length,
    longestTask: Math.max(0, ...raw.longTasks),
  };
}

describe('main-thread frame budget', () => {
  it(`the UI's rAF work stays under ${BUDGET_MS} ms per frame (p95) in every view, with the demo clip playing`, async () => {
    const { page, errors } = await launcher.open([], instrumentFrames);
    await page.getByTestId('start').click();
    await expect.poll(() => page.getByTestId('status').textContent(), { timeout: 15_000 }).toMatch(/Running: demo clip/);

    const results: Record<string, Figures> = {};
    for (const view of VIEWS) {
      await page.getByTestId(`tab-${view}`).click();
      await expect.poll(() => page.getByTestId(`tab-${view}`).getAttribute('aria-selected')).toBe('true');
      await page.waitForTimeout(SETTLE_MS);
      let r = await measure(page, MEASURE_MS);
      // Other processes on a shared machine only ever make frames look slower. One more window
      // before failing tells a busy neighbour from slow code, which fails both.
      if (!(r.p95 < BUDGET_MS) || !(r.totalP50 < BUDGET_MS)) {
        const again = await measure(page, MEASURE_MS);
        console.log(
          `${view}: over budget in the first window (rAF p95 ${r.p95.toFixed(2)} ms, whole-frame median ${r.totalP50.toFixed(2)} ms); ` +
            `second window ${again.p95.toFixed(2)} / ${again.totalP50.toFixed(2)} ms`,
        );
        if (Math.max(again.p95, again.totalP50) < Math.max(r.p95, r.totalP50)) r = again;
      }
      results[view] = r;
    }

    const f = (x: number) => x.toFixed(2).padStart(6);
    console.log(
      [
        `UI main thread per animation frame, ms (headless Chromium, 1024×600, demo clip running, ${MEASURE_MS / 1000} s per view)`,
        `view       frames   rAF+microtasks p50 / p95 / max     whole frame (to after paint) p50 / p95 / max   long tasks`,
        ...VIEWS.map((v) => {
          const r = results[v];
          return `${v.padEnd(9)} ${String(r.frames).padStart(6)}   ${f(r.p50)} / ${f(r.p95)} / ${f(r.max)}            ${f(r.totalP50)} / ${f(r.totalP95)} / ${f(r.totalMax)}          ${r.longTasks}${r.longTasks ? ` (longest ${r.longestTask.toFixed(0)} ms)` : ''}`;
        }),
      ].join('\n'),
    );

    for (const view of VIEWS) {
      const r = results[view];
      // the loops really ran: about 60 frames a second, not an idle page measured as "fast"
      expect(r.frames, `${view}: frames measured`).toBeGreaterThan((MEASURE_MS / 1000) * 40);
      expect(r.p95, `${view}: p95 of the rAF work, ms`).toBeLessThan(BUDGET_MS);
      // and a typical frame fits the budget with style, layout and paint included
      expect(r.totalP50, `${view}: median whole frame, ms`).toBeLessThan(BUDGET_MS);
    }
    expect(errors).toEqual([]);
  }, 120_000);
});
