/**
 * KnobModel: what a knob does, with no DOM.
 *
 * A knob's position is its *travel*, 0–1, mapped onto the parameter's range by
 * the table's own scaling (fromNormalized / toNormalized in params/table.ts),
 * so a log-scaled frequency moves evenly in ratio and a dB gain evenly in dB
 * without this file knowing either range. Keys and pointer drags move the
 * travel; the value is always derived from it through the table and clamped
 * by it.
 *
 *   const m = new KnobModel(paramSpec('master.gain')!);
 *   m.handleKey({ key: 'ArrowUp' });   // +1 % of travel
 *   m.value;                          // dB
 *   m.valueText;                      // "0.7 dB", for aria-valuetext and the readout
 *
 * Keyboard, following the WAI-ARIA slider pattern:
 *   ArrowUp / ArrowRight   +1 % of travel     (Shift: +0.1 %, fine)
 *   ArrowDown / ArrowLeft  −1 % of travel     (Shift: −0.1 %)
 *   PageUp / PageDown      ±10 % of travel
 *   Home / End             minimum / maximum
 * Discrete parameters (toggle, choice, integer — isDiscrete in the table)
 * move one whole step per key instead, since a percentage of travel would
 * often round back to the same value; a drag on them accumulates its travel
 * and steps each time it crosses the next whole value.
 */
import { fromNormalized, toNormalized, formatParam, isDiscrete, type ParamSpec } from '../../params/table';

/** Fractions of the full travel moved by one key press. */
export const STEP = 0.01;
export const FINE_STEP = 0.001;
export const PAGE_STEP = 0.1;

/**
 * Pixels of vertical pointer movement for the whole travel. 250 px lets a
 * finger on a 10" tablet sweep the range in one stroke, while 1 px is still
 * 0.4 % of travel (about 0.3 dB on the master gain); Shift or fine mode makes
 * it ten times finer.
 */
export const DRAG_PIXELS = 250;
export const FINE_DRAG_FACTOR = 0.1;

/** The bits of a KeyboardEvent the model reads (so tests need no DOM). */
export interface KnobKey {
  key: string;
  shiftKey?: boolean;
}

export class KnobModel {
  readonly spec: ParamSpec;
  private current: number;
  /**
   * Travel a drag has reached, unrounded, for discrete parameters: each drag
   * event moves only a pixel or two, which alone would round back to the same
   * whole value every time. NaN outside a drag.
   */
  private dragTravel = Number.NaN;

  constructor(spec: ParamSpec, value: number = spec.default) {
    this.spec = spec;
    this.current = spec.default;
    this.setValue(value);
  }

  /** The value in the parameter's unit, always inside [min, max]. */
  get value(): number {
    return this.current;
  }

  /** The control position, 0–1. */
  get travel(): number {
    return toNormalized(this.spec, this.current);
  }

  /** The value as the stage shows and a screen reader speaks it, with its unit. */
  get valueText(): string {
    return formatParam(this.spec, this.current);
  }

  get isDiscrete(): boolean {
    return isDiscrete(this.spec);
  }

  /**
   * Set the value directly (from a preset, the app, MIDI). Out-of-range values
   * are clamped and discrete ones rounded; NaN is ignored so that a bad
   * message cannot park the knob on an unprintable value. Returns whether the
   * value changed.
   */
  setValue(v: number): boolean {
    if (!Number.isFinite(v)) return false;
    let next = Math.min(this.spec.max, Math.max(this.spec.min, v));
    if (this.isDiscrete) next = Math.round(next);
    const changed = this.commit(next);
    // moved from outside (a preset, MIDI) mid-drag: the drag continues from the new value
    if (changed) this.endDrag();
    return changed;
  }

  /** Set the control position, 0–1 (clamped). Returns whether the value changed. */
  setTravel(t: number): boolean {
    if (!Number.isFinite(t)) return false;
    const u = Math.min(1, Math.max(0, t));
    // the ends are exact (a log scaling's max comes back as 220.00000000000003), and nothing leaves the range
    const v = u === 0 ? this.spec.min : u === 1 ? this.spec.max : fromNormalized(this.spec, u);
    return this.commit(Math.min(this.spec.max, Math.max(this.spec.min, v)));
  }

  /** Move by a fraction of the travel (negative moves down). */
  nudge(deltaTravel: number): boolean {
    return this.setTravel(this.travel + deltaTravel);
  }

  /** Back to the table default (double-click). */
  reset(): boolean {
    this.endDrag();
    return this.commit(this.spec.default);
  }

  /**
   * Apply a key press. Returns true when the key belongs to the knob (the
   * caller then calls preventDefault so PageDown does not scroll the page),
   * whether or not the value moved — pressing Home at the minimum is still
   * handled.
   */
  handleKey(e: KnobKey): boolean {
    this.endDrag();
    const dir = KEY_DIRECTION[e.key];
    if (dir !== undefined) {
      if (this.isDiscrete) this.stepDiscrete(dir);
      else this.nudge(dir * (e.shiftKey ? FINE_STEP : STEP));
      return true;
    }
    switch (e.key) {
      case 'PageUp':
      case 'PageDown': {
        const d = e.key === 'PageUp' ? 1 : -1;
        if (this.isDiscrete) this.stepDiscrete(d);
        else this.nudge(d * PAGE_STEP);
        return true;
      }
      case 'Home':
        this.commit(this.spec.min);
        return true;
      case 'End':
        this.commit(this.spec.max);
        return true;
      default:
        return false;
    }
  }

  /**
   * A vertical pointer movement of `dy` CSS pixels (positive = downwards, as
   * clientY grows). Up raises the value, like a hardware knob grabbed with a
   * fader gesture. Relative, so grabbing the knob never makes it jump.
   *
   * `pixels` is how far the pointer travels for the whole range: a knob has
   * no length of its own, so it uses DRAG_PIXELS; a fader passes its track
   * length, so the thumb stays under the finger.
   */
  drag(dy: number, fine = false, pixels: number = DRAG_PIXELS): boolean {
    // a fader not laid out yet (length 0) must not divide by zero and jump to an end
    const span = Number.isFinite(pixels) && pixels > 0 ? pixels : DRAG_PIXELS;
    const delta = (-dy / span) * (fine ? FINE_DRAG_FACTOR : 1);
    if (!this.isDiscrete) return this.nudge(delta);
    if (!Number.isFinite(this.dragTravel)) this.dragTravel = this.travel;
    this.dragTravel = Math.min(1, Math.max(0, this.dragTravel + delta));
    return this.setTravel(this.dragTravel);
  }

  /** A drag ended (pointer up): the next one starts from the value, not from where this one left off. */
  endDrag(): void {
    this.dragTravel = Number.NaN;
  }

  private stepDiscrete(dir: number): void {
    this.commit(Math.min(this.spec.max, Math.max(this.spec.min, Math.round(this.current) + dir)));
  }

  private commit(next: number): boolean {
    if (next === this.current) return false;
    this.current = next;
    return true;
  }
}

/** Arrow keys → direction; Right and Up both increase (WAI-ARIA slider pattern). */
const KEY_DIRECTION: Record<string, number> = {
  ArrowUp: 1,
  ArrowRight: 1,
  ArrowDown: -1,
  ArrowLeft: -1,
};
