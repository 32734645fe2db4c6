/**
 * The MIDI clock's timing, with no timers and no MIDI: which clock ticks and
 * transport messages to send, and at what performance.now() time, for the
 * next `lookaheadMs`.
 *
 *   const s = new ClockScheduler();
 *   s.setFixed(120, performance.now());   // or s.announce(beatMs, periodMs) for every tracked beat
 *   s.start(performance.now());
 *   every 25 ms:  for (const m of s.run(performance.now())) send(m.type, m.time);
 *
 * Ticks (24 per quarter note, MIDI 1.0 Timing Clock) are placed on a beat grid:
 * beat position p (in beats) is heard at gridTime + (p − gridPos)·period, and
 * tick n sits at position n/24. Each tick's timestamp is computed from the
 * grid, never from when a timer happened to fire, so the timer only has to
 * run often enough to stay ahead (a lookahead scheduler, after Chris Wilson's
 * "A Tale of Two Clocks", 2013).
 *
 * Tracked tempo: every beat the engine predicts re-anchors the grid on that
 * beat (the nearest whole beat position) with the tracker's period, so tick 0
 * of each beat lands on the predicted beat. The prediction arrives only a
 * little before its beat, later than the 100 ms lookahead would schedule tick
 * 0, so while beats keep coming tick 0 of the next beat is *held* until its
 * prediction arrives (or until `holdMarginMs` before it is due, when the
 * tracker is late or lost: then the grid coasts on the last tempo, and stops
 * holding until predictions resume). The subdivisions of a beat are spread
 * evenly at the tracker's period; a prediction that differs from the grid is
 * absorbed between the last tick of one beat and tick 0 of the next.
 *
 * Fixed tempo: one grid from Start, every tick exact.
 *
 * Transport: Start and Continue are sent at the time of the first tick that
 * follows them (the MIDI rule: the first clock after Start is the downbeat), on
 * the next whole beat; Stop after the last tick already sent.
 */

export type ClockMessageType = 'clock' | 'start' | 'stop' | 'continue';

export interface ClockMessage {
  type: ClockMessageType;
  /** when it should reach the wire, performance.now() ms */
  time: number;
}

/** MIDI clock resolution: ticks per quarter note. */
export const PPQN = 24;
/** How far ahead ticks are scheduled. */
export const LOOKAHEAD_MS = 100;
/**
 * Tick 0 of a tracked beat is held for its prediction until this long before
 * it is due; after that the grid coasts (the tick is sent slightly ahead).
 */
export const HOLD_MARGIN_MS = 6;
/** A fixed-tempo Start begins this far after the button, so the first tick is never late. */
export const START_LEAD_MS = 20;

export class ClockScheduler {
  lookaheadMs = LOOKAHEAD_MS;
  /** the transport is running (ticks are sent) */
  running = false;

  /** grid: beat position `gridPos` at time `gridTime` (ms), one beat every `periodMs` */
  private gridPos = 0;
  private gridTime = Number.NaN;
  private periodMs = Number.NaN;
  /** tracked mode: hold each beat's tick 0 for its prediction */
  private tracked = false;
  /** the last whole beat a prediction anchored, −∞ before any */
  private announced = Number.NEGATIVE_INFINITY;
  /** next tick to send; tick n is at beat position n / PPQN */
  private nextTick = 0;
  /** time of the last message sent, for Stop and to keep messages in order */
  private lastSent = Number.NEGATIVE_INFINITY;
  /** Start or Continue, to go out just before the next tick */
  private transport: 'start' | 'continue' | null = null;

  /** The tempo the grid runs at, BPM (NaN before one is known). */
  get bpm(): number {
    return 60000 / this.periodMs;
  }

  /** A grid exists: ticks can be placed. */
  get hasGrid(): boolean {
    return Number.isFinite(this.gridTime) && this.periodMs > 0;
  }

  /** Beat position heard at time `t` (ms). */
  positionAt(t: number): number {
    return this.gridPos + (t - this.gridTime) / this.periodMs;
  }

  /** Time (ms) of beat position `p`. */
  timeAt(p: number): number {
    return this.gridTime + (p - this.gridPos) * this.periodMs;
  }

