/**
 * Beats as the UI sees them, and the schedule that turns "the engine says a
 * beat is coming at t" into "flash now".
 *
 * The engine announces each beat as soon as it predicts it, usually 5–15 ms
 * before it sounds (worklet message `beat`). A lamp that lit on arrival would
 * run early by that much plus the output latency; instead the beats wait in a
 * BeatSchedule and are taken when the heard audio clock reaches them
 * (AudioSession.heardTime, from the AudioContext's output timestamp).
 *
 *   const schedule = new BeatSchedule();
 *   session.addBeatListener((b) => schedule.push(b));
 *   // each animation frame:
 *   const beat = schedule.take(session.heardTime(now)! + FRAME_LEAD_S);
 *   if (beat) flash(beat.inBar);
 */

/** One beat announcement, as GigscopeNode.onBeat delivers it. */
export interface BeatEvent {
  /** the beat, engine clock (s since the engine started) */
  time: number;
  /** end of the block that announced it, engine clock (s); usually < time */
  reportedAt: number;
  /** 1 … meter: the beat's place in the bar */
  inBar: number;
  /** the beat on the AudioContext clock (s); AudioSession estimates it where the worklet scope cannot */
  contextTime: number;
}

export type BeatListener = (beat: BeatEvent) => void;

/** What a beat display needs from the audio session. */
export interface BeatSource {
  /** subscribe; returns the unsubscribe */
  addBeatListener(listener: BeatListener): () => void;
  /** context time (s) of the input now being heard, at performance time `nowMs`; null while not running */
  heardTime(nowMs?: number): number | null;
}

/** A scheduled beat: when it is heard, on the context clock, and its place in the bar. */
export interface DueBeat {
  at: number;
  inBar: number;
}

/**
 * A beat more than this late when its frame comes is dropped, not shown: a
 * flash half a beat late (at 150 BPM) reads as the off-beat, which is worse
 * than none. It happens only when the page gets no animation frames for a
 * while (hidden, or the main thread stalled); then only the latest due beat is
 * considered anyway, so there is never a burst of catch-up flashes.
 */
export const STALE_S = 0.2;
/** Two announcements closer than this are the same beat (a re-announced prediction). */
export const SAME_BEAT_S = 0.05;
/** At most this many beats wait; at 220 BPM that is over 2 s of announcements. */
const CAPACITY = 8;

export class BeatSchedule {
  /** waiting beats, sorted by `at` */
  private readonly pending: DueBeat[] = [];

  get size(): number {
    return this.pending.length;
  }

  /**
   * Queue a beat heard at context time `at` (BeatEvent.contextTime).
   * A second announcement of the same beat replaces the first.
   */
  push(at: number, inBar: number): void {
    if (!Number.isFinite(at)) return;
    const q = this.pending;
    const same = q.findIndex((b) => Math.abs(b.at - at) < SAME_BEAT_S);
    if (same >= 0) q.splice(same, 1);
    let i = q.length;
    while (i > 0 && q[i - 1].at > at) i--;
    q.splice(i, 0, { at, inBar });
    // a flood (no frames to consume them) keeps the newest
    if (q.length > CAPACITY) q.splice(0, q.length - CAPACITY);
  }

  /**
   * The beat to show at heard time `now`: the latest one due (at ≤ now) if it
   * is not stale, else null. Every due beat leaves the queue either way.
   */
  take(now: number): DueBeat | null {
    const q = this.pending;
    let n = 0;
    while (n < q.length && q[n].at <= now) n++;
    if (n === 0) return null;
    const latest = q[n - 1];
    q.splice(0, n);
    return now - latest.at <= STALE_S ? latest : null;
  }

  clear(): void {
    this.pending.length = 0;
  }
}
