/**
 * <gs-param-choice param="reverb.type" .value=${2}>
 *
 * A selector for a `choice` parameter of the table: its label is the table's
 * name and its options are the table's `choices` (index = value), so nothing
 * is restated here. A few choices (≤ SEGMENT_MAX, e.g. fdn · plate ·
 * convolution) show as segmented buttons, every option one tap away; a long
 * list (the delay's 19 note divisions) as a native <select>, which on a
 * tablet opens the platform's big scrolling picker.
 *
 * Properties / attributes: param (id), value (index; unset → default), disabled.
 * Events: param-change {id, value} when the performer picks another option.
 *
 * Segments follow the WAI-ARIA radio group pattern: one tab stop (the checked
 * segment), arrow keys move the choice, Home/End jump to the ends. The host
 * carries data-param and data-value (the index) for scripts and tests.
 */
import { LitElement, html, type PropertyValues } from 'lit';
import { customElement, property, queryAll } from 'lit/decorators.js';
import { paramSpec, type ParamSpec } from '../../params/table';
import { choiceStyles } from './choice-styles';
import { paramChangeEvent } from './param-change';

/** Up to this many choices show as segments; more as a drop-down list. */
export const SEGMENT_MAX = 4;

@customElement('gs-param-choice')
export class ParamChoice extends LitElement {
  static override styles = choiceStyles;

  @property() param = '';
  @property({ type: Number }) value = Number.NaN;
  @property({ type: Boolean, reflect: true }) disabled = false;

  @queryAll('button') private segments!: NodeListOf<HTMLButtonElement>;
  private spec: ParamSpec | undefined;

  /** The selected index, inside the range (the table default until set). */
  get index(): number {
    const s = this.spec;
    if (!s) return 0;
    const v = Number.isFinite(this.value) ? this.value : s.default;
    return Math.min(s.max, Math.max(s.min, Math.round(v)));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('param')) this.spec = paramSpec(this.param);
  }

  protected override updated(): void {
    this.dataset.param = this.param;
    this.dataset.value = String(this.index);
    if (this.spec) this.title = this.spec.description;
  }

  protected override render() {
    const s = this.spec;
    if (!s?.choices) return html`<span class="missing">not a choice parameter “${this.param}”</span>`;
    const current = this.index;
    const labelId = 'label';
    if (s.choices.length > SEGMENT_MAX) {
      return html`
        <label class="label" id=${labelId} for="list">${s.name}</label>
        <select id="list" .value=${String(current)} ?disabled=${this.disabled} @change=${this.onSelect}>
          ${s.choices.map((c, i) => html`<option value=${i} ?selected=${i === current}>${c}</option>`)}
        </select>
      `;
    }
    return html`
      <span class="label" id=${labelId}>${s.name}</span>
      <div class="segments" role="radiogroup" aria-labelledby=${labelId} @keydown=${this.onKey}>
        ${s.choices.map(
          (c, i) => html`<button
            type="button"
            role="radio"
            aria-checked=${i === current ? 'true' : 'false'}
            tabindex=${i === current ? 0 : -1}
            data-choice=${c}
            ?disabled=${this.disabled}
            @click=${() => this.choose(i)}
          >${c}</button>`,
        )}
      </div>
    `;
  }

  private onSelect = (e: Event): void => {
    this.choose(Number((e.target as HTMLSelectElement).value));
  };

  private onKey = (e: KeyboardEvent): void => {
    const s = this.spec;
    if (!s?.choices || this.disabled) return;
    const last = s.choices.length - 1;
    const i = this.index;
    const next =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? Math.min(last, i + 1)
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? Math.max(0, i - 1)
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : -1;
    if (next < 0) return;
    e.preventDefault();
    this.choose(next);
    // the checked segment is the tab stop: keep focus on it
    void this.updateComplete.then(() => this.segments[this.index]?.focus());
  };

  private choose(i: number): void {
    const s = this.spec;
    if (this.disabled || !s || !Number.isInteger(i) || i === this.index) return;
    this.value = Math.min(s.max, Math.max(s.min, i));
    this.dispatchEvent(paramChangeEvent(s.id, this.value));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-param-choice': ParamChoice;
  }
}
