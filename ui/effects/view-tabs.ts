/**
 * <gs-view-tabs .tabs=${[{ id: 'main', label: 'Main' }, { id: 'reverb', label: 'Reverb', on: true }]} selected="main">
 *
 * The strip that switches the stage's centre between the main view (beat,
 * output) and one effect's panel. A tab with `on` defined shows a lamp: lit
 * while that effect is in, lit in outline only while it is on but the whole
 * chain is bypassed (`held`) — so which effects are running is readable from
 * any view without opening them.
 *
 * WAI-ARIA tabs pattern: role=tablist, one tab stop (the selected tab), arrow
 * keys / Home / End move and select (selection follows focus: switching views
 * is cheap). Tabs carry data-testid="tab-<id>".
 *
 * Events: view-select {id} when the performer picks a tab.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, queryAll } from 'lit/decorators.js';
import { viewTabsStyles } from './effect-styles';

export interface ViewTab {
  id: string;
  label: string;
  /** for an effect: whether it is in (undefined: no lamp) */
  on?: boolean;
  /** on, but held out of the signal by the master bypass */
  held?: boolean;
  /** tooltip */
  title?: string;
}

export type ViewSelectEvent = CustomEvent<{ id: string }>;

@customElement('gs-view-tabs')
export class ViewTabs extends LitElement {
  static override styles = viewTabsStyles;

  @property({ attribute: false }) tabs: readonly ViewTab[] = [];
  @property() selected = '';

  @queryAll('button') private buttons!: NodeListOf<HTMLButtonElement>;

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('role', 'tablist');
  }

  protected override render() {
    return html`${this.tabs.map(
      (t) => html`<button
        type="button"
        role="tab"
        data-testid="tab-${t.id}"
        aria-selected=${t.id === this.selected ? 'true' : 'false'}
        tabindex=${t.id === this.selected ? 0 : -1}
        title=${t.title ?? nothing}
        @click=${() => this.pick(t.id)}
        @keydown=${this.onKey}
      >
        ${t.on === undefined ? nothing : html`<span class="lamp ${t.on ? 'on' : ''} ${t.held ? 'held' : ''}" aria-hidden="true"></span>`}
        <span>${t.label}</span>${t.on === undefined ? nothing : html`<span class="vh">${t.on ? (t.held ? ', on, bypassed' : ', on') : ', off'}</span>`}
      </button>`,
    )}`;
  }

  private onKey = (e: KeyboardEvent): void => {
    const i = this.tabs.findIndex((t) => t.id === this.selected);
    const last = this.tabs.length - 1;
    const next =
      e.key === 'ArrowRight' ? (i + 1) % (last + 1) : e.key === 'ArrowLeft' ? (i + last) % (last + 1) : e.key === 'Home' ? 0 : e.key === 'End' ? last : -1;
    if (next < 0) return;
    e.preventDefault();
    this.pick(this.tabs[next].id);
    void this.updateComplete.then(() => this.buttons[next]?.focus());
  };

  private pick(id: string): void {
    if (id === this.selected) return;
    this.selected = id;
    this.dispatchEvent(new CustomEvent('view-select', { detail: { id }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-view-tabs': ViewTabs;
  }
  interface HTMLElementEventMap {
    'view-select': ViewSelectEvent;
  }
}
