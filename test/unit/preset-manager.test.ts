/**
 * The preset bar's logic without a browser: user presets in a Map-backed
 * storage, the unsaved mark, A/B slots, export/import, and above all that a
 * refused file or name changes nothing — values, loaded preset, slots, store.
 */
import { describe, it, expect } from 'vitest';
import { PresetManager, fileSlug, type MidiMappingHook, type PresetTarget } from '../../ui/presets/preset-manager';
import { UserPresetStore, USER_PRESETS_KEY, type StorageLike } from '../../presets/user-store';
import { FACTORY_PRESETS, findFactoryPreset } from '../../presets/factory';
import { presetState, presetJson, makePreset } from '../../presets/preset';
import { PARAMS, defaultParams } from '../../params/table';
import type { MidiMapping } from '../../presets/midi-mapping';

class MemoryStorage implements StorageLike {
  readonly map = new Map<string, string>();
  failWrites = false;
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.failWrites) throw new Error('QuotaExceededError');
    this.map.set(key, value);
  }
}

/** The session's part: values + setAll, as AudioSession does it (missing ids → default). */
class FakeSession implements PresetTarget {
  readonly values: Record<string, number> = presetState(FACTORY_PRESETS[0]);
  setAll(state: Record<string, number>): void {
    for (const p of PARAMS) if (p.scaling !== 'trigger') this.values[p.id] = state[p.id] ?? p.default;
  }
}

function setup(storage = new MemoryStorage()) {
  const session = new FakeSession();
  const manager = new PresetManager(session, new UserPresetStore(storage));
  return { session, manager, storage };
}

const snapshot = (m: PresetManager, s: FakeSession) => JSON.stringify({ values: s.values, current: m.current, dirty: m.dirty, slot: m.activeSlot, user: m.user });

