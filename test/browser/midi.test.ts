/**
 * MIDI end to end in real headless Chromium: a fake MIDIAccess under WEBMIDI.js
 * (test/browser/fake-midi.ts) plays the controller and records what the app
 * sends, and everything above the browser API is the served app. The tests
 * read what the performer would see (knobs, toggles, the preset picker, the
 * tempo) and what the audience would hear (the output meter).
 */
import { describe, it, expect } from 'vitest';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { useAppLauncher } from './chromium';
import { installFakeMidi, removeWebMidi, type SentMessage } from './fake-midi';
import { fromNormalized, paramSpec, toNormalized } from '../../params/table';
import { FACTORY_PRESETS } from '../../presets/factory';
import { presetState } from '../../presets/preset';

const launcher = useAppLauncher();
const CONTROLLER = 'Fake Controller';
const SYNTH = 'Fake Synth';

type AppInternals = {
  session: {
    values: Record<string, number>;
    setParam(id: string, v: number): number;
    gig: { snapshot: Float32Array; readShared(): boolean; usesSharedMemory: boolean } | null;
    addBeatListener(l: (b: { contextTime: number }) => void): () => void;
    heardTime(now?: number): number | null;
  };
};

/** Send raw bytes from the fake controller (or another input). */
const midi = (page: Page, data: number[], port = CONTROLLER) => page.evaluate(([d, p]) => window.__midi.send(p as string, d as number[]), [data, port] as const);
const value = (page: Page, id: string) =>
  page.evaluate((id) => (document.querySelector('gigscope-app') as unknown as AppInternals).session.values[id], id);
const cc = (n: number, v: number, ch = 1) => [0xb0 + ch - 1, n, v];

async function enableMidi(page: Page): Promise<void> {
  await page.getByTestId('tab-midi').click();
  const status = page.getByTestId('midi-status');
  if ((await status.getAttribute('data-state')) !== 'on') await page.getByTestId('midi-enable').click();
  await expect.poll(() => status.getAttribute('data-state')).toBe('on');
}

/** Learn: arm the control `testid` (in the view it is on) and send `messages` from the controller. */
async function learn(page: Page, tab: string, control: string, messages: number[][]): Promise<void> {
  await page.getByTestId('tab-midi').click();
  const toggle = page.getByTestId('midi-learn');
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  await page.getByTestId(`tab-${tab}`).click();
  await page.locator(control).first().click();
  await expect.poll(() => page.locator(control).first().getAttribute('data-midi-armed')).toBe('');
  // all in one go, as a controller sends them (a 14-bit pair within a few ms)
  await page.evaluate(([msgs, port]) => (msgs as number[][]).forEach((m) => window.__midi.send(port as string, m)), [messages, CONTROLLER] as const);
  await page.getByTestId('midi-learn-done').click();
}

