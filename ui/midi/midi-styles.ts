/**
 * Styles of the MIDI view (<gs-midi-panel>, <gs-midi-clock>, <gs-midi-mappings>)
 * and the learn bar. Same stage look as the rest: dark panels, bright text,
 * accent cyan for what can be touched, amber for learn (a mode the performer
 * must not forget is on). Targets are at least 44 px; the mapping list
 * scrolls inside its card so the page never does.
 */
import { css } from 'lit';

/** Buttons, selects and inputs shared by the MIDI components. */
const midiControls = css`
  button,
  select,
  input {
    min-height: 44px;
    border-radius: var(--gs-radius, 10px);
    border: 2px solid var(--gs-panel-edge, #262a33);
    background: var(--gs-well, #1b1e25);
    color: var(--gs-text, #f2f4f8);
    font: 700 16px var(--gs-font, system-ui, sans-serif);
  }
  button {
    padding: 0 14px;
    cursor: pointer;
    touch-action: manipulation;
    white-space: nowrap;
  }
  button[aria-pressed='true'] {
    background: #0b3a4a;
    box-shadow: inset 0 -4px 0 var(--gs-accent, #38d0ff);
  }
  button:disabled,
  button[aria-disabled='true'],
  select:disabled,
  input:disabled {
    opacity: 0.45;
    cursor: default;
  }
  select {
    padding: 0 10px;
    min-width: 0;
  }
  input[type='number'] {
    width: 4.6em;
    padding: 0 6px;
    font-family: var(--gs-mono, monospace);
    text-align: right;
  }
  button:focus-visible,
  select:focus-visible,
  input:focus-visible {
    outline: 3px solid var(--gs-focus, #ffe066);
    outline-offset: 1px;
  }
  h3 {
    margin: 0;
    font-size: 12px;
    font-weight: 800;
    letter-spacing: 0.14em;
    text-transform: uppercase;
    color: var(--gs-text-dim, #a3abba);
  }
`;

export const midiPanelStyles = [
  midiControls,
  css`
    :host {
      display: grid;
      grid-template-columns: minmax(0, 0.85fr) minmax(0, 1.15fr);
      gap: 12px;
      min-height: 0;
      min-width: 0;
      color: var(--gs-text, #f2f4f8);
      font-family: var(--gs-font, system-ui, sans-serif);
    }
    .left {
      display: grid;
      grid-template-rows: auto auto minmax(0, 1fr);
      gap: 10px;
      min-height: 0;
      min-width: 0;
    }
    .head {
      display: flex;
      align-items: center;
      gap: 10px;
      min-width: 0;
    }
    .enable {
      flex: none;
      font-size: 18px;
    }
    .enable.on {
      background: #0d3a1f;
      border-color: var(--gs-ok, #3ee07a);
      color: var(--gs-text, #f2f4f8);
      /* on for good (there is no "off" in Web MIDI): shown lit, not greyed out */
      opacity: 1;
    }
    .status {
      font-size: 16px;
      font-weight: 700;
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .status.unsupported,
    .status.failed {
      color: var(--gs-warn, #ffc233);
    }
    .devices {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      gap: 10px;
    }
    ul {
      list-style: none;
      margin: 4px 0 0;
      padding: 0;
      font-size: 15px;
      max-height: 4.6em;
      overflow: auto;
    }
    li {
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
      line-height: 1.5;
    }
    li.none {
      color: var(--gs-text-dim, #a3abba);
    }
    gs-midi-clock,
    gs-midi-mappings {
      min-height: 0;
      min-width: 0;
    }
  `,
];

