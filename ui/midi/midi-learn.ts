/**
 * MIDI learn, as a state machine with no DOM.
 *
 *   const learn = new MidiLearn();
 *   learn.active = true;             // the Learn toggle
 *   learn.arm('reverb.mix');         // the performer clicked (or focused) a control
 *   learn.take('nanoKONTROL2', { kind: 'cc', channel: 1, number: 16, value: 70 }, now)
 *     // → { mapping: { param: 'reverb.mix', port: 'nanoKONTROL2', kind: 'cc', channel: 1, number: 16 } }
 *
 * The first usable message after arming makes the mapping and disarms (the
 * next control can then be clicked, still in learn mode):
 *   cc          → kind 'cc'; if CC number + 32 follows on the same port and
 *                 channel within PAIR_WINDOW_MS, the mapping becomes 'cc14'
 *                 (a 14-bit fader sends MSB then LSB for every move)
 *   note-on     → kind 'note': mode 'trigger' for a trigger parameter (tap),
 *                 'toggle' otherwise (bypass, on switches, freeze)
 *   pitch bend  → kind 'pitchbend'
 *   program     → kind 'program' (the program number selects the value)
 * Note-offs are ignored (releasing the key that was just learned is not a new
 * control). Messages that learn consumes are not applied to parameters.
 */
import { paramSpec } from '../../params/table';
import type { MidiMapping } from '../../presets/midi-mapping';
import type { MidiEvent } from './midi-message';

/** How soon an LSB must follow its MSB for the pair to be taken as one 14-bit control. */
export const PAIR_WINDOW_MS = 150;
const LSB_OFFSET = 32;

export interface Learned {
  mapping: MidiMapping;
  /** the mapping this one supersedes (the 7-bit half of what turned out to be a 14-bit pair) */
  replaces?: MidiMapping;
}

export class MidiLearn {
  /** learn mode is on (the toggle) */
  active = false;
  /** the parameter waiting for a controller, or null */
  armed: string | null = null;
  /** a 7-bit CC mapping that may still turn out to be the MSB of a 14-bit pair */
  private pending: { mapping: MidiMapping; until: number } | null = null;

  /** Choose the parameter the next controller message is learned for (only in learn mode). */
  arm(param: string): boolean {
    if (!this.active || !paramSpec(param)) return false;
    this.armed = param;
    return true;
  }

  /** Leave learn mode. */
  stop(): void {
    this.active = false;
    this.armed = null;
    this.pending = null;
  }

  /**
   * Offer a message. `learned` is what it taught (the caller stores it);
   * `consumed` tells whether the message belonged to learning and must not
   * also move a parameter.
   */
  take(port: string, e: MidiEvent, nowMs: number): { consumed: boolean; learned?: Learned } {
    const p = this.pending;
    if (p && nowMs > p.until) this.pending = null;
    if (
      this.pending &&
      e.kind === 'cc' &&
      e.number === (p!.mapping.number ?? -1) + LSB_OFFSET &&
      e.channel === p!.mapping.channel &&
      port === p!.mapping.port
    ) {
      this.pending = null;
      return { consumed: true, learned: { mapping: { ...p!.mapping, kind: 'cc14' }, replaces: p!.mapping } };
    }
    const param = this.armed;
    if (!this.active || !param) return { consumed: false };
    const spec = paramSpec(param)!;
    let mapping: MidiMapping;
    switch (e.kind) {
      case 'cc':
        mapping = { param, port, kind: 'cc', channel: e.channel, number: e.number };
        if (e.number < LSB_OFFSET) this.pending = { mapping, until: nowMs + PAIR_WINDOW_MS };
        break;
      case 'noteon':
        mapping = { param, port, kind: 'note', channel: e.channel, number: e.number, mode: spec.scaling === 'trigger' ? 'trigger' : 'toggle' };
        break;
      case 'pitchbend':
        mapping = { param, port, kind: 'pitchbend', channel: e.channel };
        break;
      case 'program':
        mapping = { param, port, kind: 'program', channel: e.channel };
        break;
      default:
        return { consumed: false };
    }
    this.armed = null;
    return { consumed: true, learned: { mapping } };
  }
}
