/**
 * Keyboard-only operation of the stage, in real headless Chromium at
 * 1024×600: starting from nothing focused, only page.keyboard (Tab,
 * Shift+Tab, Enter, Space, arrows, PageUp/PageDown, Home/End, Escape) starts
 * the demo clip and then reaches and operates every kind of control on the
 * main view — preset picker, Save, A/B, Start, triggers, toggles, knobs, the
 * view tabs — and on the reverb's view — its on switch, the type selector,
 * freeze, every knob and the mix fader. On the MIDI view (a fake MIDIAccess
 * under WEBMIDI.js) it enables MIDI, picks the clock output, tempo source and
 * BPM, runs the clock's transport, learns a mapping by focusing a control,
 * edits the mapping's range, curve and mode, and deletes it. The other effect
 * views are swept generically: every tab stop between the header and the
 * view's tab shows the ring and answers its keys.
 *
 * At every stop the test checks three things: focus is where the visual
 * order says it should be (the exact sequence, forwards and backwards), the
 * focused element shows the focus ring (it matches :focus-visible and draws a
 * ≥ 2 px outline or box-shadow in the focus colour), and the key changes the
 * control's state — what it shows and, for parameters, what the page sends
 * to the worklet (param-recorder.ts).
 */
import { describe, it, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppLauncher } from './chromium';
import { paramSpec } from '../../params/table';
import { recordParams, lastSent, sentCount } from './param-recorder';
import { installFakeMidi } from './fake-midi';
import { effectGroups } from '../../ui/effects/effect-layout';

const launcher = useAppLauncher();

/** --gs-focus, the ring colour (ui/theme.ts) */
const FOCUS_RGB = 'rgb(255, 224, 102)';

/** The main view's tab stops while running, in the order the stage reads: header, beat, pitch, output, tabs. */
const MAIN_ORDER = [
  'input-select',
  'preset',
  'preset-save',
  'preset-more',
  'ab-a',
  'ab-b',
  'start',
  'tap',
  'lock',
  'half',
  'double',
  'resync',
  'beat-min',
  'beat-max',
  'beat-meter',
  'tuning-lock',
  'key-reset',
  'master-gain',
  'bypass',
  'tab-main',
];

/** The reverb view's tab stops after the header: the panel top to bottom, left to right, then its tab. */
const REVERB_ORDER = [
  'reverb.on',
  'reverb.type/fdn',
  'reverb.freeze',
  'reverb.decay',
  'reverb.decay.low',
  'reverb.damping',
  'reverb.predelay',
  'reverb.size',
  'reverb.width',
  'reverb.mix',
  'tab-reverb',
];

interface Focused {
  /** data-testid, else data-param (with /choice for a selector's segment), else tag */
  name: string;
  ring: boolean;
  focusVisible: boolean;
}

/** The element that really has focus (through the shadow roots), named as the tests name controls. */
function focused(page: Page): Promise<Focused> {
  return page.evaluate((focusRgb) => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return { name: 'body', ring: false, focusVisible: false };
    const host = (el.getRootNode() as ShadowRoot).host as HTMLElement | undefined;
    const name =
      el.getAttribute('data-testid') ??
      el.getAttribute('data-param') ??
      (host?.dataset.param && el.getAttribute('data-choice')
        ? `${host.dataset.param}/${el.getAttribute('data-choice')}`
        : host?.dataset.param && el.tagName === 'SELECT'
          ? host.dataset.param
          : el.tagName.toLowerCase());
    const cs = getComputedStyle(el);
    const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2 && cs.outlineColor === focusRgb;
    // a spread shadow in the focus colour: "rgb(255, 224, 102) 0px 0px 0px 3px"
    const shadow = cs.boxShadow.includes(focusRgb) && /0px 0px 0px ([2-9]|\d\d)px/.test(cs.boxShadow);
    return { name, ring: outline || shadow, focusVisible: el.matches(':focus-visible') };
  }, FOCUS_RGB);
}

