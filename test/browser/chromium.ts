/**
 * Real headless Chromium (Debian's, installed by scripts/ensure-chromium.mjs)
 * driven by playwright-core, against dist/ served by the app's own server.
 */
import { existsSync } from 'node:fs';
import { beforeAll, afterAll } from 'vitest';
import { chromium, type Browser, type LaunchOptions, type Page } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import type { Server } from 'node:http';

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error('no Chromium found: run `node scripts/ensure-chromium.mjs` (npm test does)');
  return found;
}

/** Flags that keep Chromium from reaching for the network this machine does not have. */
const QUIET_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
];

export async function launchChromium(extraArgs: string[] = [], options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...QUIET_FLAGS, ...extraArgs], ...options });
}

export async function serveDist(): Promise<{ server: Server; url: string }> {
  if (!existsSync('dist/index.html') || !existsSync('dist/engine.wasm') || !existsSync('dist/demo.wav')) {
    throw new Error('dist/ is incomplete: run `npm run build` first (npm test does)');
  }
  return startServer({ dir: 'dist', port: 0 });
}

/** Float32Array ↔ base64, to move audio out of the page without a JSON array of millions of numbers. */
export function fromBase64(b64: string): Float32Array {
  const bytes = Buffer.from(b64, 'base64');
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
}

/**
 * For a test file that needs one page of the served app: starts the server
 * and Chromium before the file's tests, closes both after, and hands out the
 * page and its URL.
 */
export function useAppPage(): { page: () => Page; url: () => string } {
  let browser: Browser | undefined;
  let server: Server | undefined;
  let page: Page | undefined;
  let url = '';
  beforeAll(async () => {
    ({ server, url } = await serveDist());
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(url);
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });
  return {
    page: () => {
      if (!page) throw new Error('the page is not open yet (use it inside a test)');
      return page;
    },
    url: () => url,
  };
}

/** The stage the app is tested on: a 10" tablet's landscape screen. */
export const STAGE_VIEWPORT = { width: 1024, height: 600 };

export interface OpenedApp {
  page: Page;
  /** every URL the page requested */
  requests: string[];
  /** uncaught page errors */
  errors: string[];
}

/**
 * For a test file that opens the served app in fresh browsers: serves dist/
 * for the file's tests, and `open(args, init)` launches Chromium (autoplay
 * allowed, extra flags as given), runs `init` before the page's scripts,
 * loads the app at STAGE_VIEWPORT and waits for its Start button. All
 * browsers and the server close after the file.
 */
export function useAppLauncher(): { open: (args?: string[], init?: () => void) => Promise<OpenedApp>; url: () => string } {
  let server: Server | undefined;
  let url = '';
  const browsers: Browser[] = [];
  beforeAll(async () => {
    ({ server, url } = await serveDist());
  });
  afterAll(async () => {
    await Promise.all(browsers.map((b) => b.close()));
    server?.close();
  });
  const open = async (args: string[] = [], init?: () => void): Promise<OpenedApp> => {
    const browser = await launchChromium(['--autoplay-policy=no-user-gesture-required', ...args]);
    browsers.push(browser);
    const page = await browser.newPage({ viewport: STAGE_VIEWPORT });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(e.message));
    if (init) await page.addInitScript(init);
    await page.goto(url);
    await page.getByTestId('start').waitFor();
    return { page, requests, errors };
  };
  return { open, url: () => url };
}
