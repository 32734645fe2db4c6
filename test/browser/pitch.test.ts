/**
 * The key, chord and tuning readouts in the served app, driven by the real
 * worklet: a corpus clip fed to Chromium as its microphone must show its key.
 */
import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { useAppLauncher } from './chromium';

/** The corpus lives beside the repository (../shared from its root). */
const ORGAN = fileURLToPath(new URL('../../../shared/corpus/chroma/dev_c04_dynstrings_organ.wav', import.meta.url));

const launcher = useAppLauncher();

describe('the pitch panel', () => {
  it('is idle before Start: no key, no chord, no tuning, no chroma', async () => {
    const { page, errors } = await launcher.open();
    const size = await page.evaluate(() => ({ h: document.documentElement.scrollHeight, w: document.documentElement.scrollWidth }));
    expect(size).toEqual({ h: 600, w: 1024 });
    expect(await page.getByTestId('key').getAttribute('data-key')).toBe('');
    expect(await page.getByTestId('chord').getAttribute('data-chord')).toBe('N');
    expect(await page.getByTestId('tuning').textContent()).toContain('A =');
    expect(await page.getByTestId('chroma').getAttribute('data-top')).toBe('');
    expect(await page.getByTestId('key-reset').getAttribute('aria-disabled')).toBe('true');
    expect(errors).toEqual([]);
  });

  it.skipIf(!existsSync(ORGAN))(
    'shows B minor for the dynstrings organ clip from the microphone, with a chord, A ≈ 440 Hz and the chroma',
    async () => {
      const { page, errors } = await launcher.open([
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-audio-capture=${ORGAN}`,
      ]);
      await page.getByTestId('input-select').selectOption('mic');
      await page.getByTestId('start').click();
      await expect.poll(() => page.getByTestId('key').getAttribute('data-key'), { timeout: 20_000, interval: 250 }).toBe('B minor');
      const hz = Number(await page.getByTestId('tuning').getAttribute('data-hz'));
      expect(Math.abs(hz - 440)).toBeLessThan(3);
      expect(await page.getByTestId('tuning').textContent()).toMatch(/^A = \d{3}\.\d Hz$/);
      await expect.poll(() => page.getByTestId('chord').getAttribute('data-chord'), { timeout: 5_000 }).not.toBe('N');
      expect(await page.getByTestId('chroma').getAttribute('data-top')).not.toBe('');
      // a new song: Reset forgets the key at once
      await page.getByTestId('key-reset').click();
      await expect.poll(() => page.getByTestId('key').getAttribute('data-key'), { timeout: 2_000, interval: 50 }).toBe('');
      expect(errors).toEqual([]);
    },
    60_000,
  );
});