/** Press a key and check focus landed on `name`, with its ring showing. */
async function pressTo(page: Page, key: string, name: string): Promise<void> {
  await page.keyboard.press(key);
  const f = await focused(page);
  expect(f.name, `${key} → ${name}`).toBe(name);
  expect(f.ring && f.focusVisible, `focus ring on ${name}`).toBe(true);
}

/** A control by data-testid or data-param, whichever the name is. */
function control(page: Page, name: string) {
  return page.locator(`[data-testid="${name}"], [data-param="${name}"]`).first();
}

const attr = (page: Page, name: string, a: string) => control(page, name).getAttribute(a);
const valueNow = async (page: Page, name: string) => Number(await attr(page, name, 'aria-valuenow'));
const session = (page: Page) =>
  page.evaluate(() => ({ ...(document.querySelector('gigscope-app') as unknown as { session: { values: Record<string, number> } }).session.values }));

/** A toggle: the key latches it (aria-pressed and the engine), the same key releases it. */
async function operateToggle(page: Page, name: string, id: string, key: 'Enter' | 'Space'): Promise<void> {
  const was = await attr(page, name, 'aria-pressed');
  await page.keyboard.press(key);
  await expect.poll(() => attr(page, name, 'aria-pressed'), { message: `${name} ${key}` }).toBe(was === 'true' ? 'false' : 'true');
  expect(await lastSent(page, id)).toBe(was === 'true' ? 0 : 1);
  await page.keyboard.press(key);
  await expect.poll(() => attr(page, name, 'aria-pressed')).toBe(was);
  expect(await lastSent(page, id)).toBe(was === 'true' ? 1 : 0);
}

/** A trigger: each press reaches the engine once. */
async function operateTrigger(page: Page, name: string, id: string, key: 'Enter' | 'Space'): Promise<void> {
  const before = await sentCount(page, id);
  await page.keyboard.press(key);
  await expect.poll(() => sentCount(page, id), { message: `${name} ${key}` }).toBe(before + 1);
  expect(await lastSent(page, id)).toBe(1);
}

/** A knob or fader: the first key moves it, the second moves it back the other way; the engine gets each value. */
async function operateSlider(page: Page, name: string, id: string, first: string, second: string): Promise<void> {
  const before = await valueNow(page, name);
  await page.keyboard.press(first);
  await expect.poll(() => valueNow(page, name), { message: `${name} ${first}` }).not.toBe(before);
  const moved = await valueNow(page, name);
  expect(await lastSent(page, id)).toBeCloseTo(moved, 3);
  await page.keyboard.press(second);
  const back = (v: number) => Math.sign(v - moved) === Math.sign(before - moved);
  await expect.poll(() => valueNow(page, name), { message: `${name} ${second}` }).toSatisfy(back);
  expect(await lastSent(page, id)).toBeCloseTo(await valueNow(page, name), 3);
}

