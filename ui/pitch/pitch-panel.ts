/**
 * <gs-pitch-panel .source=${gig} .values=${values} ?running=${…}>
 *
 * The pitch section of the stage (no heading: the readouts name themselves, and
 * a 600-px-tall tablet has no line to spare): key and chord (big), the tuning reference,
 * the chroma bars, the vocal lamp with its 30 s timeline, and the two
 * controls — lock the tuning, reset the key (a new song). A layout only: the readouts read the engine themselves, and the
 * controls report with `param-change` like every other control.
 */
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SnapshotSource } from '../meters/snapshot-controller';
import { pitchPanelStyles } from './pitch-styles';
import '../controls/param-toggle';
import '../controls/param-trigger';
import './pitch-readout';
import './chroma-view';
import '../vocal/vocal-lamp';

@customElement('gs-pitch-panel')
export class PitchPanel extends LitElement {
  static override styles = pitchPanelStyles;

  @property({ attribute: false }) source: SnapshotSource | null = null;
  @property({ attribute: false }) values: Readonly<Record<string, number>> = {};
  @property({ type: Boolean }) running = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('role', 'region');
    this.setAttribute('aria-label', 'Key, chord and voice');
  }

  protected override render() {
    return html`
      <gs-pitch-readout .source=${this.source}></gs-pitch-readout>
      <gs-chroma-view data-testid="chroma" .source=${this.source}></gs-chroma-view>
      <gs-vocal-lamp data-testid="vocal" .source=${this.source}></gs-vocal-lamp>
      <div class="controls">
        <gs-param-toggle data-testid="tuning-lock" param="tuning.lock" .value=${this.values['tuning.lock']}></gs-param-toggle>
        <gs-param-trigger data-testid="key-reset" param="key.reset" ?disabled=${!this.running}></gs-param-trigger>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-pitch-panel': PitchPanel;
  }
}
