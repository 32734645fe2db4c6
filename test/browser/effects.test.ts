/**
 * The effects panels end to end, in real headless Chromium at 1024×600: one
 * panel per effect generated from the parameter table, reached by the view
 * tabs; the demo clip plays through the real AudioWorklet while the test
 * turns the reverb and the compressor on the way a performer would (tap the
 * switch, focus a knob, press End / Home) and reads the meters; the reverb's
 * impulse-response loader takes a WAV through the file input and refuses a
 * text file in one line, keeping what it had.
 */
import { describe, it, expect } from 'vitest';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { STAGE_VIEWPORT, useAppLauncher } from './chromium';
import { gainOverInput } from './meter-gain';
import { PARAMS, DELAY_DIVISIONS } from '../../params/table';
import { BUNDLED_IMPULSE } from '../../host/impulse';

const EFFECTS = ['gate', 'comp', 'eq', 'delay', 'reverb'] as const;
const VIEWPORT = STAGE_VIEWPORT;
/** the smallest touch target we allow, CSS px */
const TOUCH_PX = 40;

const launcher = useAppLauncher();
const openApp = launcher.open;

const control = (page: Page, id: string) => page.locator(`[data-param="${id}"]`);

/** Open an effect's view by its tab, and wait for its panel. */
async function openEffect(page: Page, group: string): Promise<void> {
  await page.getByTestId(`tab-${group}`).click();
  await page.getByTestId(`fx-${group}`).waitFor();
}

/** Press a toggle until it reads `on`. */
async function setToggle(page: Page, id: string, on: boolean): Promise<void> {
  const t = control(page, id);
  if ((await t.getAttribute('aria-pressed')) !== String(on)) await t.click();
  await expect.poll(() => t.getAttribute('aria-pressed')).toBe(String(on));
}

/** Focus a knob and press a key (End = maximum, Home = minimum). */
async function knobKey(page: Page, id: string, key: string): Promise<void> {
  await control(page, id).focus();
  await page.keyboard.press(key);
}

/** Everything is on screen: no page scroll, and the element inside the viewport. */
async function expectNoScroll(page: Page): Promise<void> {
  const size = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]);
  expect(size).toEqual([VIEWPORT.width, VIEWPORT.height]);
}

