/**
 * Styles of <gs-preset-bar>. It sits in the app header, so its row is as tall
 * as the input picker beside it (48 px) and its caption matches the other
 * fields' captions. The save form, the menu and the message float over the
 * status bar below instead of taking height: the page must still fit a
 * 1024×600 screen without scrolling.
 *
 * The unsaved mark is amber (the app's "not the normal state" colour), the
 * slot in use is lit in the accent colour like a pressed selector.
 */
import { css } from 'lit';

export const presetBarStyles = css`
  :host {
    position: relative;
    display: flex;
    flex-direction: column;
    gap: 3px;
    min-width: 0;
    color: var(--gs-text, #f2f4f8);
    font-family: var(--gs-font, system-ui, sans-serif);
  }
  * {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  .caption {
    display: flex;
    align-items: baseline;
    gap: 10px;
    min-width: 0;
    font-size: 12px;
    font-weight: 700;
    letter-spacing: 0.12em;
    text-transform: uppercase;
    color: var(--gs-text-dim, #a3abba);
    white-space: nowrap;
  }
  .dirty {
    color: var(--gs-warn, #ffc233);
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .row {
    display: flex;
    gap: 6px;
    min-width: 0;
  }
  select {
    flex: 1 1 auto;
    min-width: 0;
    min-height: 48px;
    padding: 0 40px 0 14px;
    border-radius: var(--gs-radius, 10px);
    border: 2px solid var(--gs-panel-edge, #262a33);
    /* the app's drawn chevron: the platform arrow is tiny and grey on dark */
    background:
      linear-gradient(45deg, transparent 50%, var(--gs-text, #f2f4f8) 50%) right 20px center / 7px 7px no-repeat,
      linear-gradient(-45deg, transparent 50%, var(--gs-text, #f2f4f8) 50%) right 14px center / 7px 7px no-repeat,
      var(--gs-panel, #121419);
    color: var(--gs-text, #f2f4f8);
    font: 600 18px var(--gs-font, system-ui, sans-serif);
    appearance: none;
    -webkit-appearance: none;
    text-overflow: ellipsis;
  }
  select.dirty-value {
    border-color: var(--gs-warn, #ffc233);
  }
  option,
  optgroup {
    background: var(--gs-panel, #121419);
    color: var(--gs-text, #f2f4f8);
  }
  button,
  .file {
    flex: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-width: 44px;
    min-height: 48px;
    padding: 0 12px;
    border-radius: var(--gs-radius, 10px);
    border: 2px solid var(--gs-panel-edge, #262a33);
    background: var(--gs-well, #1b1e25);
    color: var(--gs-text, #f2f4f8);
    font: 800 15px var(--gs-font, system-ui, sans-serif);
    letter-spacing: 0.06em;
    text-transform: uppercase;
    white-space: nowrap;
    cursor: pointer;
    touch-action: manipulation;
  }
  .file {
    position: relative;
  }
  button[aria-expanded='true'] {
    border-color: var(--gs-accent, #38d0ff);
  }
  button:disabled {
    opacity: 0.45;
    cursor: default;
  }
  button:focus-visible,
  select:focus-visible,
  input:focus-visible,
  .file:focus-within {
    outline: 3px solid var(--gs-focus, #ffe066);
    outline-offset: 2px;
  }
  .more {
    font-size: 22px;
    padding: 0 10px;
  }
  /* A | B as one segmented switch */
  .ab {
    flex: none;
    display: flex;
    border-radius: var(--gs-radius, 10px);
    border: 2px solid var(--gs-panel-edge, #262a33);
    overflow: hidden;
  }
  .ab button {
    min-width: 44px;
    min-height: 44px;
    border: none;
    border-radius: 0;
    font-size: 18px;
    color: var(--gs-text-dim, #a3abba);
  }
  .ab button + button {
    border-left: 2px solid var(--gs-panel-edge, #262a33);
  }
  .ab button[aria-pressed='true'] {
    background: #0b3a4a;
    color: var(--gs-text, #f2f4f8);
    box-shadow: inset 0 -4px 0 var(--gs-accent, #38d0ff);
  }

  /* ---- floating parts: over the status bar, never in the layout ---- */
  .pop,
  .message {
    position: absolute;
    top: calc(100% + 6px);
    right: 0;
    z-index: 10;
    border-radius: var(--gs-radius, 10px);
    border: 2px solid var(--gs-panel-edge, #262a33);
    background: var(--gs-panel, #121419);
    box-shadow: 0 10px 30px rgb(0 0 0 / 0.6);
  }
  .pop {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    padding: 10px;
    width: min(100%, 420px);
  }
  .pop.menu {
    flex-direction: column;
    width: 260px;
  }
  .pop.menu .label {
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .pop.menu button,
  .pop.menu .file {
    justify-content: flex-start;
    width: 100%;
  }
  .pop input[type='text'] {
    flex: 1 1 180px;
    min-width: 0;
    min-height: 48px;
    padding: 0 12px;
    border-radius: var(--gs-radius, 10px);
    border: 2px solid var(--gs-panel-edge, #262a33);
    background: var(--gs-well, #1b1e25);
    color: var(--gs-text, #f2f4f8);
    font: 600 18px var(--gs-font, system-ui, sans-serif);
  }
  .pop .primary {
    border-color: var(--gs-accent, #38d0ff);
    background: #0b3a4a;
  }
  .pop .hint {
    flex: 1 1 100%;
    font-size: 14px;
    color: var(--gs-text-dim, #a3abba);
  }
  .file input {
    /* the file input stays in the page (the label opens it, tests set files on it) but is not drawn */
    position: absolute;
    width: 1px;
    height: 1px;
    opacity: 0;
    pointer-events: none;
  }
  .danger {
    color: #ffd9d9;
  }
  .message {
    left: 0;
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 8px 8px 8px 14px;
    font-size: 16px;
    font-weight: 600;
    line-height: 1.3;
    border-left-width: 6px;
  }
  .message[data-kind='ok'] {
    border-left-color: var(--gs-ok, #3ee07a);
  }
  .message[data-kind='error'] {
    border-left-color: var(--gs-clip, #ff3b3b);
    background: #2a0e10;
    color: #ffd9d9;
  }
  .message .text {
    flex: 1 1 auto;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .message button {
    min-height: 44px;
  }
`;
