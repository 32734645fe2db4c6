/**
 * The one event every parameter control emits when the performer moves it.
 *
 * It bubbles and is composed, so it crosses the controls' shadow roots and the
 * app (or a MIDI-learn layer above it) can listen in one place instead of
 * wiring every control.
 */
export const PARAM_CHANGE = 'param-change';

export interface ParamChangeDetail {
  /** parameter id from params/table.ts */
  id: string;
  /** new value in the parameter's unit */
  value: number;
}

export type ParamChangeEvent = CustomEvent<ParamChangeDetail>;

export function paramChangeEvent(id: string, value: number): ParamChangeEvent {
  return new CustomEvent<ParamChangeDetail>(PARAM_CHANGE, { detail: { id, value }, bubbles: true, composed: true });
}

declare global {
  interface HTMLElementEventMap {
    'param-change': ParamChangeEvent;
  }
}
