/**
 * Styles of the beat section: <gs-beat-panel>, <gs-tempo-readout> and
 * <gs-beat-lamp>. The tempo and the lamp take whatever height the buttons and
 * the range knobs leave: on a 1024×600 tablet the digits are about 60 px tall
 * and the lamp about 170 px across, readable from 3 m.
 */
import { css } from 'lit';

export const beatPanelStyles = css`
  :host {
    display: grid;
    grid-template-rows: auto minmax(0, 1fr) auto auto;
    gap: 8px;
    min-height: 0;
    min-width: 0;
    color: var(--gs-text, #f2f4f8);
    font-family: var(--gs-font, system-ui, sans-serif);
  }
  h2 {
    margin: 0;
    font-size: 13px;
    font-weight: 800;
    letter-spacing: 0.16em;
    text-transform: uppercase;
    color: var(--gs-text-dim, #a3abba);
  }
  .top {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    align-items: center;
    gap: 12px;
    min-height: 0;
  }
  gs-beat-lamp {
    /* as big as the row is tall, within reason */
    height: 100%;
    max-height: 220px;
    aspect-ratio: 1 / 1.2;
    min-height: 0;
  }
  .buttons {
    display: grid;
    grid-template-columns: repeat(6, minmax(0, 1fr));
    gap: 8px;
  }
  .buttons > * {
    min-width: 0;
  }
  .tap {
    grid-column: span 4;
    --gs-trigger-height: 54px;
    --gs-trigger-font: 24px;
  }
  .lock {
    grid-column: span 2;
    min-width: 0;
    min-height: 54px;
    font-size: 18px;
  }
  .half,
  .double,
  .resync {
    grid-column: span 2;
  }
  .half,
  .double,
  .resync {
    --gs-trigger-font: 20px;
    --gs-trigger-height: 48px;
    padding: 0 6px;
  }
  .range {
    display: flex;
    justify-content: space-between;
    align-items: flex-end;
    gap: 4px;
  }
  .range gs-param-knob {
    --gs-knob-size: 44px;
    --gs-knob-readout: 17px;
    --gs-knob-label: 12px;
    --gs-knob-ends: none;
    --gs-knob-padding: 2px 4px 2px;
    gap: 2px;
  }
`;

export const tempoReadoutStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    justify-content: center;
    gap: 8px;
    min-width: 0;
    color: var(--gs-text, #f2f4f8);
    font-family: var(--gs-font, system-ui, sans-serif);
    position: relative;
  }
  .value {
    display: flex;
    align-items: baseline;
    flex-wrap: wrap;
    column-gap: 10px;
    line-height: 1;
  }
  .num {
    font-family: var(--gs-mono, monospace);
    font-variant-numeric: tabular-nums;
    font-size: var(--gs-tempo-size, 80px);
    font-weight: 800;
    letter-spacing: -0.02em;
    /* room for "220.0", so the layout does not move as the digits change */
    min-width: 5ch;
  }
  .unit {
    font-size: 20px;
    font-weight: 800;
    letter-spacing: 0.12em;
    color: var(--gs-text-dim, #a3abba);
  }
  .flag {
    font-size: 16px;
    font-weight: 900;
    letter-spacing: 0.14em;
    text-transform: uppercase;
    color: var(--gs-warn, #ffc233);
  }
  .value.idle .num,
  .value.waiting .num {
    color: var(--gs-text-dim, #a3abba);
  }
  /* lost: the last tempo stays readable but clearly not live */
  .value.lost .num {
    color: #6b7280;
  }
  .conf {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    align-items: center;
    gap: 8px;
    max-width: 260px;
  }
  .cap {
    font-size: 12px;
    font-weight: 700;
    letter-spacing: 0.12em;
    text-transform: uppercase;
    color: var(--gs-text-dim, #a3abba);
  }
  .track {
    height: 8px;
    border-radius: 4px;
    background: var(--gs-well, #1b1e25);
    overflow: hidden;
  }
  .fill {
    display: block;
    height: 100%;
    background: var(--gs-ok, #3ee07a);
    /* scaled, not resized: a width transition re-lays out the page on every frame
       (the readout updates 10 times a second, so it never stops), a transform only recomposites */
    transform-origin: left center;
    transition: transform 100ms linear;
  }
  .conf.lost .fill {
    background: var(--gs-warn, #ffc233);
  }
`;

export const beatLampStyles = css`
  :host {
    display: grid;
    grid-template-rows: minmax(0, 1fr) auto;
    justify-items: center;
    gap: 8px;
    min-height: 0;
    min-width: 0;
  }
  canvas {
    width: 100%;
    height: 100%;
    min-height: 0;
    display: block;
  }
  .dots {
    display: flex;
    gap: 6px;
    justify-content: center;
    flex-wrap: wrap;
  }
  .dot {
    width: 16px;
    height: 16px;
    border-radius: 50%;
    background: #2b303b;
  }
  .dot.one {
    box-shadow: inset 0 0 0 2px #6b4a24;
  }
  .dot.on {
    background: var(--gs-beat, #3ee07a);
  }
  .dot.one.on {
    background: var(--gs-downbeat, #ff8c1a);
    box-shadow: none;
  }
  .dots.lost .dot.on {
    background: #7a8293;
  }
`;
