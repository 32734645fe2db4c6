/**
 * <gs-param-trigger param="beat.tap" fire-on="press">
 *
 * A momentary button for a parameter with scaling 'trigger' (tap, ×2, ÷2,
 * re-sync): each press emits `param-change` {id, value: 1}, and that is all —
 * a trigger has no state to show, so the button keeps none; it only lights
 * briefly to acknowledge the press. Its label is the table's name.
 *
 * When it fires
 *   fire-on="release" (default)  on click, like any button: sliding off cancels
 *   fire-on="press"              on pointerdown, for tap tempo, where the
 *                                moment of the press is the information
 *   keyboard                     Enter or Space, on keydown (auto-repeat ignored)
 *
 * Like <gs-param-toggle>, the button semantics sit on the host (role=button,
 * tabindex), so the host is what the page and the tests address.
 */
import { LitElement, html, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { paramSpec, type ParamSpec } from '../../params/table';
import { triggerStyles } from './trigger-styles';
import { paramChangeEvent } from './param-change';

/** How long the button stays lit after a press, ms: long enough to see, short enough for fast taps. */
const ACK_MS = 140;

export type FireOn = 'press' | 'release';

@customElement('gs-param-trigger')
export class ParamTrigger extends LitElement {
  static override styles = triggerStyles;

  @property() param = '';
  @property({ attribute: 'fire-on' }) fireOn: FireOn = 'release';
  /** overrides the table name as the visible label (the accessible name stays the table's) */
  @property() label = '';
  @property({ type: Boolean, reflect: true }) disabled = false;

  private spec: ParamSpec | undefined;
  private ackTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.addEventListener('pointerdown', (e) => {
      // primary button or any touch/pen contact
      if (this.fireOn === 'press' && e.button === 0) this.fire();
    });
    this.addEventListener('click', () => {
      if (this.fireOn === 'release') this.fire();
    });
    this.addEventListener('keydown', (e) => {
      // Space and Enter press a button; Space must not also scroll the page
      if (e.key === ' ' || e.key === 'Enter') {
        e.preventDefault();
        if (!e.repeat) this.fire();
      }
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.ackTimer);
    this.removeAttribute('fired');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('param')) this.spec = paramSpec(this.param);
  }

  protected override updated(): void {
    this.setAttribute('role', 'button');
    // the table id on the host, as on every parameter control (MIDI learn finds controls by it)
    this.dataset.param = this.param;
    if (this.disabled || !this.spec) {
      this.removeAttribute('tabindex');
      this.setAttribute('aria-disabled', 'true');
    } else {
      this.setAttribute('tabindex', '0');
      this.removeAttribute('aria-disabled');
    }
    if (this.spec) {
      this.setAttribute('aria-label', this.spec.name);
      this.title = this.spec.description;
    }
  }

  protected override render() {
    if (!this.spec) return html`unknown parameter “${this.param}”`;
    return html`<span>${this.label || this.spec.name}</span>`;
  }

  private fire(): void {
    const s = this.spec;
    if (this.disabled || !s) return;
    this.dispatchEvent(paramChangeEvent(s.id, 1));
    // acknowledge: a short light, restarted by every press
    clearTimeout(this.ackTimer);
    this.setAttribute('fired', '');
    this.ackTimer = setTimeout(() => this.removeAttribute('fired'), ACK_MS);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-param-trigger': ParamTrigger;
  }
}
