/**
 * Styles of the effects view: <gs-effect-panel>, <gs-impulse-loader> and the
 * tab strip <gs-view-tabs>.
 *
 * The panel fills the stage's centre: a head row (the big on switch, the GR
 * meter or the selectors), then one row of knobs that grow with whatever
 * height is left (a size container: on a 1024×600 tablet they are about
 * 60–80 px across, on a laptop up to 120 px), then the app's extras.
 */
import { css } from 'lit';

export const effectPanelStyles = css`
  :host {
    display: grid;
    grid-template-rows: auto minmax(0, 1fr) auto;
    gap: 10px;
    min-height: 0;
    min-width: 0;
    color: var(--gs-text, #f2f4f8);
    font-family: var(--gs-font, system-ui, sans-serif);
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 10px 12px;
    min-width: 0;
  }
  .on {
    /* an effect that is in lights green (signal), not the amber of "bypassed" */
    --gs-toggle-on: var(--gs-ok, #3ee07a);
    --gs-toggle-on-bg: #0d3319;
    --gs-toggle-on-ink: #eafff1;
    min-width: 156px;
    min-height: 56px;
    font-size: 22px;
  }
  .gr {
    flex: 1 1 260px;
    min-width: 0;
    align-self: center;
  }
  /* options (freeze, ping-pong …): pressed is cyan, "set", not the amber of a bypass */
  .opt {
    --gs-toggle-on: var(--gs-accent, #38d0ff);
    --gs-toggle-on-bg: #0b3a4a;
    --gs-toggle-on-ink: #f2f4f8;
    min-width: 0;
    min-height: 44px;
    padding: 0 14px;
    gap: 10px;
    font-size: 16px;
  }
  /* the knob row: one well per cluster (an EQ band, the delay's modulation) */
  .knobs {
    --gs-fader-width: 76px;
    container-type: size;
    display: flex;
    gap: 8px;
    min-height: 0;
  }
  .cluster {
    flex: var(--n, 1) 1 0;
    display: grid;
    grid-template-columns: repeat(var(--n, 1), minmax(0, 1fr));
    align-items: center;
    justify-items: center;
    min-width: 0;
    border-radius: var(--gs-radius, 10px);
    background: var(--gs-well, #1b1e25);
    padding: 6px 2px;
  }
  /* the mix fader's well: a fixed width at the row's end, the fader as tall as the row */
  .faders {
    flex: none;
    display: flex;
    justify-content: center;
    gap: 4px;
    width: calc(var(--gs-fader-count, 0) * var(--gs-fader-width));
    border-radius: var(--gs-radius, 10px);
    background: var(--gs-well, #1b1e25);
    padding: 6px 2px;
  }
  .faders gs-param-fader {
    --gs-fader-height: 100%;
    --gs-knob-label: clamp(12px, 4cqh, 14px);
    --gs-knob-label-spacing: 0.06em;
    --gs-knob-readout: clamp(17px, 5cqh, 20px);
    --gs-knob-readout-width: 4ch;
    --gs-fader-padding: 4px 2px;
    gap: 3px;
  }
  .knobs gs-param-knob {
    /* as big as the row's height (less label and readout) and a column's width (less the faders') allow */
    --gs-knob-size: clamp(
      40px,
      min(
        100cqh - 70px,
        (100cqw - 8px * (var(--gs-cluster-count, 1) + var(--gs-fader-count, 0)) - var(--gs-fader-count, 0) * var(--gs-fader-width)) /
          var(--gs-knob-count, 6) - 20px
      ),
      120px
    );
    /* and the words grow with the room too, a little: readable from further on a laptop */
    --gs-knob-label: clamp(12px, 4cqh, 14px);
    --gs-knob-label-spacing: 0.06em;
    --gs-knob-readout: clamp(17px, 5cqh, 20px);
    --gs-knob-readout-width: 5ch;
    --gs-knob-padding: 4px 2px;
    /* the range ends under a knob this small would be unreadable; the readout carries the unit */
    --gs-knob-ends: none;
    gap: 3px;
    max-width: 100%;
  }
  ::slotted(*) {
    min-width: 0;
  }
`;

