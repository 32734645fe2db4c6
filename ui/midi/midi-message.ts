/**
 * Raw MIDI bytes → the few channel messages a controller sends to gigscope.
 *
 *   decodeMidi(new Uint8Array([0xb0, 16, 100]))  // { kind: 'cc', channel: 1, number: 16, value: 100 }
 *   decodeMidi(new Uint8Array([0x05]))            // null: no status byte
 *
 * Pure and total: whatever arrives (a truncated message, data bytes ≥ 128,
 * running status, system messages, an empty packet) it returns null rather
 * than throwing, because a flaky cable or a misbehaving controller must never
 * take the stage app down. Browsers deliver whole messages with their status
 * byte (running status is expanded), so nothing is lost by refusing the rest.
 */

export type MidiEvent =
  /** control change; value 0–127 */
  | { kind: 'cc'; channel: number; number: number; value: number }
  /** note-on with velocity > 0 */
  | { kind: 'noteon'; channel: number; number: number; velocity: number }
  /** note-off, or note-on with velocity 0 (the running-status idiom for note-off) */
  | { kind: 'noteoff'; channel: number; number: number }
  /** pitch bend, 0–16383, centre 8192 */
  | { kind: 'pitchbend'; channel: number; value: number }
  /** program change 0–127 */
  | { kind: 'program'; channel: number; number: number };

const NOTE_OFF = 0x8;
const NOTE_ON = 0x9;
const CONTROL_CHANGE = 0xb;
const PROGRAM_CHANGE = 0xc;
const PITCH_BEND = 0xe;

/** A data byte: an integer 0–127. */
const isData = (b: unknown): b is number => typeof b === 'number' && Number.isInteger(b) && b >= 0 && b <= 127;

/** Decode one MIDI message; null for anything that is not a complete channel message we use. */
export function decodeMidi(data: ArrayLike<number> | null | undefined): MidiEvent | null {
  if (!data || typeof data.length !== 'number' || data.length < 2) return null;
  const status = data[0];
  // channel voice messages only (0x80–0xEF); system messages (clock, SysEx …) are not controls
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 0x80 || status > 0xef) return null;
  const command = status >> 4;
  const channel = (status & 0x0f) + 1;
  const d1 = data[1];
  if (!isData(d1)) return null;
  if (command === PROGRAM_CHANGE) return { kind: 'program', channel, number: d1 };
  const d2 = data[2];
  if (data.length < 3 || !isData(d2)) return null;
  switch (command) {
    case NOTE_ON:
      return d2 > 0 ? { kind: 'noteon', channel, number: d1, velocity: d2 } : { kind: 'noteoff', channel, number: d1 };
    case NOTE_OFF:
      return { kind: 'noteoff', channel, number: d1 };
    case CONTROL_CHANGE:
      return { kind: 'cc', channel, number: d1, value: d2 };
    case PITCH_BEND:
      // LSB first on the wire
      return { kind: 'pitchbend', channel, value: (d2 << 7) | d1 };
    default:
      // aftertouch and channel pressure: not used for mappings
      return null;
  }
}

/** Length of a complete message for each system status byte 0xF1–0xFF (0 = undefined status). */
const SYSTEM_LENGTH: Record<number, number> = {
  0xf1: 2, 0xf2: 3, 0xf3: 2, 0xf6: 1, 0xf8: 1, 0xfa: 1, 0xfb: 1, 0xfc: 1, 0xfe: 1, 0xff: 1,
};

/**
 * Whether `data` is one complete, well-formed MIDI message: a status byte,
 * exactly the data bytes it takes, each 0–127 (SysEx: F0 … F7). A browser's
 * MIDI stack only ever delivers such messages, but a buggy driver or a
 * virtual port might not, and WEBMIDI.js's own parser throws on some
 * truncated ones (a Control Change with no controller number), so MidiPorts
 * drops anything else before WEBMIDI.js sees it.
 */
export function isWellFormedMidi(data: ArrayLike<number> | null | undefined): boolean {
  if (!data || typeof data.length !== 'number' || data.length < 1) return false;
  const status = data[0];
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 0x80 || status > 0xff) return false;
  let expected: number;
  if (status < 0xf0) expected = (status >> 4) === PROGRAM_CHANGE || (status >> 4) === 0xd ? 2 : 3;
  else if (status === 0xf0) {
    if (data.length < 2 || data[data.length - 1] !== 0xf7) return false;
    for (let i = 1; i < data.length - 1; i++) if (!isData(data[i])) return false;
    return true;
  } else expected = SYSTEM_LENGTH[status] ?? 0;
  if (expected === 0 || data.length !== expected) return false;
  for (let i = 1; i < expected; i++) if (!isData(data[i])) return false;
  return true;
}