describe('keyboard-only operation', () => {
  it('reaches and operates every kind of control on the main view and the reverb view, with a visible focus ring', async () => {
    const { page, errors } = await launcher.open([], recordParams);

    // ---- start the demo clip: Tab to Start (the header in reading order), Enter
    for (const name of MAIN_ORDER.slice(0, MAIN_ORDER.indexOf('start') + 1)) await pressTo(page, 'Tab', name);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('status').textContent(), { timeout: 15_000 }).toMatch(/Running: demo clip/);
    expect((await focused(page)).name).toBe('start');

    // ---- the whole main view forwards (the triggers are tab stops now that the engine runs) …
    for (const name of MAIN_ORDER.slice(MAIN_ORDER.indexOf('start') + 1)) await pressTo(page, 'Tab', name);
    // … and backwards to the top: Shift+Tab retraces the same stops
    for (const name of [...MAIN_ORDER].reverse().slice(1)) await pressTo(page, 'Shift+Tab', name);

    // ---- preset picker (a native select): ArrowDown loads the next preset, ArrowUp goes back
    await pressTo(page, 'Tab', 'preset');
    const clean = await page.getByTestId('preset').inputValue();
    const cleanValues = await session(page);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByTestId('preset').inputValue()).not.toBe(clean);
    const loaded = await page.getByTestId('preset').locator('option:checked').textContent();
    // a preset is a set of values: loading the next one changed some
    expect(await session(page)).not.toEqual(cleanValues);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.getByTestId('preset').inputValue()).toBe(clean);
    expect(await session(page)).toEqual(cleanValues);
    console.log(`preset picker: ArrowDown → ${loaded}, ArrowUp → back`);

    // Save opens its dialog with the name field focused; Escape closes it and gives focus back to Save
    await pressTo(page, 'Tab', 'preset-save');
    await page.keyboard.press('Enter');
    await expect.poll(() => attr(page, 'preset-save', 'aria-expanded')).toBe('true');
    expect((await focused(page)).name).toBe('preset-name');
    await page.keyboard.press('Escape');
    await expect.poll(() => attr(page, 'preset-save', 'aria-expanded')).toBe('false');
    expect((await focused(page)).name, 'focus back on Save after Escape').toBe('preset-save');

    // ⋯ opens the file menu on its first item; Escape closes it and gives focus back to ⋯
    await pressTo(page, 'Tab', 'preset-more');
    await page.keyboard.press('Enter');
    await expect.poll(() => attr(page, 'preset-more', 'aria-expanded')).toBe('true');
    expect((await focused(page)).name).toBe('preset-export');
    await page.keyboard.press('Escape');
    await expect.poll(() => attr(page, 'preset-more', 'aria-expanded')).toBe('false');
    expect((await focused(page)).name, 'focus back on ⋯ after Escape').toBe('preset-more');

    // A/B: Enter on B switches to B, Shift+Tab and Enter on A switches back
    await pressTo(page, 'Tab', 'ab-a');
    await pressTo(page, 'Tab', 'ab-b');
    await page.keyboard.press('Enter');
    await expect.poll(() => attr(page, 'ab-b', 'aria-pressed')).toBe('true');
    await pressTo(page, 'Shift+Tab', 'ab-a');
    await page.keyboard.press('Enter');
    await expect.poll(() => attr(page, 'ab-a', 'aria-pressed')).toBe('true');
    await pressTo(page, 'Tab', 'ab-b');
    await pressTo(page, 'Tab', 'start');

    // ---- the beat panel: triggers fire, Lock latches, the tempo range and meter knobs move
    await pressTo(page, 'Tab', 'tap');
    await operateTrigger(page, 'tap', 'beat.tap', 'Enter');
    await operateTrigger(page, 'tap', 'beat.tap', 'Space');
    await pressTo(page, 'Tab', 'lock');
    await operateToggle(page, 'lock', 'beat.lock', 'Space');
    await pressTo(page, 'Tab', 'half');
    await operateTrigger(page, 'half', 'beat.half', 'Enter');
    await pressTo(page, 'Tab', 'double');
    await operateTrigger(page, 'double', 'beat.double', 'Space');
    await pressTo(page, 'Tab', 'resync');
    await operateTrigger(page, 'resync', 'beat.resync', 'Enter');
    await pressTo(page, 'Tab', 'beat-min');
    await operateSlider(page, 'beat-min', 'beat.min', 'ArrowUp', 'Home');
    await pressTo(page, 'Tab', 'beat-max');
    await operateSlider(page, 'beat-max', 'beat.max', 'ArrowLeft', 'ArrowRight');
    await pressTo(page, 'Tab', 'beat-meter');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => valueNow(page, 'beat-meter')).toBe(paramSpec('beat.meter')!.default + 1);
    expect(await lastSent(page, 'beat.meter')).toBe(paramSpec('beat.meter')!.default + 1);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => valueNow(page, 'beat-meter')).toBe(paramSpec('beat.meter')!.default);

    // ---- pitch: tuning lock and key reset
    await pressTo(page, 'Tab', 'tuning-lock');
    await operateToggle(page, 'tuning-lock', 'tuning.lock', 'Enter');
    await pressTo(page, 'Tab', 'key-reset');
    await operateTrigger(page, 'key-reset', 'key.reset', 'Space');

    // ---- output: the master knob a page down and back, bypass in and out
    await pressTo(page, 'Tab', 'master-gain');
    await page.keyboard.press('PageDown');
    await expect.poll(() => valueNow(page, 'master-gain')).toBe(-7.2);
    expect(await lastSent(page, 'master.gain')).toBeCloseTo(-7.2, 9);
    expect(await attr(page, 'master-gain', 'aria-valuetext')).toBe('-7.2 dB');
    await page.keyboard.press('PageUp');
    await expect.poll(() => valueNow(page, 'master-gain')).toBe(0);
    await pressTo(page, 'Tab', 'bypass');
    await operateToggle(page, 'bypass', 'master.bypass', 'Space');

    // ---- view tabs: arrows move along the strip and the view follows; on to the reverb
    await pressTo(page, 'Tab', 'tab-main');
    for (const group of ['gate', 'comp', 'eq', 'delay', 'reverb']) {
      await pressTo(page, 'ArrowRight', `tab-${group}`);
      await expect.poll(() => attr(page, `tab-${group}`, 'aria-selected')).toBe('true');
      await page.getByTestId(`fx-${group}`).waitFor();
    }
    expect(await page.getByTestId('tab-main').getAttribute('aria-selected')).toBe('false');

    // ---- the reverb view: Shift+Tab from its tab walks the panel backwards to the on switch, then into the header
    for (const name of [...REVERB_ORDER].reverse().slice(1)) await pressTo(page, 'Shift+Tab', name);
    await pressTo(page, 'Shift+Tab', 'start');
    await pressTo(page, 'Tab', 'reverb.on');

    // on switch: Space puts the reverb in (its tab's lamp lights)
    await page.keyboard.press('Space');
    await expect.poll(() => attr(page, 'reverb.on', 'aria-pressed')).toBe('true');
    expect(await lastSent(page, 'reverb.on')).toBe(1);
    expect(await page.getByTestId('tab-reverb').locator('.lamp.on').count()).toBe(1);

    // type selector: one tab stop (the checked segment); arrows choose, and focus follows the choice
    await pressTo(page, 'Tab', 'reverb.type/fdn');
    await pressTo(page, 'ArrowRight', 'reverb.type/plate');
    await expect.poll(() => attr(page, 'reverb.type', 'data-value')).toBe('1');
    expect(await lastSent(page, 'reverb.type')).toBe(1);
    await pressTo(page, 'ArrowLeft', 'reverb.type/fdn');
    await expect.poll(() => attr(page, 'reverb.type', 'data-value')).toBe('0');
    expect(await lastSent(page, 'reverb.type')).toBe(0);

    await pressTo(page, 'Tab', 'reverb.freeze');
    await operateToggle(page, 'reverb.freeze', 'reverb.freeze', 'Enter');

    // every knob, each with a different pair of its keys: the first moves it, the second moves it back
    const knobKeys: Record<string, [string, string]> = {
      'reverb.decay': ['ArrowUp', 'ArrowDown'],
      'reverb.decay.low': ['Shift+ArrowUp', 'Shift+ArrowDown'],
      'reverb.damping': ['PageUp', 'PageDown'],
      'reverb.predelay': ['End', 'Home'],
      'reverb.size': ['ArrowLeft', 'ArrowRight'],
      'reverb.width': ['Home', 'End'],
    };
    for (const [id, [a, b]] of Object.entries(knobKeys)) {
      await pressTo(page, 'Tab', id);
      await operateSlider(page, id, id, a, b);
    }

    // the mix fader: End is full, Shift+ArrowDown a fine step below it
    await pressTo(page, 'Tab', 'reverb.mix');
    await page.keyboard.press('End');
    await expect.poll(() => valueNow(page, 'reverb.mix')).toBe(1);
    expect(await lastSent(page, 'reverb.mix')).toBe(1);
    await page.keyboard.press('Shift+ArrowDown');
    await expect.poll(() => valueNow(page, 'reverb.mix')).toBe(0.999);
    await operateSlider(page, 'reverb.mix', 'reverb.mix', 'PageDown', 'ArrowUp');

    // back to the tab strip, and Home returns to the main view
    await pressTo(page, 'Tab', 'tab-reverb');
    await pressTo(page, 'Home', 'tab-main');
    await page.getByTestId('master-gain').waitFor();
    expect(await page.getByTestId('tab-main').getAttribute('aria-selected')).toBe('true');

    // the engine still runs, and the page never scrolled
    expect(await page.getByTestId('status').textContent()).toMatch(/Running/);
    expect(await page.evaluate(() => [window.scrollX, window.scrollY])).toEqual([0, 0]);
    expect(errors).toEqual([]);
  }, 120_000);

  it('operates the MIDI view from the keyboard: enable, clock output, tempo and transport, learn by focus, edit and delete a mapping', async () => {
    const { page, errors } = await launcher.open([], installFakeMidi);
    const midiState = () =>
      page.evaluate(() => {
        const midi = (document.querySelector('gigscope-app') as unknown as { midi: { store: { current: unknown[] } } }).midi;
        return JSON.parse(JSON.stringify(midi.store.current)) as Array<{ param: string; min?: number; max?: number; curve?: string; mode?: string }>;
      });
    const synth = () => page.evaluate(() => (window.__midi.sent['Fake Synth'] ?? []).map((m) => m.data[0]));

    // start the demo clip from the keyboard, then along the main view to its tab, and End to the last tab: MIDI
    for (const name of MAIN_ORDER.slice(0, MAIN_ORDER.indexOf('start') + 1)) await pressTo(page, 'Tab', name);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('status').textContent(), { timeout: 15_000 }).toMatch(/Running: demo clip/);
    for (const name of MAIN_ORDER.slice(MAIN_ORDER.indexOf('start') + 1)) await pressTo(page, 'Tab', name);
    await pressTo(page, 'End', 'tab-midi');
    await page.getByTestId('midi-panel').waitFor();

    // the panel backwards from its tab: Learn, the clock's transport, source and output, then Enable
    for (const name of ['midi-learn', 'clock-continue', 'clock-stop', 'clock-start', 'clock-fixed', 'clock-tracked', 'clock-output', 'midi-enable']) {
      await pressTo(page, 'Shift+Tab', name);
    }
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('midi-status').getAttribute('data-state')).toBe('on');
    expect(await page.getByTestId('midi-inputs').textContent()).toContain('Fake Controller');
    // pressing Enable kept the focus where it was
    expect((await focused(page)).name).toBe('midi-enable');

    // clock output: a native select, ArrowDown picks the synth
    await pressTo(page, 'Tab', 'clock-output');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByTestId('clock-output').inputValue()).toBe('Fake Synth');
    // tempo source: Fixed, then its BPM field opens to the keyboard; ArrowUp steps 0.1 BPM
    await pressTo(page, 'Tab', 'clock-tracked');
    await pressTo(page, 'Tab', 'clock-fixed');
    await page.keyboard.press('Space');
    await expect.poll(() => attr(page, 'clock-fixed', 'aria-checked')).toBe('true');
    expect(await attr(page, 'clock-tracked', 'aria-checked')).toBe('false');
    await pressTo(page, 'Tab', 'clock-bpm');
    const bpm = Number(await page.getByTestId('clock-bpm').inputValue());
    await page.keyboard.press('ArrowUp');
    await expect.poll(async () => Number(await page.getByTestId('clock-bpm').inputValue())).toBeCloseTo(bpm + 0.1, 6);
    // transport: Start sends MIDI start and clock ticks, Stop a stop, Continue a continue — focus never drops
    await pressTo(page, 'Tab', 'clock-start');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('clock-state').getAttribute('data-running')).toBe('1');
    await expect.poll(async () => (await synth()).filter((b) => b === 0xf8).length).toBeGreaterThan(24);
    expect(await page.getByTestId('clock-state').getAttribute('data-bpm')).toBe((bpm + 0.1).toFixed(2));
    expect((await synth()).includes(0xfa)).toBe(true);
    await pressTo(page, 'Tab', 'clock-stop');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('clock-state').getAttribute('data-running')).toBe('0');
    expect((await synth()).at(-1)).toBe(0xfc);
    expect((await focused(page)).name, 'focus stays on Stop').toBe('clock-stop');
    await pressTo(page, 'Tab', 'clock-continue');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('clock-state').getAttribute('data-running')).toBe('1');
    expect((await synth()).includes(0xfb)).toBe(true);
    expect((await focused(page)).name, 'focus stays on Continue').toBe('clock-continue');
    await pressTo(page, 'Shift+Tab', 'clock-stop');
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('clock-state').getAttribute('data-running')).toBe('0');

    // learn: Enter on Learn, then to the main view's master knob — focusing a control arms it — and a CC maps it
    await pressTo(page, 'Tab', 'clock-continue');
    await pressTo(page, 'Tab', 'midi-learn');
    await page.keyboard.press('Enter');
    await expect.poll(() => attr(page, 'midi-learn', 'aria-pressed')).toBe('true');
    await pressTo(page, 'Tab', 'tab-midi');
    await pressTo(page, 'Home', 'tab-main');
    await page.getByTestId('master-gain').waitFor();
    await pressTo(page, 'Shift+Tab', 'bypass');
    await pressTo(page, 'Shift+Tab', 'master-gain');
    await expect
      .poll(() => page.evaluate(() => (document.querySelector('gigscope-app') as unknown as { midi: { learn: { armed: string | null } } }).midi.learn.armed))
      .toBe('master.gain');
    await page.evaluate(() => window.__midi.send('Fake Controller', [0xb0, 21, 64]));
    await expect.poll(async () => (await midiState()).map((m) => m.param)).toEqual(['master.gain']);
    // Done on the learn bar, which follows the stage in the tab order
    await pressTo(page, 'Tab', 'bypass');
    await pressTo(page, 'Tab', 'tab-main');
    await pressTo(page, 'Tab', 'midi-learn-done');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('midi-learn-bar').getAttribute('active')).toBe(null);

    // back on the MIDI view, the new row's fields from its tab backwards: mode, curve, range end, range start, delete
    await pressTo(page, 'Shift+Tab', 'tab-main');
    await pressTo(page, 'End', 'tab-midi');
    await page.getByTestId('midi-mapping').waitFor();
    await pressTo(page, 'Shift+Tab', 'mapping-mode');
    const mode = await page.getByTestId('mapping-mode').inputValue();
    await page.keyboard.press('ArrowDown');
    await expect.poll(async () => (await midiState())[0].mode ?? 'absolute').not.toBe(mode);
    await pressTo(page, 'Shift+Tab', 'mapping-curve');
    await page.keyboard.press('ArrowDown');
    await expect.poll(async () => (await midiState())[0].curve ?? 'linear').not.toBe('linear');
    await pressTo(page, 'Shift+Tab', 'mapping-max');
    await page.keyboard.press('ArrowDown');
    await expect.poll(async () => (await midiState())[0].max).toBeCloseTo(0.99, 6);
    await pressTo(page, 'Shift+Tab', 'mapping-min');
    await page.keyboard.press('ArrowUp');
    await expect.poll(async () => (await midiState())[0].min).toBeCloseTo(0.01, 6);
    // delete: the row goes and the focus lands on Learn, not on the page's body
    await pressTo(page, 'Shift+Tab', 'mapping-delete');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await midiState()).length).toBe(0);
    expect((await focused(page)).name).toBe('midi-learn');

    expect(await page.getByTestId('status').textContent()).toMatch(/Running/);
    expect(await page.evaluate(() => [window.scrollX, window.scrollY])).toEqual([0, 0]);
    expect(errors).toEqual([]);
  }, 120_000);

  it('every control of the other effect views: a tab stop with a focus ring that answers its keys', async () => {
    const { page, errors } = await launcher.open([], recordParams);
    await page.getByTestId('start').click();
    await expect.poll(() => page.getByTestId('status').textContent(), { timeout: 15_000 }).toMatch(/Running: demo clip/);
    const kindOf = () =>
      page.evaluate(() => {
        let el: Element | null = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        const role = el?.getAttribute('role') ?? '';
        return {
          role,
          list: el?.tagName === 'SELECT',
          pressed: el?.getAttribute('aria-pressed') ?? null,
          now: Number(el?.getAttribute('aria-valuenow')),
          max: Number(el?.getAttribute('aria-valuemax')),
        };
      });
    const swept: string[] = [];
    const groups = effectGroups().filter((g) => g !== 'reverb');
    for (const group of groups) {
      await page.getByTestId(`tab-${group}`).click();
      await page.getByTestId(`fx-${group}`).waitFor();
      await page.getByTestId(`tab-${group}`).focus();
      // the view's stops, found backwards from its tab to the header's Start
      const stops: string[] = [];
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Shift+Tab');
        const f = await focused(page);
        if (f.name === 'start') break;
        expect(f.ring && f.focusVisible, `focus ring on ${f.name}`).toBe(true);
        stops.unshift(f.name);
      }
      expect(stops.length, `${group}: tab stops`).toBeGreaterThan(2);
      // forwards again, operating each
      for (const name of stops) {
        await pressTo(page, 'Tab', name);
        const k = await kindOf();
        const param = name.split('/')[0];
        if (k.role === 'slider') {
          await operateSlider(page, name, param, k.now < k.max ? 'ArrowUp' : 'ArrowDown', k.now < k.max ? 'ArrowDown' : 'ArrowUp');
        } else if (k.role === 'radio') {
          // a selector's segment: the arrows choose, the focus follows, the engine hears
          const before = await attr(page, param, 'data-value');
          await page.keyboard.press('ArrowRight');
          await expect.poll(() => attr(page, param, 'data-value'), { message: `${name} ArrowRight` }).not.toBe(before);
          expect(await lastSent(page, param)).toBe(Number(await attr(page, param, 'data-value')));
          await page.keyboard.press('ArrowLeft');
          await expect.poll(() => attr(page, param, 'data-value')).toBe(before);
          expect((await focused(page)).name).toBe(name);
        } else if (k.list) {
          // a long selector's native list: ArrowDown picks the next entry, ArrowUp the one before
          const before = await attr(page, param, 'data-value');
          await page.keyboard.press('ArrowDown');
          await expect.poll(() => attr(page, param, 'data-value'), { message: `${name} ArrowDown` }).not.toBe(before);
          expect(await lastSent(page, param)).toBe(Number(await attr(page, param, 'data-value')));
          await page.keyboard.press('ArrowUp');
          await expect.poll(() => attr(page, param, 'data-value')).toBe(before);
        } else if (k.pressed !== null) {
          await operateToggle(page, name, param, 'Space');
        } else {
          await operateTrigger(page, name, param, 'Enter');
        }
        swept.push(name);
      }
      await pressTo(page, 'Tab', `tab-${group}`);
    }
    console.log(`keyboard sweep: ${swept.length} controls on ${groups.join(', ')}: ${swept.join(' ')}`);
    expect(await page.getByTestId('status').textContent()).toMatch(/Running/);
    expect(errors).toEqual([]);
  }, 120_000);
});
