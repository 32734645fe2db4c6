/**
 * <gs-midi-mappings .midi=${midiController}>: the Learn toggle and the list
 * of mappings in force, each editable.
 *
 *   [Learn]  Click a control, then move a controller
 *   Reverb · Mix         CC 16 · ch 1 · nanoKONTROL2              [✕]
 *     range [0]–[100] %   curve [linear]   mode [absolute]
 *
 * data-testid: midi-learn (aria-pressed), midi-mappings (the list), each row
 * midi-mapping with data-param, data-kind, data-number, data-port; inside a
 * row: mapping-min, mapping-max, mapping-curve, mapping-mode, mapping-delete.
 * midi-latency shows the main-thread time from a controller message to the
 * parameter being set (data-last-ms, data-max-ms).
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { MIDI_CURVES, MIDI_MODES, type MidiMapping } from '../../presets/midi-mapping';
import type { MidiController } from './midi-controller';
import { MidiWatch } from './midi-watch';
import { channelLabel, messageLabel, paramLabel } from './midi-names';
import { mappingListStyles } from './midi-styles';

@customElement('gs-midi-mappings')
export class MappingList extends LitElement {
  static override styles = mappingListStyles;

  @property({ attribute: false }) midi: MidiController | null = null;
  private readonly watch = new MidiWatch(this);

  protected override willUpdate(): void {
    this.watch.target = this.midi;
  }

  protected override render() {
    const midi = this.midi;
    if (!midi) return nothing;
    const learning = midi.learn.active;
    const list = midi.store.current;
    const lat = midi.latency;
    return html`
      <div class="top">
        <button class="learn" data-testid="midi-learn" aria-pressed=${learning ? 'true' : 'false'} @click=${() => midi.setLearn(!learning)}>
          ${learning ? 'Learning' : 'Learn'}
        </button>
        <span class="hint">${learning
          ? midi.learn.armed
            ? `Move a controller for ${paramLabel(midi.learn.armed)}`
            : 'Click a control (any view), then move a controller'
          : 'Map controllers to parameters: press Learn'}</span>
      </div>
      <div class="latency" data-testid="midi-latency" data-last-ms=${lat.lastMs.toFixed(3)} data-max-ms=${lat.maxMs.toFixed(3)}>
        ${lat.count ? `controller → parameter ${lat.lastMs.toFixed(2)} ms (max ${lat.maxMs.toFixed(2)})` : ''}
      </div>
      <ol data-testid="midi-mappings" aria-label="MIDI mappings">
        ${list.length === 0 ? html`<li class="empty">No mappings yet.</li>` : list.map((m) => this.row(midi, m))}
      </ol>
    `;
  }

  /**
   * Delete a mapping. Its row goes, and the focus with it: the next row's ✕
   * (or the previous one's, or Learn) takes it, so a keyboard user deleting
   * mappings one after another stays in the list.
   */
  private async deleteMapping(midi: MidiController, m: MidiMapping): Promise<void> {
    const at = midi.store.current.indexOf(m);
    const hadFocus = this.shadowRoot?.activeElement?.getAttribute('data-testid') === 'mapping-delete';
    midi.store.remove(m);
    if (!hadFocus) return;
    await this.updateComplete;
    const rest = this.renderRoot.querySelectorAll<HTMLElement>('[data-testid="mapping-delete"]');
    const next = rest[Math.min(Math.max(at, 0), rest.length - 1)] ?? this.renderRoot.querySelector<HTMLElement>('[data-testid="midi-learn"]');
    next?.focus();
  }

  private row(midi: MidiController, m: MidiMapping) {
    const pct = (x: number | undefined, d: number) => Math.round((x ?? d) * 100);
    const fresh = midi.lastLearned !== null && sameMapping(midi.lastLearned, m);
    const update = (changes: Partial<MidiMapping>) => {
      try {
        midi.store.update(m, changes);
      } catch {
        // an out-of-range entry: keep the stored mapping, and show it again
        this.requestUpdate();
      }
    };
    const percent = (e: Event) => Math.min(100, Math.max(0, Number((e.target as HTMLInputElement).value))) / 100;
    return html`<li
      class=${fresh ? 'fresh' : ''}
      data-testid="midi-mapping"
      data-param=${m.param}
      data-kind=${m.kind}
      data-number=${m.number ?? ''}
      data-port=${m.port}
    >
      <div class="what">
        ${paramLabel(m.param)}
        <span class="src">${messageLabel(m)} · ${channelLabel(m.channel)} · ${m.port || 'any port'}</span>
      </div>
      <button class="delete" data-testid="mapping-delete" aria-label="Delete mapping ${paramLabel(m.param)}" @click=${() => void this.deleteMapping(midi, m)}>✕</button>
      <div class="edit">
        <input type="number" data-testid="mapping-min" aria-label="Range start, percent of travel" min="0" max="100" step="1"
          .value=${String(pct(m.min, 0))} @change=${(e: Event) => update({ min: percent(e) })} />
        –
        <input type="number" data-testid="mapping-max" aria-label="Range end, percent of travel" min="0" max="100" step="1"
          .value=${String(pct(m.max, 1))} @change=${(e: Event) => update({ max: percent(e) })} />
        %
        <select data-testid="mapping-curve" aria-label="Curve" @change=${(e: Event) => update({ curve: (e.target as HTMLSelectElement).value as MidiMapping['curve'] })}>
          ${MIDI_CURVES.map((c) => html`<option value=${c} ?selected=${(m.curve ?? 'linear') === c}>${c}</option>`)}
        </select>
        <select data-testid="mapping-mode" aria-label="Mode" @change=${(e: Event) => update({ mode: (e.target as HTMLSelectElement).value as MidiMapping['mode'] })}>
          ${MIDI_MODES.map((c) => html`<option value=${c} ?selected=${defaultMode(m) === c}>${c}</option>`)}
        </select>
      </div>
    </li>`;
  }
}

/** The mode the router uses when the mapping names none. */
function defaultMode(m: MidiMapping): string {
  return m.mode ?? (m.kind === 'note' ? 'toggle' : 'absolute');
}

function sameMapping(a: MidiMapping, b: MidiMapping): boolean {
  return a === b || (a.param === b.param && a.port === b.port && a.kind === b.kind && a.channel === b.channel && a.number === b.number);
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-midi-mappings': MappingList;
  }
}