export const clockStyles = [
  midiControls,
  css`
    :host {
      display: grid;
      align-content: start;
      gap: 8px;
      min-width: 0;
    }
    .row {
      display: flex;
      align-items: center;
      gap: 8px;
      min-width: 0;
    }
    .row select {
      flex: 1 1 auto;
    }
    .seg {
      display: flex;
    }
    .seg button {
      border-radius: 0;
      padding: 0 10px;
    }
    .seg button:first-child {
      border-radius: var(--gs-radius, 10px) 0 0 var(--gs-radius, 10px);
    }
    .seg button:last-child {
      border-radius: 0 var(--gs-radius, 10px) var(--gs-radius, 10px) 0;
      border-left: none;
    }
    .unit {
      font-size: 14px;
      font-weight: 700;
      color: var(--gs-text-dim, #a3abba);
    }
    .transport button {
      flex: 1 1 0;
      font-size: 17px;
    }
    .transport .run[aria-pressed='true'] {
      background: #0d3a1f;
      box-shadow: inset 0 -4px 0 var(--gs-ok, #3ee07a);
    }
    .state {
      font-family: var(--gs-mono, monospace);
      font-size: 15px;
      color: var(--gs-text-dim, #a3abba);
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
  `,
];

export const mappingListStyles = [
  midiControls,
  css`
    :host {
      display: grid;
      grid-template-rows: auto auto minmax(0, 1fr);
      gap: 8px;
      min-height: 0;
      min-width: 0;
    }
    .top {
      display: flex;
      align-items: center;
      gap: 10px;
    }
    .learn {
      font-size: 18px;
      flex: none;
    }
    .learn[aria-pressed='true'] {
      background: #3a2a04;
      border-color: var(--gs-warn, #ffc233);
      box-shadow: none;
    }
    .hint {
      font-size: 14px;
      color: var(--gs-text-dim, #a3abba);
      min-width: 0;
    }
    .latency {
      font-family: var(--gs-mono, monospace);
      font-size: 13px;
      color: var(--gs-text-dim, #a3abba);
    }
    ol {
      list-style: none;
      margin: 0;
      padding: 0;
      overflow: auto;
      min-height: 0;
      display: grid;
      align-content: start;
      gap: 6px;
    }
    li {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      gap: 4px 8px;
      padding: 6px 8px;
      border-radius: var(--gs-radius, 10px);
      background: var(--gs-well, #1b1e25);
      border: 1px solid var(--gs-panel-edge, #262a33);
    }
    li.fresh {
      border-color: var(--gs-warn, #ffc233);
    }
    .what {
      min-width: 0;
      font-size: 16px;
      font-weight: 800;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .src {
      display: block;
      font-size: 14px;
      font-weight: 600;
      color: var(--gs-text-dim, #a3abba);
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .edit {
      grid-column: 1 / -1;
      display: flex;
      align-items: center;
      gap: 4px;
      flex-wrap: wrap;
      font-size: 13px;
      color: var(--gs-text-dim, #a3abba);
    }
    .edit select {
      font-size: 14px;
      padding: 0 4px;
    }
    .edit input[type='number'] {
      width: 3.3em;
      font-size: 15px;
    }
    .delete {
      align-self: start;
      min-width: 44px;
      padding: 0;
      font-size: 18px;
    }
    .empty {
      font-size: 15px;
      color: var(--gs-text-dim, #a3abba);
    }
  `,
];

export const learnBarStyles = css`
  :host {
    position: fixed;
    top: 8px;
    left: 50%;
    transform: translateX(-50%);
    z-index: 10;
    display: none;
    max-width: calc(100vw - 24px);
  }
  :host([active]) {
    display: block;
  }
  .bar {
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 6px 8px 6px 16px;
    border-radius: var(--gs-radius, 10px);
    background: #3a2a04;
    border: 2px solid var(--gs-warn, #ffc233);
    color: #fff3cf;
    font: 700 17px var(--gs-font, system-ui, sans-serif);
    box-shadow: 0 6px 24px #000c;
  }
  .text {
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  button {
    min-height: 44px;
    padding: 0 16px;
    border-radius: var(--gs-radius, 10px);
    border: none;
    background: var(--gs-warn, #ffc233);
    color: #1c1400;
    font: 900 16px var(--gs-font, system-ui, sans-serif);
    cursor: pointer;
  }
  button:focus-visible {
    outline: 3px solid var(--gs-focus, #ffe066);
    outline-offset: 2px;
  }
`;
