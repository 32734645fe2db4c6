/**
 * Styles of the pitch section: <gs-pitch-panel>, <gs-chroma-view> and
 * <gs-pitch-readout>. Key and chord are the big readouts (about 40 px on a
 * 1024×600 tablet, readable from 3 m); the chroma bars take the rest.
 */
import { css } from 'lit';

export const pitchPanelStyles = css`
  :host {
    display: grid;
    grid-template-rows: auto minmax(28px, 1fr) auto auto;
    gap: 6px;
    overflow: hidden;
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
  gs-chroma-view {
    min-height: 0;
  }
  .controls {
    display: flex;
    gap: 8px;
    align-items: stretch;
  }
  .controls > * {
    flex: 1 1 0;
    min-width: 0;
    min-height: 32px;
    font-size: 13px;
  }
`;

export const pitchReadoutStyles = css`
  :host {
    display: grid;
    grid-template-columns: minmax(0, 1.3fr) minmax(0, 1fr);
    gap: 4px 12px;
    align-items: end;
    min-width: 0;
  }
  .cap {
    display: block;
    font-size: 11px;
    font-weight: 700;
    letter-spacing: 0.12em;
    text-transform: uppercase;
    color: var(--gs-text-dim, #a3abba);
  }
  .big {
    display: block;
    font-size: clamp(22px, 3.3vw, 38px);
    font-weight: 800;
    line-height: 1.05;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    font-variant-numeric: tabular-nums;
  }
  .idle {
    color: var(--gs-text-dim, #a3abba);
  }
  .key .conf {
    display: block;
    height: 4px;
    margin-top: 4px;
    border-radius: 2px;
    background: var(--gs-well, #1b1e25);
    overflow: hidden;
  }
  .key .conf > span {
    display: block;
    height: 100%;
    background: var(--gs-accent, #38d0ff);
  }
  .second,
  .tuning {
    font-size: 15px;
    color: var(--gs-text-dim, #a3abba);
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  .tuning {
    color: var(--gs-text, #f2f4f8);
  }
`;

export const chromaViewStyles = css`
  :host {
    display: block;
    position: relative;
    min-height: 32px;
  }
  canvas {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
  }
`;
