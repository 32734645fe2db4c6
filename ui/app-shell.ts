/**
 * <gigscope-app>: the stage page.
 *
 *   header   title · input picker · preset picker · Start/Stop
 *   status   what the audio is doing (or why it is not) · warnings · latency
 *   main     input meter │ beat (tempo, lamp, tap/lock/×2/÷2/re-sync, range) │ output (gain, bypass, GR, latency) │ output meter
 *
 * A thin shell: the audio lives in AudioSession (ui/audio/session.ts), which
 * also keeps the parameter values, so a knob turned while stopped is what the
 * engine starts with. Controls report moves with `param-change`, caught here
 * once for the whole page and handed to the session; the controls then get
 * their value back from the session on the next render, so the knob, the
 * preset picker and the engine can never disagree.
 *
 * data-testid names are a contract with the browser tests: input-select,
 * start, status, warnings, degraded, latency, meter-in, meter-out,
 * master-gain, bypass, limiter-gr, preset; and in the beat panel (see
 * ui/beat/beat-panel.ts) tempo, beat, tap, lock, double, half, resync,
 * beat-min, beat-max, beat-meter.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { PARAMS } from '../params/table';
import { FACTORY_PRESETS } from '../presets/factory';
import { presetState, type Preset } from '../presets/preset';
import { AudioSession } from './audio/session';
import { SessionController } from './audio/session-controller';
import { latencyBreakdown } from './audio/report';
import type { ParamChangeEvent } from './controls/param-change';
import { appStyles } from './app-styles';
import './controls/param-knob';
import './controls/param-toggle';
import './meters/level-meter';
import './meters/gain-reduction';
import './beat/beat-panel';

/** The factory preset whose full state equals `values`, if any (triggers are actions, in neither). */
function matchingPreset(values: Record<string, number>): Preset | undefined {
  return FACTORY_PRESETS.find((p) => {
    const state = presetState(p);
    return PARAMS.every((q) => q.scaling === 'trigger' || state[q.id] === values[q.id]);
  });
}

@customElement('gigscope-app')
export class GigscopeApp extends LitElement {
  static override styles = appStyles;

  private readonly session = new AudioSession();
  private readonly sessionCtl = new SessionController(this, this.session);

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // leaving the page (or a test unmounting it) must not leave audio running
    void this.session.stop();
  }

  protected override render() {
    const s = this.session;
    const running = s.state === 'running';
    const busy = s.state === 'starting';
    const gig = s.gig;
    const latency = s.latency();
    const preset = matchingPreset(s.values);
    return html`
      <header>
        <div class="brand">
          <h1>gigscope</h1>
          <span class="tag">live effects · analysis</span>
        </div>
        <label class="field">
          <span>Input</span>
          <select data-testid="input-select" .value=${s.input} ?disabled=${busy} @change=${this.onInput}>
            ${s.inputs.map((o) => html`<option value=${o.value} ?selected=${o.value === s.input}>${o.label}</option>`)}
          </select>
        </label>
        <label class="field">
          <span>Preset</span>
          <select data-testid="preset" .value=${preset?.name ?? ''} @change=${this.onPreset}>
            ${preset ? nothing : html`<option value="" disabled selected>Custom</option>`}
            ${FACTORY_PRESETS.map((p) => html`<option value=${p.name} ?selected=${p === preset} title=${p.description ?? ''}>${p.name}</option>`)}
          </select>
        </label>
        <button
          data-testid="start"
          class="start ${running || busy ? 'on' : ''}"
          aria-pressed=${running || busy ? 'true' : 'false'}
          aria-busy=${busy ? 'true' : 'false'}
          @click=${this.onStart}
        >${running || busy ? 'Stop' : 'Start'}</button>
      </header>

      <section class="statusbar">
        <div class="status ${s.status.kind}" data-testid="status" role="status" aria-live="polite">${s.status.text}</div>
        ${s.warnings.length
          ? html`<div class="warnings" data-testid="warnings" role="alert">${s.warnings.join(' · ')}</div>`
          : nothing}
        ${s.degraded
          ? html`<div class="degraded" data-testid="degraded" role="alert">
              Degraded mode: this browser has no AudioWorklet, so the engine runs on the main thread — more latency, and it may glitch
              when the page is busy.
            </div>`
          : nothing}
      </section>

      <main @param-change=${this.onParamChange}>
        <gs-level-meter class="meter" data-testid="meter-in" label="In" bus="in" .source=${gig}></gs-level-meter>

        <gs-beat-panel class="card beat" .source=${gig} .beats=${running ? s : null} .values=${{ ...s.values }} ?running=${running}></gs-beat-panel>

        <div class="side">
          <section class="card master" aria-label="Output">
            <h2>Output</h2>
            <div class="master-row">
              <gs-param-knob data-testid="master-gain" param="master.gain" .value=${s.values['master.gain']}></gs-param-knob>
              <gs-param-toggle data-testid="bypass" param="master.bypass" .value=${s.values['master.bypass']}></gs-param-toggle>
            </div>
            <gs-gain-reduction data-testid="limiter-gr" .source=${gig}></gs-gain-reduction>
          </section>

          <section class="card latency-card" aria-label="Latency">
            <h2>Latency</h2>
            <div class="latency" data-testid="latency">${latency
              ? html`<span class="cap">Output latency</span> <span class="big">${latency.totalMs.toFixed(1)} ms</span> <span class="detail">${latencyBreakdown(latency)}</span>`
              : html`<span class="cap">Output latency</span> <span class="big idle">—</span> <span class="detail">(measured while running)</span>`}</div>
          </section>
        </div>

        <gs-level-meter class="meter" data-testid="meter-out" label="Out" bus="out" .source=${gig}></gs-level-meter>
      </main>
    `;
  }

  /** Start/Stop. Calls the session synchronously so the AudioContext is made inside this click's gesture. */
  private onStart = (): void => {
    void this.session.toggle();
  };

  private onInput = (e: Event): void => {
    void this.session.selectInput((e.target as HTMLSelectElement).value);
  };

  private onPreset = (e: Event): void => {
    const name = (e.target as HTMLSelectElement).value;
    const preset = FACTORY_PRESETS.find((p) => p.name === name);
    if (preset) this.session.setAll(presetState(preset));
  };

  private onParamChange = (e: ParamChangeEvent): void => {
    this.session.setParam(e.detail.id, e.detail.value);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'gigscope-app': GigscopeApp;
  }
}
