/**
 * Styles of <gs-param-choice>: a small caption over either a row of segments
 * (the chosen one lit in the accent colour, like a pressed selector switch) or
 * a drop-down drawn like the app's other selects. 44 px tall either way.
 */
import { css } from 'lit';

export const choiceStyles = css`
  :host {
    display: inline-flex;
    flex-direction: column;
    gap: 3px;
    min-width: 0;
    color: var(--gs-text, #f2f4f8);
    font-family: var(--gs-font, system-ui, sans-serif);
  }
  :host([disabled]) {
    opacity: 0.45;
  }
  .label {
    font-size: 12px;
    font-weight: 700;
    letter-spacing: 0.1em;
    text-transform: uppercase;
    white-space: nowrap;
    color: var(--gs-text-dim, #a3abba);
  }
  .segments {
    display: flex;
    border-radius: var(--gs-radius, 10px);
    border: 2px solid var(--gs-panel-edge, #262a33);
    background: var(--gs-well, #1b1e25);
    overflow: hidden;
  }
  button {
    flex: 1 1 auto;
    min-height: var(--gs-choice-height, 44px);
    min-width: 52px;
    padding: 0 14px;
    border: none;
    border-left: 2px solid var(--gs-panel-edge, #262a33);
    background: transparent;
    color: var(--gs-text-dim, #a3abba);
    font: 800 16px var(--gs-font, system-ui, sans-serif);
    letter-spacing: 0.06em;
    text-transform: uppercase;
    white-space: nowrap;
    cursor: pointer;
    touch-action: manipulation;
  }
  button:first-child {
    border-left: none;
  }
  button[aria-checked='true'] {
    background: #0b3a4a;
    color: var(--gs-text, #f2f4f8);
    box-shadow: inset 0 -4px 0 var(--gs-accent, #38d0ff);
  }
  button:focus-visible,
  select:focus-visible {
    outline: 3px solid var(--gs-focus, #ffe066);
    outline-offset: -3px;
  }
  select {
    min-height: var(--gs-choice-height, 44px);
    min-width: 7.5em;
    padding: 0 36px 0 12px;
    border-radius: var(--gs-radius, 10px);
    border: 2px solid var(--gs-panel-edge, #262a33);
    background:
      linear-gradient(45deg, transparent 50%, var(--gs-text, #f2f4f8) 50%) right 18px center / 7px 7px no-repeat,
      linear-gradient(-45deg, transparent 50%, var(--gs-text, #f2f4f8) 50%) right 12px center / 7px 7px no-repeat,
      var(--gs-well, #1b1e25);
    color: var(--gs-text, #f2f4f8);
    font: 700 18px var(--gs-mono, monospace);
    appearance: none;
    -webkit-appearance: none;
    cursor: pointer;
  }
  .missing {
    color: var(--gs-clip, #ff3b3b);
    font-size: 14px;
  }
`;
