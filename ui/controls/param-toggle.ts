/**
 * <gs-param-toggle param="master.bypass" .value=${1}>
 *
 * An on/off button for a `toggle` parameter of the table; the label is the
 * table's name. The host itself is the button (role="button", aria-pressed,
 * Enter/Space), for the same reason as the knob: one focusable element that
 * the page, assistive technology and the tests all address directly.
 *
 * Properties / attributes: param (id), value (0 | 1; unset → default), disabled.
 * Events: param-change {id, value} on every press.
 */
import { LitElement, html, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { paramSpec, type ParamSpec } from '../../params/table';
import { toggleStyles } from './toggle-styles';
import { paramChangeEvent } from './param-change';

@customElement('gs-param-toggle')
export class ParamToggle extends LitElement {
  static override styles = toggleStyles;

  @property() param = '';
  @property({ type: Number }) value = Number.NaN;
  @property({ type: Boolean, reflect: true }) disabled = false;

  private spec: ParamSpec | undefined;

  constructor() {
    super();
    this.addEventListener('click', () => this.flip());
    this.addEventListener('keydown', (e) => {
      // Space and Enter press a button; Space must not also scroll the page
      if (e.key === ' ' || e.key === 'Enter') {
        e.preventDefault();
        if (!e.repeat) this.flip();
      }
    });
  }

  /** On when the value is in the upper half of the range (1 for a toggle). */
  get on(): boolean {
    const s = this.spec;
    if (!s) return false;
    const v = Number.isFinite(this.value) ? this.value : s.default;
    return v >= (s.min + s.max) / 2;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('param')) this.spec = paramSpec(this.param);
  }

  protected override updated(): void {
    this.setAttribute('role', 'button');
    this.dataset.param = this.param;
    this.setAttribute('aria-pressed', String(this.on));
    if (this.disabled || !this.spec) {
      this.removeAttribute('tabindex');
      this.setAttribute('aria-disabled', 'true');
    } else {
      this.setAttribute('tabindex', '0');
      this.removeAttribute('aria-disabled');
    }
    if (this.spec) this.title = this.spec.description;
  }

  protected override render() {
    if (!this.spec) return html`unknown parameter “${this.param}”`;
    return html`<span class="lamp" aria-hidden="true"></span><span>${this.spec.name}</span>`;
  }

  private flip(): void {
    const s = this.spec;
    if (this.disabled || !s) return;
    this.value = this.on ? s.min : s.max;
    this.dispatchEvent(paramChangeEvent(s.id, this.value));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-param-toggle': ParamToggle;
  }
}
