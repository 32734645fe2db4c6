/**
 * 14-bit controllers: CC 0–31 carry the most significant 7 bits (MSB) and
 * CC 32–63 the least (LSB) of the same control, so a fader can resolve 16384
 * steps instead of 128.
 *
 *   const pairs = new Cc14Pairs();
 *   pairs.msb('nanoKONTROL', 1, 7, 64);   // 8192 (the LSB is taken as 0)
 *   pairs.lsb('nanoKONTROL', 1, 7, 5);    // 8197
 *
 * MIDI 1.0 (Control Change, "Control Number Assignment"): when an MSB is
 * received the receiver sets its LSB to zero; an LSB alone fine-tunes the last
 * MSB. So a new MSB is applied at once (a controller that never sends LSBs
 * still works, at 7-bit resolution) and each LSB refines it. An LSB before any
 * MSB has nothing to refine and is ignored.
 */

/** Number of MSB controllers (0–31) per channel. */
const PAIRS = 32;
const CHANNELS = 16;

export class Cc14Pairs {
  /** per port: the last MSB of each (channel, controller), −1 = none yet */
  private readonly ports = new Map<string, Int16Array>();

  /** An MSB (controller 0–31) arrived: the 14-bit value with the LSB reset to 0. */
  msb(port: string, channel: number, number: number, value: number): number {
    this.table(port)[slot(channel, number)] = value;
    return value << 7;
  }

  /** An LSB (for MSB controller `number`, 0–31) arrived: the 14-bit value, or null with no MSB yet. */
  lsb(port: string, channel: number, number: number, value: number): number | null {
    const msb = this.ports.get(port)?.[slot(channel, number)] ?? -1;
    return msb < 0 ? null : (msb << 7) | value;
  }

  clear(): void {
    this.ports.clear();
  }

  private table(port: string): Int16Array {
    let t = this.ports.get(port);
    if (!t) {
      t = new Int16Array(PAIRS * CHANNELS).fill(-1);
      this.ports.set(port, t);
    }
    return t;
  }
}

/** channel 1–16, controller 0–31 → index */
function slot(channel: number, number: number): number {
  return (channel - 1) * PAIRS + number;
}
