/**
 * The MIDI mappings in force, kept across reloads, and the small API through
 * which presets carry them.
 *
 *   import { getMappings, setMappings, onMappingsChange } from './ui/midi/mapping-store';
 *   const saved = getMappings();          // a copy: [{ param, port, kind, channel, number, … }]
 *   setMappings(preset.midi ?? []);       // validated (PresetError naming the field), stored, applied at once
 *   const off = onMappingsChange(() => …); // told after every change (learn, delete, edit, setMappings)
 *
 * Stored in localStorage under STORAGE_KEY as a JSON array in the schema of
 * presets/midi-mapping.ts. A stored entry that no longer validates (a
 * parameter removed from the table) is dropped on load rather than blocking
 * the others. setMappings is all-or-nothing: one invalid mapping refuses the
 * whole list and the current one stays.
 */
import { validateMidiMapping, type MidiMapping } from '../../presets/midi-mapping';

export const STORAGE_KEY = 'gigscope.midi.mappings';

/** What the store needs of localStorage (a structural type, so tests can pass a Map-backed fake). */
export type MappingStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** Mappings with the same source: one controller message drives one parameter. */
export function sameSource(a: MidiMapping, b: MidiMapping): boolean {
  return a.port === b.port && a.kind === b.kind && a.channel === b.channel && (a.number ?? -1) === (b.number ?? -1);
}

export class MappingStore {
  private list: readonly MidiMapping[];
  private readonly listeners = new Set<() => void>();

  constructor(private readonly storage: MappingStorage | null) {
    this.list = load(storage);
  }

  /** The mappings in force, as stored (read-only; the MIDI router reads this on every message). */
  get current(): readonly MidiMapping[] {
    return this.list;
  }

  /** A copy of the mappings, for a preset to save. */
  get(): MidiMapping[] {
    return this.list.map((m) => ({ ...m }));
  }

  /** Replace every mapping (a preset's). Throws PresetError naming the field; nothing changes then. */
  set(mappings: readonly unknown[]): void {
    if (!Array.isArray(mappings)) throw new TypeError('setMappings: expected an array');
    this.replace(mappings.map((m, i) => validateMidiMapping(m, `midi[${i}]`)));
  }

  /** Add a mapping, replacing any with the same source (and `replaces`, e.g. a 7-bit CC turned 14-bit). */
  add(m: MidiMapping, replaces?: MidiMapping): void {
    const valid = validateMidiMapping(m, 'mapping');
    // `replaces` may be a copy of the stored mapping (learn keeps its own), so it is matched by content
    const superseded = (x: MidiMapping) => replaces !== undefined && x.param === replaces.param && sameSource(x, replaces);
    this.replace([...this.list.filter((x) => !superseded(x) && !sameSource(x, valid)), valid]);
  }

  /** Change one mapping (range, curve, mode); the edited one keeps its place in the list. */
  update(old: MidiMapping, changes: Partial<MidiMapping>): void {
    const i = this.list.indexOf(old);
    if (i < 0) return;
    const next = validateMidiMapping({ ...old, ...changes }, 'mapping');
    this.replace(this.list.map((x, j) => (j === i ? next : x)));
  }

  remove(m: MidiMapping): void {
    if (this.list.includes(m)) this.replace(this.list.filter((x) => x !== m));
  }

  /** Be told after every change; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private replace(next: MidiMapping[]): void {
    // frozen: the router keeps per-mapping state keyed by these objects, so they never change in place
    this.list = Object.freeze(next.map((m) => Object.freeze(m)));
    try {
      this.storage?.setItem(STORAGE_KEY, JSON.stringify(this.list));
    } catch {
      // storage full or disabled (private mode): the mappings still work for this session
    }
    for (const l of this.listeners) l();
  }
}

function load(storage: MappingStorage | null): readonly MidiMapping[] {
  let data: unknown;
  try {
    data = JSON.parse(storage?.getItem(STORAGE_KEY) ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  const out: MidiMapping[] = [];
  data.forEach((m, i) => {
    try {
      out.push(Object.freeze(validateMidiMapping(m, `midi[${i}]`)));
    } catch {
      // one stale entry must not cost the performer the rest
    }
  });
  return Object.freeze(out);
}

function browserStorage(): MappingStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // a sandboxed frame throws on merely reading localStorage
    return null;
  }
}

/** The page's one store (what the MIDI layer applies and the functions below expose). */
export const mappingStore = new MappingStore(browserStorage());

/** The mappings in force, copied (for a preset to save). */
export function getMappings(): MidiMapping[] {
  return mappingStore.get();
}

/** Replace the mappings (a preset's). Throws PresetError naming the field, and then changes nothing. */
export function setMappings(mappings: readonly MidiMapping[]): void {
  mappingStore.set(mappings);
}

/** Be told after every change of the mappings; returns the unsubscribe. */
export function onMappingsChange(listener: () => void): () => void {
  return mappingStore.subscribe(listener);
}
