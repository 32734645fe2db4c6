/**
 * Names for the engine's key and chord numbers (see params/table.ts: key.index,
 * chord.index), spelled as ../shared/CONTRACT.md asks: mir_eval's tonic
 * spelling for keys, Harte syntax for chords.
 */

/** Pitch-class names, C = 0, as mir_eval spells key tonics. */
export const PITCH_CLASSES = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'] as const;

/** Chord qualities in engine order (chord.index = root·3 + quality), Harte shorthand. */
export const CHORD_QUALITIES = ['maj', 'min', '7'] as const;

/** "E minor" for 16, null for −1 (no key yet). */
export function keyName(index: number): string | null {
  if (!Number.isInteger(index) || index < 0 || index > 23) return null;
  return `${PITCH_CLASSES[index % 12]} ${index >= 12 ? 'minor' : 'major'}`;
}

/** "E:min" for 13, "N" for −1. */
export function chordName(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= 12 * CHORD_QUALITIES.length) return 'N';
  return `${PITCH_CLASSES[Math.floor(index / 3)]}:${CHORD_QUALITIES[index % 3]}`;
}

/** A readable chord for the stage: "Em", "C", "G7", "—". */
export function chordLabel(index: number): string {
  const harte = chordName(index);
  if (harte === 'N') return '—';
  const [root, quality] = harte.split(':');
  return root + (quality === 'min' ? 'm' : quality === '7' ? '7' : '');
}
