/**
 * BeatController: keeps a component subscribed to a BeatSource's beats while
 * it is connected, queues them in a BeatSchedule, and hands back, once per
 * animation frame, the beat (if any) that is being heard in that frame.
 *
 *   private readonly beats = new BeatController(this);
 *   // in willUpdate: this.beats.source = this.beatSource;
 *   // in an animation frame at time `now`:
 *   const due = this.beats.take(now);   // DueBeat | null
 *
 * It runs no loop of its own: the component already has one (its
 * SnapshotController), and the flash must be drawn in that same frame.
 * Changing or clearing the source drops whatever was still waiting.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { BeatSchedule, type BeatEvent, type BeatSource, type DueBeat } from './beat-source';

/**
 * A frame drawn in the callback at `now` reaches the screen about a frame
 * later; taking beats up to 20 ms ahead (a 60 Hz frame and a bit) puts the
 * flash within about ±8 ms of the beat instead of 0–17 ms late.
 */
export const FRAME_LEAD_S = 0.02;

export class BeatController implements ReactiveController {
  private current: BeatSource | null = null;
  private unsubscribe: (() => void) | null = null;
  private connected = false;
  private readonly schedule = new BeatSchedule();
  private readonly onBeat = (b: BeatEvent) => this.schedule.push(b.contextTime, b.inBar);

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  get source(): BeatSource | null {
    return this.current;
  }

  set source(s: BeatSource | null) {
    if (s === this.current) return;
    this.current = s;
    this.sync();
  }

  hostConnected(): void {
    this.connected = true;
    this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.sync();
  }

  /** The beat heard in the frame drawn at performance time `nowMs`, or null. */
  take(nowMs: number): DueBeat | null {
    const heard = this.current?.heardTime(nowMs) ?? null;
    if (heard === null) return null;
    return this.schedule.take(heard + FRAME_LEAD_S);
  }

  private sync(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.schedule.clear();
    if (this.connected && this.current) this.unsubscribe = this.current.addBeatListener(this.onBeat);
  }
}
