/**
 * <gs-param-fader param="reverb.mix" .value=${0.4}>
 *
 * A vertical slider for one parameter of the table, for the levels a
 * performer rides during a song (an effect's mix): its position reads at a
 * glance from across the stage, where a knob's angle does not. Like the knob,
 * everything it shows (name, range, unit, default, scaling) comes from PARAMS
 * by id, and its behaviour is KnobModel's through SliderController — the two
 * controls differ only in how they draw and how far a drag moves them.
 *
 * Properties / attributes
 *   param     table id (attribute)
 *   value     current value in the parameter's unit; unset → table default
 *   disabled  boolean (attribute, reflected)
 * Events
 *   param-change  {id, value}, bubbles + composed, on every user move
 *                 (not when `value` is set from outside)
 * Interaction
 *   drag along the track (the thumb follows the pointer; Shift: ten times
 *   finer), arrows ±1 %, Shift+arrows ±0.1 %, PageUp/PageDown ±10 %,
 *   Home/End, double-click → default.
 *
 * The drag is relative, as on the knob: grabbing the fader anywhere never
 * makes the value jump, which matters live more than tap-to-position does.
 */
import { LitElement, html, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { faderStyles } from './fader-styles';
import { sliderShellStyles } from './slider-styles';
import { SliderController } from './slider-controller';

@customElement('gs-param-fader')
export class ParamFader extends LitElement {
  static override styles = [sliderShellStyles, faderStyles];

  @property() param = '';
  /** NaN until set: the fader then shows the table default. */
  @property({ type: Number }) value = Number.NaN;
  @property({ type: Boolean, reflect: true }) disabled = false;

  @query('.track') private track!: HTMLElement | null;
  @query('.thumb') private thumb!: HTMLElement | null;

  private readonly slider = new SliderController(this, () => this.travelPixels(), { 'aria-orientation': 'vertical' });

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.slider.sync(this.param, this.value, changed.has('param'));
  }

  protected override render() {
    const m = this.slider.model;
    if (!m) return html`<span class="missing">unknown parameter “${this.param}”</span>`;
    // one custom property places both the thumb and the fill, so a move is one style write
    return html`
      <div class="label">${m.spec.name}</div>
      <div class="track" style="--travel: ${m.travel}" aria-hidden="true">
        <div class="groove"><div class="fill"></div></div>
        <div class="thumb"></div>
      </div>
      <div class="readout">${m.valueText}</div>
    `;
  }

  /**
   * How far the thumb's centre can move, CSS px: the track less the thumb.
   * Zero before layout; the model then falls back to the knob's drag length.
   */
  private travelPixels(): number {
    const track = this.track?.clientHeight ?? 0;
    const thumb = this.thumb?.offsetHeight ?? 0;
    return Math.max(0, track - thumb);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-param-fader': ParamFader;
  }
}
