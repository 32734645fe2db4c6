/** Styles shared by the meter components. */
import { css } from 'lit';

/** Visually hidden but read by screen readers (the canvas itself is aria-hidden). */
export const srOnly = css`
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
`;

export const levelMeterStyles = css`
  :host {
    display: grid;
    grid-template-rows: auto minmax(0, 1fr) auto;
    gap: 6px;
    min-height: 0;
    min-width: 112px;
    color: var(--gs-text, #f2f4f8);
    font-family: var(--gs-font, system-ui, sans-serif);
    position: relative;
  }
  .label {
    font-size: 15px;
    font-weight: 700;
    letter-spacing: 0.12em;
    text-transform: uppercase;
    color: var(--gs-text-dim, #a3abba);
    text-align: center;
  }
  canvas {
    width: 100%;
    height: 100%;
    min-height: 0;
    display: block;
  }
  .readout {
    text-align: center;
    font-family: var(--gs-mono, monospace);
    font-variant-numeric: tabular-nums;
    line-height: 1;
    white-space: nowrap;
  }
  .readout .num {
    font-size: var(--gs-meter-readout, 30px);
    font-weight: 800;
  }
  .readout .unit {
    display: block;
    margin-top: 3px;
    font-family: var(--gs-font, system-ui, sans-serif);
    font-size: 12px;
    letter-spacing: 0.08em;
    color: var(--gs-text-dim, #a3abba);
  }
  .readout.clip .num {
    color: var(--gs-clip, #ff3b3b);
  }
  .readout.idle .num {
    color: var(--gs-text-dim, #a3abba);
  }
`;

export const gainReductionStyles = css`
  :host {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto;
    align-items: center;
    gap: 12px;
    color: var(--gs-text, #f2f4f8);
    font-family: var(--gs-font, system-ui, sans-serif);
    position: relative;
  }
  .label {
    font-size: 13px;
    font-weight: 700;
    letter-spacing: 0.1em;
    text-transform: uppercase;
    color: var(--gs-text-dim, #a3abba);
    line-height: 1.2;
  }
  canvas {
    width: 100%;
    height: 22px;
    display: block;
  }
  .num {
    font-family: var(--gs-mono, monospace);
    font-variant-numeric: tabular-nums;
    font-size: 24px;
    font-weight: 800;
    /* room for "−12.3"; a narrow column may set less */
    min-width: var(--gs-gr-num-width, 6ch);
    text-align: right;
  }
  .num.active {
    color: var(--gs-warn, #ffc233);
  }
  .num.idle {
    color: var(--gs-text-dim, #a3abba);
  }
`;
