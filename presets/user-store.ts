/**
 * The performer's own presets, kept in the browser (localStorage) so they are
 * there after a reload, a crash or a browser restart.
 *
 *   const store = new UserPresetStore(localStorage);
 *   store.save(makePreset('Verse', session.values));   // add, or replace the same name
 *   store.list();                                      // in the order they were first saved
 *   store.remove('Verse');
 *
 * One key holds every preset as one JSON document:
 *
 *   gigscope.user-presets = { "version": 1, "presets": [ <preset>, … ] }
 *
 * Every stored preset is validated when read, like a file. One that no longer
 * validates (edited by hand, or written by a newer gigscope) is left out of
 * the list but written back untouched on every save, so nothing the performer
 * stored is ever thrown away by this code; `problems` says what was skipped.
 *
 * Storage can fail (private browsing, quota, disabled by policy): reading then
 * gives an empty list plus a problem; writing throws a PresetError with the
 * browser's reason, and the in-memory list is left as it was, so what the
 * list shows is always what is stored.
 */
import { validatePreset, PresetError, type Preset } from './preset';

/** The part of the Web Storage API this needs (localStorage, or a Map-backed fake in tests). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const USER_PRESETS_KEY = 'gigscope.user-presets';
const STORE_VERSION = 1;

export class UserPresetStore {
  /** stored entries that failed validation: kept verbatim and written back */
  private unreadable: unknown[] = [];
  private presets: Preset[] = [];
  /** one line per stored preset that could not be read (empty when all is well) */
  readonly problems: string[] = [];

  constructor(private readonly storage: StorageLike | null) {
    this.read();
  }

  /** The valid stored presets, in the order they were first saved. */
  list(): readonly Preset[] {
    return this.presets;
  }

  get(name: string): Preset | undefined {
    return this.presets.find((p) => p.name === name);
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Store a preset, replacing one of the same name in place. Throws PresetError if storage refuses. */
  save(preset: Preset): void {
    const checked = validatePreset(preset);
    const i = this.presets.findIndex((p) => p.name === checked.name);
    const next = [...this.presets];
    if (i >= 0) next[i] = checked;
    else next.push(checked);
    this.write(next);
  }

  /** Forget a preset; false if there was none of that name. Throws PresetError if storage refuses. */
  remove(name: string): boolean {
    const next = this.presets.filter((p) => p.name !== name);
    if (next.length === this.presets.length) return false;
    this.write(next);
    return true;
  }

  /** A name not yet used: `name`, or `name 2`, `name 3` … (kept within the format's 80 characters). */
  freeName(name: string): string {
    if (!this.has(name)) return name;
    for (let n = 2; ; n++) {
      const suffix = ` ${n}`;
      const candidate = name.slice(0, 80 - suffix.length) + suffix;
      if (!this.has(candidate)) return candidate;
    }
  }

  private read(): void {
    if (!this.storage) {
      this.problems.push('this browser gives no storage, so presets you save last only until the page closes');
      return;
    }
    let text: string | null;
    try {
      text = this.storage.getItem(USER_PRESETS_KEY);
    } catch (err) {
      this.problems.push(`cannot read saved presets (${(err as Error).message})`);
      return;
    }
    if (text === null) return;
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      this.problems.push('the saved presets are not valid JSON; they are left as they are');
      // writing would destroy them: keep them as one unreadable entry instead
      this.unreadable.push(text);
      return;
    }
    const entries = (doc as { presets?: unknown })?.presets;
    if (!Array.isArray(entries)) {
      this.problems.push('the saved presets have an unknown layout; they are left as they are');
      this.unreadable.push(doc);
      return;
    }
    for (const [i, entry] of entries.entries()) {
      try {
        const p = validatePreset(entry);
        if (this.has(p.name)) throw new PresetError(`preset.name: "${p.name}" is stored twice`);
        this.presets.push(p);
      } catch (err) {
        this.unreadable.push(entry);
        this.problems.push(`saved preset ${i + 1} skipped: ${(err as Error).message}`);
      }
    }
  }

  private write(next: Preset[]): void {
    if (this.storage) {
      const doc = { version: STORE_VERSION, presets: [...next, ...this.unreadable] };
      try {
        this.storage.setItem(USER_PRESETS_KEY, JSON.stringify(doc));
      } catch (err) {
        throw new PresetError(`the browser refused to store presets (${(err as Error).message})`);
      }
    }
    this.presets = next;
  }
}

/** localStorage when the page may use it, else null (the list then lives in memory only). */
export function browserStorage(): StorageLike | null {
  try {
    // reading the property itself throws where storage is disabled by policy
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
