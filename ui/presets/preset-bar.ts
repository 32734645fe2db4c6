/**
 * <gs-preset-bar .manager=${presets} .values=${{ ...session.values }}>
 *
 * The header's preset controls, a thin shell over PresetManager:
 *
 *   PRESET  ● UNSAVED
 *   [ Vocal hall (edited)      ▾ ] [SAVE] [⋯] [A|B]
 *                                    │     └ menu: Export .json · Import .json… · Delete
 *                                    └ form: name · Save/Overwrite · Cancel
 *   one message line (a refusal naming the field, or "Saved …"), floating below
 *
 * The picker lists the factory presets, then the performer's ("Yours"). While
 * the live values differ from the loaded preset the caption shows the unsaved
 * mark and the picker shows "<name> (edited)" as a placeholder entry with an
 * empty value, so choosing the loaded preset again reloads it.
 *
 * data-testid: preset (the select; values are a factory preset's name or
 * "user:<name>", "" while edited), preset-dirty, preset-save, preset-name,
 * preset-save-confirm, preset-more, preset-export, preset-import (the file
 * input), preset-delete, ab-a, ab-b, preset-message (data-kind ok | error).
 *
 * `values` is only read to know when to re-render (the manager compares the
 * session's values itself); the manager's own changes (store, slot, message)
 * re-render through its change event.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { presetBarStyles } from './preset-styles';
import { MAX_PRESET_FILE_BYTES, type PresetManager, type PresetRef, type Slot } from './preset-manager';

/** The select's value for a preset: a factory preset's bare name (the browser tests' contract), else "user:<name>". */
export function presetKey(ref: PresetRef): string {
  return ref.source === 'factory' ? ref.name : `user:${ref.name}`;
}

export function parsePresetKey(key: string): PresetRef | null {
  if (key === '') return null;
  return key.startsWith('user:') ? { source: 'user', name: key.slice(5) } : { source: 'factory', name: key };
}

/** How long a success message stays up (a refusal stays until dismissed or the next action). */
const OK_MESSAGE_MS = 4000;

type Panel = 'none' | 'save' | 'menu';

@customElement('gs-preset-bar')
export class PresetBar extends LitElement {
  static override styles = presetBarStyles;

  @property({ attribute: false }) manager: PresetManager | null = null;
  @property({ attribute: false }) values: Record<string, number> | null = null;
  @state() private panel: Panel = 'none';
  @state() private draftName = '';

  @query('input[type="text"]') private nameInput!: HTMLInputElement | null;