describe('the effects panels', () => {
  it('one panel per effect, generated from the table, on screen at 1024×600 with big enough targets', async () => {
    const { page, errors } = await openApp();
    await expectNoScroll(page);
    // the main view is the default, and the tabs name the effects as the table does
    expect(await page.getByTestId('tab-main').getAttribute('aria-selected')).toBe('true');
    for (const group of EFFECTS) {
      const on = PARAMS.find((p) => p.id === `${group}.on`)!;
      expect(await page.getByTestId(`tab-${group}`).textContent()).toContain(on.name);
    }

    for (const group of EFFECTS) {
      await openEffect(page, group);
      if (group === 'reverb') {
        // the loader (and the normalise switch beside it) only shows for the convolution reverb
        expect(await page.getByTestId('ir-file').count()).toBe(0);
        await control(page, 'reverb.type').locator('button[data-choice="convolution"]').click();
        await page.getByTestId('ir-file').waitFor({ state: 'attached' });
      }
      await expectNoScroll(page);
      const panel = page.getByTestId(`fx-${group}`);
      for (const p of PARAMS.filter((q) => q.group === group)) {
        const c = panel.locator(`[data-param="${p.id}"]`);
        expect(await c.count(), p.id).toBe(1);
        // a knob for continuous parameters (a fader for the mix), a selector for choices, a switch for toggles
        const tag = await c.evaluate((el) => el.tagName.toLowerCase());
        const slider = p.id.endsWith('.mix') ? 'gs-param-fader' : 'gs-param-knob';
        expect(tag, p.id).toBe(p.scaling === 'choice' ? 'gs-param-choice' : p.scaling === 'toggle' ? 'gs-param-toggle' : slider);
        if (p.scaling !== 'choice' && p.scaling !== 'toggle') expect(await c.getAttribute('aria-label')).toBe(p.name);
        // every control is wholly on screen and a finger can hit it
        const targets = p.scaling === 'choice' ? c.locator('button, select') : c;
        for (let i = 0; i < (await targets.count()); i++) {
          const box = (await targets.nth(i).boundingBox())!;
          expect(box.height, `${p.id} height`).toBeGreaterThanOrEqual(TOUCH_PX);
          expect(box.width, `${p.id} width`).toBeGreaterThanOrEqual(TOUCH_PX);
          expect(box.x >= 0 && box.y >= 0 && box.x + box.width <= VIEWPORT.width && box.y + box.height <= VIEWPORT.height, `${p.id} on screen`).toBe(true);
        }
      }
      if (group === 'gate' || group === 'comp') expect(await page.getByTestId(`${group}-gr`).count()).toBe(1);
    }
    // the delay's note divisions, labelled as the table labels them
    await openEffect(page, 'delay');
    const options = await control(page, 'delay.division').locator('option').allTextContents();
    expect(options).toEqual(DELAY_DIVISIONS.map(([label]) => label));
    for (const tab of await page.getByRole('tab').all()) expect((await tab.boundingBox())!.height).toBeGreaterThanOrEqual(TOUCH_PX);

    await page.getByTestId('tab-main').click();
    for (const id of ['master-gain', 'bypass', 'limiter-gr', 'tempo', 'beat', 'tap', 'latency']) await expect.poll(() => page.getByTestId(id).isVisible()).toBe(true);
    await expectNoScroll(page);
    expect(errors).toEqual([]);
  });

  it('reverb and compressor act on the sound; the impulse loader takes a WAV and refuses a text file; presets reset the effects', async () => {
    const { page, requests, errors } = await openApp();

    // set while stopped → what the engine starts with (like master.gain)
    await openEffect(page, 'delay');
    await control(page, 'delay.division').locator('select').selectOption({ label: '1/8.' });
    const dotted8th = DELAY_DIVISIONS.findIndex(([label]) => label === '1/8.');
    expect(await control(page, 'delay.division').getAttribute('data-value')).toBe(String(dotted8th));
    expect(await page.getByTestId('preset').inputValue()).toBe(''); // "Custom": no factory preset matches

    await page.getByTestId('start').click();
    await expect.poll(() => page.getByTestId('status').textContent()).toMatch(/Running/);
    const engineValue = (id: string) =>
      page.evaluate((id) => (document.querySelector('gigscope-app') as unknown as { session: { gig: { getParam(id: string): number } | null } }).session.gig?.getParam(id), id);
    expect(await engineValue('delay.division')).toBe(dotted8th);

    // ---- reverb: off, then on at full mix: the output rises over the input
    await openEffect(page, 'reverb');
    await page.waitForTimeout(1_500);
    const dry = await gainOverInput(page, 2_500);
    await setToggle(page, 'reverb.on', true);
    await knobKey(page, 'reverb.mix', 'End');
    expect(await control(page, 'reverb.mix').getAttribute('aria-valuenow')).toBe('1');
    expect(await page.getByTestId('tab-reverb').locator('.lamp.on').count()).toBe(1);
    await page.waitForTimeout(1_500); // let the tail build
    const wet = await gainOverInput(page, 2_500);
    console.log(`output RMS over input: reverb off ${dry.toFixed(2)} dB, on at full mix ${wet.toFixed(2)} dB`);
    expect(Math.abs(dry)).toBeLessThan(0.5);
    expect(wet - dry).toBeGreaterThan(1);
    expect(await engineValue('reverb.mix')).toBe(1);

    // ---- compressor: on, threshold to the bottom: its GR meter goes below −3 dB
    await openEffect(page, 'comp');
    expect(await page.getByTestId('comp-gr').getAttribute('data-gr-db')).toBe('0.0');
    await setToggle(page, 'comp.on', true);
    await knobKey(page, 'comp.threshold', 'Home');
    expect(await control(page, 'comp.threshold').getAttribute('aria-valuetext')).toMatch(/-60(\.0)? dB/);
    await expect.poll(async () => Number(await page.getByTestId('comp-gr').getAttribute('data-gr-db')), { timeout: 10_000 }).toBeLessThan(-3);
    // the gate is off: its meter stays at 0
    await openEffect(page, 'gate');
    expect(await page.getByTestId('gate-gr').getAttribute('data-gr-db')).toBe('0.0');

    // ---- convolution: the bundled response, then a file, then a text file that is refused
    await openEffect(page, 'reverb');
    await control(page, 'reverb.type').locator('button[data-choice="convolution"]').click();
    const status = page.getByTestId('ir-status');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 10_000 }).toBe('bundled');
    expect(await status.textContent()).toMatch(/bundled/i);
    expect(await status.textContent()).toContain(BUNDLED_IMPULSE);

    await page.getByTestId('ir-file').setInputFiles(resolve('presets/impulses/gigscope-room.wav'));
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 10_000 }).toBe('loaded');
    expect(await status.textContent()).toContain('gigscope-room.wav');
    expect(await status.textContent()).not.toMatch(/bundled/i);
    await expect.poll(() => page.getByTestId('ir-bundled').count()).toBe(1);

    await page.getByTestId('ir-file').setInputFiles({ name: 'setlist.txt', mimeType: 'text/plain', buffer: Buffer.from('1. Opener\n2. Ballad\n') });
    await expect.poll(() => status.getAttribute('data-state')).toBe('error');
    const line = (await status.textContent())!;
    console.log(`refused: ${line}`);
    expect(line).toContain('setlist.txt');
    expect(line).toContain('still using gigscope-room.wav');
    expect(line).not.toContain('\n');
    // one line on screen
    const lineBox = await status.evaluate((el) => ({ h: el.clientHeight, lh: parseFloat(getComputedStyle(el).lineHeight), ws: getComputedStyle(el).whiteSpace }));
    expect(lineBox.ws).toBe('nowrap');
    expect(lineBox.h).toBeLessThan(2 * lineBox.lh);
    // …and nothing else changed: still the convolution reverb with the loaded file, still playing
    expect(await status.getAttribute('data-name')).toBe('gigscope-room.wav');
    expect(await control(page, 'reverb.type').getAttribute('data-value')).toBe(String(PARAMS.find((p) => p.id === 'reverb.type')!.choices!.indexOf('convolution')));
    expect(await engineValue('reverb.on')).toBe(1);
    expect(await page.getByTestId('ir-bundled').count()).toBe(1);
    expect(await page.getByTestId('status').textContent()).toMatch(/Running/);
    await expect.poll(async () => Number(await page.getByTestId('meter-out').getAttribute('data-peak-db')), { timeout: 5_000 }).toBeGreaterThan(-40);
    await expectNoScroll(page);

    // ---- a preset sets the effects too: Clean is every parameter at its default
    await page.getByTestId('preset').selectOption('Clean');
    await expect.poll(() => control(page, 'reverb.on').getAttribute('aria-pressed')).toBe('false');
    expect(await engineValue('reverb.on')).toBe(0);
    expect(await engineValue('comp.on')).toBe(0);
    expect(await engineValue('delay.division')).toBe(0);
    for (const group of EFFECTS) expect(await page.getByTestId(`tab-${group}`).locator('.lamp.on').count(), group).toBe(0);

    await page.getByTestId('start').click();
    await expect.poll(() => page.getByTestId('start').textContent()).toMatch(/Start/);
    const origin = new URL(launcher.url()).origin;
    expect(requests.filter((r) => !r.startsWith(origin) && !r.startsWith('data:'))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('an impulse response chosen while stopped is checked at once, loaded at Start, and kept across Stop/Start', async () => {
    const { page, errors } = await openApp();
    await openEffect(page, 'reverb');
    await control(page, 'reverb.type').locator('button[data-choice="convolution"]').click();
    const status = page.getByTestId('ir-status');
    expect(await status.getAttribute('data-state')).toBe('bundled');

    // a bad file while stopped: refused now, not at Start
    await page.getByTestId('ir-file').setInputFiles({ name: 'empty.wav', mimeType: 'audio/wav', buffer: Buffer.alloc(0) });
    await expect.poll(() => status.getAttribute('data-state')).toBe('error');
    expect(await status.textContent()).toMatch(/empty\.wav: .*empty.* still using gigscope-room\.wav/);

    await page.getByTestId('ir-file').setInputFiles(resolve('presets/impulses/gigscope-room.wav'));
    await expect.poll(() => status.getAttribute('data-state')).toBe('loaded');
    expect(await status.textContent()).toMatch(/^gigscope-room\.wav · \d+\.\d s stereo$/);

    // the reverb in at full mix, set while stopped
    await setToggle(page, 'reverb.on', true);
    await knobKey(page, 'reverb.mix', 'End');

    for (let run = 0; run < 2; run++) {
      await page.getByTestId('start').click();
      await expect.poll(() => page.getByTestId('status').textContent()).toMatch(/Running/);
      // the file goes into the new engine (loading → loaded), never the bundled one
      await expect.poll(() => status.getAttribute('data-state'), { timeout: 10_000 }).toBe('loaded');
      expect(await status.textContent()).toContain('gigscope-room.wav');
      // and it sounds: a convolution reverb with no response would add nothing
      await page.waitForTimeout(1_000);
      const added = await gainOverInput(page, 1_500);
      console.log(`run ${run + 1}: convolution at full mix adds ${added.toFixed(2)} dB`);
      expect(added).toBeGreaterThan(1);
      await page.getByTestId('start').click();
      await expect.poll(() => page.getByTestId('start').textContent()).toMatch(/Start/);
      expect(await status.getAttribute('data-state')).toBe('loaded');
    }

    // back to the bundled response
    await page.getByTestId('ir-bundled').click();
    await expect.poll(() => status.getAttribute('data-state')).toBe('bundled');
    expect(await page.getByTestId('ir-bundled').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
