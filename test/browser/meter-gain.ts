// What the effect chain adds to the music, read from the served app's level meters.
import type { Page } from 'playwright-core';

/**
 * Output RMS over input RMS, dB, averaged over `ms` (one reading every 100 ms
 * from the meters' data-rms-db). The input meter sits before every effect, so
 * the difference follows what the chain adds, not the music.
 */
export async function gainOverInput(page: Page, ms: number): Promise<number> {
  return page.evaluate(async (ms) => {
    const root = document.querySelector('gigscope-app')!.shadowRoot!;
    const rms = (id: string) => Number(root.querySelector(`[data-testid="${id}"]`)!.getAttribute('data-rms-db'));
    const diffs: number[] = [];
    const end = performance.now() + ms;
    while (performance.now() < end) {
      await new Promise((r) => setTimeout(r, 100));
      const i = rms('meter-in');
      const o = rms('meter-out');
      if (Number.isFinite(i) && Number.isFinite(o) && i > -60) diffs.push(o - i);
    }
    return diffs.reduce((a, b) => a + b, 0) / Math.max(1, diffs.length);
  }, ms);
}
