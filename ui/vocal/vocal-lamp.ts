/**
 * <gs-vocal-lamp .source=${gig}>
 *
 * The singing detector on the stage: a lamp lit while the engine says a voice
 * is singing (vocal.active), the probability as a percentage, and the last
 * 30 s as a scrolling timeline (lit stretches shaded, the probability as a
 * line) — where the singer came in late is there to see after the phrase.
 * The lamp and timeline move at the display rate from the snapshot; the text
 * and the host's attributes ~10 times a second:
 *   data-active       "1" while lit
 *   data-probability  0–1, two decimals
 */
import { LitElement, html, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { SnapshotController, Throttle, snapshotIndex, type SnapshotSource } from '../meters/snapshot-controller';
import { CanvasSurface } from '../meters/canvas-surface';
import { srOnly } from '../meters/meter-styles';
import { CANVAS_COLORS as C } from '../theme';
import { VocalTimeline } from './vocal-timeline';
import { vocalLampStyles } from './vocal-styles';

const PROBABILITY = snapshotIndex('vocal.probability');
const ACTIVE = snapshotIndex('vocal.active');
const COLORS = { well: C.well, grid: C.grid, lit: '#0f4a5e', line: '#38d0ff' };

@customElement('gs-vocal-lamp')
export class VocalLamp extends LitElement {
  static override styles = [vocalLampStyles, srOnly];

  @property({ attribute: false }) source: SnapshotSource | null = null;
  @state() private shown: { p: number; active: boolean } | null = null;
  @query('canvas') private canvas!: HTMLCanvasElement;
  private readonly snapshots = new SnapshotController(this, (s, now) => this.frame(s, now));
  private readonly textClock = new Throttle(100);
  private paintedChanges = -1;
  private readonly timeline = new VocalTimeline();
  private surface: CanvasSurface | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('role', 'group');
    this.setAttribute('aria-label', 'Vocal');
    this.publish(null);
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
    const v = this.shown;
    return html`
      <span class="lamp" aria-hidden="true"></span>
      <span class="text" aria-hidden="true"><span class="cap">Voice</span><span class="pct">${v ? `${Math.round(v.p * 100)} %` : '\u2014'}</span></span>
      <span class="timeline" aria-hidden="true" title="The last 30 s"><canvas></canvas></span>
      <span class="sr-only" aria-live="polite">${v === null ? 'Voice: stopped' : v.active ? 'Voice: singing' : 'Voice: none'}</span>
    `;
  }

  private frame(s: Float32Array | null, now: number): void {
    if (!s) {
      this.timeline.clear();
      this.textClock.reset();
      this.publish(null);
      this.paint();
      return;
    }
    const p = s[PROBABILITY];
    const active = s[ACTIVE] >= 0.5;
    this.timeline.push(now, p, active);
    // the timeline moves one column per 100 ms: between, an unchanged canvas costs nothing
    if (this.timeline.changes !== this.paintedChanges) this.paint();
    if (this.textClock.due(now)) this.publish({ p: Number.isFinite(p) ? p : 0, active });
  }

  private publish(v: { p: number; active: boolean } | null): void {
    this.setAttribute('data-active', v?.active ? '1' : '0');
    this.setAttribute('data-probability', (v?.p ?? 0).toFixed(2));
    this.shown = v;
  }

  private paint(): void {
    const sf = this.surface;
    if (!sf || !sf.ready) return;
    const g = sf.g!;
    g.setTransform(sf.dpr, 0, 0, sf.dpr, 0, 0);
    this.timeline.paint(g, sf.width, sf.height, COLORS);
    this.paintedChanges = this.timeline.changes;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-vocal-lamp': VocalLamp;
  }
}
