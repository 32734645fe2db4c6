/**
 * <gigscope-app>: the stage page.
 *
 *   header   title · input picker · presets (picker, Save, ⋯ export/import/delete, A|B) · Start/Stop
 *   status   what the audio is doing (or why it is not) · warnings · latency
 *   main     input meter │ centre view                                                        │ output meter
 *                         │   Main: beat (tempo, lamp, tap/lock/×2/÷2/re-sync, range) │ output  │
 *                         │         (gain, bypass, GR, latency)                                 │
 *                         │   or one effect's panel (Gate, Comp, EQ, Delay, Reverb)             │
 *                         │ [Main] [● Gate] [● Comp] [● EQ] [● Delay] [● Reverb]  view tabs     │
 *
 * Effects: one tab per effect of the parameter table, each with a lamp lit
 * while that effect is in, so the running chain is visible from any view and
 * any effect is one tap away; its panel (ui/effects/effect-panel.ts) puts the
 * on switch first. The meters stay on both sides in every view: a musician
 * turning a reverb up sees the output move. The view is page state only; the
 * values live in the session like every other parameter.
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
 * master-gain, bypass, limiter-gr, restart (shown after an engine failure), preset (and the preset bar's own, see
 * ui/presets/preset-bar.ts); and in the beat panel (see
 * ui/beat/beat-panel.ts) tempo, beat, tap, lock, double, half, resync,
 * beat-min, beat-max, beat-meter; the view tabs tab-main, tab-<group>; the
 * effect panels fx-<group> (fx-gate, fx-comp, fx-eq, fx-delay, fx-reverb)
 * with gate-gr and comp-gr, the reverb's ir-file and ir-status; every
 * parameter control has data-param="<id>"; the MIDI view tab-midi and
 * midi-panel (its own ids: ui/midi/midi-panel.ts), and midi-learn-bar.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { UserPresetStore, browserStorage } from '../presets/user-store';
import { PresetManager } from './presets/preset-manager';
import { AudioSession, CONVOLUTION } from './audio/session';
import { SessionController } from './audio/session-controller';
import { latencyBreakdown } from './audio/report';
import type { ParamChangeEvent } from './controls/param-change';
import { effectGroups, effectLayout } from './effects/effect-layout';
import type { ViewSelectEvent, ViewTab } from './effects/view-tabs';
import type { ImpulseFileEvent } from './effects/impulse-loader';
import { appStyles } from './app-styles';
import './controls/param-knob';
import './controls/param-toggle';
import './meters/level-meter';
import './meters/gain-reduction';
import './beat/beat-panel';
import './pitch/pitch-panel';
import './effects/effect-panel';
import './effects/impulse-loader';
import './effects/view-tabs';
import './presets/preset-bar';
import { MidiController } from './midi/midi-controller';
import './midi/midi-panel';
import './midi/learn-bar';

/** The centre view: 'main' (beat and output) or an effect's group. */
const MAIN_VIEW = 'main';
/** The MIDI view: devices, learn and mappings, clock out (ui/midi/). */
const MIDI_VIEW = 'midi';
/** The effects, in chain order, as the table defines them. */
const EFFECTS = effectGroups().map((g) => effectLayout(g));
/** Reverb switches that only act on a loaded impulse response: shown beside the loader. */
const IMPULSE_PARAMS = ['reverb.normalize'] as const;


@customElement('gigscope-app')
export class GigscopeApp extends LitElement {
  static override styles = appStyles;

  private readonly session = new AudioSession();
  private readonly sessionCtl = new SessionController(this, this.session);
  /** factory and user presets, A/B, import/export (ui/presets/); it sets the session's values */
  private readonly presets = new PresetManager(this.session, new UserPresetStore(browserStorage()));
  /** MIDI in (learn, mappings, program change → preset) and clock out; it plugs into the presets' mappings hook */
  private readonly midi = new MidiController(this, this.session, this.presets);
  @state() private view = MAIN_VIEW;

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
        <gs-preset-bar class="presets" .manager=${this.presets} .values=${{ ...s.values }}></gs-preset-bar>
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
        ${s.fault
          ? html`<button data-testid="restart" class="restart" title="A new audio engine with the same settings" @click=${this.onRestart}>
              Restart audio
            </button>`
          : nothing}
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

      <main @param-change=${this.onParamChange} @impulse-file=${this.onImpulseFile} @impulse-bundled=${this.onImpulseBundled}>
        <div class="cell"><gs-level-meter class="meter" data-testid="meter-in" label="In" bus="in" .source=${gig}></gs-level-meter></div>

        <div class="centre">
          <div class="view" id="view" role="tabpanel">${this.view === MAIN_VIEW
            ? this.renderMain(latency)
            : this.view === MIDI_VIEW
              ? html`<gs-midi-panel class="card midi" data-testid="midi-panel" .midi=${this.midi}></gs-midi-panel>`
              : this.renderEffect(this.view)}</div>
          <gs-view-tabs class="tabs" aria-label="Views" .tabs=${this.tabs()} selected=${this.view} @view-select=${this.onView}></gs-view-tabs>
        </div>

