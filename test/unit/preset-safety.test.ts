/**
 * Presets are data only. A preset file (an import, a stored user preset) is
 * hostile until validated: prototype keys are refused rather than merged into
 * anything, nothing in it is ever executed or turned into markup, and what
 * comes back is a fresh plain object holding only fields the format defines.
 * (The browser half — a name full of markup shown as text under the page's
 * CSP — is in test/browser/safe-page.test.ts.)
 */
import { describe, it, expect, afterEach } from 'vitest';
import { parsePreset, presetJson, presetState, PresetError } from '../../presets/preset';
import { UserPresetStore, USER_PRESETS_KEY, type StorageLike } from '../../presets/user-store';

const head = '"format":"gigscope-preset","version":1,"name":"P"';

/** The PresetError message for `text`, or a failure if it is accepted. */
function refusal(text: string): string {
  try {
    parsePreset(text);
  } catch (err) {
    expect(err).toBeInstanceOf(PresetError);
    return (err as Error).message;
  }
  throw new Error(`accepted: ${text}`);
}

afterEach(() => {
  // a merge that went wrong would show up here, on every object in the process
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
});

describe('presets are data only', () => {
  it.each([
    ['top level', `{${head},"params":{},"__proto__":{"polluted":1}}`, /^preset\.__proto__: unknown field/],
    ['constructor at top level', `{${head},"params":{},"constructor":{"prototype":{"polluted":1}}}`, /^preset\.constructor: unknown field/],
    ['params', `{${head},"params":{"__proto__":{"polluted":1}}}`, /^preset\.params\["__proto__"\]: unknown parameter/],
    ['params.constructor', `{${head},"params":{"constructor":1}}`, /^preset\.params\["constructor"\]: unknown parameter/],
    ['params.toString', `{${head},"params":{"toString":1}}`, /^preset\.params\["toString"\]: unknown parameter/],
    ['a mapping parameter', `{${head},"params":{},"midi":[{"param":"__proto__","port":"x","kind":"program","channel":1}]}`, /^preset\.midi\[0\]\.param: unknown parameter/],
  ])('refuses prototype keys (%s)', (_what, text, pattern) => {
    expect(refusal(text)).toMatch(pattern);
  });

  it('drops unknown keys inside a mapping instead of carrying them along', () => {
    const p = parsePreset(`{${head},"params":{},"midi":[{"param":"reverb.mix","port":"x","kind":"cc","channel":1,"number":16,"__proto__":{"polluted":1},"onload":"alert(1)"}]}`);
    const m = p.midi![0];
    expect(Object.keys(m).sort()).toEqual(['channel', 'kind', 'number', 'param', 'port']);
    expect(Object.getPrototypeOf(m)).toBe(Object.prototype);
    expect(presetJson(p)).not.toMatch(/__proto__|onload/);
  });

  it.each([
    ['a script in the name', '<script>globalThis.polluted = 1</script>'],
    ['an event handler in the name', '<img src=x onerror="globalThis.polluted=1">'],
    ['a javascript: URL in the name', 'javascript:globalThis.polluted=1'],
  ])('keeps %s as an inert string', (_what, name) => {
    const p = parsePreset(JSON.stringify({ format: 'gigscope-preset', version: 1, name, description: name, params: {} }));
    expect(p.name).toBe(name);
    expect(p.description).toBe(name);
    // nothing ran, and the sound it gives is the defaults, as for any empty preset
    expect(Object.values(presetState(p)).every((v) => typeof v === 'number' && Number.isFinite(v))).toBe(true);
  });

  it('refuses a value that is code or a string, not a number', () => {
    expect(refusal(`{${head},"params":{"master.gain":"-3"}}`)).toMatch(/^preset\.params\["master\.gain"\]: expected a number/);
    expect(refusal(`{${head},"params":{"master.gain":{"valueOf":"function(){return 0}"}}}`)).toMatch(/expected a number/);
  });

  it('returns plain objects whose prototype is untouched by the file', () => {
    const p = parsePreset(`{${head},"params":{"master.gain":-3}}`);
    expect(Object.getPrototypeOf(p)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(p.params)).toBe(Object.prototype);
    expect(Object.keys(p.params)).toEqual(['master.gain']);
  });

  it('skips hostile stored presets and keeps the good ones', () => {
    const stored = JSON.stringify({
      version: 1,
      presets: [
        JSON.parse(`{${head},"params":{"__proto__":{"polluted":1}}}`),
        { format: 'gigscope-preset', version: 1, name: 'Good', params: { 'master.gain': -3 } },
      ],
    });
    const storage: StorageLike = { getItem: (k) => (k === USER_PRESETS_KEY ? stored : null), setItem: () => undefined };
    const store = new UserPresetStore(storage);
    expect(store.list().map((p) => p.name)).toEqual(['Good']);
    expect(store.problems.join('\n')).toMatch(/__proto__/);
  });
});
