/**
 * EventQueue: events the engine emits during one process() call (beats now),
 * read by the host right after it and cleared at the start of the next.
 * Fixed capacity; if a block ever produced more, the extra are counted, not stored.
 *
 * Layout in memory (f64 each, host reads through eventsPtr()):
 *   [kind, time (s), value] × count
 */
export const EVENT_BEAT: f64 = 1;
/** f64 slots per event */
export const EVENT_STRIDE: i32 = 3;
const CAPACITY: i32 = 16;

export class EventQueue {
  data: StaticArray<f64> = new StaticArray<f64>(CAPACITY * EVENT_STRIDE);
  count: i32 = 0;
  dropped: i32 = 0;

  @inline clear(): void {
    this.count = 0;
  }

  push(kind: f64, time: f64, value: f64): void {
    if (this.count >= CAPACITY) {
      this.dropped++;
      return;
    }
    const o = this.count * EVENT_STRIDE;
    unchecked((this.data[o] = kind));
    unchecked((this.data[o + 1] = time));
    unchecked((this.data[o + 2] = value));
    this.count++;
  }
}
