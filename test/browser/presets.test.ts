/**
 * Presets in the served app, in real headless Chromium at 1024×600: the
 * picker sets the controls and the running engine; user presets survive a
 * reload; export → import gives back the same values bit for bit (the
 * download caught from the browser, the file fed to the file input); a
 * corrupt file is refused naming the field with nothing changed; A/B keeps
 * two sets of edits; the unsaved mark follows the knobs.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { useAppLauncher, STAGE_VIEWPORT } from './chromium';
import { findFactoryPreset } from '../../presets/factory';
import { parsePreset, presetState } from '../../presets/preset';

const launcher = useAppLauncher();

type AppHandle = { session: { values: Record<string, number>; gig: { getParam(id: string): number } | null } };

/** The session's values as the app holds them (what the engine is given). */
const values = (page: Page) =>
  page.evaluate(() => ({ ...(document.querySelector('gigscope-app') as unknown as AppHandle).session.values }));

/** A parameter as the running engine has it. */
const engineValue = (page: Page, id: string) =>
  page.evaluate((id) => (document.querySelector('gigscope-app') as unknown as AppHandle).session.gig?.getParam(id), id);

const knob = (page: Page, id: string) => page.locator(`gs-param-knob[data-param="${id}"]`).first();
const dirtyShown = (page: Page) => page.getByTestId('preset-dirty').isVisible();

async function expectNoScroll(page: Page): Promise<void> {
  const size = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]);
  expect(size).toEqual([STAGE_VIEWPORT.width, STAGE_VIEWPORT.height]);
}

/** Move the master knob one page down from the keyboard (−7.2 dB from 0): a performer's edit. */
async function nudgeMaster(page: Page): Promise<void> {
  await page.getByTestId('master-gain').focus();
  await page.keyboard.press('PageDown');
}

async function saveAs(page: Page, name: string): Promise<void> {
  await page.getByTestId('preset-save').click();
  await page.getByTestId('preset-name').fill(name);
  await page.getByTestId('preset-save-confirm').click();
}

