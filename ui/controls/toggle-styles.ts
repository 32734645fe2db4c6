/**
 * Styles of <gs-param-toggle>. Pressed is amber by default (bypass, lock: "not
 * the normal state"); --gs-toggle-on / --gs-toggle-on-bg / --gs-toggle-on-ink
 * recolour it where pressed means "engaged" (an effect's on switch).
 */
import { css } from 'lit';

export const toggleStyles = css`
  :host {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 12px;
    min-width: 132px;
    min-height: 56px;
    padding: 0 18px;
    border-radius: var(--gs-radius, 10px);
    border: 2px solid var(--gs-panel-edge, #262a33);
    background: var(--gs-well, #1b1e25);
    color: var(--gs-text, #f2f4f8);
    font-family: var(--gs-font, system-ui, sans-serif);
    font-size: 18px;
    font-weight: 800;
    letter-spacing: 0.1em;
    text-transform: uppercase;
    cursor: pointer;
    user-select: none;
    -webkit-user-select: none;
    outline: none;
    box-sizing: border-box;
  }
  :host(:focus-visible) {
    box-shadow: 0 0 0 3px var(--gs-focus, #ffe066);
  }
  :host([aria-pressed='true']) {
    border-color: var(--gs-toggle-on, var(--gs-warn, #ffc233));
    background: var(--gs-toggle-on-bg, #3a2d08);
    color: var(--gs-toggle-on-ink, #fff4d6);
  }
  :host([disabled]) {
    opacity: 0.45;
    cursor: default;
  }
  .lamp {
    width: 14px;
    height: 14px;
    border-radius: 50%;
    background: #3a3f4a;
    flex: none;
  }
  :host([aria-pressed='true']) .lamp {
    background: var(--gs-toggle-on, var(--gs-warn, #ffc233));
    box-shadow: 0 0 10px var(--gs-toggle-on, var(--gs-warn, #ffc233));
  }
`;
