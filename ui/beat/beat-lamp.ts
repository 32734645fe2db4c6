/**
 * <gs-beat-lamp .source=${gig} .beats=${session} meter="4">
 *
 * The beat, big: a disc that flashes on every beat (the downbeat, beat 1 of the
 * bar, in another colour; grey while the tracker is lost), the beat's number
 * on it, and a row of bar dots (1-2-3-4 for a meter of 4) with the current
 * beat lit.
 *
 * The flash is timed by the audio clock, not by the message: beats are
 * announced ahead (BeatSource / AudioSession.addBeatListener), wait in a
 * BeatSchedule, and light the lamp in the animation frame in which the
 * AudioContext's heard time reaches them (BeatController). Drawing runs from
 * requestAnimationFrame through the same SnapshotController the meters use,
 * which also supplies `beat.lost`.
 *
 * On the host, for tests and scripts:
 *   data-beat-count  flashes shown since the lamp last started (0 while idle)
 *   data-in-bar      beat in the bar of the last flash, 0 before the first
 *   data-lost        "1" while the tracker reports itself lost
 *
 * Properties: source (snapshot source; null = idle), beats (BeatSource; null
 * = no beats), meter (beats per bar, for the dots).
 */
import { LitElement, html, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { SnapshotController, snapshotIndex, type SnapshotSource } from '../meters/snapshot-controller';
import { CanvasSurface } from '../meters/canvas-surface';
import { BeatController } from './beat-controller';
import type { BeatSource, DueBeat } from './beat-source';
import { flashLevel, paintLamp, type LampLook } from './lamp-painter';
import { beatLampStyles } from './beat-styles';

const LOST = snapshotIndex('beat.lost');
/** More dots than this would not fit under the lamp; the table allows up to 12. */
const MAX_DOTS = 12;

@customElement('gs-beat-lamp')
export class BeatLamp extends LitElement {
  static override styles = beatLampStyles;

  @property({ attribute: false }) source: SnapshotSource | null = null;
  @property({ attribute: false }) beats: BeatSource | null = null;
  @property({ type: Number }) meter = 4;

  /** beat in the bar of the last flash (0 before the first); drives the dots */
  @state() private inBar = 0;
  @state() private lost = false;
  @state() private idle = true;

  @query('canvas') private canvas!: HTMLCanvasElement;

  private readonly snapshots = new SnapshotController(this, (s, now) => this.frame(s, now));
  private readonly beatCtl = new BeatController(this);
  private surface: CanvasSurface | null = null;
  private count = 0;
  /** performance time of the last flash, ms (NaN before the first) */
  private flashAt = Number.NaN;
  private readonly look: LampLook = { level: 0, downbeat: false, lost: false, inBar: 0, idle: true };
  /** what the canvas shows now: between flashes nothing changes, and the lamp is not redrawn */
  private readonly painted: LampLook = { level: Number.NaN, downbeat: false, lost: false, inBar: 0, idle: true };

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('role', 'img');
    this.publish();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.surface?.disconnect();
    this.surface = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('source')) this.snapshots.source = this.source;
    if (changed.has('beats')) this.beatCtl.source = this.beats;
  }

  protected override firstUpdated(): void {
    this.surface = new CanvasSurface(this.canvas, () => this.paint());
    this.paint();
  }

  protected override updated(): void {
    this.setAttribute(
      'aria-label',
      this.idle ? 'Beat lamp: stopped' : this.inBar > 0 ? `Beat ${this.inBar} of ${this.dots()}${this.lost ? ', beat lost' : ''}` : 'Beat lamp: listening',
    );
  }

  protected override render() {
    const n = this.dots();
    const shown = Math.min(this.inBar, n);
    return html`
      <canvas aria-hidden="true"></canvas>
      <div class="dots ${this.lost ? 'lost' : ''}" aria-hidden="true">
        ${Array.from({ length: n }, (_, i) => {
          const b = i + 1;
          return html`<span class="dot ${b === 1 ? 'one' : ''} ${b === shown ? 'on' : ''}"></span>`;
        })}
      </div>
    `;
  }

  private dots(): number {
    const m = Math.round(this.meter);
    return Number.isFinite(m) ? Math.min(MAX_DOTS, Math.max(1, m)) : 4;
  }

  private frame(s: Float32Array | null, now: number): void {
    if (!s) {
      // stopped: back to the idle lamp, count from zero next time
      this.count = 0;
      this.flashAt = Number.NaN;
      this.inBar = 0;
      this.lost = false;
      this.idle = true;
      this.look.idle = true;
      this.look.inBar = 0;
      this.paint();
      this.publish();
      return;
    }
    if (this.idle) this.idle = false;
    this.look.idle = false;
    const lost = s[LOST] >= 0.5;
    if (lost !== this.lost) {
      this.lost = lost;
      this.publish();
    }
    const due = this.beatCtl.take(now);
    if (due) this.flash(due, now);
    this.look.level = flashLevel(now - this.flashAt);
    this.look.lost = lost;
    if (!sameLook(this.look, this.painted)) this.paint();
  }

  private flash(b: DueBeat, now: number): void {
    this.count++;
    this.flashAt = now;
    this.inBar = b.inBar;
    this.look.inBar = b.inBar;
    this.look.downbeat = b.inBar === 1;
    this.publish();
  }

  private paint(): void {
    const sf = this.surface;
    if (!sf || !sf.ready) return;
    paintLamp(sf.g!, sf.width, sf.height, sf.dpr, this.look);
    Object.assign(this.painted, this.look);
  }

  private publish(): void {
    this.setAttribute('data-beat-count', String(this.count));
    this.setAttribute('data-in-bar', String(this.inBar));
    this.setAttribute('data-lost', this.lost ? '1' : '0');
  }
}

function sameLook(a: LampLook, b: LampLook): boolean {
  return a.level === b.level && a.downbeat === b.downbeat && a.lost === b.lost && a.inBar === b.inBar && a.idle === b.idle;
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-beat-lamp': BeatLamp;
  }
}