        <div class="cell"><gs-level-meter class="meter" data-testid="meter-out" label="Out" bus="out" .source=${gig}></gs-level-meter></div>
      </main>
      <gs-midi-learn-bar data-testid="midi-learn-bar" .midi=${this.midi}></gs-midi-learn-bar>
    `;
  }

  /** Beat on the left, output and latency on the right. */
  private renderMain(latency: ReturnType<AudioSession['latency']>) {
    const s = this.session;
    const running = s.state === 'running';
    const gig = s.gig;
    return html`<div class="main-view">
      <div class="cell"><gs-beat-panel class="card beat" .source=${gig} .beats=${running ? s : null} .values=${{ ...s.values }} ?running=${running}></gs-beat-panel></div>

      <div class="side">
        <div class="cell"><gs-pitch-panel class="card pitch" .source=${gig} .values=${{ ...s.values }} ?running=${running}></gs-pitch-panel></div>
        <section class="card master" aria-label="Output">
          <h2>Output</h2>
          <div class="master-row">
            <gs-param-knob data-testid="master-gain" param="master.gain" .value=${s.values['master.gain']}></gs-param-knob>
            <div class="master-side">
              <gs-param-toggle data-testid="bypass" param="master.bypass" .value=${s.values['master.bypass']}></gs-param-toggle>
              <gs-gain-reduction data-testid="limiter-gr" .source=${gig}></gs-gain-reduction>
            </div>
          </div>
        </section>

        <section class="card latency-card" aria-label="Latency">
          <h2>Latency</h2>
          <div class="latency" data-testid="latency">${latency
            ? html`<span class="cap">Output latency</span> <span class="big">${latency.totalMs.toFixed(1)} ms</span> <span class="detail">${latencyBreakdown(latency)}</span>`
            : html`<span class="cap">Output latency</span> <span class="big idle">—</span> <span class="detail">(measured while running)</span>`}</div>
        </section>
      </div>
    </div>`;
  }

  /**
   * One effect's panel. The reverb's carries the impulse-response loader while
   * its type is convolution, with the normalise switch beside it (it only acts
   * on a loaded response, so it shows only then).
   */
  private renderEffect(group: string) {
    const s = this.session;
    const v = s.values;
    const reverb = group === 'reverb';
    const convolution = reverb && v['reverb.type'] === CONVOLUTION;
    // keyed: each effect gets its own panel element, so nothing (a meter's release, focus) carries over
    return keyed(group, html`<gs-effect-panel
      class="card fx"
      data-testid="fx-${group}"
      group=${group}
      .values=${{ ...v }}
      .source=${s.gig}
      .placed=${reverb ? IMPULSE_PARAMS : []}
    >
      ${convolution
        ? html`<gs-impulse-loader .status=${s.impulse}>
            ${IMPULSE_PARAMS.map((id) => html`<gs-param-toggle class="opt" param=${id} .value=${v[id]}></gs-param-toggle>`)}
          </gs-impulse-loader>`
        : nothing}
    </gs-effect-panel>`);
  }

  /** Main, then one tab per effect with its on lamp (outlined while the master bypass holds the chain out). */
  private tabs(): ViewTab[] {
    const v = this.session.values;
    const held = v['master.bypass'] >= 0.5;
    return [
      { id: MAIN_VIEW, label: 'Main', title: 'Beat, output level, latency' },
      ...EFFECTS.map((fx) => ({ id: fx.group, label: fx.title, on: v[fx.on.id] >= 0.5, held, title: fx.on.description })),
      { id: MIDI_VIEW, label: 'MIDI', title: 'MIDI controllers: learn, mappings, clock out' },
    ];
  }

  /** Start/Stop. Calls the session synchronously so the AudioContext is made inside this click's gesture. */
  private onStart = (): void => {
    void this.session.toggle();
  };

  /** After an engine failure: one click, same settings, same input. Called in the gesture, like Start. */
  private onRestart = (): void => {
    void this.session.restart();
  };

  private onInput = (e: Event): void => {
    void this.session.selectInput((e.target as HTMLSelectElement).value);
  };

  private onParamChange = (e: ParamChangeEvent): void => {
    this.session.setParam(e.detail.id, e.detail.value);
  };

  private onView = (e: ViewSelectEvent): void => {
    this.view = e.detail.id;
  };

  private onImpulseFile = (e: ImpulseFileEvent): void => {
    void this.session.loadImpulseFile(e.detail.name, e.detail.bytes);
  };

  private onImpulseBundled = (): void => {
    this.session.useBundledImpulse();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'gigscope-app': GigscopeApp;
  }
}
