/**
 * Styles of <gs-param-fader> after slider-styles.ts; the behaviour lives in knob-model.ts, the shell
 * in param-fader.ts. The host is a column — label, track, readout — that
 * fills the height its container gives it (--gs-fader-height otherwise).
 * The thumb's centre travels from the bottom of the track to the top, so the
 * drag length the shell measures is the track's height less the thumb's.
 */
import { css } from 'lit';

export const faderStyles = css`
  :host {
    --thumb-h: var(--gs-fader-thumb, 26px);
    box-sizing: border-box;
    height: var(--gs-fader-height, 220px);
    min-width: 56px;
    padding: var(--gs-fader-padding, 6px 6px 8px);
  }
  .track {
    position: relative;
    flex: 1 1 0;
    min-height: 60px;
    width: 100%;
  }
  /* the groove spans the thumb centre's travel, so an empty fill sits exactly at the bottom stop */
  .groove {
    position: absolute;
    left: 50%;
    top: calc(var(--thumb-h) / 2);
    bottom: calc(var(--thumb-h) / 2);
    width: 8px;
    transform: translateX(-50%);
    border-radius: 4px;
    background: #2b303b;
    overflow: hidden;
  }
  .fill {
    position: absolute;
    left: 0;
    right: 0;
    bottom: 0;
    height: calc(var(--travel, 0) * 100%);
    background: var(--gs-accent, #38d0ff);
  }
  .thumb {
    position: absolute;
    left: 50%;
    bottom: calc(var(--travel, 0) * (100% - var(--thumb-h)));
    width: 44px;
    height: var(--thumb-h);
    transform: translateX(-50%);
    box-sizing: border-box;
    border-radius: 6px;
    border: 1.5px solid #4a5160;
    /* a cap with a centre line, like a mixing desk's, so its position reads from afar */
    background: linear-gradient(to bottom, transparent calc(50% - 1.5px), var(--gs-text, #f2f4f8) calc(50% - 1.5px), var(--gs-text, #f2f4f8) calc(50% + 1.5px), transparent calc(50% + 1.5px)),
      #2a2f39;
  }
  .readout {
    font-family: var(--gs-mono, monospace);
    font-variant-numeric: tabular-nums;
    font-size: var(--gs-knob-readout, 28px);
    font-weight: 700;
    line-height: 1.1;
    white-space: nowrap;
    min-width: var(--gs-knob-readout-width, 5ch);
    text-align: center;
  }
  .missing {
    color: var(--gs-clip, #ff3b3b);
    font-size: 14px;
  }
`;
