/**
 * The page is safe to leave running at a gig: served with a Content-Security-
 * Policy that allows no eval and no inline script, it talks to nobody but its
 * own origin, never asks for MIDI SysEx, and treats an imported preset as data.
 *
 * The served app is started on the demo clip and every view tab is visited
 * (the MIDI one with its Enable button pressed), while the page records every
 * request, every CSP violation, every console error and every page error.
 */
import { describe, it, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppLauncher } from './chromium';

const launcher = useAppLauncher();

interface Watch {
  csp: { directive: string; blocked: string; sample: string }[];
  midiRequests: unknown[];
}

/**
 * Page init script: collect CSP violations, and wrap navigator.requestMIDIAccess
 * (the real one, if the browser has it) to record the options of every call.
 */
function watchPage(): void {
  const w = window as unknown as { __watch: Watch };
  w.__watch = { csp: [], midiRequests: [] };
  document.addEventListener('securitypolicyviolation', (e) => {
    w.__watch.csp.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample });
  });
  const nav = navigator as Navigator & { requestMIDIAccess?: (o?: unknown) => Promise<unknown> };
  const original = nav.requestMIDIAccess?.bind(nav);
  Object.defineProperty(Navigator.prototype, 'requestMIDIAccess', {
    configurable: true,
    value(options?: unknown) {
      // copy: the caller could change the object after the call
      w.__watch.midiRequests.push(options === undefined ? null : JSON.parse(JSON.stringify(options)));
      return original ? original(options) : Promise.reject(new DOMException('no Web MIDI here', 'NotSupportedError'));
    },
  });
}

const watch = (page: Page) => page.evaluate(() => (window as unknown as { __watch: Watch }).__watch);

async function waitForOutput(page: Page): Promise<void> {
  await page.waitForFunction(
    () => Number(document.querySelector('gigscope-app')?.shadowRoot?.querySelector('[data-testid="meter-out"]')?.getAttribute('data-peak-db')) > -30,
    undefined,
    { timeout: 10_000 },
  );
}

describe('a safe page', () => {
  it('serves a Content-Security-Policy without eval or inline script', async () => {
    const res = await fetch(launcher.url());
    const policy = res.headers.get('content-security-policy') ?? '';
    expect(policy).not.toBe('');
    const directives = new Map(
      policy.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(policy).not.toMatch(/'unsafe-eval'/);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    // compiling wasm is all the script policy allows beyond our own files
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    // the page's own <style> is allowed by hash, not by 'unsafe-inline'
    expect(directives.get('style-src')?.some((v) => v.startsWith("'sha256-"))).toBe(true);
    expect(directives.get('style-src')).not.toContain("'unsafe-inline'");
    // cross-origin isolation is kept alongside
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    // and the policy covers the scripts and the engine too, not only the page
    for (const file of ['app.js', 'gigscope-processor.js', 'engine.wasm']) {
      const r = await fetch(new URL(file, launcher.url()));
      expect(r.headers.get('content-security-policy'), file).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
    }
  });

  it('runs every view with no CSP violation, no foreign request, no SysEx, no page error', async () => {
    const { page, requests, errors } = await launcher.open([], watchPage);
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.getByTestId('start').click();
    await waitForOutput(page);
    expect(await page.getByTestId('status').textContent()).toMatch(/Running/);

    const tabs = await page.locator('[data-testid^="tab-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!));
    // Main, the five effects and MIDI at least: the test must really walk the views
    expect(tabs.length).toBeGreaterThanOrEqual(7);
    for (const tab of tabs) {
      await page.getByTestId(tab).click();
      await expect.poll(() => page.getByTestId(tab).getAttribute('aria-selected')).toBe('true');
      if (tab === 'tab-reverb') {
        // the convolution reverb fetches its bundled impulse response: still our origin
        await page.locator('[data-param="reverb.type"]').first().waitFor();
      }
      if (tab === 'tab-midi') {
        await page.getByTestId('midi-enable').click();
        await expect.poll(async () => (await watch(page)).midiRequests.length).toBeGreaterThan(0);
      }
      await page.waitForTimeout(200);
    }
    // the app is still making sound after the walk
    await waitForOutput(page);

    const w = await watch(page);
    expect(w.csp).toEqual([]);
    for (const options of w.midiRequests) expect((options as { sysex?: boolean } | null)?.sysex ?? false).toBe(false);
    const origin = new URL(launcher.url()).origin;
    expect(requests.length).toBeGreaterThan(3);
    // data: is the page's own `<link rel=icon href="data:,">`, which never leaves the browser
    expect(requests.filter((r) => new URL(r).origin !== origin && !r.startsWith('data:'))).toEqual([]);
    expect(errors).toEqual([]);
    expect(consoleErrors.filter((t) => /Content Security Policy|Refused to/i.test(t))).toEqual([]);
  });

  it('treats an imported preset as data: __proto__ refused, markup in a name stays text', async () => {
    const { page, errors } = await launcher.open([], watchPage);
    const input = page.getByTestId('preset-import');
    const importText = (name: string, text: string) => input.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });

    // JSON.parse keeps "__proto__" as an own key: the validator must refuse it, not merge it
    await importText('proto.json', '{"format":"gigscope-preset","version":1,"name":"P","params":{"__proto__":{"polluted":1}}}');
    await expect.poll(() => page.getByTestId('preset-message').getAttribute('data-kind')).toBe('error');
    expect(await page.getByTestId('preset-message').textContent()).toMatch(/__proto__/);
    expect(await page.evaluate(() => ({}) as Record<string, unknown>)).not.toHaveProperty('polluted');

    const name = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    await importText('markup.json', JSON.stringify({ format: 'gigscope-preset', version: 1, name: name.slice(0, 80), params: { 'master.gain': -3 } }));
    await expect.poll(() => page.getByTestId('preset-message').getAttribute('data-kind')).toBe('ok');
    await page.waitForTimeout(300);
    const probe = await page.evaluate(() => {
      const app = document.querySelector('gigscope-app')!.shadowRoot!;
      const bar = app.querySelector('gs-preset-bar')!.shadowRoot!;
      return {
        pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
        injected: bar.querySelectorAll('img, script').length,
        shown: bar.textContent ?? '',
      };
    });
    expect(probe.pwned).toBeNull();
    expect(probe.injected).toBe(0);
    // the name is shown, as characters
    expect(probe.shown).toContain('<img src=x');
    let w = await watch(page);
    expect(w.csp).toEqual([]);
    expect(errors).toEqual([]);

    // the control: the policy is enforced and the watcher sees it (so the empty lists above mean something)
    const enforced = await page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.head.append(s);
      // from a timer, not from the evaluation itself (DevTools' own evaluation is exempt from the policy)
      const evalRan = await new Promise<boolean>((resolve) =>
        setTimeout(() => {
          try {
            resolve(new Function('return true')() as boolean);
          } catch {
            resolve(false); // refused: EvalError under the policy
          }
        }),
      );
      return { inline: (window as unknown as { __inline?: number }).__inline ?? null, evalRan };
    });
    expect(enforced).toEqual({ inline: null, evalRan: false });
    await expect.poll(async () => (w = await watch(page)).csp.length).toBeGreaterThan(0);
    expect(w.csp.map((v) => v.directive)).toContain('script-src-elem');
  });
});
