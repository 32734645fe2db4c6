/**
 * <gs-chroma-view .source=${gig}>
 *
 * The chroma of what is sounding now, as 12 bars from C to B, drawn on a
 * canvas every display frame from the engine's snapshot (chroma.0 … 11, the
 * strongest class at 1). The bars fall at most FALL_PER_S so a note's end is
 * seen, not a flicker. On the host, ~10 times a second: data-top, the
 * strongest pitch class's name ("" when nothing pitched sounds).
 */
import { LitElement, html, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { SnapshotController, Throttle, snapshotIndex, type SnapshotSource } from '../meters/snapshot-controller';
import { CanvasSurface } from '../meters/canvas-surface';
import { PITCH_CLASSES } from '../../host/music-names';
import { paintChroma } from './chroma-painter';
import { chromaViewStyles } from './pitch-styles';

const CHROMA_0 = snapshotIndex('chroma.0');
const KEY = snapshotIndex('key.index');
const FALL_PER_S = 4;

@customElement('gs-chroma-view')
export class ChromaView extends LitElement {
  static override styles = chromaViewStyles;

  @property({ attribute: false }) source: SnapshotSource | null = null;
  @query('canvas') private canvas!: HTMLCanvasElement;
  private readonly snapshots = new SnapshotController(this, (s, now) => this.frame(s, now));
  private readonly textClock = new Throttle(100);
  private surface: CanvasSurface | null = null;
  private readonly bars = new Float32Array(12);
  private key = -1;
  private lastFrame = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('role', 'img');
    this.setAttribute('aria-label', 'Chroma: which notes sound');
    this.setAttribute('data-top', '');
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
    return html`<canvas aria-hidden="true"></canvas>`;
  }

  private frame(s: Float32Array | null, now: number): void {
    if (!s) {
      this.bars.fill(0);
      this.key = -1;
      this.lastFrame = 0;
      this.setAttribute('data-top', '');
      this.paint();
      return;
    }
    const dt = this.lastFrame ? Math.min(0.1, (now - this.lastFrame) / 1000) : 0;
    this.lastFrame = now;
    let top = -1;
    let topValue = 0;
    // the analysis moves ~20 times a second and the bars settle between: repaint only on a change
    let changed = s[KEY] !== this.key;
    for (let i = 0; i < 12; i++) {
      const v = s[CHROMA_0 + i];
      const target = Number.isFinite(v) ? Math.max(0, v) : 0;
      // rounded as the Float32Array stores it, so an unchanged bar compares equal
      const bar = Math.fround(target >= this.bars[i] ? target : Math.max(target, this.bars[i] - FALL_PER_S * dt));
      if (bar !== this.bars[i]) changed = true;
      this.bars[i] = bar;
      if (target > topValue) {
        topValue = target;
        top = i;
      }
    }
    this.key = s[KEY];
    if (changed) this.paint();
    if (this.textClock.due(now)) this.setAttribute('data-top', top >= 0 ? PITCH_CLASSES[top] : '');
  }

  private paint(): void {
    const sf = this.surface;
    if (!sf || !sf.ready) return;
    const g = sf.g!;
    g.setTransform(sf.dpr, 0, 0, sf.dpr, 0, 0);
    paintChroma(g, sf.width, sf.height, this.bars, this.key);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-chroma-view': ChromaView;
  }
}