/** Export the current settings; returns the downloaded file's path and text. */
async function exportFile(page: Page): Promise<{ path: string; name: string; text: string }> {
  await page.getByTestId('preset-more').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('preset-export').click()]);
  const path = await download.path();
  return { path, name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

describe('presets in the app', () => {
  it('a factory preset sets the knobs and the running engine, and the output follows', async () => {
    const { page, errors } = await launcher.open();
    const options = await page.getByTestId('preset').locator('option').allTextContents();
    for (const name of ['Clean', 'Practice room', 'Vocal hall', 'Slapback', 'Dotted-eighth delay', 'Dub delay', 'Analyzer only']) expect(options).toContain(name);
    await page.getByTestId('start').click();
    await expect.poll(() => page.getByTestId('status').textContent()).toMatch(/Running/);

    // Quiet monitor: −12 dB and bypass: the knob, the switch, the engine, and the output meter 12 dB under the input
    await page.getByTestId('preset').selectOption('Quiet monitor');
    await expect.poll(() => page.getByTestId('master-gain').getAttribute('aria-valuenow')).toBe('-12');
    expect(await page.getByTestId('bypass').getAttribute('aria-pressed')).toBe('true');
    expect(await engineValue(page, 'master.gain')).toBe(-12);
    expect(await engineValue(page, 'master.bypass')).toBe(1);
    // Both meters read in one evaluate, so the two numbers come from the same readout (two
    // separate reads can straddle a 100 ms update of music whose level moves by decibels).
    const gap = () =>
      page.evaluate(() => {
        const rms = (id: string) => Number(document.querySelector('gigscope-app')!.shadowRoot!.querySelector(`[data-testid="${id}"]`)!.getAttribute('data-rms-db'));
        return rms('meter-out') - rms('meter-in');
      });
    await expect.poll(gap, { timeout: 5_000 }).toBeLessThan(-10);
    // The median of five readouts, so one taken across a sharp change of the music's level (the
    // out bus runs the limiter's look-ahead behind the in bus) cannot decide alone.
    const gaps: number[] = [];
    for (let k = 0; k < 5; k++) {
      gaps.push(await gap());
      await page.waitForTimeout(150);
    }
    gaps.sort((a, b) => a - b);
    expect(gaps[2]).toBeGreaterThan(-14);
    expect(gaps[2]).toBeLessThan(-10);

    // Vocal hall: the reverb lamp lights, its panel shows the hall's settings, the engine has them
    await page.getByTestId('preset').selectOption('Vocal hall');
    const hall = findFactoryPreset('Vocal hall')!;
    await expect.poll(() => page.getByTestId('tab-reverb').locator('.lamp.on').count()).toBe(1);
    await page.getByTestId('tab-reverb').click();
    await expect.poll(() => knob(page, 'reverb.decay').getAttribute('aria-valuenow')).toBe(String(hall.params['reverb.decay']));
    expect(await knob(page, 'reverb.predelay').getAttribute('aria-valuenow')).toBe(String(hall.params['reverb.predelay']));
    for (const id of ['reverb.on', 'reverb.decay', 'reverb.predelay', 'reverb.mix', 'comp.on', 'comp.ratio', 'master.gain', 'master.bypass']) {
      expect(await engineValue(page, id), id).toBeCloseTo(presetState(hall)[id], 5);
    }
    expect(await page.getByTestId('preset').inputValue()).toBe('Vocal hall');
    expect(await dirtyShown(page)).toBe(false);
    await expectNoScroll(page);
    expect(errors).toEqual([]);
  });

  it('the unsaved mark appears after a knob move and clears on save; the saved preset is there after a reload', async () => {
    const { page, errors } = await launcher.open();
    expect(await page.getByTestId('preset').inputValue()).toBe('Clean');
    expect(await dirtyShown(page)).toBe(false);
    await nudgeMaster(page);
    await expect.poll(() => dirtyShown(page)).toBe(true);
    expect(await page.getByTestId('preset').inputValue()).toBe('');
    expect(await page.getByTestId('preset').locator('option:checked').textContent()).toBe('Clean (edited)');
    await expectNoScroll(page);

    await saveAs(page, 'Gig opener');
    await expect.poll(() => dirtyShown(page)).toBe(false);
    expect(await page.getByTestId('preset').inputValue()).toBe('user:Gig opener');
    expect(await page.getByTestId('preset-message').textContent()).toMatch(/Saved “Gig opener”/);
    await expectNoScroll(page);

    // a second edit, saved over the same name
    await nudgeMaster(page);
    await expect.poll(() => dirtyShown(page)).toBe(true);
    await page.getByTestId('preset-save').click();
    // your own preset is offered for overwriting
    expect(await page.getByTestId('preset-name').inputValue()).toBe('Gig opener');
    expect(await page.getByTestId('preset-save-confirm').textContent()).toBe('Overwrite');
    await page.getByTestId('preset-save-confirm').click();
    await expect.poll(() => dirtyShown(page)).toBe(false);

    await page.reload();
    await page.getByTestId('start').waitFor();
    // a fresh page starts at Clean, with the saved preset in the list
    expect(await page.getByTestId('preset').inputValue()).toBe('Clean');
    await page.getByTestId('preset').selectOption('user:Gig opener');
    await expect.poll(() => page.getByTestId('master-gain').getAttribute('aria-valuenow')).toBe('-14.4');
    expect(await dirtyShown(page)).toBe(false);

    // delete: gone from the list (and after a reload), the values stay and are now unsaved
    await page.getByTestId('preset-more').click();
    await page.getByTestId('preset-delete').click();
    await expect.poll(() => page.getByTestId('preset').locator('option[value="user:Gig opener"]').count()).toBe(0);
    expect(await page.getByTestId('master-gain').getAttribute('aria-valuenow')).toBe('-14.4');
    expect(await dirtyShown(page)).toBe(true);
    await page.reload();
    await page.getByTestId('start').waitFor();
    expect(await page.getByTestId('preset').locator('option[value="user:Gig opener"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('export → import gives back the same values bit for bit, and exports the same file again', async () => {
    const { page, errors } = await launcher.open();
    await page.getByTestId('preset').selectOption('Dub delay');
    // an edit with an awkward float: one arrow step on the feedback knob
    await page.getByTestId('tab-delay').click();
    await knob(page, 'delay.feedback').focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    const edited = await values(page);
    expect(edited['delay.feedback']).not.toBe(findFactoryPreset('Dub delay')!.params['delay.feedback']);

    const first = await exportFile(page);
    expect(first.name).toBe('dub-delay.gigscope.json');
    const file = parsePreset(first.text);
    expect(file.name).toBe('Dub delay');
    // the file holds exactly what the session held
    expect(presetState(file)).toEqual(edited);

    // somewhere else entirely, then import
    await page.getByTestId('preset').selectOption('Clean');
    await expect.poll(async () => (await values(page))['delay.on']).toBe(0);
    await page.getByTestId('preset-import').setInputFiles(first.path);
    await expect.poll(() => page.getByTestId('preset').inputValue()).toBe('user:Dub delay');
    expect(await values(page)).toEqual(edited);
    expect(await dirtyShown(page)).toBe(false);
    expect(await page.getByTestId('preset-message').textContent()).toMatch(/Imported “Dub delay”/);

    const second = await exportFile(page);
    expect(second.text).toBe(first.text);
    expect(errors).toEqual([]);
  });

  it('a corrupt preset file is refused naming the field, and nothing current is lost', async () => {
    const { page, errors } = await launcher.open();
    await page.getByTestId('preset').selectOption('Slapback');
    await nudgeMaster(page);
    await expect.poll(() => dirtyShown(page)).toBe(true);
    const before = await values(page);
    const selected = await page.getByTestId('preset').inputValue();
    const optionCount = await page.getByTestId('preset').locator('option').count();

    const bad = { format: 'gigscope-preset', version: 1, name: 'Broken', params: { 'reverb.on': 1, 'delay.mix': 7 } };
    await page.getByTestId('preset-import').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    const message = page.getByTestId('preset-message');
    await expect.poll(() => message.getAttribute('data-kind')).toBe('error');
    expect(await message.textContent()).toMatch(/broken\.json: preset\.params\["delay\.mix"\]: 7 is outside 0…1/);
    expect(await message.getAttribute('role')).toBe('alert');
    await expectNoScroll(page);

    // not JSON at all
    await page.getByTestId('preset-import').setInputFiles({ name: 'truncated.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"gigscope-preset","params":{') });
    await expect.poll(() => message.textContent()).toMatch(/truncated\.json: preset: not valid JSON/);

    expect(await values(page)).toEqual(before);
    expect(await page.getByTestId('preset').inputValue()).toBe(selected);
    expect(await page.getByTestId('preset').locator('option').count()).toBe(optionCount);
    expect(await dirtyShown(page)).toBe(true);
    expect(await page.getByTestId('master-gain').getAttribute('aria-valuenow')).toBe('-7.2');
    expect(await page.getByTestId('tab-reverb').locator('.lamp.on').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('A/B: two slots, each keeps its own preset and edits, into the running engine', async () => {
    const { page, errors } = await launcher.open();
    await page.getByTestId('start').click();
    await expect.poll(() => page.getByTestId('status').textContent()).toMatch(/Running/);
    expect(await page.getByTestId('ab-a').getAttribute('aria-pressed')).toBe('true');

    await page.getByTestId('preset').selectOption('Slapback');
    await page.getByTestId('ab-b').click();
    expect(await page.getByTestId('ab-b').getAttribute('aria-pressed')).toBe('true');
    // B starts as a copy of A
    expect(await page.getByTestId('preset').inputValue()).toBe('Slapback');
    await page.getByTestId('preset').selectOption('Vocal hall');
    await nudgeMaster(page);
    await expect.poll(() => page.getByTestId('master-gain').getAttribute('aria-valuenow')).toBe('-7.2');

    await page.getByTestId('ab-a').click();
    await expect.poll(() => page.getByTestId('master-gain').getAttribute('aria-valuenow')).toBe('0');
    expect(await page.getByTestId('preset').inputValue()).toBe('Slapback');
    expect(await dirtyShown(page)).toBe(false);
    expect(await engineValue(page, 'delay.on')).toBe(1);
    expect(await engineValue(page, 'reverb.on')).toBe(0);

    await page.getByTestId('ab-b').click();
    await expect.poll(() => page.getByTestId('master-gain').getAttribute('aria-valuenow')).toBe('-7.2');
    expect(await page.getByTestId('preset').inputValue()).toBe('');
    expect(await page.getByTestId('preset').locator('option:checked').textContent()).toBe('Vocal hall (edited)');
    expect(await engineValue(page, 'reverb.on')).toBe(1);
    expect(await engineValue(page, 'delay.on')).toBe(0);
    expect(await engineValue(page, 'master.gain')).toBeCloseTo(-7.2, 5);
    expect(errors).toEqual([]);
  });
});
