/**
 * End to end: the served app in real headless Chromium. The demo clip and a
 * file fed in as the microphone play through the real AudioWorklet; the test
 * reads what a musician would see (meters, latency, status).
 */
import { describe, it, expect } from 'vitest';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { useAppLauncher } from './chromium';

const launcher = useAppLauncher();
const openApp = launcher.open;

const meterDb = async (page: Page, id: string, attr = 'data-peak-db') => Number(await page.getByTestId(id).getAttribute(attr));

/** Wait until a meter reads above `db` dBFS (the meters update ~10 times a second). */
async function waitForMeter(page: Page, id: string, db: number, timeout = 10_000): Promise<number> {
  await page.waitForFunction(
    ({ id, db }) => Number(document.querySelector('gigscope-app')?.shadowRoot?.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-peak-db')) > db,
    { id, db },
    { timeout },
  );
  return meterDb(page, id);
}

describe('the stage app', () => {
  it('plays the demo clip through the engine: meters move, latency is shown, nothing leaves the origin', async () => {
    const { page, requests, errors } = await openApp();
    expect(await page.getByTestId('start').textContent()).toMatch(/Start/);
    await page.getByTestId('start').click();
    const inDb = await waitForMeter(page, 'meter-in', -30);
    const outDb = await waitForMeter(page, 'meter-out', -30);
    expect(inDb).toBeLessThanOrEqual(0);
    // never above the safety limiter's ceiling
    expect(outDb).toBeLessThanOrEqual(-1 + 0.05);
    await expect.poll(() => page.getByTestId('latency').textContent()).toMatch(/Output latency \d+(\.\d)? ms/);
    expect(await page.getByTestId('status').textContent()).toMatch(/Running/);
    // the page is cross-origin isolated, so snapshots travel through shared memory
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

    // master gain to its minimum from the keyboard: the output meter falls, the input does not
    await page.getByTestId('master-gain').focus();
    await page.keyboard.press('Home');
    expect(await page.getByTestId('master-gain').getAttribute('aria-valuetext')).toMatch(/-60(\.0)? dB/);
    await page.waitForFunction(
      () => Number(document.querySelector('gigscope-app')?.shadowRoot?.querySelector('[data-testid="meter-out"]')?.getAttribute('data-hold-db')) < -50,
      undefined,
      { timeout: 10_000 },
    );
    expect(await meterDb(page, 'meter-in')).toBeGreaterThan(-40);

    await page.getByTestId('start').click();
    await expect.poll(() => page.getByTestId('start').textContent()).toMatch(/Start/);
    const origin = new URL(launcher.url()).origin;
    expect(requests.filter((r) => !r.startsWith(origin) && !r.startsWith('data:'))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('takes a microphone (a file fed in as the capture device) with the voice processing off', async () => {
    const wav = resolve('dist/demo.wav');
    const { page, errors } = await openApp([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${wav}`,
    ]);
    await page.getByTestId('input-select').selectOption('mic');
    await page.getByTestId('start').click();
    await waitForMeter(page, 'meter-in', -40);
    await waitForMeter(page, 'meter-out', -40);
    const settings = await page.evaluate(async () => {
      // what the browser grants for the constraints the app asks for
      const s = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false } });
      const t = s.getAudioTracks()[0].getSettings();
      s.getTracks().forEach((x) => x.stop());
      return { ec: t.echoCancellation, ns: t.noiseSuppression, agc: t.autoGainControl };
    });
    expect(settings).toEqual({ ec: false, ns: false, agc: false });
    // no "browser kept … on" warning shown
    expect(await page.getByTestId('warnings').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('falls back to audioworklet-polyfill where AudioWorklet is missing, and says so', async () => {
    const { page, errors } = await openApp([], () => {
      // simulate a browser without AudioWorklet
      delete (window as unknown as Record<string, unknown>).AudioWorkletNode;
      delete (BaseAudioContext.prototype as unknown as Record<string, unknown>).audioWorklet;
    });
    await page.getByTestId('start').click();
    await waitForMeter(page, 'meter-out', -30, 15_000);
    await expect.poll(() => page.getByTestId('degraded').count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