describe('PresetManager', () => {
  it('starts on the first factory preset, clean; a factory preset sets every value', () => {
    const { session, manager } = setup();
    expect(manager.current).toEqual({ source: 'factory', name: 'Clean' });
    expect(manager.dirty).toBe(false);
    expect(manager.select({ source: 'factory', name: 'Vocal hall' })).toBe(true);
    expect(session.values).toEqual(presetState(findFactoryPreset('Vocal hall')!));
    expect(manager.dirty).toBe(false);
    session.values['reverb.mix'] = 0.5;
    expect(manager.dirty).toBe(true);
    // choosing it again is how the performer throws the edits away
    manager.select({ source: 'factory', name: 'Vocal hall' });
    expect(manager.dirty).toBe(false);
    expect(manager.select({ source: 'factory', name: 'Nope' })).toBe(false);
    expect(manager.message?.kind).toBe('error');
  });

  it('saves, overwrites and deletes user presets, kept in storage across a new page', () => {
    const storage = new MemoryStorage();
    const { session, manager } = setup(storage);
    session.values['master.gain'] = -7.2;
    expect(manager.dirty).toBe(true);
    expect(manager.save('  Verse  ')).toBe(true);
    expect(manager.current).toEqual({ source: 'user', name: 'Verse' });
    expect(manager.dirty).toBe(false);
    expect(manager.message).toEqual({ kind: 'ok', text: 'Saved “Verse”.' });
    session.values['master.gain'] = -9;
    expect(manager.save('Verse')).toBe(true);
    expect(manager.message?.text).toBe('Overwrote “Verse”.');
    manager.save('Chorus');
    expect(manager.user.map((p) => p.name)).toEqual(['Verse', 'Chorus']);

    // "reload": a new manager on the same storage sees both, in order, with their values
    const again = setup(storage);
    expect(again.manager.user.map((p) => p.name)).toEqual(['Verse', 'Chorus']);
    again.manager.select({ source: 'user', name: 'Verse' });
    expect(again.session.values['master.gain']).toBe(-9);
    expect(again.manager.all().map((r) => r.name)).toEqual([...FACTORY_PRESETS.map((p) => p.name), 'Verse', 'Chorus']);

    expect(again.manager.deleteCurrent()).toBe(true);
    expect(again.manager.user.map((p) => p.name)).toEqual(['Chorus']);
    // the values stay; with nothing loaded they are unsaved
    expect(again.session.values['master.gain']).toBe(-9);
    expect(again.manager.current).toBeNull();
    expect(again.manager.dirty).toBe(true);
    expect(setup(storage).manager.user.map((p) => p.name)).toEqual(['Chorus']);
    // factory presets cannot be deleted
    again.manager.select({ source: 'factory', name: 'Clean' });
    expect(again.manager.deleteCurrent()).toBe(false);
    expect(again.manager.factory.length).toBe(FACTORY_PRESETS.length);
  });

  it('a refused save (bad name, storage full) changes nothing', () => {
    const storage = new MemoryStorage();
    const { session, manager } = setup(storage);
    session.values['delay.on'] = 1;
    const before = snapshot(manager, session);
    expect(manager.save('   ')).toBe(false);
    expect(manager.message?.text).toMatch(/preset\.name/);
    expect(manager.save('x'.repeat(81))).toBe(false);
    storage.failWrites = true;
    expect(manager.save('Full')).toBe(false);
    expect(manager.message?.text).toMatch(/refused to store presets \(QuotaExceededError\)/);
    expect(snapshot(manager, session)).toBe(before);
  });

  it('export → import round-trips the values bit for bit, and the file reads back as the same text', () => {
    const { session, manager } = setup();
    manager.select({ source: 'factory', name: 'Dub delay' });
    session.values['delay.feedback'] = 0.8123456789012345;
    session.values['reverb.mix'] = 0.1 + 0.2;
    const exported = manager.exportCurrent();
    expect(exported.fileName).toBe('dub-delay.gigscope.json');
    const values = { ...session.values };

    manager.select({ source: 'factory', name: 'Clean' });
    expect(manager.importText(exported.fileName, exported.text)).toBe(true);
    expect(session.values).toEqual(values);
    expect(session.values['delay.feedback']).toBe(0.8123456789012345);
    expect(manager.current).toEqual({ source: 'user', name: 'Dub delay' });
    expect(manager.dirty).toBe(false);
    expect(manager.exportCurrent().text).toBe(exported.text);

    // the same file again: already there, nothing added
    expect(manager.importText(exported.fileName, exported.text)).toBe(true);
    expect(manager.user.map((p) => p.name)).toEqual(['Dub delay']);
    // a different preset under a taken name is kept beside it, not over it
    const other = presetJson(makePreset('Dub delay', { ...defaultParams(), 'master.gain': -1 }));
    expect(manager.importText('other.json', other)).toBe(true);
    expect(manager.user.map((p) => p.name)).toEqual(['Dub delay', 'Dub delay 2']);
    expect(manager.current?.name).toBe('Dub delay 2');
  });

  it('a corrupt file is refused naming the field, and the values, preset, slots and store are as they were', () => {
    const { session, manager } = setup();
    manager.select({ source: 'factory', name: 'Slapback' });
    session.values['delay.mix'] = 0.55;
    manager.switchSlot('B');
    session.values['delay.mix'] = 0.65;
    const before = snapshot(manager, session);
    const cases: [string, RegExp][] = [
      ['{"format": "gigscope-preset"', /not valid JSON/],
      [JSON.stringify({ format: 'gigscope-preset', version: 1, name: 'x', params: { 'delay.mix': 2 } }), /preset\.params\["delay\.mix"\]: 2 is outside 0…1/],
      [JSON.stringify({ format: 'gigscope-preset', version: 1, name: 'x', params: {}, midi: [{ param: 'delay.mix', port: 'p', kind: 'cc', channel: 1, number: 200 }] }), /preset\.midi\[0\]\.number/],
    ];
    for (const [text, message] of cases) {
      expect(manager.importText('bad.json', text)).toBe(false);
      expect(manager.message?.kind).toBe('error');
      expect(manager.message?.text).toMatch(/^bad\.json: /);
      expect(manager.message?.text).toMatch(message);
      expect(snapshot(manager, session)).toBe(before);
    }
    manager.switchSlot('A');
    expect(session.values['delay.mix']).toBe(0.55);
  });

  it('A/B: each slot keeps its own edits and its own loaded preset', () => {
    const { session, manager } = setup();
    manager.select({ source: 'factory', name: 'Vocal hall' });
    session.values['reverb.mix'] = 0.4;
    manager.switchSlot('B');
    // B starts as a copy of A
    expect(manager.activeSlot).toBe('B');
    expect(session.values['reverb.mix']).toBe(0.4);
    manager.select({ source: 'factory', name: 'Slapback' });
    session.values['delay.mix'] = 0.7;
    manager.switchSlot('A');
    expect(session.values['reverb.mix']).toBe(0.4);
    expect(session.values['delay.on']).toBe(0);
    expect(manager.current?.name).toBe('Vocal hall');
    expect(manager.dirty).toBe(true);
    manager.switchSlot('B');
    expect(session.values['delay.mix']).toBe(0.7);
    expect(manager.current?.name).toBe('Slapback');
    // saving in B leaves A alone
    manager.save('B side');
    manager.switchSlot('A');
    expect(manager.current?.name).toBe('Vocal hall');
    expect(session.values['reverb.mix']).toBe(0.4);
  });

  it('carries MIDI mappings when the MIDI layer is plugged in, and leaves them alone for a preset without any', () => {
    const { session, manager } = setup();
    let mappings: MidiMapping[] = [{ param: 'reverb.mix', port: 'Pad', kind: 'cc', channel: 1, number: 20 }];
    const calls: MidiMapping[][] = [];
    const hook: MidiMappingHook = { getMappings: () => mappings.map((m) => ({ ...m })), setMappings: (m) => (calls.push(m), (mappings = m)) };
    manager.midi = hook;
    session.values['reverb.on'] = 1;
    manager.save('Mapped');
    expect(manager.exportCurrent().preset.midi).toEqual(mappings);
    mappings = [];
    // factory presets carry no mappings: loading one keeps the performer's
    manager.select({ source: 'factory', name: 'Clean' });
    expect(calls).toEqual([]);
    manager.select({ source: 'user', name: 'Mapped' });
    expect(calls).toEqual([[{ param: 'reverb.mix', port: 'Pad', kind: 'cc', channel: 1, number: 20 }]]);
    // a MIDI layer that refuses the mappings: the preset is not loaded at all
    hook.setMappings = () => {
      throw new Error('midi[0].port: no');
    };
    manager.select({ source: 'factory', name: 'Clean' });
    const before = snapshot(manager, session);
    expect(manager.select({ source: 'user', name: 'Mapped' })).toBe(false);
    expect(manager.message?.text).toMatch(/midi\[0\]\.port/);
    expect(snapshot(manager, session)).toBe(before);
  });

  it('keeps unreadable stored entries, reports them, and writes them back untouched', () => {
    const storage = new MemoryStorage();
    const good = makePreset('Good', { ...defaultParams(), 'master.gain': -2 });
    const bad = { format: 'gigscope-preset', version: 1, name: 'Bad', params: { 'master.gain': 'x' } };
    storage.setItem(USER_PRESETS_KEY, JSON.stringify({ version: 1, presets: [bad, good] }));
    const { manager, session } = setup(storage);
    expect(manager.user.map((p) => p.name)).toEqual(['Good']);
    expect(manager.message?.text).toMatch(/saved preset 1 skipped: preset\.params\["master\.gain"\]/);
    session.values['master.gain'] = -4;
    manager.save('New');
    const stored = JSON.parse(storage.getItem(USER_PRESETS_KEY)!).presets;
    expect(stored.map((p: { name: string }) => p.name)).toEqual(['Good', 'New', 'Bad']);
    expect(stored[2]).toEqual(bad);
    // storage that is not JSON at all is not overwritten by an empty list either
    const broken = new MemoryStorage();
    broken.setItem(USER_PRESETS_KEY, '{oops');
    const b = setup(broken);
    expect(b.manager.message?.text).toMatch(/not valid JSON/);
    b.manager.save('After');
    expect(broken.getItem(USER_PRESETS_KEY)).toContain('{oops');
  });

  it('makes safe file names', () => {
    expect(fileSlug('Dotted-eighth delay')).toBe('dotted-eighth-delay');
    expect(fileSlug('Café / Bühne #2')).toBe('cafe-buhne-2');
    expect(fileSlug('***')).toBe('preset');
  });
});
