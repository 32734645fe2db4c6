/**
 * MidiClock: sends MIDI clock (24 ppqn) and Start/Stop/Continue to one output,
 * from the tracked tempo or a fixed BPM. The timing is ClockScheduler's; this
 * class only feeds it beats and a timer, and hands its messages to WEBMIDI.js
 * with their timestamps (`output.sendClock({ time })`, performance.now() ms),
 * so the browser puts each one on the wire at its time, not when the timer ran.
 *
 *   const clock = new MidiClock(session, (name) => ports.output(name));
 *   clock.outputName = 'IAC Bus 1';
 *   clock.setSource('fixed', 120);
 *   clock.start();
 *
 * Tracked: every beat the engine predicts (AudioSession beat listener) is
 * converted from the AudioContext clock to performance time *as heard*
 * (AudioSession.heardTime, the same clock the beat lamp flashes on), with the
 * tracker's tempo from the analysis snapshot. Tap tempo goes to the tracker
 * (beat.tap), so tapped tempi arrive the same way. While nothing is tracked
 * (stopped, lost) the clock coasts at the last tempo.
 *
 * Timer: a 25 ms interval (TIMER_MS) tops the schedule up to 100 ms ahead; a
 * beat prediction tops it up at once. Pages playing audio are exempt from
 * Chrome's background timer throttling, and the lookahead covers the timer's
 * own jitter. The scheduler's phase-locked loop turns the predictions into a
 * clock that follows them without stumbling (clock-scheduler.ts).
 */
import type { Output } from 'webmidi';
import type { BeatEvent } from '../beat/beat-source';
import { ClockScheduler, type ClockMessage } from './clock-scheduler';

export type ClockSource = 'tracked' | 'fixed';

/** How often the schedule is topped up. */
export const TIMER_MS = 25;
/** A tracked tempo outside this range is not trusted for the clock (the tracker's own range is 50–220). */
const MIN_BPM = 20;
const MAX_BPM = 400;
/** Default and bounds of the fixed tempo. */
export const DEFAULT_BPM = 120;
export const FIXED_MIN_BPM = 30;
export const FIXED_MAX_BPM = 300;

/** What the clock needs from the audio session (AudioSession fits). */
export interface ClockBeats {
  addBeatListener(listener: (beat: BeatEvent) => void): () => void;
  heardTime(nowMs?: number): number | null;
}

export class MidiClock extends EventTarget {
  source: ClockSource = 'tracked';
  bpm = DEFAULT_BPM;
  /** name of the output port; '' = none */
  outputName = '';
  /** messages sent since the page loaded, for the panel and tests */
  sent = 0;

  private readonly scheduler = new ClockScheduler();
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastBeatMs = Number.NaN;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly beats: ClockBeats,
    private readonly outputByName: (name: string) => Output | undefined,
    /** the tracker's tempo now, BPM (0 = none) */
    private readonly trackedBpm: () => number = () => 0,
  ) {
    super();
    this.scheduler.setTracked();
    this.unsubscribe = beats.addBeatListener((b) => this.onBeat(b));
  }

  get running(): boolean {
    return this.scheduler.running;
  }

  /** The tempo the clock is running at (NaN before a tracked tempo is known). */
  get tempo(): number {
    return this.scheduler.hasGrid ? this.scheduler.bpm : Number.NaN;
  }

  /** Waiting for the first tracked beat. */
  get waiting(): boolean {
    return this.running && !this.scheduler.hasGrid;
  }

  setSource(source: ClockSource, bpm: number = this.bpm): void {
    this.source = source;
    if (Number.isFinite(bpm)) this.bpm = Math.min(FIXED_MAX_BPM, Math.max(FIXED_MIN_BPM, bpm));
    if (source === 'fixed') this.scheduler.setFixed(this.bpm, performance.now());
    else this.scheduler.setTracked();
    this.pump();
    this.emit();
  }

  setOutput(name: string): void {
    this.outputName = name;
    this.emit();
  }

  start(): void {
    this.resume('start');
  }

  continue(): void {
    this.resume('continue');
  }

  stop(): void {
    if (!this.running) return;
    this.send(this.scheduler.stop(performance.now()));
    this.halt();
    this.emit();
  }

  dispose(): void {
    this.stop();
    this.unsubscribe();
  }

  private resume(kind: 'start' | 'continue'): void {
    if (this.running) return;
    const now = performance.now();
    if (this.source === 'fixed') this.scheduler.setFixed(this.bpm, now);
    if (kind === 'start') this.scheduler.start(now);
    else this.scheduler.continue(now);
    this.timer = setInterval(() => this.pump(), TIMER_MS);
    this.pump();
    this.emit();
  }

  private onBeat(b: BeatEvent): void {
    if (this.source !== 'tracked') return;
    const now = performance.now();
    const heard = this.beats.heardTime(now);
    if (heard === null || !Number.isFinite(b.contextTime)) return;
    const beatMs = now + (b.contextTime - heard) * 1000;
    let bpm = this.trackedBpm();
    // before the tracker reports a tempo, the interval between two predictions stands in
    if (!(bpm >= MIN_BPM && bpm <= MAX_BPM)) bpm = 60000 / (beatMs - this.lastBeatMs);
    this.lastBeatMs = beatMs;
    if (!(bpm >= MIN_BPM && bpm <= MAX_BPM)) return;
    const hadGrid = this.scheduler.hasGrid;
    this.scheduler.announce(beatMs, 60000 / bpm);
    this.pump();
    if (!hadGrid) this.emit();
  }

  /** Top the schedule up and send what is due. */
  private pump(): void {
    if (!this.running) return;
    for (const m of this.scheduler.run(performance.now())) this.send(m);
  }

  private send(m: ClockMessage): void {
    const out = this.outputByName(this.outputName);
    if (!out) return;
    const options = { time: m.time };
    try {
      if (m.type === 'clock') out.sendClock(options);
      else if (m.type === 'start') out.sendStart(options);
      else if (m.type === 'stop') out.sendStop(options);
      else out.sendContinue(options);
      this.sent++;
    } catch {
      // the port went away between the lookup and the send: the next pass looks it up again
    }
  }

  private halt(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private emit(): void {
    this.dispatchEvent(new Event('change'));
  }
}
