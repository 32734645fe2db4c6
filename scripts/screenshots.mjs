#!/usr/bin/env node
// `npm run screenshots`: the stage's main views as PNGs in docs/screenshots/,
// taken from the built app (npm run build first) in headless Chromium at the
// 10" tablet size (1024×600) and a laptop size, playing the bundled demo clip.
import { mkdirSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';

const out = new URL('../docs/screenshots/', import.meta.url);
mkdirSync(out, { recursive: true });
const exe = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
if (!exe) throw new Error('no Chromium: run node scripts/ensure-chromium.mjs');
const { server, url } = await startServer({ port: 0 });
const browser = await chromium.launch({ executablePath: exe, headless: true, args: ['--autoplay-policy=no-user-gesture-required'] });
try {
  for (const [label, viewport] of [['tablet', { width: 1024, height: 600 }], ['laptop', { width: 1440, height: 900 }]]) {
    const page = await browser.newPage({ viewport });
    await page.goto(url);
    await page.getByTestId('start').click();
    // let the tempo, key and meters settle on the demo clip
    await page.waitForTimeout(14_000);
    await page.screenshot({ path: new URL(`main-${label}.png`, out).pathname });
    for (const tab of ['reverb', 'delay', 'midi']) {
      await page.getByTestId(`tab-${tab}`).click();
      await page.waitForTimeout(600);
      await page.screenshot({ path: new URL(`${tab}-${label}.png`, out).pathname });
    }
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`screenshots in ${out.pathname}`);
