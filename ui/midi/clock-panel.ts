/**
 * <gs-midi-clock .midi=${midiController}>: the clock-out controls.
 *
 *   Output [select]        the port that gets the clock ('' = none)
 *   Tempo  [Tracked|Fixed] [120] BPM
 *   [Start] [Stop] [Continue]
 *   state line: running at … BPM / waiting for the beat / stopped
 *
 * data-testid: clock-output, clock-tracked, clock-fixed, clock-bpm,
 * clock-start, clock-stop, clock-continue, clock-state (data-running,
 * data-bpm on it).
 *
 * Stop and Continue say they do nothing with aria-disabled rather than
 * `disabled`: a disabled button drops the focus, and a performer who pressed
 * Stop from the keyboard would lose their place on the page.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { MidiController } from './midi-controller';
import { FIXED_MAX_BPM, FIXED_MIN_BPM } from './midi-clock';
import { MidiWatch } from './midi-watch';
import { clockStyles } from './midi-styles';

@customElement('gs-midi-clock')
export class ClockPanel extends LitElement {
  static override styles = clockStyles;

  @property({ attribute: false }) midi: MidiController | null = null;
  private readonly watch = new MidiWatch(this);

  protected override willUpdate(): void {
    this.watch.target = this.midi;
  }

  protected override render() {
    const midi = this.midi;
    if (!midi) return nothing;
    const c = midi.clock;
    const outputs = midi.ports.outputs;
    const missing = c.outputName && !outputs.includes(c.outputName);
    const fixed = c.source === 'fixed';
    const tempo = c.tempo;
    const state = !c.running ? 'Stopped' : c.waiting ? 'Waiting for the beat…' : `Running · ${tempo.toFixed(1)} BPM`;
    return html`
      <h3>Clock out</h3>
      <div class="row">
        <select data-testid="clock-output" aria-label="Clock output" @change=${this.onOutput}>
          <option value="" ?selected=${!c.outputName}>No clock output</option>
          ${outputs.map((n) => html`<option value=${n} ?selected=${n === c.outputName}>${n}</option>`)}
          ${missing ? html`<option value=${c.outputName} selected>${c.outputName} (not connected)</option>` : nothing}
        </select>
      </div>
      <div class="row">
        <div class="seg" role="radiogroup" aria-label="Clock tempo">
          <button role="radio" data-testid="clock-tracked" aria-checked=${fixed ? 'false' : 'true'} aria-pressed=${fixed ? 'false' : 'true'}
            title="Follow the tracked (or tapped) beat" @click=${() => midi.setClockSource('tracked')}>Tracked</button>
          <button role="radio" data-testid="clock-fixed" aria-checked=${fixed ? 'true' : 'false'} aria-pressed=${fixed ? 'true' : 'false'}
            title="Run at a fixed tempo" @click=${() => midi.setClockSource('fixed')}>Fixed</button>
        </div>
        <input type="number" data-testid="clock-bpm" aria-label="Fixed tempo, BPM" min=${FIXED_MIN_BPM} max=${FIXED_MAX_BPM} step="0.1"
          .value=${String(c.bpm)} ?disabled=${!fixed} @change=${this.onBpm} />
        <span class="unit">BPM</span>
      </div>
      <div class="row transport">
        <button class="run" data-testid="clock-start" aria-pressed=${c.running ? 'true' : 'false'} @click=${() => c.start()}>Start</button>
        <button data-testid="clock-stop" aria-disabled=${c.running ? 'false' : 'true'} @click=${() => c.running && c.stop()}>Stop</button>
        <button data-testid="clock-continue" aria-disabled=${c.running ? 'true' : 'false'} @click=${() => !c.running && c.continue()}>Continue</button>
      </div>
      <div class="state" data-testid="clock-state" data-running=${c.running ? '1' : '0'} data-bpm=${Number.isFinite(tempo) ? tempo.toFixed(2) : '0'} role="status">
        ${state}${c.outputName ? '' : ' · no output chosen'}
      </div>
    `;
  }

  private onOutput = (e: Event): void => {
    this.midi?.setClockOutput((e.target as HTMLSelectElement).value);
  };

  private onBpm = (e: Event): void => {
    const v = Number((e.target as HTMLInputElement).value);
    if (Number.isFinite(v) && v > 0) this.midi?.setClockSource('fixed', v);
    else this.requestUpdate();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-midi-clock': ClockPanel;
  }
}
