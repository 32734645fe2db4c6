/**
 * <gs-gain-reduction .source=${gig}>
 *
 * How hard the safety limiter is working (snapshot field `limiter.gr`, dB ≤ 0):
 * a bar growing leftwards from 0 over a 0 … −12 dB scale, and the number. The
 * number is the deepest reduction of the last ~100 ms (or what the releasing
 * bar still shows, if more), and it is also on the host as `data-gr-db` (one
 * decimal; "0.0" while idle). Any reduction at all means the output would
 * have clipped: useful to see at a glance.
 */
import { LitElement, html, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { SnapshotController, Throttle, snapshotIndex, type SnapshotSource } from './snapshot-controller';
import { CanvasSurface } from './canvas-surface';
import { gainReductionStyles, srOnly } from './meter-styles';
import { CANVAS_COLORS as C } from '../theme';

const GR = snapshotIndex('limiter.gr');
/** Bottom of the bar's scale, dB of reduction; deeper reduction pins the bar. */
const GR_RANGE_DB = 12;
/** The drawn bar releases at this rate so single-block grabs stay visible. */
const RELEASE_DB_PER_S = 20;
/** Below this much reduction the readout counts as "not limiting" (float noise, not action). */
const ACTIVE_DB = 0.05;

@customElement('gs-gain-reduction')
export class GainReduction extends LitElement {
  static override styles = [gainReductionStyles, srOnly];

  @property({ attribute: false }) source: SnapshotSource | null = null;
  @state() private shownDb: number | null = null;

  @query('canvas') private canvas!: HTMLCanvasElement;
  private readonly snapshots = new SnapshotController(this, (s, now) => this.frame(s, now));
  private readonly textClock = new Throttle(100);
  private surface: CanvasSurface | null = null;
  /** drawn reduction, dB ≥ 0 (a positive depth is easier to reason about than a negative gain) */
  private depth = 0;
  private windowDepth = 0;
  private lastFrame = 0;

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
      <span class="label" aria-hidden="true">Limiter<br />GR dB</span>
      <canvas aria-hidden="true"></canvas>
      <span class="num ${cls}" aria-hidden="true">${text}</span>
      <span class="sr-only">Limiter gain reduction ${d === null ? 'idle' : `${text} dB`}</span>
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
    const depth = Number.isFinite(s[GR]) ? Math.max(0, -s[GR]) : 0;
    this.depth = depth >= this.depth ? depth : Math.max(depth, this.depth - RELEASE_DB_PER_S * dt);
    this.windowDepth = Math.max(this.windowDepth, depth);
    this.paint();
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
    // ticks every 3 dB
    g.fillStyle = C.grid;
    for (let db = 3; db < GR_RANGE_DB; db += 3) g.fillRect(Math.round(w - (db / GR_RANGE_DB) * w), 0, 1, h);
    const bar = (Math.min(this.depth, GR_RANGE_DB) / GR_RANGE_DB) * w;
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
