/**
 * <gs-midi-panel .midi=${midiController}>
 *
 * The MIDI view of the stage:
 *   [Enable MIDI] status                       Learn  (hint)
 *   Inputs · Outputs (live, hot-plug)          mapping list: parameter, message, port,
 *   Clock out: output, source, BPM,              range, curve, mode, delete
 *              Start · Stop · Continue
 *
 * A layout over MidiController; every action calls it, and the panel
 * re-renders when it changes. Where the browser has no Web MIDI the status
 * says so and the buttons are disabled; nothing else in the app changes.
 * Once MIDI is on, Enable stays focusable (aria-disabled), so pressing it from
 * the keyboard does not drop the focus.
 *
 * data-testid: midi-enable, midi-status, midi-inputs, midi-outputs (lists),
 * and inside <gs-midi-clock> / <gs-midi-mappings> their own (see there).
 */
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { MidiController } from './midi-controller';
import { MidiWatch } from './midi-watch';
import { midiPanelStyles } from './midi-styles';
import './clock-panel';
import './mapping-list';

/** The one line under the button: what MIDI is doing, or why not. */
export function midiStatusText(midi: MidiController): string {
  const p = midi.ports;
  switch (p.state) {
    case 'unsupported':
      return 'No Web MIDI in this browser';
    case 'off':
      return 'MIDI is off';
    case 'enabling':
      return 'Asking the browser for MIDI…';
    case 'failed':
      return `MIDI was refused${p.error ? `: ${p.error}` : ''}`;
    case 'on':
      return `${p.inputs.length} in · ${p.outputs.length} out`;
  }
}

@customElement('gs-midi-panel')
export class MidiPanel extends LitElement {
  static override styles = midiPanelStyles;

  @property({ attribute: false }) midi: MidiController | null = null;
  private readonly watch = new MidiWatch(this);

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('role', 'region');
    this.setAttribute('aria-label', 'MIDI');
  }

  protected override willUpdate(): void {
    this.watch.target = this.midi;
  }

  protected override render() {
    const midi = this.midi;
    if (!midi) return html``;
    const p = midi.ports;
    const on = p.state === 'on';
    return html`
      <div class="left">
        <div class="head">
          <button
            class="enable ${on ? 'on' : ''}"
            data-testid="midi-enable"
            aria-pressed=${on ? 'true' : 'false'}
            ?disabled=${p.state === 'unsupported'}
            aria-disabled=${p.state === 'enabling' || on ? 'true' : 'false'}
            @click=${() => {
              if (p.state !== 'enabling' && !on) void midi.enable();
            }}
          >${on ? 'MIDI on' : 'Enable MIDI'}</button>
          <span class="status ${p.state}" data-testid="midi-status" data-state=${p.state} role="status">${midiStatusText(midi)}</span>
        </div>
        <div class="devices">
          <div>
            <h3>Inputs</h3>
            <ul data-testid="midi-inputs" aria-label="MIDI inputs">${deviceItems(p.inputs, on)}</ul>
          </div>
          <div>
            <h3>Outputs</h3>
            <ul data-testid="midi-outputs" aria-label="MIDI outputs">${deviceItems(p.outputs, on)}</ul>
          </div>
        </div>
        <gs-midi-clock .midi=${midi}></gs-midi-clock>
      </div>
      <gs-midi-mappings .midi=${midi}></gs-midi-mappings>
    `;
  }
}

function deviceItems(names: readonly string[], on: boolean) {
  if (!on) return html`<li class="none">—</li>`;
  if (names.length === 0) return html`<li class="none">none connected</li>`;
  return names.map((n) => html`<li title=${n}>${n}</li>`);
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-midi-panel': MidiPanel;
  }
}
