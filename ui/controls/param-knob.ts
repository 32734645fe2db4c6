/**
 * <gs-param-knob param="master.gain" .value=${-6}>
 *
 * A rotary control for one parameter of the table. Everything it shows — name,
 * range, unit, default, scaling — comes from PARAMS by id; nothing is restated
 * here. The behaviour (travel ↔ value, keys, drag, reset) is KnobModel's; this
 * element only translates DOM events into model calls and draws the result.
 *
 * Properties / attributes
 *   param     table id (attribute)
 *   value     current value in the parameter's unit; unset → table default
 *   disabled  boolean (attribute, reflected)
 * Events
 *   param-change  {id, value}, bubbles + composed, on every user move
 *                 (not when `value` is set from outside)
 * Interaction
 *   vertical drag (Shift: fine), arrows ±1 %, Shift+arrows ±0.1 %,
 *   PageUp/PageDown ±10 %, Home/End, double-click → default.
 *
 * The ARIA slider semantics sit on the host element itself (role, tabindex,
 * aria-value*): the host is the one focusable thing, it is what the page and
 * the browser tests address by data-testid, and no focus has to be delegated
 * into the shadow root.
 */
import { LitElement, html, svg, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { paramSpec, toNormalized } from '../../params/table';
import { KnobModel } from './knob-model';
import { arcPath, polar, travelAngle } from './knob-arc';
import { knobStyles } from './knob-styles';
import { paramChangeEvent } from './param-change';

const CX = 50;
const CY = 50;
const ARC_R = 44;

@customElement('gs-param-knob')
export class ParamKnob extends LitElement {
  static override styles = knobStyles;

  @property() param = '';
  /** NaN until set: the knob then shows the table default. */
  @property({ type: Number }) value = Number.NaN;
  @property({ type: Boolean, reflect: true }) disabled = false;

  private model: KnobModel | null = null;
  private dragY: number | null = null;

  constructor() {
    super();
    this.addEventListener('keydown', (e) => this.onKey(e));
    this.addEventListener('pointerdown', (e) => this.onPointerDown(e));
    this.addEventListener('pointermove', (e) => this.onPointerMove(e));
    this.addEventListener('pointerup', (e) => this.onPointerUp(e));
    this.addEventListener('pointercancel', (e) => this.onPointerUp(e));
    this.addEventListener('dblclick', () => this.userChange(() => this.model?.reset() ?? false));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('param')) {
      const spec = paramSpec(this.param);
      this.model = spec ? new KnobModel(spec) : null;
    }
    if (this.model && Number.isFinite(this.value)) this.model.setValue(this.value);
  }

  protected override updated(): void {
    const m = this.model;
    this.setAttribute('role', 'slider');
    // the table id on the host, so a page (or a test) can find any parameter's control by id
    this.dataset.param = this.param;
    if (this.disabled || !m) {
      this.removeAttribute('tabindex');
      this.setAttribute('aria-disabled', 'true');
    } else {
      this.setAttribute('tabindex', '0');
      this.removeAttribute('aria-disabled');
    }
    if (!m) return;
    this.setAttribute('aria-label', m.spec.name);
    this.setAttribute('aria-valuemin', String(m.spec.min));
    this.setAttribute('aria-valuemax', String(m.spec.max));
    this.setAttribute('aria-valuenow', String(round(m.value)));
    this.setAttribute('aria-valuetext', m.valueText);
    this.title = `${m.spec.description} Double-click for ${m.spec.default}${m.spec.unit ? ' ' + m.spec.unit : ''}.`;
  }

  protected override render() {
    const m = this.model;
    if (!m) return html`<span class="missing">unknown parameter “${this.param}”</span>`;
    const t = m.travel;
    // Ranges that straddle zero (a gain in dB) fill from zero, so unity gain reads as "no arc"
    // and a cut is visibly different from a boost.
    const spansZero = m.spec.min < 0 && m.spec.max > 0 && !m.isDiscrete;
    const origin = spansZero ? toNormalized(m.spec, 0) : 0;
    const [px0, py0] = polar(CX, CY, 12, travelAngle(t));
    const [px1, py1] = polar(CX, CY, 31, travelAngle(t));
    const [ox0, oy0] = polar(CX, CY, ARC_R + 6, travelAngle(origin));
    const [ox1, oy1] = polar(CX, CY, ARC_R - 6, travelAngle(origin));
    return html`
      <div class="label">${m.spec.name}</div>
      <svg viewBox="0 0 100 100" aria-hidden="true">
        ${svg`
          <path class="track" d=${arcPath(CX, CY, ARC_R, 0, 1)}></path>
          <path class="value" d=${arcPath(CX, CY, ARC_R, origin, t) || nothing}></path>
          ${spansZero ? svg`<line class="origin" x1=${ox0} y1=${oy0} x2=${ox1} y2=${oy1}></line>` : nothing}
          <circle class="body" cx=${CX} cy=${CY} r="34"></circle>
          <line class="pointer" x1=${px0} y1=${py0} x2=${px1} y2=${py1}></line>
          <text class="end" x="20" y="99" text-anchor="middle">${endLabel(m.spec.min)}</text>
          <text class="end" x="80" y="99" text-anchor="middle">${endLabel(m.spec.max)}</text>
        `}
      </svg>
      <div class="readout">${m.valueText}</div>
    `;
  }

  /** Run a model mutation caused by the performer; if it moved the value, publish it. */
  private userChange(mutate: () => boolean): void {
    if (this.disabled || !this.model) return;
    if (!mutate()) return;
    this.value = this.model.value;
    this.dispatchEvent(paramChangeEvent(this.model.spec.id, this.model.value));
  }

  private onKey(e: KeyboardEvent): void {
    if (this.disabled || !this.model) return;
    let handled = false;
    this.userChange(() => {
      const before = this.model!.value;
      handled = this.model!.handleKey(e);
      return this.model!.value !== before;
    });
    if (handled) e.preventDefault();
  }

  private onPointerDown(e: PointerEvent): void {
    if (this.disabled || !this.model || e.button !== 0) return;
    this.dragY = e.clientY;
    this.model.endDrag();
    this.setPointerCapture(e.pointerId);
    this.focus();
    // no text selection or touch scrolling while turning
    e.preventDefault();
  }

  private onPointerMove(e: PointerEvent): void {
    if (this.dragY === null) return;
    const dy = e.clientY - this.dragY;
    this.dragY = e.clientY;
    this.userChange(() => this.model!.drag(dy, e.shiftKey));
  }

  private onPointerUp(e: PointerEvent): void {
    if (this.dragY === null) return;
    this.dragY = null;
    this.model?.endDrag();
    if (this.hasPointerCapture(e.pointerId)) this.releasePointerCapture(e.pointerId);
  }
}

/** Range ends under the arc, signed so a gain range reads "−60 … +12". */
function endLabel(v: number): string {
  return v > 0 ? `+${v}` : v < 0 ? `\u2212${-v}` : '0';
}

/** aria-valuenow: enough digits for the unit, without float noise like 0.7200000000000006. */
function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-param-knob': ParamKnob;
  }
}
