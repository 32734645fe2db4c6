/**
 * The fader end to end, in real headless Chromium at 1024×600: the reverb's
 * mix fader on the running demo clip, operated from the keyboard (arrows,
 * Shift, PageUp/PageDown, Home/End), dragged with the pointer (the thumb
 * must stay under the pointer) and double-clicked back to its default. Each
 * move must show on the fader (aria-valuenow / aria-valuetext), go out as a
 * `param-change`, and reach the worklet: an init script records every
 * parameter message the page posts to the processor, and the output meter
 * hears the difference between no reverb and a full mix (param-recorder.ts).
 */
import { describe, it, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { STAGE_VIEWPORT, useAppLauncher } from './chromium';
import { gainOverInput } from './meter-gain';
import { formatParam, paramSpec } from '../../params/table';
import { recordParams, lastSent, paramChanges } from './param-recorder';

const launcher = useAppLauncher();
const ID = 'reverb.mix';
const SPEC = paramSpec(ID)!;

/** The last value of reverb.mix the page sent to the worklet. */
const sentToEngine = (page: Page) => lastSent(page, ID);

describe('the fader (reverb mix)', () => {
  it('is a vertical slider that keys, pointer drags and double-click move, and the engine follows', async () => {
    const { page, errors } = await launcher.open([], recordParams);
    await page.getByTestId('start').click();
    await expect.poll(() => page.getByTestId('status').textContent()).toMatch(/Running/);
    await page.getByTestId('tab-reverb').click();
    const reverbOn = page.locator('[data-param="reverb.on"]');
    await reverbOn.click();
    await expect.poll(() => reverbOn.getAttribute('aria-pressed')).toBe('true');

    const fader = page.locator(`[data-param="${ID}"]`);
    expect(await fader.evaluate((el) => el.tagName.toLowerCase())).toBe('gs-param-fader');
    expect(await fader.getAttribute('role')).toBe('slider');
    expect(await fader.getAttribute('aria-orientation')).toBe('vertical');
    expect(await fader.getAttribute('tabindex')).toBe('0');
    expect(await fader.getAttribute('aria-label')).toBe(SPEC.name);
    expect(Number(await fader.getAttribute('aria-valuemin'))).toBe(SPEC.min);
    expect(Number(await fader.getAttribute('aria-valuemax'))).toBe(SPEC.max);
    expect(Number(await fader.getAttribute('aria-valuenow'))).toBe(SPEC.default);
    expect(await fader.getAttribute('aria-valuetext')).toBe(formatParam(SPEC, SPEC.default));
    // the whole fader is on the stage, and tall enough to ride
    const box = (await fader.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(STAGE_VIEWPORT.height);
    expect(box.height).toBeGreaterThan(150);

    // ---- keyboard: the value, its spoken text and the engine move together
    await fader.focus();
    const now = async () => Number(await fader.getAttribute('aria-valuenow'));
    const steps: [string, number][] = [
      ['ArrowUp', 0.26],
      ['Shift+ArrowUp', 0.261],
      ['ArrowDown', 0.251],
      ['ArrowRight', 0.261],
      ['ArrowLeft', 0.251],
      ['PageUp', 0.351],
      ['PageDown', 0.251],
      ['End', 1],
      ['Home', 0],
    ];
    for (const [key, want] of steps) {
      await page.keyboard.press(key);
      await expect.poll(now, { message: key }).toBeCloseTo(want, 9);
      expect(await fader.getAttribute('aria-valuetext'), key).toBe(formatParam(SPEC, want));
      expect(await sentToEngine(page), key).toBeCloseTo(want, 9);
    }
    // a handled key does not scroll the page
    expect(await page.evaluate(() => [window.scrollX, window.scrollY])).toEqual([0, 0]);

    // ---- pointer: grab the thumb at the bottom, move it half the track up: half the range, thumb under the pointer
    const thumb = fader.locator('.thumb');
    const track = fader.locator('.track');
    const t0 = (await thumb.boundingBox())!;
    const tr = (await track.boundingBox())!;
    const span = tr.height - t0.height;
    const x = t0.x + t0.width / 2;
    let y = t0.y + t0.height / 2;
    // at 0 the thumb rests on the bottom of the track
    expect(Math.abs(t0.y + t0.height - (tr.y + tr.height))).toBeLessThan(1.5);
    await page.mouse.move(x, y);
    await page.mouse.down();
    y -= span / 2;
    await page.mouse.move(x, y, { steps: 12 });
    await page.mouse.up();
    await expect.poll(now).toBeCloseTo(0.5, 2);
    const t1 = (await thumb.boundingBox())!;
    expect(Math.abs(t1.y + t1.height / 2 - y), 'thumb under the pointer').toBeLessThan(1.5);
    expect(await sentToEngine(page)).toBeCloseTo(await now(), 3); // aria-valuenow is rounded to 3 decimals

    // Shift makes a drag ten times finer
    const before = await now();
    await page.mouse.move(x, y);
    await page.keyboard.down('Shift');
    await page.mouse.down();
    await page.mouse.move(x, y - span / 5, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await expect.poll(now).toBeCloseTo(before + 0.02, 2);

    // past the top: clamped at the maximum, and the reverb is heard at full mix
    const t2 = (await thumb.boundingBox())!;
    await page.mouse.move(x, t2.y + t2.height / 2);
    await page.mouse.down();
    await page.mouse.move(x, tr.y - 100, { steps: 10 });
    await page.mouse.up();
    await expect.poll(now).toBe(1);
    expect(await sentToEngine(page)).toBe(1);
    await page.waitForTimeout(1_500); // let the tail build
    const wet = await gainOverInput(page, 2_500);

    // ---- double-click: back to the table default
    await fader.dblclick();
    await expect.poll(now).toBe(SPEC.default);
    expect(await sentToEngine(page)).toBe(SPEC.default);

    // and at the bottom the reverb adds nothing: the engine really took the fader's values
    await fader.focus();
    await page.keyboard.press('Home');
    await page.waitForTimeout(2_500); // the tail rings out
    const dry = await gainOverInput(page, 2_500);
    console.log(`fader: output RMS over input at mix 1 ${wet.toFixed(2)} dB, at mix 0 ${dry.toFixed(2)} dB; track ${span.toFixed(0)} px`);
    expect(wet - dry).toBeGreaterThan(1);

    // every move was reported once, with the fader's parameter id and the value it showed
    const seen = await paramChanges(page);
    const mix = seen.filter((c) => c.id === ID);
    expect(mix.length).toBeGreaterThanOrEqual(steps.length + 4);
    expect(mix.slice(0, steps.length).map((c) => c.value)).toEqual(steps.map(([, v]) => expect.closeTo(v, 9)));
    expect(mix.at(-2)!.value).toBe(SPEC.default);
    expect(mix.at(-1)!.value).toBe(0);
    expect(errors).toEqual([]);
  }, 90_000);
});
