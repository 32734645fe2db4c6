/** How mappings and ports read on the stage: "CC 16 · ch 1", "Note C4", "Reverb · Mix". */
import { paramSpec } from '../../params/table';
import type { MidiMapping } from '../../presets/midi-mapping';

const NOTE_NAMES = ['C', 'C♯', 'D', 'D♯', 'E', 'F', 'F♯', 'G', 'G♯', 'A', 'A♯', 'B'];

/** MIDI note number → name, middle C (60) = C4. */
export function noteName(n: number): string {
  return `${NOTE_NAMES[n % 12]}${Math.floor(n / 12) - 1}`;
}

/** The controller message of a mapping: "CC 16", "CC 7/39 14-bit", "Note C4", "Pitch bend", "Program". */
export function messageLabel(m: MidiMapping): string {
  const n = m.number ?? 0;
  switch (m.kind) {
    case 'cc':
      return `CC ${n}`;
    case 'cc14':
      return `CC ${n}/${n + 32} 14-bit`;
    case 'note':
      return `Note ${noteName(n)}`;
    case 'pitchbend':
      return 'Pitch bend';
    case 'program':
      return 'Program';
  }
}

export function channelLabel(channel: number): string {
  return channel === 0 ? 'any ch' : `ch ${channel}`;
}

/** "Reverb · Mix": the parameter's group and table name. */
export function paramLabel(id: string): string {
  const spec = paramSpec(id);
  if (!spec) return id;
  const group = spec.group.charAt(0).toUpperCase() + spec.group.slice(1);
  return spec.name.toLowerCase() === spec.group ? spec.name : `${group} · ${spec.name}`;
}
