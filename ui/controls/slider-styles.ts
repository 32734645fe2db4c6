/**
 * What the knob and the fader share: a labelled column the pointer drags
 * vertically (the control, not the page, owns vertical drags on touch
 * screens), the focus ring, the disabled look and the label. Each control's
 * own sheet follows with its size and its drawing.
 */
import { css } from 'lit';

export const sliderShellStyles = css`
  :host {
    display: inline-flex;
    flex-direction: column;
    align-items: center;
    gap: 4px;
    border-radius: var(--gs-radius, 10px);
    color: var(--gs-text, #f2f4f8);
    font-family: var(--gs-font, system-ui, sans-serif);
    user-select: none;
    -webkit-user-select: none;
    touch-action: none;
    cursor: ns-resize;
    outline: none;
  }
  :host(:focus-visible) {
    box-shadow: 0 0 0 3px var(--gs-focus, #ffe066);
  }
  :host([disabled]) {
    opacity: 0.45;
    cursor: default;
  }
  .label {
    font-size: var(--gs-knob-label, 15px);
    white-space: nowrap;
    font-weight: 700;
    letter-spacing: var(--gs-knob-label-spacing, 0.12em);
    text-transform: uppercase;
    color: var(--gs-text-dim, #a3abba);
  }
`;
