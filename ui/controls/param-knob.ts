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
 * The ARIA slider semantics and the interaction live in SliderController
 * (shared with <gs-param-fader>): role, tabindex and aria-value* sit on the
 * host element itself, the one focusable thing, which is what the page and
 * the browser tests address by data-testid or data-param.
 */
import { LitElement, html, svg, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { toNormalized } from '../../params/table';
import { arcPath, polar, travelAngle } from './knob-arc';
import { knobStyles } from './knob-styles';
import { sliderShellStyles } from './slider-styles';
import { SliderController } from './slider-controller';

const CX = 50;
const CY = 50;
const ARC_R = 44;

@customElement('gs-param-knob')
export class ParamKnob extends LitElement {
  static override styles = [sliderShellStyles, knobStyles];

  @property() param = '';
  /** NaN until set: the knob then shows the table default. */
  @property({ type: Number }) value = Number.NaN;
  @property({ type: Boolean, reflect: true }) disabled = false;

  private readonly slider = new SliderController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.slider.sync(this.param, this.value, changed.has('param'));
  }

  protected override render() {
    const m = this.slider.model;
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
}

/** Range ends under the arc, signed so a gain range reads "−60 … +12". */
function endLabel(v: number): string {
  return v > 0 ? `+${v}` : v < 0 ? `\u2212${-v}` : '0';
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-param-knob': ParamKnob;
  }
}
