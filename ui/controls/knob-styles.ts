/** Styles of <gs-param-knob> after slider-styles.ts; the behaviour lives in knob-model.ts, the shell in param-knob.ts. */
import { css } from 'lit';

export const knobStyles = css`
  :host {
    --size: var(--gs-knob-size, 132px);
    padding: var(--gs-knob-padding, 8px 10px 10px);
  }
  svg {
    width: var(--size);
    height: var(--size);
    display: block;
    overflow: visible;
  }
  .track,
  .value {
    fill: none;
    stroke-linecap: round;
    stroke-width: 9;
  }
  .track {
    stroke: #2b303b;
  }
  .value {
    stroke: var(--gs-accent, #38d0ff);
  }
  .body {
    fill: #1f232b;
    stroke: #343a46;
    stroke-width: 1.5;
  }
  .pointer {
    stroke: var(--gs-text, #f2f4f8);
    stroke-width: 5;
    stroke-linecap: round;
  }
  .origin {
    stroke: var(--gs-text-dim, #a3abba);
    stroke-width: 2;
  }
  .end {
    /* a small knob (under ~80 px) may hide the range ends, which would be too small to read */
    display: var(--gs-knob-ends, inline);
    fill: var(--gs-text-dim, #a3abba);
    font-family: var(--gs-font, system-ui, sans-serif);
    font-size: 10px;
    font-weight: 600;
  }
  .readout {
    font-family: var(--gs-mono, monospace);
    font-variant-numeric: tabular-nums;
    font-size: var(--gs-knob-readout, 28px);
    font-weight: 700;
    line-height: 1.1;
    margin-top: 2px;
    white-space: nowrap;
    /* fixed width so the layout does not twitch as digits change */
    min-width: var(--gs-knob-readout-width, 6.5ch);
    text-align: center;
  }
  .missing {
    color: var(--gs-clip, #ff3b3b);
    font-size: 14px;
  }
`;
