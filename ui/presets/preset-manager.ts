/**
 * PresetManager: what the preset bar does, without the DOM.
 *
 *   const presets = new PresetManager(session, new UserPresetStore(browserStorage()));
 *   presets.select({ source: 'factory', name: 'Vocal hall' });
 *   presets.dirty;                          // true once a knob moves
 *   presets.save('Verse');                  // a user preset; dirty again false
 *   presets.switchSlot('B');                // A/B compare
 *   const { fileName, text } = presets.exportCurrent();
 *   presets.importText('verse.json', text); // false + `message` naming the field if refused
 *
 * It keeps which preset was loaded last and compares the session's values
 * with that preset's full state, which is the unsaved-changes indicator. It
 * never half-applies anything: every file, name and stored entry is validated
 * before the session is touched, so a refused import leaves the values, the
 * loaded preset and the A/B slots exactly as they were; the reason (naming the
 * field) goes to `message`.
 *
 * A/B: two slots, each a full set of values plus the preset it came from.
 * Switching stores the live values in the slot being left and loads the
 * other; the first switch to an empty slot copies the current one, so B
 * starts as A and the two drift apart as each is edited. Loading, saving and
 * importing act on the slot in use only.
 *
 * MIDI: presets may carry `midi` mappings (presets/midi-mapping.ts). The MIDI
 * layer plugs in through `midi` (a MidiMappingHook); until it does, presets
 * are saved without mappings and loading one changes none.
 */
import { PARAMS } from '../../params/table';
import { FACTORY_PRESETS, DEFAULT_PRESET } from '../../presets/factory';
import { makePreset, parsePreset, presetJson, presetState, samePreset, type Preset } from '../../presets/preset';
import type { MidiMapping } from '../../presets/midi-mapping';
import type { UserPresetStore } from '../../presets/user-store';

/** What the manager needs of the audio session: the live values and a way to set them all at once. */
export interface PresetTarget {
  readonly values: Record<string, number>;
  setAll(state: Record<string, number>): void;
}

/**
 * The MIDI layer's side of presets (ui/midi/ provides it): the mappings in
 * force now, and replacing them when a preset that carries some is loaded.
 */
export interface MidiMappingHook {
  getMappings(): MidiMapping[];
  setMappings(mappings: MidiMapping[]): void;
}

export type PresetSource = 'factory' | 'user';
export type Slot = 'A' | 'B';

export interface PresetRef {
  source: PresetSource;
  name: string;
}

export interface PresetMessage {
  kind: 'ok' | 'error';
  text: string;
}

/** What is loaded: a stored preset, or null once the loaded user preset was deleted (the values stay). */
interface Loaded {
  source: PresetSource;
  preset: Preset;
}

interface SlotState {
  values: Record<string, number>;
  loaded: Loaded | null;
}

/** A preset file larger than this is not a preset (a few KB even with every mapping); refused unread. */
export const MAX_PRESET_FILE_BYTES = 1_000_000;

/** The settable parameters (triggers are actions: never in a preset, never "unsaved"). */
const SETTABLE = PARAMS.filter((p) => p.scaling !== 'trigger').map((p) => p.id);

export class PresetManager extends EventTarget {
  /** the MIDI layer, once it exists; see MidiMappingHook */
  midi: MidiMappingHook | null = null;
  /** the last thing worth telling the performer (an import refused, a save done); null when nothing */
  message: PresetMessage | null = null;

  private loaded: Loaded | null;
  private slot: Slot = 'A';
  private readonly slots: Record<Slot, SlotState | null> = { A: null, B: null };

  constructor(
    private readonly target: PresetTarget,
    private readonly store: UserPresetStore,
  ) {
    super();
    // a fresh session holds the defaults, which is what the first factory preset is
    this.loaded = { source: 'factory', preset: DEFAULT_PRESET };
    if (store.problems.length) this.message = { kind: 'error', text: `Saved presets: ${store.problems.join('; ')}` };
  }

  // ---- reading -----------------------------------------------------------

  get factory(): readonly Preset[] {
    return FACTORY_PRESETS;
  }

  get user(): readonly Preset[] {
    return this.store.list();
  }

  /** The loaded preset (null: none, after deleting it). */
  get current(): PresetRef | null {
    return this.loaded ? { source: this.loaded.source, name: this.loaded.preset.name } : null;
  }

  /** The slot in use, and whether the other one holds anything yet. */
  get activeSlot(): Slot {
    return this.slot;
  }

  /** True when the live values differ from the loaded preset's (or nothing is loaded). */
  get dirty(): boolean {
    if (!this.loaded) return true;
    const state = presetState(this.loaded.preset);
    const values = this.target.values;
    return SETTABLE.some((id) => values[id] !== state[id]);
  }

  /** Every preset in picker order (factory, then the performer's): what a MIDI program change counts through. */
  all(): PresetRef[] {
    return [...FACTORY_PRESETS.map((p) => ({ source: 'factory' as const, name: p.name })), ...this.user.map((p) => ({ source: 'user' as const, name: p.name }))];
  }

  // ---- loading -------------------------------------------------------------

  /** Load a factory or user preset into the slot in use. False (and a message) if there is no such preset. */
  select(ref: PresetRef): boolean {
    const preset = this.find(ref);
    if (!preset) return this.fail(`No ${ref.source} preset called “${ref.name}”.`);
    if (!this.apply({ source: ref.source, preset })) return false;
    this.message = null;
    this.emit();
    return true;
  }

  /** Load the n-th preset of `all()` (a MIDI program change); false when out of range. */
  selectIndex(n: number): boolean {
    const ref = this.all()[n];
    return ref ? this.select(ref) : false;
  }

