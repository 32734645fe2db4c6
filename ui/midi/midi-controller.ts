/**
 * MidiController: the MIDI layer of the stage app, as a Lit ReactiveController
 * on <gigscope-app>.
 *
 *   private readonly midi = new MidiController(this, this.session, this.presets);
 *   html`<gs-midi-panel .midi=${this.midi}></gs-midi-panel>`
 *
 * It joins the parts (each in its own file):
 *   MidiPorts      WEBMIDI.js: enable (no SysEx), devices, hot-plug, raw messages
 *   decodeMidi     bytes → cc / note / pitch bend / program, garbage → nothing
 *   MidiLearn      learn mode: the armed parameter + the next controller = a mapping
 *   mappingStore   the mappings in force, persisted, shared with presets
 *   MidiRouter     mappings → AudioSession.setParam (soft takeover, curves, 14-bit)
 *   presets        program change n → the n-th preset (PresetManager.selectIndex), and
 *                  the mappings hook through which presets save and load mappings
 *   MidiClock      clock out from the tracked or a fixed tempo
 *
 * Learn: while learn mode is on, a click, press or focus on any control with
 * data-param (every parameter control has it) arms that parameter instead of
 * operating the control — the capture listeners on the host see the event
 * before the control does and stop it — and the armed control is outlined.
 *
 * Settings (enabled, clock output, source, BPM) persist in localStorage under
 * SETTINGS_KEY. A page that had MIDI on comes back with it on when the browser
 * reports the MIDI permission as already granted (no prompt without a click).
 *
 * Emits `change` whenever anything the MIDI panel shows changes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AudioSession } from '../audio/session';
import type { MidiMapping } from '../../presets/midi-mapping';
import { SNAPSHOT_FIELDS } from '../../params/table';
import { MidiPorts } from './midi-ports';
import { decodeMidi } from './midi-message';
import { MidiLearn } from './midi-learn';
import { getMappings, mappingStore, setMappings } from './mapping-store';
import { MidiRouter } from './mapping-router';
import { DEFAULT_BPM, MidiClock, type ClockSource } from './midi-clock';

export const SETTINGS_KEY = 'gigscope.midi.settings';

interface Settings {
  enabled: boolean;
  clockOutput: string;
  clockSource: ClockSource;
  bpm: number;
}

/** Where the tracked tempo sits in the analysis snapshot. */
const TEMPO_FIELD = SNAPSHOT_FIELDS.findIndex((f) => f.id === 'beat.tempo');
/** The outline that marks the armed control in learn mode (inline, so it reaches into any shadow root). */
const ARMED_OUTLINE = '3px dashed #ffc233';

/**
 * What the MIDI layer needs of the presets (ui/presets/preset-manager.ts's
 * PresetManager fits): a program change loads the n-th preset of the picker,
 * and presets save and load the mappings through the `midi` hook.
 */
export interface PresetLink {
  selectIndex(n: number): boolean;
  midi: { getMappings(): MidiMapping[]; setMappings(mappings: MidiMapping[]): void } | null;
}

/** Main-thread latency of controller messages that moved a parameter: receive → setParam returned. */
export interface ControlLatency {
  count: number;
  lastMs: number;
  maxMs: number;
  meanMs: number;
}

export class MidiController extends EventTarget implements ReactiveController {
  readonly ports = new MidiPorts();
  readonly learn = new MidiLearn();
  readonly store = mappingStore;
  readonly router: MidiRouter;
  readonly clock: MidiClock;
  /** the mapping learned last (the panel highlights it) */
  lastLearned: MidiMapping | null = null;
  readonly latency: ControlLatency = { count: 0, lastMs: 0, maxMs: 0, meanMs: 0 };

