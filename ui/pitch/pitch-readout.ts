/**
 * <gs-pitch-readout .source=${gig}>
 *
 * Key, chord and tuning in words, refreshed ~10 times a second:
 *   KEY  "E minor" with a confidence bar and the runner-up ("or G major")
 *   CHORD "Em" (Harte "E:min" in data-chord), "—" when no chord
 *   "A = 441.3 Hz" — the band's tuning reference
 * Each readout carries its data-testid (key, chord, tuning) and its value in
 * data-* attributes for tests and scripts: data-key (mir_eval spelling, "" for
 * none), data-confidence, data-chord (Harte, "N" for none), data-hz.
 */
import { LitElement, html, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { SnapshotController, Throttle, snapshotIndex, type SnapshotSource } from '../meters/snapshot-controller';
import { srOnly } from '../meters/meter-styles';
import { keyName, chordName, chordLabel } from '../../host/music-names';
import { pitchReadoutStyles } from './pitch-styles';

const KEY = snapshotIndex('key.index');
const KEY_CONFIDENCE = snapshotIndex('key.confidence');
const KEY_SECOND = snapshotIndex('key.second');
const CHORD = snapshotIndex('chord.index');
const TUNING = snapshotIndex('tuning.ref');

interface Pitch {
  key: string | null;
  confidence: number;
  second: string | null;
  chord: number;
  hz: number;
}

/** "A = 441.3 Hz" */
export function formatTuning(hz: number): string {
  return `A = ${(Number.isFinite(hz) && hz > 0 ? hz : 440).toFixed(1)} Hz`;
}

@customElement('gs-pitch-readout')
export class PitchReadout extends LitElement {
  static override styles = [pitchReadoutStyles, srOnly];

  @property({ attribute: false }) source: SnapshotSource | null = null;
  @state() private pitch: Pitch | null = null;
  private readonly snapshots = new SnapshotController(this, (s, now) => this.frame(s, now));
  private readonly textClock = new Throttle(100);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('source')) this.snapshots.source = this.source;
  }

  protected override render() {
    const p = this.pitch;
    const conf = p ? Math.round(Math.min(1, Math.max(0, p.confidence)) * 100) : 0;
    const chord = p ? chordName(p.chord) : 'N';
    return html`
      <div class="key" data-testid="key" data-key=${p?.key ?? ''} data-confidence=${(p?.confidence ?? 0).toFixed(2)} data-second=${p?.second ?? ''}>
        <span class="cap">Key</span>
        <span class="big ${p?.key ? '' : 'idle'}">${p?.key ?? '\u2014'}</span>
        <span class="conf" title="Key confidence"><span style="width: ${conf}%"></span></span>
        <span class="second">${p?.second ? `or ${p.second}` : '\u00a0'}</span>
      </div>
      <div class="chord" data-testid="chord" data-chord=${chord}>
        <span class="cap">Chord</span>
        <span class="big ${chord === 'N' ? 'idle' : ''}">${p ? chordLabel(p.chord) : '\u2014'}</span>
        <span class="tuning" data-testid="tuning" data-hz=${p ? p.hz.toFixed(1) : ''}>${p ? formatTuning(p.hz) : 'A = \u2014'}</span>
      </div>
      <span class="sr-only" aria-live="polite">${p?.key ? `Key ${p.key}, confidence ${conf} percent` : 'Key: listening'}</span>
    `;
  }

  private frame(s: Float32Array | null, now: number): void {
    if (!s) {
      this.textClock.reset();
      this.pitch = null;
      return;
    }
    if (!this.textClock.due(now)) return;
    this.pitch = { key: keyName(s[KEY]), confidence: s[KEY_CONFIDENCE], second: keyName(s[KEY_SECOND]), chord: s[CHORD], hz: s[TUNING] };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-pitch-readout': PitchReadout;
  }
}