async function meter(page: Page, attr: string): Promise<number> {
  return Number(await page.getByTestId('meter-out').getAttribute(attr));
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** A 48 kHz mono 440 Hz sine at −12 dBFS: a steady level, so the output meter shows exactly the gain. */
function sineWav(seconds: number): string {
  const rate = 48000;
  const n = rate * seconds;
  const buf = Buffer.alloc(44 + 2 * n);
  buf.write('RIFF', 0);
  buf.writeUInt32LE(36 + 2 * n, 4);
  buf.write('WAVEfmt ', 8);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36);
  buf.writeUInt32LE(2 * n, 40);
  const amp = 32767 * 10 ** (-12 / 20);
  for (let i = 0; i < n; i++) buf.writeInt16LE(Math.round(amp * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + 2 * i);
  const file = join(mkdtempSync(join(tmpdir(), 'gigscope-midi-')), 'sine.wav');
  writeFileSync(file, buf);
  return file;
}

describe('MIDI', () => {
  it('without Web MIDI the app says so, and still plays', async () => {
    const { page, errors } = await launcher.open([], removeWebMidi);
    await page.getByTestId('tab-midi').click();
    await expect.poll(() => page.getByTestId('midi-status').textContent()).toMatch(/No Web MIDI in this browser/);
    expect(await page.getByTestId('midi-enable').isDisabled()).toBe(true);
    await page.getByTestId('start').click();
    await page.waitForFunction(
      () => Number(document.querySelector('gigscope-app')?.shadowRoot?.querySelector('[data-testid="meter-out"]')?.getAttribute('data-peak-db')) > -30,
      undefined,
      { timeout: 10_000 },
    );
    // and the MIDI view fits the stage too
    expect(await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight])).toEqual([1024, 600]);
    expect(errors).toEqual([]);
  });

  it('enables without SysEx, lists the devices and follows hot-plug', async () => {
    const { page, errors } = await launcher.open([], installFakeMidi);
    await enableMidi(page);
    expect(await page.evaluate(() => window.__midi.requests)).toEqual([{ sysex: false }]);
    const inputs = page.getByTestId('midi-inputs');
    const outputs = page.getByTestId('midi-outputs');
    expect(await inputs.textContent()).toContain(CONTROLLER);
    expect(await outputs.textContent()).toContain(SYNTH);
    await page.evaluate(() => window.__midi.addInput('Second Keys'));
    await expect.poll(() => inputs.textContent()).toContain('Second Keys');
    await page.evaluate(() => window.__midi.unplug('Second Keys'));
    await expect.poll(() => inputs.textContent()).not.toContain('Second Keys');
    await page.evaluate(() => window.__midi.addOutput('Drum Machine'));
    await expect.poll(() => outputs.textContent()).toContain('Drum Machine');
    expect(await page.getByTestId('clock-output').textContent()).toContain('Drum Machine');
    expect(await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight])).toEqual([1024, 600]);
    expect(errors).toEqual([]);
  });

  it('learn → map → reload: a CC drives the master gain (knob and output level) with soft takeover', async () => {
    const { page, errors } = await launcher.open([], installFakeMidi);
    await page.getByTestId('start').click();
    await enableMidi(page);
    // learning points at the knob: the click arms it and does not move it
    await learn(page, 'main', '[data-param="master.gain"]', [cc(7, 30)]);
    expect(await value(page, 'master.gain')).toBe(0);
    const row = page.locator('[data-testid="midi-mapping"][data-param="master.gain"]');
    await page.getByTestId('tab-midi').click();
    expect(await row.getAttribute('data-kind')).toBe('cc');
    expect(await row.getAttribute('data-number')).toBe('7');
    expect(await row.getAttribute('data-port')).toBe(CONTROLLER);
    await page.getByTestId('tab-main').click();

    // soft takeover: 0 dB sits at CC ≈ 105.8; the controller far below it does nothing …
    const gain = paramSpec('master.gain')!;
    for (const v of [10, 40, 80]) await midi(page, cc(7, v));
    expect(await value(page, 'master.gain')).toBe(0);
    // … until it passes through the value, then it follows, through the table's scaling
    await midi(page, cc(7, 120));
    expect(await value(page, 'master.gain')).toBeCloseTo(fromNormalized(gain, 120 / 127), 9);
    await midi(page, cc(7, 0));
    const knob = page.getByTestId('master-gain');
    await expect.poll(() => knob.getAttribute('aria-valuetext')).toMatch(/-60(\.0)? dB/);
    // the audience hears it: the output falls by ~60 dB …
    await page.waitForFunction(
      () => Number(document.querySelector('gigscope-app')?.shadowRoot?.querySelector('[data-testid="meter-out"]')?.getAttribute('data-hold-db')) < -50,
      undefined,
      { timeout: 10_000 },
    );
    // … and comes back
    await midi(page, cc(7, 106));
    await page.waitForFunction(
      () => Number(document.querySelector('gigscope-app')?.shadowRoot?.querySelector('[data-testid="meter-out"]')?.getAttribute('data-peak-db')) > -30,
      undefined,
      { timeout: 10_000 },
    );
    expect(await meter(page, 'data-peak-db')).toBeLessThanOrEqual(-1 + 0.05);

    // moved on screen, the knob wins: the controller (at 106) must come back to the knob's value first
    await knob.focus();
    await page.keyboard.press('Home');
    await midi(page, cc(7, 100));
    expect(await value(page, 'master.gain')).toBe(-60);

    // the mapping survives a reload (before MIDI is even enabled again) and works after it
    await page.reload();
    await page.getByTestId('start').waitFor();
    await page.getByTestId('tab-midi').click();
    await expect.poll(() => row.getAttribute('data-number')).toBe('7');
    await enableMidi(page);
    await midi(page, cc(7, 106)); // at the default 0 dB: picked up at once
    await midi(page, cc(7, 0));
    expect(await value(page, 'master.gain')).toBe(-60);
    expect(errors).toEqual([]);
  });

  it('notes toggle bypass and tap the tempo, a program change loads a preset, 14-bit CCs resolve finely, garbage is ignored', async () => {
    const { page, errors } = await launcher.open([], installFakeMidi);
    await page.getByTestId('start').click();
    await expect.poll(() => page.getByTestId('status').textContent()).toMatch(/Running/);
    await enableMidi(page);
    await learn(page, 'main', '[data-param="master.bypass"]', [[0x90, 60, 100]]);
    await learn(page, 'main', '[data-testid="tap"]', [[0x90, 62, 100]]);
    await learn(page, 'reverb', '[data-param="reverb.mix"]', [cc(1, 32), cc(33, 0)]);
    await page.getByTestId('tab-midi').click();
    const rows = page.getByTestId('midi-mapping');
    expect(await rows.count()).toBe(3);
    expect(await page.locator('[data-testid="midi-mapping"][data-param="reverb.mix"]').getAttribute('data-kind')).toBe('cc14');
    expect(await page.locator('[data-testid="midi-mapping"][data-param="beat.tap"]').getAttribute('data-kind')).toBe('note');
    await page.getByTestId('tab-main').click();

    // a note flips the bypass on, its note-off leaves it, the next note flips it back
    const bypass = page.getByTestId('bypass');
    await midi(page, [0x90, 60, 100]);
    await expect.poll(() => bypass.getAttribute('aria-pressed')).toBe('true');
    await midi(page, [0x80, 60, 0]);
    await midi(page, [0x90, 60, 0]); // note-on at velocity 0 is a note-off
    expect(await bypass.getAttribute('aria-pressed')).toBe('true');
    await midi(page, [0x90, 60, 127]);
    await expect.poll(() => bypass.getAttribute('aria-pressed')).toBe('false');

    // 14-bit: the MSB alone is 4096/16383 ≈ the default 0.25, so it picks up; then every LSB step counts
    await midi(page, cc(1, 32));
    await midi(page, cc(33, 0));
    await midi(page, cc(1, 64));
    await midi(page, cc(33, 3));
    expect(await value(page, 'reverb.mix')).toBeCloseTo(8195 / 16383, 12);
    await midi(page, cc(33, 4));
    expect(await value(page, 'reverb.mix')).toBeCloseTo(8196 / 16383, 12);

    // garbage from a broken cable: nothing throws, nothing moves
    const before = await page.evaluate(() => ({ ...(document.querySelector('gigscope-app') as unknown as AppInternals).session.values }));
    await page.evaluate((port) => {
      const junk = [[], [0x05], [0xb0], [0xb0, 1], [0xf8], [0xfa], [0xf0, 1, 2, 3], [0x33, 0x44, 0x55], [0xe0], [0xc0], [0xa0, 1, 2], [0xff, 0xff, 0xff]];
      for (const j of junk) window.__midi.send(port, j);
      let seed = 11;
      for (let i = 0; i < 500; i++) {
        const bytes = Array.from({ length: i % 4 }, () => (seed = (seed * 16807) % 2147483647) % 256);
        // keep clear of the mapped controls (CC 1/33, notes 60/62) so "nothing moves" is checkable
        if (bytes[0] >= 0x80 && bytes[0] < 0xf0) continue;
        window.__midi.send(port, bytes);
      }
    }, CONTROLLER);
    const after = await page.evaluate(() => ({ ...(document.querySelector('gigscope-app') as unknown as AppInternals).session.values }));
    expect(after).toEqual(before);

    // tap tempo from a note: six notes at 140 BPM with the tempo locked (as a performer taps)
    await page.getByTestId('lock').click();
    for (let i = 0; i < 6; i++) {
      const t = Date.now();
      await midi(page, [0x90, 62, 100]);
      await midi(page, [0x80, 62, 0]);
      await page.waitForTimeout(Math.max(0, 60_000 / 140 - (Date.now() - t)));
    }
    await expect.poll(() => page.getByTestId('tempo').getAttribute('data-bpm').then(Number), { timeout: 3_000 }).toSatisfy((b: number) => Math.abs(b - 140) <= 0.04 * 140);

    // program change 1: the second preset of the picker, applied as if picked there
    const target = FACTORY_PRESETS[1];
    await midi(page, [0xc0, 1]);
    await expect.poll(() => page.getByTestId('preset').inputValue()).toContain(target.name);
    const values = await page.evaluate(() => ({ ...(document.querySelector('gigscope-app') as unknown as AppInternals).session.values }));
    const want = presetState(target);
    for (const [id, v] of Object.entries(want)) expect(values[id], id).toBe(v);
    await expect.poll(() => page.getByTestId('master-gain').getAttribute('aria-valuenow')).toBe(String(want['master.gain']));
    expect(errors).toEqual([]);
  }, 60_000);

  it('CC → parameter → sound: latency on the main thread and until the output reaches the new level', async () => {
    const sine = sineWav(20);
    const { page, errors } = await launcher.open(
      ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${sine}`],
      installFakeMidi,
    );
    await page.getByTestId('input-select').selectOption('mic');
    await page.getByTestId('start').click();
    await expect.poll(() => page.getByTestId('status').textContent()).toMatch(/Running/);
    await enableMidi(page);
    await learn(page, 'main', '[data-param="master.gain"]', [cc(7, 0)]);
    await midi(page, cc(7, 106)); // pick up at 0 dB
    await midi(page, cc(7, 0)); // −60 dB
    await page.waitForTimeout(800);

    const runs: Array<{ mainMs: number; soundMs: number; panelMs: number }> = [];
    for (let run = 0; run < 5; run++) {
      const r = await page.evaluate(
        ([port, final]) =>
          new Promise<{ mainMs: number; soundMs: number; panelMs: number }>((resolve, reject) => {
            const app = document.querySelector('gigscope-app') as unknown as AppInternals & HTMLElement;
            const s = app.session;
            const gig = s.gig!;
            const peakIndex = 6; // out.peak.l (params/table.ts SNAPSHOT_FIELDS)
            let setAt = NaN;
            const original = s.setParam;
            s.setParam = function (id: string, v: number) {
              const kept = original.call(this, id, v);
              if (id === 'master.gain') setAt = performance.now();
              return kept;
            };
            const t0 = window.__midi.send(port as string, [0xb0, 7, 106]);
            s.setParam = original;
            const target = (final as number) - 0.5;
            const poll = () => {
              if (gig.usesSharedMemory) gig.readShared();
              const db = gig.snapshot[peakIndex];
              if (db >= target) {
                // what the app measured itself (shown in the MIDI view)
                const panel = (app as unknown as { midi: { latency: { lastMs: number } } }).midi.latency.lastMs;
                resolve({ mainMs: setAt - t0, soundMs: performance.now() - t0, panelMs: panel });
              } else if (performance.now() - t0 > 1000) reject(new Error(`output stayed at ${db} dBFS`));
              else setTimeout(poll, 0);
            };
            poll();
          }),
        [CONTROLLER, -12 + fromNormalized(paramSpec('master.gain')!, 106 / 127)] as const,
      );
      runs.push(r);
      await midi(page, cc(7, 0));
      await page.waitForTimeout(400);
    }
    const main = runs.map((r) => r.mainMs);
    const sound = runs.map((r) => r.soundMs);
    console.log(
      `CC → setParam (main thread): median ${median(main).toFixed(3)} ms, max ${Math.max(...main).toFixed(3)} ms; ` +
        `CC → output within 0.5 dB of the new level (incl. 20 ms smoothing and ≤ 16.7 ms snapshot cadence): ` +
        `median ${median(sound).toFixed(1)} ms, max ${Math.max(...sound).toFixed(1)} ms; the app's own figure (last run) ${runs.at(-1)!.panelMs.toFixed(3)} ms`,
    );
    expect(median(main)).toBeLessThan(2);
    // the budget is 20 ms plus the 20 ms smoothing; the meter's snapshots add up to a frame
    expect(median(sound)).toBeLessThan(20 + paramSpec('master.gain')!.smoothingMs + 17);
    expect(runs.every((r) => Number.isFinite(r.panelMs) && r.panelMs >= 0)).toBe(true);
    expect(toNormalized(paramSpec('master.gain')!, 0)).toBeCloseTo(60 / 72, 12);
    expect(errors).toEqual([]);
  }, 60_000);

  it('clock out at a fixed 120 BPM: Start, 24 ticks per beat within ±1 ms of the ideal grid, Stop', async () => {
    const { page, errors } = await launcher.open([], installFakeMidi);
    await enableMidi(page);
    await page.getByTestId('clock-output').selectOption(SYNTH);
    await page.getByTestId('clock-fixed').click();
    await page.getByTestId('clock-bpm').fill('120');
    await page.getByTestId('clock-bpm').dispatchEvent('change');
    await page.getByTestId('clock-start').click();
    await expect.poll(() => page.getByTestId('clock-state').getAttribute('data-running')).toBe('1');
    // a busy main thread meanwhile: the timestamps must not care
    await page.evaluate(() => {
      const end = performance.now() + 3000;
      const burn = () => {
        const t = performance.now();
        while (performance.now() - t < 15);
        if (performance.now() < end) setTimeout(burn, 5);
      };
      burn();
    });
    await page.waitForTimeout(3000);
    await page.getByTestId('clock-stop').click();
    await page.waitForTimeout(200);
    const sent: SentMessage[] = await page.evaluate((name) => window.__midi.sent[name], SYNTH);

    expect(sent[0].data).toEqual([0xfa]);
    expect(sent.at(-1)!.data).toEqual([0xfc]);
    const ticks = sent.filter((m) => m.data.length === 1 && m.data[0] === 0xf8);
    expect(sent.filter((m) => m.data[0] !== 0xf8).map((m) => m.data[0])).toEqual([0xfa, 0xfc]);
    // Start goes out with the first tick; Stop after the last
    expect(sent[0].timestamp).toBe(ticks[0].timestamp);
    expect(sent.at(-1)!.timestamp).toBeGreaterThanOrEqual(ticks.at(-1)!.timestamp);

    const tick = 60_000 / 120 / 24;
    const t0 = ticks[0].timestamp;
    const err = ticks.map((m, i) => m.timestamp - (t0 + i * tick));
    const gaps = ticks.slice(1).map((m, i) => m.timestamp - ticks[i].timestamp);
    const lead = ticks.map((m) => m.timestamp - m.at);
    const lateOnes = lead.map((l, i) => [i, l, ticks[i].at - ticks[0].at]).filter(([, l]) => l < 0);
    if (lateOnes.length) console.log('late ticks [index, lead, at]:', JSON.stringify(lateOnes));
    console.log(
      `clock at 120 BPM: ${ticks.length} ticks over ${((ticks.at(-1)!.timestamp - t0) / 1000).toFixed(2)} s; ` +
        `timestamp − ideal: max |${Math.max(...err.map(Math.abs)).toExponential(2)}| ms; ` +
        `gaps ${Math.min(...gaps).toFixed(4)}–${Math.max(...gaps).toFixed(4)} ms (ideal ${tick.toFixed(4)}); ` +
        `sent ahead of their time by ${Math.min(...lead).toFixed(1)}–${Math.max(...lead).toFixed(1)} ms (median ${median(lead).toFixed(1)})`,
    );
    expect(Math.max(...err.map(Math.abs))).toBeLessThan(1);
    for (const g of gaps) expect(Math.abs(g - tick)).toBeLessThan(1);
    // ~3 s at 48 ticks/s
    expect(ticks.length).toBeGreaterThan(48 * 2.8);
    expect(ticks.length).toBeLessThan(48 * 3.6);
    // handed to the browser ahead of its time (the lookahead), even with the main thread busy; a stall
    // longer than the lookahead (another Chromium hogging the cores) may make the odd tick late
    expect(median(lead)).toBeGreaterThan(50);
    expect(lateOnes.length).toBeLessThanOrEqual(Math.ceil(0.02 * ticks.length));
    expect(errors).toEqual([]);
  });

  it('clock out from the tracked beat: phase-locked to the predicted beats, with steady ticks', async () => {
    const { page, errors } = await launcher.open([], installFakeMidi);
    await page.getByTestId('start').click();
    await expect.poll(() => page.getByTestId('status').textContent()).toMatch(/Running/);
    // the predicted beats, as heard, on the performance clock (the clock's own conversion is what is tested)
    await page.evaluate(() => {
      const s = (document.querySelector('gigscope-app') as unknown as AppInternals).session;
      const w = window as unknown as { __beatsMs: number[] };
      w.__beatsMs = [];
      s.addBeatListener((b) => {
        const now = performance.now();
        const heard = s.heardTime(now);
        if (heard !== null) w.__beatsMs.push(now + (b.contextTime - heard) * 1000);
      });
    });
    // the tracker finds the demo clip's 112 BPM in about 12 s (test/browser/beat.test.ts)
    await expect.poll(() => page.getByTestId('tempo').getAttribute('data-bpm').then(Number), { timeout: 20_000, interval: 250 }).toSatisfy(
      (b: number) => Math.abs(b - 112) <= 0.02 * 112,
    );
    await enableMidi(page);
    await page.getByTestId('clock-output').selectOption(SYNTH);
    await page.getByTestId('clock-tracked').click();
    await page.getByTestId('clock-start').click();
    await page.waitForTimeout(6000);
    await page.getByTestId('clock-stop').click();
    const sent: SentMessage[] = await page.evaluate((name) => window.__midi.sent[name], SYNTH);
    const beats: number[] = await page.evaluate(() => (window as unknown as { __beatsMs: number[] }).__beatsMs);
    const start = sent.findIndex((m) => m.data[0] === 0xfa);
    expect(start).toBe(0);
    const tickMsgs = sent.filter((m) => m.data[0] === 0xf8);
    const ticks = tickMsgs.map((m) => m.timestamp);
    // how far ahead of its time each tick reached the browser (the scheduler's lookahead)
    const lead = tickMsgs.map((m) => m.timestamp - m.at);
    const downbeats = ticks.filter((_, i) => i % 24 === 0);
    const phase = downbeats.map((t) => {
      const nearest = beats.reduce((a, b) => (Math.abs(b - t) < Math.abs(a - t) ? b : a), Infinity);
      return t - nearest;
    });
    const beatGaps = downbeats.slice(1).map((t, i) => t - downbeats[i]);
    const tickGaps = ticks.slice(1).map((t, i) => t - ticks[i]);
    // jitter: how much each tick interval differs from the one before it
    const steps = tickGaps.slice(1).map((g, i) => Math.abs(g - tickGaps[i]));
    const period = 60_000 / 112;
    const predGaps = beats.slice(1).map((b, i) => b - beats[i]).filter((g) => g > 0.5 * period && g < 1.5 * period);
    console.log(
      `tracked clock (demo clip, 112 BPM): ${downbeats.length} beats; tick 0 − predicted beat: median ${median(phase.map(Math.abs)).toFixed(2)} ms, ` +
        `max ${Math.max(...phase.map(Math.abs)).toFixed(2)} ms; beat-to-beat ${Math.min(...beatGaps).toFixed(1)}–${Math.max(...beatGaps).toFixed(1)} ms ` +
        `(predictions ${Math.min(...predGaps).toFixed(1)}–${Math.max(...predGaps).toFixed(1)}, period ${period.toFixed(1)}); ` +
        `ticks ${Math.min(...tickGaps).toFixed(3)}–${Math.max(...tickGaps).toFixed(3)} ms apart, interval-to-interval step max ${Math.max(...steps).toFixed(3)} ms; ` +
        `handed over ${Math.min(...lead).toFixed(1)}–${Math.max(...lead).toFixed(1)} ms ahead`,
    );
    expect(downbeats.length).toBeGreaterThanOrEqual(9);
    // each beat's tick 0 near a predicted beat: the loop follows the predictions, which themselves wander
    // ±15–25 ms from beat to beat here (the tracker's 10 ms frames, its phase estimate, and the page's
    // conversion of each to performance time, which a loaded machine shakes)
    expect(median(phase.map(Math.abs))).toBeLessThan(15);
    expect(Math.max(...phase.map(Math.abs))).toBeLessThan(35);
    // 24 ticks per beat at the tracked tempo, and no stumble: an interval differs from the last by a millisecond or
    // so (0.6–1.3 ms measured, the busier the machine the more the predictions wander) where re-anchoring every
    // beat on its prediction put up to 39 ms into one gap
    expect(Math.abs(median(beatGaps) - period)).toBeLessThan(0.02 * period);
    for (const g of beatGaps) expect(Math.abs(g - period)).toBeLessThan(0.05 * period);
    expect(Math.max(...steps)).toBeLessThan(2.5);
    // every tick handed to the browser before its time
    expect(Math.min(...lead)).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  }, 60_000);
});