  private readonly onManagerChange = () => this.requestUpdate();
  private messageTimer: ReturnType<typeof setTimeout> | undefined;
  /** a press anywhere else closes the form or the menu */
  private readonly onOutside = (e: Event) => {
    if (this.panel !== 'none' && !e.composedPath().includes(this)) this.panel = 'none';
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.manager?.addEventListener('change', this.onManagerChange);
    window.addEventListener('pointerdown', this.onOutside);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.manager?.removeEventListener('change', this.onManagerChange);
    window.removeEventListener('pointerdown', this.onOutside);
    clearTimeout(this.messageTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('manager')) {
      (changed.get('manager') as PresetManager | null | undefined)?.removeEventListener('change', this.onManagerChange);
      if (this.isConnected) this.manager?.addEventListener('change', this.onManagerChange);
    }
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('panel')) this.moveFocus(changed.get('panel') as Panel | undefined);
    // a success message clears itself; restarting the timer on every render is fine (it only matters while one shows)
    clearTimeout(this.messageTimer);
    const m = this.manager;
    if (m?.message?.kind === 'ok') this.messageTimer = setTimeout(() => m.clearMessage(), OK_MESSAGE_MS);
  }

  protected override render() {
    const m = this.manager;
    if (!m) return nothing;
    const current = m.current;
    const dirty = m.dirty;
    const selectedKey = dirty || !current ? '' : presetKey(current);
    const editedLabel = current ? `${current.name} (edited)` : 'Custom (unsaved)';
    const slot = m.activeSlot;
    const user = m.user;
    const canDelete = current?.source === 'user';
    const overwrite = this.draftName.trim() !== '' && user.some((p) => p.name === this.draftName.trim());
    return html`
      <div class="caption">
        <span id="caption">Preset</span>
        <span class="dirty" data-testid="preset-dirty" ?hidden=${!dirty} title="The values differ from the loaded preset">● unsaved</span>
      </div>
      <div class="row">
        <select
          data-testid="preset"
          aria-labelledby="caption"
          class=${dirty ? 'dirty-value' : ''}
          title=${dirty || !current ? editedLabel : current.name}
          .value=${live(selectedKey)}
          @change=${this.onSelect}
        >
          ${dirty || !current ? html`<option value="" disabled selected>${editedLabel}</option>` : nothing}
          <optgroup label="Factory">
            ${m.factory.map((p) => {
              const key = presetKey({ source: 'factory', name: p.name });
              return html`<option value=${key} ?selected=${key === selectedKey} title=${p.description ?? ''}>${p.name}</option>`;
            })}
          </optgroup>
          ${user.length
            ? html`<optgroup label="Yours">
                ${user.map((p) => {
                  const key = presetKey({ source: 'user', name: p.name });
                  return html`<option value=${key} ?selected=${key === selectedKey}>${p.name}</option>`;
                })}
              </optgroup>`
            : nothing}
        </select>
        <button
          type="button"
          data-testid="preset-save"
          aria-expanded=${this.panel === 'save' ? 'true' : 'false'}
          title="Save the current settings as one of your presets"
          @click=${this.toggleSave}
        >Save</button>
        <button
          type="button"
          class="more"
          data-testid="preset-more"
          aria-label="More preset actions: export, import, delete"
          aria-haspopup="menu"
          aria-expanded=${this.panel === 'menu' ? 'true' : 'false'}
          @click=${this.toggleMenu}
        >⋯</button>
        <div class="ab" role="group" aria-label="A/B compare" title="Two sets of settings to compare: each keeps its own edits">
          ${(['A', 'B'] as const).map(
            (s) => html`<button type="button" data-testid="ab-${s.toLowerCase()}" aria-pressed=${s === slot ? 'true' : 'false'} @click=${() => this.onSlot(s)}>${s}</button>`,
          )}
        </div>
      </div>

      <form class="pop save" role="dialog" aria-label="Save preset" ?hidden=${this.panel !== 'save'} @submit=${this.onSave} @keydown=${this.onPanelKey}>
        <input
          type="text"
          data-testid="preset-name"
          aria-label="Preset name"
          placeholder="Name"
          maxlength="80"
          autocomplete="off"
          .value=${this.draftName}
          @input=${(e: Event) => (this.draftName = (e.target as HTMLInputElement).value)}
        />
        <button type="submit" class="primary" data-testid="preset-save-confirm" ?disabled=${this.draftName.trim() === ''}>${overwrite ? 'Overwrite' : 'Save'}</button>
        <button type="button" @click=${this.close}>Cancel</button>
        ${overwrite ? html`<div class="hint">Replaces your preset “${this.draftName.trim()}”.</div>` : nothing}
      </form>

      <div class="pop menu" role="menu" aria-label="Preset files" ?hidden=${this.panel !== 'menu'} @keydown=${this.onPanelKey}>
        <button type="button" role="menuitem" data-testid="preset-export" @click=${this.onExport} title="Download the current settings as a .json file">Export .json</button>
        <label class="file" role="menuitem" title="Load a preset file (.json)">
          Import .json…
          <input data-testid="preset-import" type="file" accept=".json,application/json" @change=${this.onImport} />
        </label>
        <button
          type="button"
          role="menuitem"
          class="danger"
          data-testid="preset-delete"
          ?disabled=${!canDelete}
          title=${canDelete ? 'Delete this preset from the browser' : 'Only your own presets can be deleted'}
          @click=${this.onDelete}
        ><span class="label">${canDelete ? `Delete “${current!.name}”` : 'Delete'}</span></button>
      </div>

      ${m.message && this.panel === 'none'
        ? html`<div class="message" data-testid="preset-message" data-kind=${m.message.kind} role=${m.message.kind === 'error' ? 'alert' : 'status'}>
            <span class="text">${m.message.text}</span>
            <button type="button" aria-label="Dismiss" @click=${() => m.clearMessage()}>✕</button>
          </div>`
        : nothing}
    `;
  }

  /**
   * Keyboard focus follows the panels: into the form's name field or the
   * menu's first item when one opens, and back to the button that opened it
   * when it closes with focus inside (Escape, Save, an item chosen) — a hidden
   * element cannot keep focus, and the performer would be dropped to the top
   * of the page.
   */
  private moveFocus(was: Panel | undefined): void {
    const root = this.renderRoot as ShadowRoot;
    if (this.panel === 'save') this.nameInput?.focus();
    else if (this.panel === 'menu') root.querySelector<HTMLElement>('.menu [role="menuitem"]')?.focus();
    const focus = root.activeElement;
    if (was && was !== 'none' && this.panel === 'none' && focus?.closest('.pop')) {
      root.querySelector<HTMLElement>(`[data-testid="${was === 'save' ? 'preset-save' : 'preset-more'}"]`)?.focus();
    }
  }

  private onSelect = (e: Event): void => {
    const select = e.target as HTMLSelectElement;
    const ref = parsePresetKey(select.value);
    this.panel = 'none';
    if (ref) this.manager?.select(ref);
    // the picker shows what the manager says is loaded, whatever the browser left selected
    this.requestUpdate();
  };

  private toggleSave = (): void => {
    if (this.panel === 'save') return this.close();
    const cur = this.manager?.current;
    // overwriting is the common case for your own preset; a factory preset needs a new name
    this.draftName = cur?.source === 'user' ? cur.name : '';
    this.panel = 'save';
  };

  private toggleMenu = (): void => {
    this.panel = this.panel === 'menu' ? 'none' : 'menu';
  };

  private close = (): void => {
    this.panel = 'none';
  };

  private onPanelKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      this.close();
    }
  };

  private onSave = (e: Event): void => {
    e.preventDefault();
    if (this.manager?.save(this.draftName)) this.panel = 'none';
  };

  private onSlot(s: Slot): void {
    this.panel = 'none';
    this.manager?.switchSlot(s);
  }

  private onExport = (): void => {
    const m = this.manager;
    if (!m) return;
    this.panel = 'none';
    const { fileName, text } = m.exportCurrent();
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    this.renderRoot.appendChild(a);
    a.click();
    a.remove();
    // the download has its own copy once started; the URL only has to outlive the click
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  };

  private onImport = async (e: Event): Promise<void> => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    // cleared so that choosing the same file again (after fixing it) fires change again
    input.value = '';
    this.panel = 'none';
    const m = this.manager;
    if (!file || !m) return;
    if (file.size > MAX_PRESET_FILE_BYTES) return m.refuseFile(file.name, `${(file.size / 1e6).toFixed(1)} MB is far too large for a preset`);
    let text: string;
    try {
      text = await file.text();
    } catch (err) {
      return m.refuseFile(file.name, `cannot read the file (${(err as Error).message})`);
    }
    m.importText(file.name, text);
  };

  private onDelete = (): void => {
    this.panel = 'none';
    this.manager?.deleteCurrent();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-preset-bar': PresetBar;
  }
}
