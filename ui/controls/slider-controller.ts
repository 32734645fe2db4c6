/**
 * SliderController: what makes a parameter control behave as a WAI-ARIA
 * slider, shared by the knob and the fader so the two cannot drift apart.
 *
 *   private readonly slider = new SliderController(this, () => this.trackPixels());
 *   protected willUpdate(c) { this.slider.sync(this.param, this.value, c.has('param')); }
 *   render() { const m = this.slider.model; … m.travel … m.valueText … }
 *
 * The behaviour (travel ↔ value, keys, drag, reset) is KnobModel's; this
 * controller only routes the host's DOM events into it, writes the ARIA state
 * onto the host after each render, and reports every move the performer makes
 * with `param-change`. The host element is the one focusable thing (role,
 * tabindex and aria-value* sit on it), so nothing has to delegate focus into a
 * shadow root, and pages and tests address the control by data-param.
 *
 * `dragPixels` is the pointer travel for the whole range: the knob's fixed
 * DRAG_PIXELS, or the fader's track length (measured when a drag starts) so
 * its thumb follows the finger.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { paramSpec } from '../../params/table';
import { KnobModel, DRAG_PIXELS } from './knob-model';
import { paramChangeEvent } from './param-change';

/** What the controller needs of its element: the three properties every parameter control has. */
export interface SliderHost extends ReactiveControllerHost, HTMLElement {
  param: string;
  /** NaN until set: the control then shows the table default */
  value: number;
  disabled: boolean;
}

export class SliderController implements ReactiveController {
  model: KnobModel | null = null;
  private dragY: number | null = null;
  private dragSpan = DRAG_PIXELS;

  constructor(
    private readonly host: SliderHost,
    private readonly dragPixels: () => number = () => DRAG_PIXELS,
    /** extra ARIA the host wants (a fader says it is vertical) */
    private readonly extraAria: Readonly<Record<string, string>> = {},
  ) {
    host.addController(this);
    host.addEventListener('keydown', (e) => this.onKey(e));
    host.addEventListener('pointerdown', (e) => this.onPointerDown(e));
    host.addEventListener('pointermove', (e) => this.onPointerMove(e));
    host.addEventListener('pointerup', (e) => this.onPointerUp(e));
    host.addEventListener('pointercancel', (e) => this.onPointerUp(e));
    host.addEventListener('dblclick', () => this.userChange(() => this.model?.reset() ?? false));
  }

  /** Call from willUpdate: a new param id makes a new model; a value set from outside moves it. */
  sync(param: string, value: number, paramChanged: boolean): void {
    if (paramChanged) {
      const spec = paramSpec(param);
      this.model = spec ? new KnobModel(spec) : null;
    }
    if (this.model && Number.isFinite(value)) this.model.setValue(value);
  }

  hostUpdated(): void {
    const h = this.host;
    const m = this.model;
    h.setAttribute('role', 'slider');
    // the table id on the host, so a page (or a test, or MIDI learn) can find any parameter's control by id
    h.dataset.param = h.param;
    if (h.disabled || !m) {
      h.removeAttribute('tabindex');
      h.setAttribute('aria-disabled', 'true');
    } else {
      h.setAttribute('tabindex', '0');
      h.removeAttribute('aria-disabled');
    }
    if (!m) return;
    for (const [k, v] of Object.entries(this.extraAria)) h.setAttribute(k, v);
    h.setAttribute('aria-label', m.spec.name);
    h.setAttribute('aria-valuemin', String(m.spec.min));
    h.setAttribute('aria-valuemax', String(m.spec.max));
    h.setAttribute('aria-valuenow', String(round(m.value)));
    h.setAttribute('aria-valuetext', m.valueText);
    h.title = `${m.spec.description} Double-click for ${m.spec.default}${m.spec.unit ? ' ' + m.spec.unit : ''}.`;
  }

  /** Run a model mutation caused by the performer; if it moved the value, publish it. */
  private userChange(mutate: () => boolean): void {
    const m = this.model;
    if (this.host.disabled || !m) return;
    if (!mutate()) return;
    this.host.value = m.value;
    this.host.dispatchEvent(paramChangeEvent(m.spec.id, m.value));
  }

  private onKey(e: KeyboardEvent): void {
    const m = this.model;
    if (this.host.disabled || !m) return;
    let handled = false;
    this.userChange(() => {
      const before = m.value;
      handled = m.handleKey(e);
      return m.value !== before;
    });
    // handled keys are the slider's: PageDown must not also scroll the page
    if (handled) e.preventDefault();
  }

  private onPointerDown(e: PointerEvent): void {
    if (this.host.disabled || !this.model || e.button !== 0) return;
    this.dragY = e.clientY;
    // measured once per drag: a layout read per pointermove would force a reflow each time
    this.dragSpan = this.dragPixels();
    this.model.endDrag();
    this.host.setPointerCapture(e.pointerId);
    this.host.focus();
    // no text selection or touch scrolling while moving the control
    e.preventDefault();
  }

  private onPointerMove(e: PointerEvent): void {
    if (this.dragY === null) return;
    const dy = e.clientY - this.dragY;
    this.dragY = e.clientY;
    this.userChange(() => this.model!.drag(dy, e.shiftKey, this.dragSpan));
  }

  private onPointerUp(e: PointerEvent): void {
    if (this.dragY === null) return;
    this.dragY = null;
    this.model?.endDrag();
    if (this.host.hasPointerCapture(e.pointerId)) this.host.releasePointerCapture(e.pointerId);
  }
}

/** aria-valuenow: enough digits for the unit, without float noise like 0.7200000000000006. */
function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
