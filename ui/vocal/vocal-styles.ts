/** Styles of <gs-vocal-lamp>: a lamp with its percentage, then the 30 s timeline, in one row. */
import { css } from 'lit';

export const vocalLampStyles = css`
  :host {
    display: grid;
    grid-template-columns: auto auto minmax(0, 1fr);
    align-items: center;
    gap: 8px;
    min-height: 30px;
    min-width: 0;
    color: var(--gs-text, #f2f4f8);
    font-family: var(--gs-font, system-ui, sans-serif);
  }
  .lamp {
    width: 26px;
    height: 26px;
    border-radius: 50%;
    background: var(--gs-well, #1b1e25);
    border: 2px solid #343a46;
  }
  :host([data-active='1']) .lamp {
    background: var(--gs-accent, #38d0ff);
    border-color: var(--gs-accent, #38d0ff);
    box-shadow: 0 0 12px var(--gs-accent, #38d0ff);
  }
  .text {
    display: grid;
    line-height: 1.05;
    font-variant-numeric: tabular-nums;
  }
  .cap {
    font-size: 11px;
    font-weight: 700;
    letter-spacing: 0.12em;
    text-transform: uppercase;
    color: var(--gs-text-dim, #a3abba);
  }
  .pct {
    font-size: 16px;
    font-weight: 800;
  }
  .timeline {
    position: relative;
    height: 100%;
    min-height: 26px;
  }
  canvas {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
  }
`;
