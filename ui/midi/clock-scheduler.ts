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
 * Tracked tempo: a phase-locked loop. The clock keeps its own grid and never
 * jumps; every beat the engine predicts is compared with where the grid has
 * that beat (the phase error), and the grid is bent towards it over the next
 * beat: the tracker's period is taken as the tempo, and PHASE_GAIN of the
 * phase error is closed by the first whole beat at least half a beat after
 * the ticks already sent (those stand: they went out up to `lookaheadMs`
 * ahead). The beat tracker's predictions sit on its 10 ms frame grid, so
 * re-anchoring every beat on the prediction put tick 0 exactly on it but
 * pushed up to ±10 ms (and any tempo error) into the one gap before it; a
 * synth's arpeggiator following the clock hears that as a stumble once a beat.
 * The loop spreads each correction over 24 ticks instead, and averages the
 * frame grid's error away (a first-order loop with gain g leaves
 * √(g / (2 − g)) of white phase noise: 0.58 at 0.5). An error larger than a
 * quarter beat is a re-sync (tap, ×2, re-sync): closed in full over the next
 * beat. When predictions stop (lost, stopped) the grid coasts on the last
 * tempo.
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
/** Fraction of a tracked beat's phase error the clock closes by the next beat (see the loop above). */
export const PHASE_GAIN = 0.5;
/** A phase error beyond this fraction of a beat is a re-sync, closed in full over the next beat. */
export const RESYNC_FRACTION = 0.25;
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
  /**
   * The bridge a tracked correction runs on: from position `bridgePos` at
   * `bridgeTime`, one beat every `bridgePeriod`, up to `gridPos` (where the
   * grid proper takes over). Empty when `bridgePos` ≥ `gridPos`.
   */
  private bridgePos = 0;
  private bridgeTime = Number.NaN;
  private bridgePeriod = Number.NaN;
  /** tracked mode: the grid follows announce() */
  private tracked = false;
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
    if (this.bridgePos < this.gridPos && t < this.gridTime) return this.bridgePos + (t - this.bridgeTime) / this.bridgePeriod;
    return this.gridPos + (t - this.gridTime) / this.periodMs;
  }

  /** Time (ms) of beat position `p`. */
  timeAt(p: number): number {
    if (p < this.gridPos && this.bridgePos < this.gridPos) return this.bridgeTime + (p - this.bridgePos) * this.bridgePeriod;
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
    this.bridgePos = this.gridPos;
    this.periodMs = period;
  }

  /** Follow the tracked tempo: from now on the grid moves only with announce(). */
  setTracked(): void {
    this.tracked = true;
  }

  /**
   * A predicted beat at `beatMs` (performance time) with the tracker's period:
   * the loop's input. The first one anchors the grid (tick 0 of the next whole
   * beat on it); each later one bends the grid towards it from the first
   * unsent tick on.
   */
  announce(beatMs: number, periodMs: number): void {
    if (!this.tracked || !Number.isFinite(beatMs) || !(periodMs > 0)) return;
    if (!this.hasGrid) {
      this.gridPos = Math.ceil(this.nextTick / PPQN);
      this.gridTime = beatMs;
      this.bridgePos = this.gridPos;
      this.periodMs = periodMs;
      return;
    }
    const beat = Math.round(this.positionAt(beatMs));
    // the phase error: where the tracker hears the beat, less where the grid has it
    const error = beatMs - this.timeAt(beat);
    const gain = Math.abs(error) > RESYNC_FRACTION * periodMs ? 1 : PHASE_GAIN;
    // the bridge starts at the first tick not yet sent, where the grid has it now (no jump) …
    const fromPos = this.nextTick / PPQN;
    const fromTime = this.timeAt(fromPos);
    // … and lands on the first whole beat at least half a beat on, with `gain` of the error closed
    let to = Math.ceil(fromPos + 0.5);
    let toTime = beatMs + (to - beat) * periodMs - (1 - gain) * error;
    if (toTime - fromTime < 0.5 * periodMs * (to - fromPos)) {
      // a re-sync pulling far back: one beat more, so the ticks do not bunch up
      to++;
      toTime += periodMs;
    }
    this.bridgePos = fromPos;
    this.bridgeTime = fromTime;
    this.bridgePeriod = (toTime - fromTime) / (to - fromPos);
    this.gridPos = to;
    this.gridTime = toTime;
    this.periodMs = periodMs;
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
      const t = this.timeAt(this.nextTick / PPQN);
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
