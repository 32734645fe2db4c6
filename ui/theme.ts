/**
 * Stage theme: the design tokens every component reads as CSS custom
 * properties. They are declared once on <gigscope-app>'s host and inherit
 * through the shadow roots, so a component only ever says var(--gs-…).
 *
 * Chosen for a dark stage read from about 3 m: near-black background (no glare
 * into the audience, no night-vision loss), text far above WCAG AA contrast,
 * and colour used only where it means something (signal green, caution amber,
 * clip red, accent cyan for what the performer can touch).
 */
import { css } from 'lit';

export const themeTokens = css`
  --gs-bg: #08090b;
  --gs-panel: #121419;
  --gs-panel-edge: #262a33;
  --gs-well: #1b1e25;
  --gs-text: #f2f4f8;
  --gs-text-dim: #a3abba;
  --gs-accent: #38d0ff;
  --gs-ok: #3ee07a;
  --gs-warn: #ffc233;
  --gs-clip: #ff3b3b;
  --gs-focus: #ffe066;
  /* the beat lamp: every beat green (signal), the downbeat orange, so "one" is seen from across the stage */
  --gs-beat: #3ee07a;
  --gs-downbeat: #ff8c1a;
  --gs-radius: 10px;
  --gs-font: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
  --gs-mono: ui-monospace, 'SF Mono', Menlo, Consolas, 'DejaVu Sans Mono', monospace;
`;

/** Canvas cannot read CSS variables cheaply every frame; these mirror the tokens for painters. */
export const CANVAS_COLORS = {
  well: '#1b1e25',
  grid: '#3a404c',
  label: '#a3abba',
  ok: '#3ee07a',
  warn: '#ffc233',
  clip: '#ff3b3b',
  /** the empty well above the limiter ceiling: dark red, readable as "zone" without looking lit */
  clipZone: '#5a1418',
  hold: '#f2f4f8',
  /** beat lamp: a beat, the downbeat (beat 1 of the bar), and any beat while the tracker is lost */
  beat: '#3ee07a',
  downbeat: '#ff8c1a',
  beatLost: '#7a8293',
  /** the unlit lamp's glass and rim */
  lampOff: '#1b1e25',
  lampRim: '#343a46',
  /** text on a lit lamp */
  lampInk: '#04140a',
} as const;
