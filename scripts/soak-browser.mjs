// Real-time soak of the app in headless Chromium: the built app (dist/) plays
// the demo clip as its *microphone* (Chromium's fake capture device loops a
// WAV file) through the real AudioWorklet for N minutes, while this script
// watches, from outside the app:
//
//   dropped quanta  render quanta the AudioContext produced that the engine did
//                   not process: the context's clock (currentTime) against the
//                   engine's own clock (the snapshot's `time` field, frames it
//                   processed), both read at once in the page
//   late quanta     render-thread underruns, from Chromium's AudioContext
//                   playbackStats where it has them; otherwise how far the
//                   context's clock fell behind the wall clock (performance.now())
//                   between two samples, beyond the device's buffering
//   JS heap         the page's heap (CDP Runtime.getHeapUsage, after a forced
//                   GC) at the start and the end, and performance.memory
//
// It observes without changing the app: an init script wraps AudioWorkletNode
// to keep hold of the engine node, its context and its shared snapshot buffer.
//
//   npm run soak:browser                 # 10 minutes
//   npm run soak:browser -- --minutes 2  # or SOAK_MINUTES=2
//
// Exits 1 if any quantum was dropped or late, or the heap grew by more than
// 5 MB; prints one JSON line of figures either way. Needs `npm run build`.
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';

const { values } = parseArgs({ options: { minutes: { type: 'string' }, every: { type: 'string' } } });
const minutes = Number(values.minutes ?? process.env.SOAK_MINUTES ?? 10);
const sampleEverySeconds = Number(values.every ?? 5);
if (!(minutes > 0)) throw new Error(`--minutes: expected a positive number, got ${values.minutes}`);
const QUANTUM = 128;
/** heap growth beyond this (after GC) counts as a leak */
const HEAP_SLACK_BYTES = 5 * 1024 * 1024;

const root = fileURLToPath(new URL('..', import.meta.url));
const demo = `${root}dist/demo.wav`;
if (!existsSync(`${root}dist/index.html`) || !existsSync(demo)) {
  console.error('soak-browser: dist/ is incomplete: run `npm run build` first');
  process.exit(2);
}
const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
if (!executablePath) {
  console.error('soak-browser: no Chromium found: run `node scripts/ensure-chromium.mjs`');
  process.exit(2);
}

/** Runs in the page before its scripts: remember the engine node, its context and its snapshot buffer. */
function watchEngine() {
  const Base = window.AudioWorkletNode;
  const soak = { node: null, ctx: null, shared: null, lastTime: -1, processorErrors: 0 };
  window.__soak = soak;
  window.AudioWorkletNode = class extends Base {
    constructor(ctx, name, options) {
      super(ctx, name, options);
      soak.node = this;
      soak.ctx = ctx;
      soak.shared = options?.processorOptions?.sharedSnapshot ?? null;
      // without shared memory the snapshot comes as messages; listening does not disturb the app's handler
      this.port.addEventListener('message', (e) => {
        if (e.data?.type === 'snapshot') soak.lastTime = e.data.data[soak.timeIndex];
      });
      this.addEventListener('processorerror', () => soak.processorErrors++);
    }
  };
}

/** Runs in the page: one reading of every clock, as close together as the page can take them. */
function sample({ timeIndex, headerBytes }) {
  const s = window.__soak;
  s.timeIndex = timeIndex;
  if (!s.ctx) return null;
  let engineTime = s.lastTime;
  if (s.shared) engineTime = new Float32Array(s.shared, headerBytes)[timeIndex];
  return {
    wall: performance.now(),
    context: s.ctx.currentTime,
    engine: engineTime,
    sampleRate: s.ctx.sampleRate,
    state: s.ctx.state,
    heap: performance.memory?.usedJSHeapSize ?? null,
    processorErrors: s.processorErrors,
    playbackStats: s.ctx.playbackStats ? { ...s.ctx.playbackStats.toJSON?.() } : null,
  };
}

