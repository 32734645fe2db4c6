/**
 * <gs-level-meter label="In" bus="in" .source=${gig}>
 *
 * Stereo peak / RMS / peak-hold meter for the engine's input or output bus,
 * scale −60 … 0 dBFS with the red zone above −1 dBFS (the limiter ceiling).
 * The bars move on a canvas at the display rate (SnapshotController, from
 * requestAnimationFrame); the numbers change ~10 times a second, in three
 * places that say the same thing:
 *   - data-peak-db / data-rms-db / data-hold-db on the host: the louder of
 *     L and R, one decimal ("-Infinity" while there is no source), for tests
 *     and for anything scripting the page. data-peak-db is the highest block
 *     peak seen since the previous update, so a transient between two updates
 *     is not missed;
 *   - a big hold readout under the bars, for the performer;
 *   - a visually hidden sentence, for screen readers (the canvas is aria-hidden).
 *
 * Properties: label (attribute), bus ('in' | 'out', attribute), source
 * (a GigscopeNode or anything with its snapshot interface; null = idle).
 */
import { LitElement, html, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { SnapshotController, Throttle, snapshotIndex, type SnapshotSource } from './snapshot-controller';
import { CanvasSurface } from './canvas-surface';
import { MeterPainter, type ChannelLevels } from './meter-painter';
import { CLIP_ZONE_DB, fallTowards, formatDb } from './meter-scale';
import { levelMeterStyles, srOnly } from './meter-styles';

export type MeterBus = 'in' | 'out';

const CHANNEL_NAMES = ['L', 'R'] as const;
const SIDES = ['l', 'r'] as const;
/** Text and attribute refresh period, ms (≈ 10 Hz). */
const READOUT_MS = 100;

/** Snapshot indices of one bus, resolved once per bus, not per frame. */
function busIndices(bus: MeterBus) {
  return SIDES.map((s) => ({
    peak: snapshotIndex(`${bus}.peak.${s}`),
    rms: snapshotIndex(`${bus}.rms.${s}`),
    hold: snapshotIndex(`${bus}.hold.${s}`),
  }));
}

interface Readout {
  peak: number;
  rms: number;
  hold: number;
}

@customElement('gs-level-meter')
export class LevelMeter extends LitElement {
  static override styles = [levelMeterStyles, srOnly];

  @property() label = '';
  @property() bus: MeterBus = 'in';
  @property({ attribute: false }) source: SnapshotSource | null = null;

  /** What the numbers show; null while idle. */
  @state() private readout: Readout | null = null;

  @query('canvas') private canvas!: HTMLCanvasElement;

  private readonly snapshots = new SnapshotController(this, (s, now) => this.frame(s, now));
  private readonly textClock = new Throttle(READOUT_MS);
  private indices = busIndices('in');
  private surface: CanvasSurface | null = null;
  private readonly painter = new MeterPainter();
  /** what each channel draws this frame (peak after display ballistics) */
  private readonly levels: ChannelLevels[] = SIDES.map(() => ({ peak: -Infinity, rms: -Infinity, hold: -Infinity }));
  /** highest raw block peak since the last readout update */
  private windowPeak = -Infinity;
  private lastFrame = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('role', 'group');
    this.publish(null);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.surface?.disconnect();
    this.surface = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('bus')) this.indices = busIndices(this.bus === 'out' ? 'out' : 'in');
    if (changed.has('label')) this.setAttribute('aria-label', `${this.label} level`);
    if (changed.has('source')) this.snapshots.source = this.source;
  }

  protected override firstUpdated(): void {
    this.surface = new CanvasSurface(this.canvas, () => this.paint());
    this.paint();
  }

  protected override render() {
    const r = this.readout;
    const cls = r === null ? 'idle' : r.hold > CLIP_ZONE_DB ? 'clip' : '';
    return html`
      <div class="label">${this.label}</div>
      <canvas aria-hidden="true"></canvas>
      <div class="readout ${cls}" aria-hidden="true">
        <span class="num">${r ? formatDb(r.hold) : '\u2014'}</span>
        <span class="unit">PEAK HOLD dBFS</span>
      </div>
      <span class="sr-only">
        ${r
          ? `${this.label} level: peak ${formatDb(r.peak)} dBFS, RMS ${formatDb(r.rms)} dBFS, hold ${formatDb(r.hold)} dBFS`
          : `${this.label} level: no signal (stopped)`}
      </span>
    `;
  }

  private frame(s: Float32Array | null, now: number): void {
    if (!s) {
      for (const l of this.levels) l.peak = l.rms = l.hold = -Infinity;
      this.windowPeak = -Infinity;
      this.lastFrame = 0;
      this.textClock.reset();
      this.paint();
      this.publish(null);
      return;
    }
    const dt = this.lastFrame ? Math.min(0.1, (now - this.lastFrame) / 1000) : 0;
    this.lastFrame = now;
    let rms = -Infinity;
    let hold = -Infinity;
    // in silence, or with the input stopped, nothing moves: an unchanged canvas is not redrawn
    let changed = false;
    for (let c = 0; c < this.levels.length; c++) {
      const ix = this.indices[c];
      const l = this.levels[c];
      const peak = s[ix.peak];
      const shown = fallTowards(l.peak, peak, dt);
      if (shown !== l.peak || s[ix.rms] !== l.rms || s[ix.hold] !== l.hold) changed = true;
      l.peak = shown;
      l.rms = s[ix.rms];
      l.hold = s[ix.hold];
      if (peak > this.windowPeak) this.windowPeak = peak;
      if (l.rms > rms) rms = l.rms;
      if (l.hold > hold) hold = l.hold;
    }
    if (changed) this.paint();
    if (this.textClock.due(now)) {
      this.publish({ peak: this.windowPeak, rms, hold });
      this.windowPeak = -Infinity;
    }
  }

  private paint(): void {
    const sf = this.surface;
    if (!sf || !sf.ready) return;
    this.painter.paint(sf.g!, sf.width, sf.height, sf.dpr, this.levels, CHANNEL_NAMES);
  }

  /** Update the attributes and the text (at most ~10 Hz; the caller throttles). */
  private publish(r: Readout | null): void {
    const fmt = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v.toFixed(1) : '-Infinity');
    this.setAttribute('data-peak-db', fmt(r?.peak));
    this.setAttribute('data-rms-db', fmt(r?.rms));
    this.setAttribute('data-hold-db', fmt(r?.hold));
    this.readout = r;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-level-meter': LevelMeter;
  }
}
