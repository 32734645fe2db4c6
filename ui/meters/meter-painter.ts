/**
 * Paints a stereo level meter on a 2D canvas: for each channel a peak bar
 * (translucent), an RMS bar (solid) over it, and a peak-hold tick, with a dB
 * scale between the channels and the red zone above the limiter ceiling.
 * Pure drawing: no DOM lookups, no allocation per frame beyond what the
 * canvas API itself does.
 *
 * MeterPainter keeps what does not move — the wells, the red zone, the scale
 * with its labels, the channel letters — on a canvas of its own, drawn again
 * only when the size changes, and each frame copies it and draws the bars
 * over it: text was the most expensive thing the meters drew, every frame.
 */
import { CANVAS_COLORS as C } from '../theme';
import { CAUTION_DB, CLIP_ZONE_DB, METER_TICKS, dbToFraction } from './meter-scale';

export interface ChannelLevels {
  /** drawn peak (after display ballistics), dBFS */
  peak: number;
  rms: number;
  hold: number;
}

/** Width of the scale column in the middle, CSS px. */
const SCALE_W = 34;
/** Room at the bottom for the channel letters, CSS px. */
const FOOT_H = 20;
/** Room at the top so the "0" label is not cut in half. */
const HEAD_H = 8;

/** Where things go on a meter of `w`×`h` CSS pixels with `n` channels. */
function layout(w: number, h: number, n: number) {
  const barH = h - HEAD_H - FOOT_H;
  const top = HEAD_H;
  const bottom = top + barH;
  // two channels sit either side of the scale; one channel takes the left side
  const barW = Math.max(8, (w - SCALE_W) / Math.max(2, n));
  return {
    top,
    bottom,
    barH,
    barW,
    y: (db: number) => bottom - dbToFraction(db) * barH,
    xOf: (i: number) => (i === 0 ? 0 : barW + SCALE_W + (i - 1) * barW),
  };
}

/** The parts that do not move: wells, red zone, the scale and its labels, the channel letters. */
function paintBackground(g: CanvasRenderingContext2D, w: number, h: number, dpr: number, n: number, names: readonly string[]): void {
  const { top, bottom, barH, barW, y, xOf } = layout(w, h, n);
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, w, h);
  g.font = '600 12px system-ui, sans-serif';
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  for (let i = 0; i < n; i++) {
    g.fillStyle = C.well;
    g.fillRect(xOf(i), top, barW, barH);
    // the red zone is marked even in silence, so the performer knows where "too hot" starts
    g.fillStyle = C.clipZone;
    g.fillRect(xOf(i), y(0), barW, y(CLIP_ZONE_DB) - y(0));
  }
  // scale: tick lines across the bars, labels in the middle column
  for (const db of METER_TICKS) {
    const ty = Math.round(y(db)) + 0.5;
    g.strokeStyle = C.grid;
    g.lineWidth = 1;
    g.beginPath();
    g.moveTo(0, ty);
    g.lineTo(w, ty);
    g.stroke();
    g.fillStyle = C.label;
    g.fillText(db === 0 ? '0' : String(db).replace('-', '\u2212'), barW + SCALE_W / 2, ty);
  }
  g.fillStyle = C.label;
  g.font = '700 13px system-ui, sans-serif';
  for (let i = 0; i < n; i++) g.fillText(names[i] ?? '', xOf(i) + barW / 2, bottom + FOOT_H / 2 + 1);
}

export class MeterPainter {
  private background: HTMLCanvasElement | null = null;
  private key = '';

  /**
   * Draw `channels` (usually [L, R]) filling a canvas of `w`×`h` CSS pixels; `dpr`
   * is the canvas's device-pixel ratio (its backing store is w·dpr × h·dpr).
   */
  paint(g: CanvasRenderingContext2D, w: number, h: number, dpr: number, channels: readonly ChannelLevels[], names: readonly string[]): void {
    const bw = Math.round(w * dpr);
    const bh = Math.round(h * dpr);
    const n = channels.length;
    const key = `${bw}x${bh}@${dpr}:${n}:${names.join(',')}`;
    if (key !== this.key || !this.background) {
      this.background ??= document.createElement('canvas');
      this.background.width = bw;
      this.background.height = bh;
      const bg = this.background.getContext('2d');
      if (bg) paintBackground(bg, w, h, dpr, n, names);
      this.key = key;
    }
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.clearRect(0, 0, g.canvas.width, g.canvas.height);
    g.drawImage(this.background, 0, 0);
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    const { bottom, barW, y, xOf } = layout(w, h, n);
    for (let i = 0; i < n; i++) {
      const x = xOf(i);
      const ch = channels[i];
      // peak first, dimmer, so the RMS body reads as the loudness and the peak as its spikes
      g.globalAlpha = 0.45;
      fillZones(g, x, barW, y, ch.peak, bottom);
      g.globalAlpha = 1;
      fillZones(g, x + barW * 0.18, barW * 0.64, y, ch.rms, bottom);
      if (dbToFraction(ch.hold) > 0) {
        g.fillStyle = ch.hold > CLIP_ZONE_DB ? C.clip : C.hold;
        g.fillRect(x, Math.round(y(ch.hold)) - 2, barW, 4);
      }
    }
  }
}

/** Fill a bar from the bottom up to `db`, green → amber → red by zone. */
function fillZones(g: CanvasRenderingContext2D, x: number, bw: number, y: (db: number) => number, db: number, bottom: number): void {
  if (dbToFraction(db) <= 0) return;
  const top = y(db);
  const caution = y(CAUTION_DB);
  const clip = y(CLIP_ZONE_DB);
  // green: bottom → min(level, −18)
  g.fillStyle = C.ok;
  g.fillRect(x, Math.max(top, caution), bw, bottom - Math.max(top, caution));
  if (top < caution) {
    g.fillStyle = C.warn;
    g.fillRect(x, Math.max(top, clip), bw, caution - Math.max(top, clip));
  }
  if (top < clip) {
    g.fillStyle = C.clip;
    g.fillRect(x, top, bw, clip - top);
  }
}
