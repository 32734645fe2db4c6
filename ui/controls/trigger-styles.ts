/** Styles of <gs-param-trigger>: the same button body as <gs-param-toggle>, with a brief light instead of a latch. */
import { css } from 'lit';

export const triggerStyles = css`
  :host {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-width: 64px;
    min-height: var(--gs-trigger-height, 52px);
    padding: 0 14px;
    border-radius: var(--gs-radius, 10px);
    border: 2px solid var(--gs-panel-edge, #262a33);
    background: var(--gs-well, #1b1e25);
    color: var(--gs-text, #f2f4f8);
    font-family: var(--gs-font, system-ui, sans-serif);
    font-size: var(--gs-trigger-font, 20px);
    font-weight: 800;
    letter-spacing: 0.06em;
    text-transform: uppercase;
    white-space: nowrap;
    cursor: pointer;
    user-select: none;
    -webkit-user-select: none;
    /* no double-tap zoom and no 300 ms click delay: fast taps stay taps */
    touch-action: manipulation;
    outline: none;
    box-sizing: border-box;
    transition: background-color 60ms linear, border-color 60ms linear;
  }
  :host(:focus-visible) {
    box-shadow: 0 0 0 3px var(--gs-focus, #ffe066);
  }
  :host(:hover) {
    border-color: #3a404c;
  }
  :host([fired]) {
    border-color: var(--gs-accent, #38d0ff);
    background: #0b3a4a;
    transition: none;
  }
  :host([disabled]) {
    opacity: 0.45;
    cursor: default;
  }
`;
