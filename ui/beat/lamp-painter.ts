/**
 * Paints the beat lamp on a 2D canvas: one big disc that lights on the beat
 * and fades before the next, with the beat's number in the bar on it.
 * Pure drawing: no DOM, no state.
 */
import { CANVAS_COLORS as C } from '../theme';

export interface LampLook {
  /** brightness 0 (off) … 1 (the instant of the beat) */
  level: number;
  /** the lit beat is beat 1 of the bar */
  downbeat: boolean;
  /** the tracker is not confident: the lamp lights grey */
  lost: boolean;
  /** 1 … meter, 0 before the first beat (then no number is drawn) */
  inBar: number;
  /** no audio: only the rim is drawn */
  idle: boolean;
}

/**
 * Time constant of the flash's fade, ms: at 126 BPM (476 ms a beat) the lamp
 * is down to 1/e after 90 ms and below 5 % well before the next beat, so
 * consecutive beats stay distinct even at 220 BPM (273 ms).
 */
export const FLASH_TAU_MS = 90;

/** Brightness `sinceMs` after a flash (1 at the flash, fading exponentially). */
export function flashLevel(sinceMs: number): number {
  if (!(sinceMs >= 0)) return 0;
  return Math.exp(-sinceMs / FLASH_TAU_MS);
}

/** Draw the lamp centred in a `w`×`h` CSS-pixel canvas whose backing store is scaled by `dpr`. */
export function paintLamp(g: CanvasRenderingContext2D, w: number, h: number, dpr: number, look: LampLook): void {
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, w, h);
  const cx = w / 2;
  const cy = h / 2;
  // room around the disc for its glow
  const r = Math.max(4, Math.min(w, h) / 2 - 6);
  const colour = look.lost ? C.beatLost : look.downbeat ? C.downbeat : C.beat;
  const level = look.idle ? 0 : Math.min(1, Math.max(0, look.level));

  // the unlit glass
  g.beginPath();
  g.arc(cx, cy, r, 0, Math.PI * 2);
  g.fillStyle = C.lampOff;
  g.fill();

  // the light, fading: full colour at the beat, transparent by the next
  if (level > 0.01) {
    g.globalAlpha = level;
    g.fillStyle = colour;
    g.fill();
    g.globalAlpha = 1;
  }

  // rim: coloured while running (so the lamp reads as "armed" between beats), grey when idle
  g.lineWidth = Math.max(3, r * 0.06);
  g.strokeStyle = look.idle ? C.lampRim : colour;
  g.globalAlpha = look.idle ? 1 : 0.35 + 0.65 * level;
  g.beginPath();
  g.arc(cx, cy, r - g.lineWidth / 2, 0, Math.PI * 2);
  g.stroke();
  g.globalAlpha = 1;

  // the beat in the bar, dark on the lit disc and coloured on the dark one
  if (!look.idle && look.inBar > 0) {
    g.font = `800 ${Math.round(r * 0.95)}px system-ui, sans-serif`;
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    g.fillStyle = level > 0.45 ? C.lampInk : colour;
    g.globalAlpha = level > 0.45 ? 1 : 0.55;
    g.fillText(String(look.inBar), cx, cy + r * 0.04);
    g.globalAlpha = 1;
  }
}
