/**
 * Failure handling in real headless Chromium: what the band hears and sees
 * when the engine traps, and when the input device goes away and comes back.
 *
 * The trap is a real WebAssembly trap inside the AudioWorklet's process():
 * the processor's test hook ({ type: 'test-trap' }, worklet/messages.ts)
 * swaps the engine's process for a wasm function that executes `unreachable`.
 * What reaches the speakers is read from an AnalyserNode the init script
 * hangs on every connection to the context's destination, so "silent" means
 * the samples really were zero, not that a meter stopped drawing.
 */
import { describe, it, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppLauncher } from './chromium';

const launcher = useAppLauncher();

/** Page init script: tap whatever is connected to an AudioContext's destination. */
function tapDestination(): void {
  const w = window as unknown as { __taps: AnalyserNode[] };
  w.__taps = [];
  const connect = AudioNode.prototype.connect as (this: AudioNode, ...args: unknown[]) => unknown;
  AudioNode.prototype.connect = function (this: AudioNode, ...args: unknown[]) {
    const out = connect.apply(this, args);
    if (args[0] instanceof AudioDestinationNode) {
      const tap = this.context.createAnalyser();
      tap.fftSize = 2048;
      connect.call(this, tap);
      w.__taps.push(tap);
    }
    return out;
  } as typeof AudioNode.prototype.connect;
}

/** The largest |sample| reaching the destination (newest tap) over `ms`, sampled every 20 ms. */
async function outputPeak(page: Page, ms: number): Promise<number> {
  return page.evaluate(async (ms) => {
    const taps = (window as unknown as { __taps: AnalyserNode[] }).__taps;
    const tap = taps[taps.length - 1];
    const buf = new Float32Array(tap.fftSize);
    let peak = 0;
    const end = performance.now() + ms;
    while (performance.now() < end) {
      tap.getFloatTimeDomainData(buf);
      for (const v of buf) peak = Math.max(peak, Math.abs(v));
      await new Promise((r) => setTimeout(r, 20));
    }
    return peak;
  }, ms);
}

/** The app's session (a private field in TypeScript, an ordinary property at run time). */
type SessionProbe = {
  values: Record<string, number>;
  state: string;
  gig: { node: AudioWorkletNode; getParams(): Record<string, number> } | null;
  parts: { stream: MediaStream | null } | null;
  setParam(id: string, v: number): number;
};
const session = () => (document.querySelector('gigscope-app') as unknown as { session: SessionProbe }).session;

const meterAttr = async (page: Page, id: string, attr: string) => page.getByTestId(id).getAttribute(attr);

async function waitForMeter(page: Page, id: string, db: number, timeout = 10_000): Promise<void> {
  await page.waitForFunction(
    ({ id, db }) => Number(document.querySelector('gigscope-app')?.shadowRoot?.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-peak-db')) > db,
    { id, db },
    { timeout },
  );
}

const dB = (x: number) => 20 * Math.log10(x);

describe('failure handling', () => {
  it('an engine trap mutes the output, shows the error, and Restart brings the same sound back', async () => {
    const { page, errors } = await launcher.open([], tapDestination);
    // a preset, then an edit on top of it: both must survive the restart
    await page.getByTestId('preset').selectOption('Slapback');
    await page.getByTestId('start').click();
    await waitForMeter(page, 'meter-out', -30);
    await page.evaluate(`(${session.toString()})().setParam('master.gain', -9)`);
    const presetBefore = await page.getByTestId('preset').inputValue();
    const valuesBefore = await page.evaluate(`({ ...(${session.toString()})().values })`);
    await page.waitForTimeout(300);
    const before = await outputPeak(page, 2000);
    expect(before).toBeGreaterThan(0.01);
    expect(await page.getByTestId('restart').count()).toBe(0);

    await page.evaluate(`(${session.toString()})().gig.node.port.postMessage({ type: 'test-trap' })`);
    await expect.poll(() => page.getByTestId('status').textContent()).toMatch(/audio engine failed \(RuntimeError: unreachable/i);
    await page.getByTestId('restart').waitFor();
    // the session did not tear itself down: Restart, not Start, is the way back
    expect(await page.getByTestId('start').textContent()).toMatch(/Stop/);
    // let the analyser's window (2048 frames) fill with what came after the trap
    await page.waitForTimeout(150);
    expect(await outputPeak(page, 1000)).toBe(0);
    // the meters say so too: the processor published silence for them
    await expect.poll(() => meterAttr(page, 'meter-out', 'data-hold-db')).toBe('-Infinity');
    expect(await meterAttr(page, 'meter-out', 'data-peak-db')).toBe('-Infinity');

    await page.getByTestId('restart').click();
    await expect.poll(() => page.getByTestId('status').textContent()).toMatch(/^Running/);
    expect(await page.getByTestId('restart').count()).toBe(0);
    await waitForMeter(page, 'meter-out', -30);
    // the new engine started from the kept values, and the preset picker still shows the same preset
    expect(await page.evaluate(`(${session.toString()})().gig.getParams()`)).toEqual(valuesBefore);
    expect(await page.evaluate(`({ ...(${session.toString()})().values })`)).toEqual(valuesBefore);
    expect(await page.getByTestId('preset').inputValue()).toBe(presetBefore);
    await page.waitForTimeout(300);
    const after = await outputPeak(page, 2000);
    // same chain, same gain, same clip: the level is back where it was (the clip's own variation aside)
    expect(Math.abs(dB(after) - dB(before))).toBeLessThan(3);
    expect(errors).toEqual([]);
  });

  it('shows a lost input device and takes it back when a device returns', async () => {
    const { page, errors } = await launcher.open(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']);
    await page.getByTestId('input-select').selectOption('mic');
    await page.getByTestId('start').click();
    await waitForMeter(page, 'meter-in', -40);
    await expect.poll(() => page.getByTestId('status').textContent()).toMatch(/^Running: microphone/);

    // what the browser does when the interface is unplugged: the track ends (stop() alone fires no event)
    await page.evaluate(`(() => {
      const track = (${session.toString()})().parts.stream.getAudioTracks()[0];
      track.stop();
      track.dispatchEvent(new Event('ended'));
    })()`);
    await expect.poll(() => page.getByTestId('status').textContent()).toMatch(/Input lost: the microphone .* was disconnected/);
    // nothing feeds the engine any more
    await expect.poll(async () => Number(await meterAttr(page, 'meter-in', 'data-peak-db')), { timeout: 5000 }).toBeLessThan(-90);
    // no device came back yet: it stays lost (and the session keeps running)
    await page.waitForTimeout(500);
    expect(await page.getByTestId('status').textContent()).toMatch(/Input lost/);
    expect(await page.getByTestId('start').textContent()).toMatch(/Stop/);

    // a device arrives: the same input is asked for again and the signal is back
    await page.evaluate(() => navigator.mediaDevices.dispatchEvent(new Event('devicechange')));
    await expect.poll(() => page.getByTestId('status').textContent()).toMatch(/^Running: microphone/);
    await waitForMeter(page, 'meter-in', -40);
    await waitForMeter(page, 'meter-out', -40);
    expect(await page.evaluate(`(${session.toString()})().parts.stream.getAudioTracks()[0].readyState`)).toBe('live');
    expect(errors).toEqual([]);
  });
});
