/**
 * <gs-tempo-readout .source=${gig}>
 *
 * The tracked tempo, big enough to read from the back of the stage: "126.0"
 * over "BPM", with the tracker's confidence as a thin bar under it. While the
 * tracker says it is lost (`beat.lost`) the number stays, dimmed and marked
 * LOST, so the last good tempo is still there to read; before the first
 * estimate it shows "—".
 *
 * On the host (updated ~10 times a second), for tests and scripts:
 *   data-bpm         tempo, one decimal; "0" before an estimate or while idle
 *   data-confidence  0–1, two decimals
 *   data-lost        "1" while the tracker reports itself lost
 */
import { LitElement, html, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { SnapshotController, Throttle, snapshotIndex, type SnapshotSource } from '../meters/snapshot-controller';
import { srOnly } from '../meters/meter-styles';
import { tempoReadoutStyles } from './beat-styles';

const TEMPO = snapshotIndex('beat.tempo');
const CONFIDENCE = snapshotIndex('beat.confidence');
const LOST = snapshotIndex('beat.lost');
/** Text and attribute refresh period, ms: fast enough to follow, slow enough to read. */
const READOUT_MS = 100;

interface Tempo {
  bpm: number;
  confidence: number;
  lost: boolean;
}

/** data-bpm: one decimal, "0" when there is no estimate. */
export function formatBpm(bpm: number): string {
  return Number.isFinite(bpm) && bpm > 0 ? bpm.toFixed(1) : '0';
}

@customElement('gs-tempo-readout')
export class TempoReadout extends LitElement {
  static override styles = [tempoReadoutStyles, srOnly];

  @property({ attribute: false }) source: SnapshotSource | null = null;
  /** what is shown; null while idle */
  @state() private tempo: Tempo | null = null;

  private readonly snapshots = new SnapshotController(this, (s, now) => this.frame(s, now));
  private readonly textClock = new Throttle(READOUT_MS);

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('role', 'group');
    this.setAttribute('aria-label', 'Tempo');
    this.publish(null);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('source')) this.snapshots.source = this.source;
  }

  protected override render() {
    const t = this.tempo;
    const has = t !== null && t.bpm > 0;
    const cls = t === null ? 'idle' : !has ? 'waiting' : t.lost ? 'lost' : '';
    const conf = t ? Math.round(Math.min(1, Math.max(0, t.confidence)) * 100) : 0;
    return html`
      <div class="value ${cls}" aria-hidden="true">
        <span class="num">${has ? t.bpm.toFixed(1) : '\u2014'}</span>
        <span class="unit">BPM</span>
        <span class="flag">${t?.lost && has ? 'lost' : ''}</span>
      </div>
      <div class="conf ${cls}" aria-hidden="true" title="Tracker confidence">
        <span class="cap">conf</span>
        <span class="track"><span class="fill" style="transform: scaleX(${conf / 100})"></span></span>
      </div>
      <span class="sr-only">
        ${t === null
          ? 'Tempo: stopped'
          : has
            ? `Tempo ${t.bpm.toFixed(1)} BPM, confidence ${conf} percent${t.lost ? ', beat lost' : ''}`
            : 'Tempo: listening'}
      </span>
    `;
  }

  private frame(s: Float32Array | null, now: number): void {
    if (!s) {
      this.textClock.reset();
      this.publish(null);
      return;
    }
    if (!this.textClock.due(now)) return;
    this.publish({ bpm: s[TEMPO], confidence: s[CONFIDENCE], lost: s[LOST] >= 0.5 });
  }

  private publish(t: Tempo | null): void {
    this.setAttribute('data-bpm', formatBpm(t?.bpm ?? 0));
    this.setAttribute('data-confidence', (t && Number.isFinite(t.confidence) ? t.confidence : 0).toFixed(2));
    this.setAttribute('data-lost', t?.lost ? '1' : '0');
    this.tempo = t;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-tempo-readout': TempoReadout;
  }
}