  /**
   * Run at a fixed tempo. While running the grid changes tempo at the next
   * tick, so the ticks continue without a gap or a jump.
   */
  setFixed(bpm: number, nowMs: number): void {
    if (!(bpm > 0) || !Number.isFinite(bpm)) return;
    this.tracked = false;
    const period = 60000 / bpm;
    if (this.hasGrid && this.running) {
      const pos = this.nextTick / PPQN;
      const at = Math.max(this.timeAt(pos), nowMs);
      this.gridPos = pos;
      this.gridTime = at;
    } else {
      this.gridPos = this.nextTick / PPQN;
      this.gridTime = nowMs + START_LEAD_MS;
    }
    this.periodMs = period;
  }

  /** Follow the tracked tempo: from now on the grid moves only with announce(). */
  setTracked(): void {
    this.tracked = true;
    this.announced = Number.NEGATIVE_INFINITY;
  }

  /**
   * A predicted beat at `beatMs` (performance time) with the tracker's period.
   * It becomes the whole beat nearest to where the grid had it.
   */
  announce(beatMs: number, periodMs: number): void {
    if (!this.tracked || !Number.isFinite(beatMs) || !(periodMs > 0)) return;
    const beat = this.hasGrid ? Math.round(this.positionAt(beatMs)) : Math.ceil(this.nextTick / PPQN);
    this.gridPos = beat;
    this.gridTime = beatMs;
    this.periodMs = periodMs;
    this.announced = beat;
  }

  /** Start from the top at the next whole beat (Start goes out with its first tick). */
  start(nowMs: number): void {
    this.resume(nowMs, 'start');
  }

  /** Resume at the next whole beat (Continue goes out with its first tick). */
  continue(nowMs: number): void {
    this.resume(nowMs, 'continue');
  }

  /** Stop: no more ticks; the Stop message goes out after the last tick already sent. */
  stop(nowMs: number): ClockMessage {
    this.running = false;
    this.transport = null;
    const time = Math.max(nowMs, this.lastSent);
    this.lastSent = time;
    return { type: 'stop', time };
  }

  /**
   * Everything due up to `nowMs + lookaheadMs`, in time order, each stamped with
   * its ideal time (never earlier than the message before it).
   */
  run(nowMs: number): ClockMessage[] {
    const out: ClockMessage[] = [];
    if (!this.running || !this.hasGrid) return out;
    const horizon = nowMs + this.lookaheadMs;
    // bounded: at most the ticks of one lookahead at 300 BPM plus a catch-up, never an endless loop
    for (let guard = 0; guard < 4 * PPQN; guard++) {
      const pos = this.nextTick / PPQN;
      const t = this.timeAt(pos);
      if (this.tracked && this.nextTick % PPQN === 0) {
        const beat = pos;
        // the previous beat was predicted, this one not yet: wait for it while there is time
        if (beat > this.announced && beat - 1 <= this.announced && nowMs < t - HOLD_MARGIN_MS) break;
      }
      if (t > horizon) break;
      const time = Math.max(t, this.lastSent);
      if (this.transport) {
        out.push({ type: this.transport, time });
        this.transport = null;
      }
      out.push({ type: 'clock', time });
      this.lastSent = time;
      this.nextTick++;
    }
    return out;
  }

  /**
   * When run() should next be called at the latest for a held beat to go out
   * on time (the hold's deadline), or NaN when nothing is held.
   */
  holdDeadline(): number {
    if (!this.running || !this.tracked || !this.hasGrid || this.nextTick % PPQN !== 0) return Number.NaN;
    const beat = this.nextTick / PPQN;
    if (!(beat > this.announced && beat - 1 <= this.announced)) return Number.NaN;
    return this.timeAt(beat) - HOLD_MARGIN_MS;
  }

  private resume(nowMs: number, kind: 'start' | 'continue'): void {
    this.running = true;
    this.transport = kind;
    const from = Math.max(nowMs, this.lastSent);
    if (!this.tracked) {
      // a fixed tempo starts now (plus a little, so the first tick is not already late), on a whole beat
      if (!(this.periodMs > 0)) return;
      this.gridPos = Math.ceil(this.nextTick / PPQN);
      this.gridTime = from + START_LEAD_MS;
      this.nextTick = this.gridPos * PPQN;
    } else if (this.hasGrid) {
      // the tracked grid runs on: the next whole beat that is still ahead
      this.nextTick = Math.ceil(this.positionAt(from) - 1e-9) * PPQN;
    }
  }
}
