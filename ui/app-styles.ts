/**
 * Layout and look of <gigscope-app>. One CSS grid for the whole screen sized to
 * the viewport, so the page never scrolls on a 1024×600 tablet and simply
 * gets roomier meters on a laptop. Touch targets are at least 44 px.
 */
import { css } from 'lit';
import { themeTokens } from './theme';

export const appStyles = css`
  :host {
    ${themeTokens}
    display: grid;
    grid-template-rows: auto auto minmax(0, 1fr);
    height: 100vh;
    height: 100dvh;
    box-sizing: border-box;
    padding: 10px 14px 12px;
    gap: 10px;
    background: var(--gs-bg);
    color: var(--gs-text);
    font-family: var(--gs-font);
    -webkit-font-smoothing: antialiased;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  /* ---- header ---- */
  header {
    display: grid;
    /* the preset bar (picker, Save, ⋯, A|B) needs about twice the input picker's room */
    grid-template-columns: auto minmax(0, 0.65fr) minmax(0, 1.35fr) auto;
    align-items: end;
    gap: 14px;
  }
  .brand {
    display: flex;
    flex-direction: column;
    align-self: center;
  }
  h1 {
    margin: 0;
    font-size: 30px;
    line-height: 1;
    font-weight: 900;
    letter-spacing: 0.04em;
    color: var(--gs-accent);
  }
  .tag {
    font-size: 12px;
    letter-spacing: 0.12em;
    text-transform: uppercase;
    color: var(--gs-text-dim);
    margin-top: 4px;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 3px;
    min-width: 0;
  }
  .field > span {
    font-size: 12px;
    font-weight: 700;
    letter-spacing: 0.12em;
    text-transform: uppercase;
    color: var(--gs-text-dim);
  }
  select {
    min-height: 48px;
    width: 100%;
    padding: 0 40px 0 14px;
    border-radius: var(--gs-radius);
    border: 2px solid var(--gs-panel-edge);
    /* a drawn chevron instead of the platform arrow, which is tiny and grey on dark */
    background:
      linear-gradient(45deg, transparent 50%, var(--gs-text) 50%) right 20px center / 7px 7px no-repeat,
      linear-gradient(-45deg, transparent 50%, var(--gs-text) 50%) right 14px center / 7px 7px no-repeat,
      var(--gs-panel);
    color: var(--gs-text);
    font: 600 18px var(--gs-font);
    appearance: none;
    -webkit-appearance: none;
    text-overflow: ellipsis;
  }
  select:focus-visible,
  button:focus-visible {
    outline: 3px solid var(--gs-focus);
    outline-offset: 2px;
  }
  select:disabled {
    opacity: 0.55;
  }
  .start {
    min-width: 170px;
    min-height: 56px;
    padding: 0 26px;
    border-radius: var(--gs-radius);
    border: none;
    background: var(--gs-ok);
    color: #04140a;
    font: 900 24px var(--gs-font);
    letter-spacing: 0.08em;
    text-transform: uppercase;
    cursor: pointer;
    touch-action: manipulation;
  }
  .start.on {
    background: var(--gs-clip);
    color: #fff;
  }
  .start[aria-busy='true'] {
    opacity: 0.8;
  }

  /* ---- status ---- */
  .statusbar {
    display: flex;
    flex-direction: column;
    gap: 6px;
    min-width: 0;
  }
  .status {
    padding: 8px 14px;
    border-radius: var(--gs-radius);
    background: var(--gs-panel);
    border-left: 6px solid var(--gs-text-dim);
    font-size: 18px;
    font-weight: 600;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .status.ok {
    border-left-color: var(--gs-ok);
  }
  .status.busy {
    border-left-color: var(--gs-accent);
  }
  .status.warn {
    border-left-color: var(--gs-warn);
  }
  .status.error {
    border-left-color: var(--gs-clip);
    background: #2a0e10;
    color: #ffd9d9;
  }
  /* after an engine failure: big enough to hit on a stage tablet, in the error's colour */
  .restart {
    align-self: flex-start;
    min-height: 44px;
    padding: 8px 18px;
    border: 2px solid var(--gs-clip);
    border-radius: var(--gs-radius);
    background: #2a0e10;
    color: #ffd9d9;
    font: inherit;
    font-size: 18px;
    font-weight: 700;
    cursor: pointer;
  }
  .restart:focus-visible {
    outline: 3px solid var(--gs-accent);
    outline-offset: 2px;
  }
  .warnings,
  .degraded {
    padding: 6px 14px;
    border-radius: var(--gs-radius);
    background: #2b2206;
    color: #ffe7a3;
    font-size: 16px;
    font-weight: 600;
  }

  /* ---- main ----
   * meter │ centre │ meter; the centre is a view (Main: beat │ output, or one
   * effect) over the view tabs. In Main the beat panel gets the most room: its
   * tempo and lamp are what the band reads from across the stage. */
  main {
    display: grid;
    grid-template-columns: minmax(112px, 11.5vw) minmax(0, 1fr) minmax(112px, 11.5vw);
    gap: 12px;
    min-height: 0;
  }
  .centre {
    display: grid;
    grid-template-rows: minmax(0, 1fr) auto;
    gap: 8px;
    min-height: 0;
    min-width: 0;
  }
  .view {
    display: grid;
    min-height: 0;
    min-width: 0;
  }
  .main-view {
    display: grid;
    grid-template-columns: minmax(0, 1.4fr) minmax(0, 1fr);
    gap: 12px;
    min-height: 0;
  }
  .fx {
    padding: 12px 14px;
  }
  .meter {
    padding: 10px 8px 12px;
    border-radius: var(--gs-radius);
    background: var(--gs-panel);
    border: 1px solid var(--gs-panel-edge);
  }
  .side {
    display: grid;
    grid-template-rows: minmax(0, 1fr) auto auto;
    grid-template-columns: minmax(0, 1fr);
    gap: 12px;
    min-height: 0;
    min-width: 0;
  }
  .card {
    border-radius: var(--gs-radius);
    background: var(--gs-panel);
    border: 1px solid var(--gs-panel-edge);
    padding: 10px 14px 12px;
    min-height: 0;
    min-width: 0;
  }
  /* The meters, beat and pitch panels change their text ~10 times a second while
     running. Their size comes from the grid tracks, never from their content, so
     containing size and layout costs nothing and lets the browser re-lay out just
     that panel instead of the whole page. Chromium does not re-lay out a grid item
     on its own (the grid is laid out again), so each panel sits in a plain block
     cell that is the grid item, and fills it. Not paint: focus rings must not clip. */
  .cell {
    display: block;
    min-height: 0;
    min-width: 0;
  }
  .meter,
  .beat,
  .pitch {
    height: 100%;
    contain: size layout;
  }
  h2 {
    margin: 0 0 4px;
    font-size: 13px;
    font-weight: 800;
    letter-spacing: 0.16em;
    text-transform: uppercase;
    color: var(--gs-text-dim);
  }
  /* the output card sits under the pitch panel: knob beside bypass and the limiter meter */
  .master {
    display: grid;
    grid-template-rows: auto auto;
    gap: 6px;
  }
  .master-row {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    align-items: center;
    gap: 12px;
    min-height: 0;
  }
  .master-side {
    display: grid;
    gap: 8px;
    min-width: 0;
  }
  .master-row gs-param-knob {
    --gs-knob-size: clamp(56px, 10vh, 110px);
    --gs-knob-readout: clamp(16px, 2.8vh, 26px);
    --gs-knob-padding: 0 4px 2px;
  }
  .master gs-gain-reduction {
    --gs-gr-num-width: 4.5ch;
    gap: 8px;
  }
  .master-side gs-param-toggle {
    min-height: 44px;
  }
  .latency {
    display: flex;
    align-items: baseline;
    flex-wrap: wrap;
    column-gap: 14px;
  }
  .latency .cap {
    font-size: 16px;
    font-weight: 700;
    color: var(--gs-text-dim);
  }
  .latency .big {
    font-family: var(--gs-mono);
    font-variant-numeric: tabular-nums;
    font-size: clamp(30px, 6vh, 48px);
    font-weight: 800;
    line-height: 1.05;
  }
  .latency .big.idle {
    color: var(--gs-text-dim);
  }
  .latency .detail {
    font-family: var(--gs-mono);
    font-size: 15px;
    color: var(--gs-text-dim);
  }

  /* short screens (a 1024×600 tablet): the latency and output cards give their
     headings to the pitch panel; "Output latency", "Master" and "Bypass" still
     say what each thing is */
  @media (max-height: 640px) {
    .latency-card {
      padding: 6px 14px 8px;
    }
    .latency-card h2,
    .master h2 {
      display: none;
    }
    .latency .big {
      font-size: 30px;
    }
    .latency .detail {
      font-size: 12px;
    }
  }

  /* narrow or short screens: tighter header, smaller brand */
  @media (max-width: 900px), (max-height: 640px) {
    :host {
      padding: 8px 10px 10px;
      gap: 8px;
    }
    h1 {
      font-size: 24px;
    }
    .tag {
      display: none;
    }
    .start {
      min-width: 140px;
    }
  }
  @media (max-width: 700px) {
    header {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    }
    main {
      grid-template-columns: minmax(96px, 1fr) minmax(0, 3.8fr) minmax(96px, 1fr);
      gap: 8px;
    }
    .main-view {
      gap: 8px;
    }
  }
`;