const { server, url } = await startServer({ dir: `${root}dist`, port: 0 });
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: [
    '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--disable-default-apps', '--disable-extensions', '--disable-quic',
    '--autoplay-policy=no-user-gesture-required',
    '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${demo}`,
    '--enable-precise-memory-info',
    // the app is in a foreground tab on stage: no background throttling of the measuring page either
    '--disable-background-timer-throttling', '--disable-renderer-backgrounding',
  ],
});
let exitCode = 0;
try {
  const page = await browser.newPage({ viewport: { width: 1024, height: 600 } });
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.addInitScript(watchEngine);
  await page.goto(url);
  await page.getByTestId('input-select').selectOption('mic');
  await page.getByTestId('start').click();

  // the snapshot layout: the index of `time`, and the shared buffer's header size (worklet/messages.ts)
  // (read from the table's source, which Node cannot import as TypeScript here)
  const table = readFileSync(`${root}params/table.ts`, 'utf8');
  const fieldIds = [...table.slice(table.indexOf('export const SNAPSHOT_FIELDS')).matchAll(/\{ id: '([^']+)'/g)].map((m) => m[1]);
  const timeIndex = fieldIds.indexOf('time');
  if (timeIndex < 0) throw new Error('cannot find the snapshot field `time` in params/table.ts');
  const headerBytes = Number(/SHARED_HEADER_BYTES = (\d+)/.exec(readFileSync(`${root}worklet/messages.ts`, 'utf8'))?.[1] ?? 8);

  // wait for the engine to run, then a little warm-up (JIT, first GCs) before the baseline
  const t0 = Date.now();
  let first = null;
  while (Date.now() - t0 < 30_000) {
    first = await page.evaluate(sample, { timeIndex, headerBytes });
    if (first && first.state === 'running' && first.engine > 1) break;
    await page.waitForTimeout(250);
  }
  if (!first || !(first.engine > 1)) throw new Error(`the engine did not start (last reading ${JSON.stringify(first)})`);
  await page.waitForTimeout(10_000);

  const cdp = await page.context().newCDPSession(page);
  const heapNow = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return cdp.send('Runtime.getHeapUsage');
  };
  const heapStart = await heapNow();
  const start = await page.evaluate(sample, { timeIndex, headerBytes });
  const samples = [start];
  const endAt = Date.now() + minutes * 60_000;
  while (Date.now() < endAt) {
    await page.waitForTimeout(Math.min(sampleEverySeconds * 1000, Math.max(0, endAt - Date.now())));
    samples.push(await page.evaluate(sample, { timeIndex, headerBytes }));
  }
  const end = samples[samples.length - 1];
  const heapEnd = await heapNow();
  const endMemory = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? null);

  const sr = start.sampleRate;
  const quantum = QUANTUM / sr;
  // The engine's clock is read from the snapshot, which the processor publishes at most 60
  // times a second: it trails the context's clock by up to one publishing interval. A
  // difference within that is the reading's granularity, not a lost quantum.
  const granularity = Math.ceil(Math.ceil(sr / 60) / QUANTUM) + 1;
  const gap = Math.round(((end.context - start.context) - (end.engine - start.engine)) / quantum);
  const dropped = Math.abs(gap) <= granularity ? 0 : gap;
  // Late: Chromium's own count of render-thread underruns (AudioContext.playbackStats), where
  // this Chromium has it; otherwise growth of the context clock's lag behind the wall clock
  // between samples beyond the device's buffering (the clock advances a device buffer at a time).
  const stats0 = start.playbackStats;
  const stats1 = end.playbackStats;
  let late;
  let lateSource;
  if (stats0 && stats1 && typeof stats1.underrunEvents === 'number') {
    late = stats1.underrunEvents - stats0.underrunEvents;
    lateSource = 'playbackStats.underrunEvents';
  } else {
    const slack = 4 * quantum + (stats1?.maximumLatency ?? 0.02);
    late = 0;
    for (let i = 1; i < samples.length; i++) {
      const growth = (samples[i].wall - samples[i - 1].wall) / 1000 - (samples[i].context - samples[i - 1].context);
      if (growth > slack) late += Math.round(growth / quantum);
    }
    lateSource = 'context clock vs wall clock';
  }
  let worstLagGrowth = 0;
  for (let i = 1; i < samples.length; i++) {
    worstLagGrowth = Math.max(worstLagGrowth, (samples[i].wall - samples[i - 1].wall) / 1000 - (samples[i].context - samples[i - 1].context));
  }
  const wallSeconds = (end.wall - start.wall) / 1000;
  const report = {
    minutes: +(wallSeconds / 60).toFixed(2),
    sampleRate: sr,
    samples: samples.length,
    quantaRendered: Math.round((end.context - start.context) / quantum),
    quantaProcessed: Math.round((end.engine - start.engine) / quantum),
    droppedQuanta: dropped,
    clockGapQuanta: gap,
    lateQuanta: late,
    lateSource,
    underrunSeconds: stats0 && stats1 ? +(stats1.underrunDuration - stats0.underrunDuration).toFixed(4) : null,
    worstLagGrowthMs: +(worstLagGrowth * 1000).toFixed(2),
    contextVsWallDriftMs: +((wallSeconds - (end.context - start.context)) * 1000).toFixed(1),
    heapUsedStart: heapStart.usedSize,
    heapUsedEnd: heapEnd.usedSize,
    heapGrowthBytes: heapEnd.usedSize - heapStart.usedSize,
    performanceMemoryStart: start.heap,
    performanceMemoryEnd: endMemory,
    processorErrors: end.processorErrors,
    pageErrors,
    playbackStats: end.playbackStats,
  };
  console.log(JSON.stringify(report));
  if (dropped !== 0 || late !== 0 || report.heapGrowthBytes > HEAP_SLACK_BYTES || end.processorErrors || pageErrors.length) exitCode = 1;
} catch (err) {
  console.error(`soak-browser: ${err instanceof Error ? err.message : String(err)}`);
  exitCode = 1;
} finally {
  await browser.close();
  server.close();
}
process.exit(exitCode);
