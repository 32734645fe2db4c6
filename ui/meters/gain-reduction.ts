/**
 * <gs-gain-reduction .source=${gig}>
 * <gs-gain-reduction .source=${gig} field="comp.gr" label="Comp" range="24">
 *
 * How hard a dynamics stage is working: a gain-reduction snapshot field (dB ≤
 * 0; the safety limiter's `limiter.gr` by default, or the gate's `gate.gr`,
 * the compressor's `comp.gr`) as a bar growing leftwards from 0 over a
 * 0 … −range dB scale (ticks every quarter), and the number. The number is the
 * deepest reduction of the last ~100 ms (or what the releasing bar still
 * shows, if more), and it is also on the host as `data-gr-db` (one decimal;
 * "0.0" while idle). On the limiter any reduction at all means the output
 * would have clipped: useful to see at a glance.
 *
 * Properties / attributes
 *   source  the snapshot source (GigscopeNode); null while stopped
 *   field   snapshot field id (attribute), default 'limiter.gr'
 *   label   what is reducing, shown before "GR dB" (attribute), default 'Limiter'
 *   range   dB of reduction at the bar's left end (attribute), default 12
 */
import { LitElement, html, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { SnapshotController, Throttle, snapshotIndex, type SnapshotSource } from './snapshot-controller';
import type { SnapshotId } from '../../params/table';
import { CanvasSurface } from './canvas-surface';
import { gainReductionStyles, srOnly } from './meter-styles';
import { CANVAS_COLORS as C } from '../theme';

/** Bottom of the bar's scale by default, dB of reduction; deeper reduction pins the bar. */
const GR_RANGE_DB = 12;
/** The drawn bar releases at this rate so single-block grabs stay visible. */
const RELEASE_DB_PER_S = 20;
/** Below this much reduction the readout counts as "not limiting" (float noise, not action). */
const ACTIVE_DB = 0.05;

@customElement('gs-gain-reduction')
export class GainReduction extends LitElement {
  static override styles = [gainReductionStyles, srOnly];

  @property({ attribute: false }) source: SnapshotSource | null = null;
  @property() field: SnapshotId = 'limiter.gr';
  @property() label = 'Limiter';
  @property({ type: Number }) range = GR_RANGE_DB;
  @state() private shownDb: number | null = null;

  @query('canvas') private canvas!: HTMLCanvasElement;
  private readonly snapshots = new SnapshotController(this, (s, now) => this.frame(s, now));
  private readonly textClock = new Throttle(100);
  private surface: CanvasSurface | null = null;
  /** drawn reduction, dB ≥ 0 (a positive depth is easier to reason about than a negative gain) */
  private depth = 0;
  private windowDepth = 0;
  private lastFrame = 0;
  /** snapshot index of `field`, resolved when the field is set rather than per frame */
  private index = snapshotIndex('limiter.gr');

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('data-gr-db', '0.0');
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.surface?.disconnect();
    this.surface = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('field')) {
      this.index = snapshotIndex(this.field);
      // another stage now: nothing of the previous one's reduction may linger in the bar or the number
      this.depth = this.windowDepth = 0;
      this.textClock.reset();
    }
    if (changed.has('range')) this.paint();
    if (changed.has('source')) this.snapshots.source = this.source;
  }

  protected override firstUpdated(): void {
    this.surface = new CanvasSurface(this.canvas, () => this.paint());
    this.paint();
  }

  protected override render() {
    const d = this.shownDb;
    const cls = d === null ? 'idle' : d > ACTIVE_DB ? 'active' : '';
    const text = d === null ? '\u2014' : d > ACTIVE_DB ? `\u2212${d.toFixed(1)}` : '0.0';
    return html`
      <span class="label" aria-hidden="true">${this.label}<br />GR dB</span>
      <canvas aria-hidden="true"></canvas>
      <span class="num ${cls}" aria-hidden="true">${text}</span>
      <span class="sr-only">${this.label} gain reduction ${d === null ? 'idle' : `${text} dB`}</span>
    `;
  }

  private frame(s: Float32Array | null, now: number): void {
    if (!s) {
      this.depth = this.windowDepth = 0;
      this.lastFrame = 0;
      this.textClock.reset();
      this.shownDb = null;
      this.setAttribute('data-gr-db', '0.0');
      this.paint();
      return;
    }
    const dt = this.lastFrame ? Math.min(0.1, (now - this.lastFrame) / 1000) : 0;
    this.lastFrame = now;
    const gr = s[this.index];
    const depth = Number.isFinite(gr) ? Math.max(0, -gr) : 0;
    const shown = this.depth;
    this.depth = depth >= this.depth ? depth : Math.max(depth, this.depth - RELEASE_DB_PER_S * dt);
    this.windowDepth = Math.max(this.windowDepth, depth);
    // mostly the limiter is idle: a bar that has not moved is not redrawn
    if (this.depth !== shown) this.paint();
    if (this.textClock.due(now)) {
      // the number never says less than the bar shows, so the two cannot disagree mid-release
      const shown = Math.max(this.windowDepth, this.depth);
      this.shownDb = shown;
      this.setAttribute('data-gr-db', (-shown).toFixed(1).replace('-0.0', '0.0'));
      this.windowDepth = 0;
    }
  }

  private paint(): void {
    const sf = this.surface;
    if (!sf || !sf.ready) return;
    const g = sf.g!;
    const { width: w, height: h } = sf;
    g.setTransform(sf.dpr, 0, 0, sf.dpr, 0, 0);
    g.clearRect(0, 0, w, h);
    g.fillStyle = C.well;
    g.fillRect(0, 0, w, h);
    const range = this.range > 0 ? this.range : GR_RANGE_DB;
    // ticks every quarter of the scale (every 3 dB on the limiter's 12)
    g.fillStyle = C.grid;
    for (let q = 1; q < 4; q++) g.fillRect(Math.round(w - (q / 4) * w), 0, 1, h);
    const bar = (Math.min(this.depth, range) / range) * w;
    if (bar > 0.5) {
      g.fillStyle = C.warn;
      g.fillRect(w - bar, 3, bar, h - 6);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-gain-reduction': GainReduction;
  }
}
