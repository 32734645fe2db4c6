/**
 * <gs-beat-panel .source=${gig} .beats=${session} .values=${values} ?running=${…}>
 *
 * The beat section of the stage:
 *   tempo readout (data-testid tempo)      beat lamp + bar dots (data-testid beat)
 *   Tap · Lock                             (tap, lock)
 *   ÷2 · ×2 · Re-sync                      (half, double, resync)
 *   min tempo · max tempo · meter          (beat-min, beat-max, beat-meter)
 *
 * A layout, nothing more: every control is a table-driven parameter control
 * that reports with `param-change`, which bubbles out of this panel to the
 * app (the triggers send value 1; the session fires them and keeps nothing).
 * The readout and the lamp read the engine themselves.
 *
 * Properties
 *   source   the snapshot source (GigscopeNode); null while stopped
 *   beats    the BeatSource (the AudioSession while running); null while stopped
 *   values   the current parameter values by id (lock, tempo range, meter)
 *   running  triggers only do something while the engine runs; otherwise disabled
 */
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SnapshotSource } from '../meters/snapshot-controller';
import type { BeatSource } from './beat-source';
import { beatPanelStyles } from './beat-styles';
import '../controls/param-knob';
import '../controls/param-toggle';
import '../controls/param-trigger';
import './tempo-readout';
import './beat-lamp';

@customElement('gs-beat-panel')
export class BeatPanel extends LitElement {
  static override styles = beatPanelStyles;

  @property({ attribute: false }) source: SnapshotSource | null = null;
  @property({ attribute: false }) beats: BeatSource | null = null;
  @property({ attribute: false }) values: Readonly<Record<string, number>> = {};
  @property({ type: Boolean }) running = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('role', 'region');
    this.setAttribute('aria-label', 'Beat');
  }

  protected override render() {
    const v = this.values;
    const idle = !this.running;
    return html`
      <h2>Beat</h2>
      <div class="top">
        <gs-tempo-readout data-testid="tempo" .source=${this.source}></gs-tempo-readout>
        <gs-beat-lamp data-testid="beat" .source=${this.source} .beats=${this.beats} .meter=${v['beat.meter'] ?? 4}></gs-beat-lamp>
      </div>
      <div class="buttons">
        <gs-param-trigger class="tap" data-testid="tap" param="beat.tap" fire-on="press" ?disabled=${idle}></gs-param-trigger>
        <gs-param-toggle class="lock" data-testid="lock" param="beat.lock" .value=${v['beat.lock']}></gs-param-toggle>
        <gs-param-trigger class="half" data-testid="half" param="beat.half" ?disabled=${idle}></gs-param-trigger>
        <gs-param-trigger class="double" data-testid="double" param="beat.double" ?disabled=${idle}></gs-param-trigger>
        <gs-param-trigger class="resync" data-testid="resync" param="beat.resync" ?disabled=${idle}></gs-param-trigger>
      </div>
      <div class="range">
        <gs-param-knob data-testid="beat-min" param="beat.min" .value=${v['beat.min']}></gs-param-knob>
        <gs-param-knob data-testid="beat-max" param="beat.max" .value=${v['beat.max']}></gs-param-knob>
        <gs-param-knob data-testid="beat-meter" param="beat.meter" .value=${v['beat.meter']}></gs-param-knob>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-beat-panel': BeatPanel;
  }
}