  // ---- saving --------------------------------------------------------------

  /**
   * Save the live values as a user preset called `name` (replacing one of
   * that name), with the current MIDI mappings when the MIDI layer is there;
   * it becomes the loaded preset, so the unsaved mark clears. False (and a
   * message) when the name is not allowed or storage refuses.
   */
  save(name: string): boolean {
    const trimmed = name.trim();
    const existed = this.store.has(trimmed);
    // a description only carries over when overwriting the preset it was loaded from
    const description = this.loaded?.source === 'user' && this.loaded.preset.name === trimmed ? this.loaded.preset.description : undefined;
    let preset: Preset;
    try {
      preset = makePreset(trimmed, this.target.values, description, this.midi?.getMappings());
      this.store.save(preset);
    } catch (err) {
      return this.fail(`Not saved: ${(err as Error).message}`);
    }
    this.loaded = { source: 'user', preset };
    this.message = { kind: 'ok', text: `${existed ? 'Overwrote' : 'Saved'} “${preset.name}”.` };
    this.emit();
    return true;
  }

  /** Delete the loaded user preset; the values stay, now unsaved. */
  deleteCurrent(): boolean {
    const l = this.loaded;
    if (!l || l.source !== 'user') return this.fail('Only your own presets can be deleted.');
    try {
      this.store.remove(l.preset.name);
    } catch (err) {
      return this.fail(`Not deleted: ${(err as Error).message}`);
    }
    this.loaded = null;
    // the other slot may have come from the same preset: it keeps its values but no longer claims the name
    for (const s of Object.values(this.slots)) if (s?.loaded?.source === 'user' && s.loaded.preset.name === l.preset.name) s.loaded = null;
    this.message = { kind: 'ok', text: `Deleted “${l.preset.name}”.` };
    this.emit();
    return true;
  }

  // ---- files -----------------------------------------------------------------

  /**
   * The live values as a preset file, named after the loaded preset (what is
   * heard is what is exported, edits included). The text is exactly what
   * `importText` reads back.
   */
  exportCurrent(): { fileName: string; text: string; preset: Preset } {
    const name = this.loaded?.preset.name ?? 'Custom';
    const preset = makePreset(name, this.target.values, this.loaded?.preset.description, this.midi?.getMappings());
    return { fileName: `${fileSlug(name)}.gigscope.json`, text: presetJson(preset), preset };
  }

  /**
   * Read a preset file: validate it, keep it among the user presets and load
   * it. A preset identical to a stored one of the same name is just loaded; a
   * different one under a taken name is stored as "name 2". A refused file
   * changes nothing and returns false, with the field named in `message`.
   */
  importText(fileName: string, text: string): boolean {
    let preset: Preset;
    try {
      preset = parsePreset(text);
    } catch (err) {
      return this.fail(`${fileName}: ${(err as Error).message} — not loaded, nothing changed.`);
    }
    const same = this.store.get(preset.name);
    if (!same || !samePreset(same, preset)) {
      if (same) preset = { ...preset, name: this.store.freeName(preset.name) };
      try {
        this.store.save(preset);
      } catch (err) {
        return this.fail(`${fileName}: ${(err as Error).message} — not loaded, nothing changed.`);
      }
    }
    if (!this.apply({ source: 'user', preset })) return false;
    this.message = { kind: 'ok', text: `Imported “${preset.name}”.` };
    this.emit();
    return true;
  }

  /** Refuse a file before reading it (too large to be a preset). */
  refuseFile(fileName: string, reason: string): void {
    this.fail(`${fileName}: ${reason} — not loaded, nothing changed.`);
  }

  // ---- A/B -----------------------------------------------------------------

  /** Switch to slot A or B: the live values go into the slot being left, the other slot's come back. */
  switchSlot(to: Slot): void {
    if (to === this.slot) return;
    this.slots[this.slot] = { values: this.snapshot(), loaded: this.loaded };
    const next = this.slots[to];
    this.slot = to;
    if (next) {
      this.target.setAll(next.values);
      this.loaded = next.loaded;
    }
    // an empty slot starts as a copy of the one just left: nothing to apply
    this.message = null;
    this.emit();
  }

  clearMessage(): void {
    if (!this.message) return;
    this.message = null;
    this.emit();
  }

  // ---- internals -------------------------------------------------------------

  private find(ref: PresetRef): Preset | undefined {
    return ref.source === 'factory' ? FACTORY_PRESETS.find((p) => p.name === ref.name) : this.store.get(ref.name);
  }

  /**
   * Load a validated preset: its mappings if it has any, then every value
   * (missing ones at their default). The mappings go first because only they
   * can still be refused (by the MIDI layer); then nothing has changed.
   */
  private apply(loaded: Loaded): boolean {
    if (loaded.preset.midi && this.midi) {
      try {
        this.midi.setMappings(loaded.preset.midi.map((m) => ({ ...m })));
      } catch (err) {
        return this.fail(`“${loaded.preset.name}”: ${(err as Error).message} — not loaded, nothing changed.`);
      }
    }
    this.target.setAll(presetState(loaded.preset));
    this.loaded = loaded;
    return true;
  }

  private snapshot(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const id of SETTABLE) out[id] = this.target.values[id];
    return out;
  }

  private fail(text: string): false {
    this.message = { kind: 'error', text };
    this.emit();
    return false;
  }

  private emit(): void {
    this.dispatchEvent(new Event('change'));
  }
}

/** A file name from a preset name: letters, digits and dashes only. */
export function fileSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'preset';
}