  private armedEl: HTMLElement | null = null;
  private unsubscribeStore: (() => void) | null = null;
  private readonly changed = () => this.emit();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly session: AudioSession,
    private readonly presets: PresetLink | null = null,
  ) {
    super();
    host.addController(this);
    if (presets) presets.midi = { getMappings, setMappings };
    this.router = new MidiRouter(session, () => this.store.current, (n) => this.selectPreset(n));
    this.clock = new MidiClock(session, (name) => this.ports.output(name), () => this.trackedBpm());
    const s = loadSettings();
    this.clock.outputName = s.clockOutput;
    this.clock.setSource(s.clockSource, s.bpm);
    this.ports.onMessage = (port, data, ts) => this.onMessage(port, data, ts);
    if (s.enabled) void this.resumeIfGranted();
  }

  hostConnected(): void {
    this.host.addEventListener('pointerdown', this.onPointer, { capture: true });
    this.host.addEventListener('click', this.onPointer, { capture: true });
    this.focusRoot()?.addEventListener('focusin', this.onFocus, { capture: true });
    this.ports.addEventListener('change', this.changed);
    this.clock.addEventListener('change', this.changed);
    this.unsubscribeStore = this.store.subscribe(this.changed);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('pointerdown', this.onPointer, { capture: true });
    this.host.removeEventListener('click', this.onPointer, { capture: true });
    this.focusRoot()?.removeEventListener('focusin', this.onFocus, { capture: true });
    this.ports.removeEventListener('change', this.changed);
    this.clock.removeEventListener('change', this.changed);
    this.unsubscribeStore?.();
    this.clock.stop();
    this.setLearn(false);
  }

  // ---- actions (from the panel) -------------------------------------------------------

  async enable(): Promise<void> {
    await this.ports.enable();
    if (this.ports.state === 'on') this.saveSettings({ enabled: true });
  }

  setLearn(on: boolean): void {
    if (on) {
      this.learn.active = true;
      this.lastLearned = null;
    } else this.learn.stop();
    this.markArmed(null);
    this.emit();
  }

  setClockOutput(name: string): void {
    this.clock.setOutput(name);
    this.saveSettings({ clockOutput: name });
  }

  setClockSource(source: ClockSource, bpm?: number): void {
    this.clock.setSource(source, bpm);
    this.saveSettings({ clockSource: this.clock.source, bpm: this.clock.bpm });
  }

  // ---- messages ----------------------------------------------------------------------

  private onMessage(port: string, data: Uint8Array, timestamp: number): void {
    const e = decodeMidi(data);
    if (!e) return;
    const now = performance.now();
    // learn sees every message first: the armed control's first message, or a 14-bit pair's LSB
    const { consumed, learned } = this.learn.take(port, e, now);
    if (learned) {
      this.store.add(learned.mapping, learned.replaces);
      this.lastLearned = this.store.current[this.store.current.length - 1] ?? null;
      this.markArmed(null);
      this.emit();
    }
    if (consumed) return;
    if (this.router.handle(port, e) > 0 && e.kind !== 'program') this.noteLatency(performance.now() - (timestamp > 0 ? timestamp : now));
  }

  private noteLatency(ms: number): void {
    const l = this.latency;
    l.count++;
    l.lastMs = ms;
    if (ms > l.maxMs) l.maxMs = ms;
    l.meanMs += (ms - l.meanMs) / l.count;
  }

  private selectPreset(n: number): void {
    this.presets?.selectIndex(n);
  }

  private trackedBpm(): number {
    const gig = this.session.gig;
    if (!gig) return 0;
    if (gig.usesSharedMemory) gig.readShared();
    return gig.snapshot[TEMPO_FIELD] ?? 0;
  }

  // ---- learn by pointing at a control ----------------------------------------------------

  /**
   * Where focus moves are heard: the host's own shadow root. Focus moving
   * between two controls inside it never reaches the host — retargeted, the
   * event's target and relatedTarget are both the host, and the DOM does not
   * dispatch it there — so a keyboard user tabbing to a control would not arm it.
   */
  private focusRoot(): EventTarget | null {
    return this.host.shadowRoot ?? this.host;
  }

  private readonly onPointer = (e: Event): void => {
    if (!this.learn.active) return;
    const el = paramElement(e);
    if (!el) return;
    // the control must not act on this press: it is being pointed at, not played
    e.stopPropagation();
    e.preventDefault();
    this.armFrom(el);
  };

  private readonly onFocus = (e: Event): void => {
    if (!this.learn.active) return;
    const el = paramElement(e);
    if (el) this.armFrom(el);
  };

  private armFrom(el: HTMLElement): void {
    if (this.learn.arm(el.dataset.param ?? '')) {
      this.markArmed(el);
      this.emit();
    }
  }

  private markArmed(el: HTMLElement | null): void {
    if (this.armedEl && this.armedEl !== el) {
      this.armedEl.style.outline = '';
      this.armedEl.removeAttribute('data-midi-armed');
    }
    this.armedEl = el;
    if (el) {
      el.style.outline = ARMED_OUTLINE;
      el.setAttribute('data-midi-armed', '');
    }
  }

  // ---- settings -----------------------------------------------------------------------

  private async resumeIfGranted(): Promise<void> {
    try {
      const status = await navigator.permissions?.query({ name: 'midi' as PermissionName });
      if (status?.state === 'granted') await this.enable();
    } catch {
      // no Permissions API for MIDI here: wait for the button
    }
  }

  private saveSettings(changes: Partial<Settings>): void {
    const next = { ...loadSettings(), ...changes };
    try {
      localStorage.setItem(SETTINGS_KEY, JSON.stringify(next));
    } catch {
      // storage unavailable: the settings last for this page only
    }
  }

  private emit(): void {
    this.dispatchEvent(new Event('change'));
  }
}

/** The parameter control an event is aimed at (its composed path crosses the shadow roots). */
function paramElement(e: Event): HTMLElement | null {
  for (const node of e.composedPath()) {
    if (node instanceof HTMLElement && node.dataset.param) return node;
  }
  return null;
}

function loadSettings(): Settings {
  const defaults: Settings = { enabled: false, clockOutput: '', clockSource: 'tracked', bpm: DEFAULT_BPM };
  try {
    const s = JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? '{}') as Partial<Settings>;
    return {
      enabled: s.enabled === true,
      clockOutput: typeof s.clockOutput === 'string' ? s.clockOutput : '',
      clockSource: s.clockSource === 'fixed' ? 'fixed' : 'tracked',
      bpm: typeof s.bpm === 'number' && Number.isFinite(s.bpm) ? s.bpm : DEFAULT_BPM,
    };
  } catch {
    return defaults;
  }
}
