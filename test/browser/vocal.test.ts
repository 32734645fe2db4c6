/**
 * The vocal lamp in the served app, driven by the real worklet: an a cappella
 * corpus clip fed to Chromium as its microphone lights it; before Start it is dark.
 */
import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { useAppLauncher } from './chromium';

const ACAPPELLA = fileURLToPath(new URL('../../../shared/corpus/vocals/dev_v13_acappella.wav', import.meta.url));

const launcher = useAppLauncher();

describe('the vocal lamp', () => {
  it('is dark before Start', async () => {
    const { page, errors } = await launcher.open();
    const lamp = page.getByTestId('vocal');
    expect(await lamp.getAttribute('data-active')).toBe('0');
    expect(await lamp.getAttribute('data-probability')).toBe('0.00');
    expect(errors).toEqual([]);
  });

  it.skipIf(!existsSync(ACAPPELLA))(
    'lights for a singer at the microphone',
    async () => {
      const { page, errors } = await launcher.open([
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-audio-capture=${ACAPPELLA}`,
      ]);
      await page.getByTestId('input-select').selectOption('mic');
      await page.getByTestId('start').click();
      const lamp = page.getByTestId('vocal');
      await expect.poll(() => lamp.getAttribute('data-active'), { timeout: 15_000, interval: 50 }).toBe('1');
      expect(Number(await lamp.getAttribute('data-probability'))).toBeGreaterThan(0.3);
      expect(errors).toEqual([]);
    },
    60_000,
  );
});