export const impulseLoaderStyles = css`
  :host {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px 10px;
    min-width: 0;
    color: var(--gs-text, #f2f4f8);
    font-family: var(--gs-font, system-ui, sans-serif);
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .spacer {
    flex: 1 1 0;
  }
  /* switches the app puts here (Normalise IR): pressed is "set" cyan, like the panel's options */
  ::slotted(gs-param-toggle) {
    --gs-toggle-on: var(--gs-accent, #38d0ff);
    --gs-toggle-on-bg: #0b3a4a;
    --gs-toggle-on-ink: #f2f4f8;
    min-width: 0;
    min-height: 48px;
    padding: 0 14px;
    gap: 10px;
    font-size: 16px;
  }
  /* the file input is the real control (keyboard, tests); the label is its big touch target */
  .pick {
    position: relative;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    flex: none;
    min-height: 48px;
    padding: 0 18px;
    border-radius: var(--gs-radius, 10px);
    border: 2px solid var(--gs-accent, #38d0ff);
    background: #0b2a35;
    color: var(--gs-text, #f2f4f8);
    font-size: 16px;
    font-weight: 800;
    letter-spacing: 0.06em;
    text-transform: uppercase;
    white-space: nowrap;
    cursor: pointer;
    touch-action: manipulation;
  }
  .pick:focus-within {
    outline: 3px solid var(--gs-focus, #ffe066);
    outline-offset: 2px;
  }
  .pick input {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    opacity: 0;
    cursor: pointer;
  }
  .pick[aria-disabled='true'] {
    opacity: 0.55;
  }
  .status {
    flex: 1 0 100%;
    min-width: 0;
    padding: 0 12px;
    min-height: 40px;
    line-height: 36px;
    border-radius: var(--gs-radius, 10px);
    border: 2px solid var(--gs-panel-edge, #262a33);
    border-left-width: 6px;
    font-size: 15px;
    font-weight: 600;
    /* one line, always: a long file name or message is cut, and the full text is in the title */
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .status.bundled {
    color: var(--gs-text-dim, #a3abba);
  }
  .status.loaded {
    border-left-color: var(--gs-ok, #3ee07a);
  }
  .status.loading {
    border-left-color: var(--gs-accent, #38d0ff);
  }
  .status.error {
    border-left-color: var(--gs-clip, #ff3b3b);
    background: #2a0e10;
    color: #ffd9d9;
  }
  button {
    flex: none;
    min-height: 48px;
    padding: 0 14px;
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
  button:focus-visible {
    outline: 3px solid var(--gs-focus, #ffe066);
    outline-offset: 2px;
  }
`;

export const viewTabsStyles = css`
  :host {
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: minmax(0, 1fr);
    gap: 6px;
    min-width: 0;
    font-family: var(--gs-font, system-ui, sans-serif);
  }
  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
    min-width: 0;
    min-height: 50px;
    padding: 0 8px;
    border-radius: var(--gs-radius, 10px);
    border: 2px solid var(--gs-panel-edge, #262a33);
    background: var(--gs-panel, #121419);
    color: var(--gs-text-dim, #a3abba);
    font: 800 17px var(--gs-font, system-ui, sans-serif);
    letter-spacing: 0.08em;
    text-transform: uppercase;
    white-space: nowrap;
    overflow: hidden;
    position: relative;
    cursor: pointer;
    touch-action: manipulation;
  }
  button[aria-selected='true'] {
    border-color: var(--gs-accent, #38d0ff);
    background: #0b2a35;
    color: var(--gs-text, #f2f4f8);
  }
  button:focus-visible {
    outline: 3px solid var(--gs-focus, #ffe066);
    outline-offset: 2px;
  }
  .lamp {
    flex: none;
    width: 12px;
    height: 12px;
    border-radius: 50%;
    background: #3a3f4a;
  }
  .lamp.on {
    background: var(--gs-ok, #3ee07a);
    box-shadow: 0 0 8px var(--gs-ok, #3ee07a);
  }
  /* the lamp's meaning, for screen readers */
  .vh {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  /* on, but the whole chain is bypassed (master bypass): lit in outline only */
  .lamp.on.held {
    background: transparent;
    box-shadow: inset 0 0 0 2px var(--gs-ok, #3ee07a);
  }
`;
