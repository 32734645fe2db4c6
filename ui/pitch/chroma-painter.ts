/**
 * Paints 12 chroma bars (C … B) with their note names under them: the
 * strongest class full height, the rest in proportion, the bars of the current
 * key's scale drawn brighter so "which notes fit" reads at a glance.
 */
import { CANVAS_COLORS as C } from '../theme';
import { PITCH_CLASSES } from '../../host/music-names';

const MAJOR_SCALE = [0, 2, 4, 5, 7, 9, 11];
const MINOR_SCALE = [0, 2, 3, 5, 7, 8, 10];

/** Pitch classes of key index `key` (0–11 major, 12–23 minor), empty for −1. */
export function scaleOf(key: number): Set<number> {
  if (!(key >= 0 && key < 24)) return new Set();
  const tonic = key % 12;
  return new Set((key >= 12 ? MINOR_SCALE : MAJOR_SCALE).map((i) => (tonic + i) % 12));
}

export function paintChroma(g: CanvasRenderingContext2D, w: number, h: number, bars: ArrayLike<number>, key: number): void {
  g.clearRect(0, 0, w, h);
  g.fillStyle = C.well;
  g.fillRect(0, 0, w, h);
  const labelH = Math.min(22, Math.max(12, h * 0.16));
  const top = 4;
  const bottom = h - labelH - 2;
  const slot = w / 12;
  const gap = Math.max(2, slot * 0.16);
  const scale = scaleOf(key);
  g.font = `700 ${Math.round(labelH * 0.72)}px system-ui, sans-serif`;
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  for (let i = 0; i < 12; i++) {
    const v = Math.min(1, Math.max(0, Number.isFinite(bars[i]) ? bars[i] : 0));
    const x = i * slot + gap / 2;
    const bh = v * (bottom - top);
    g.fillStyle = scale.has(i) ? C.ok : C.grid;
    if (bh > 0.5) g.fillRect(x, bottom - bh, slot - gap, bh);
    g.fillStyle = scale.has(i) ? C.hold : C.label;
    g.fillText(PITCH_CLASSES[i], i * slot + slot / 2, h - labelH / 2);
  }
}
