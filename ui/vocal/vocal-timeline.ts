/**
 * VocalTimeline: the last 30 s of the singing detector, for the lamp's canvas —
 * one column per 100 ms holding the highest probability seen in it and whether
 * the lamp was lit. A fixed ring, so drawing never allocates.
 */
export const TIMELINE_SECONDS = 30;
export const COLUMN_MS = 100;
const COLUMNS = (TIMELINE_SECONDS * 1000) / COLUMN_MS;

export class VocalTimeline {
  readonly probability = new Float32Array(COLUMNS);
  readonly active = new Uint8Array(COLUMNS);
  /** index of the newest column */
  head = 0;
  /** bumped whenever what paint() would draw changes, so a caller can skip unchanged frames */
  changes = 0;
  private columnStart = -1;

  clear(): void {
    this.probability.fill(0);
    this.active.fill(0);
    this.head = 0;
    this.columnStart = -1;
    this.changes++;
  }

  /** Record a reading at `now` (ms): it opens new columns as time passes (empty ones for a gap). */
  push(now: number, probability: number, active: boolean): void {
    if (this.columnStart < 0) this.columnStart = now;
    let steps = Math.floor((now - this.columnStart) / COLUMN_MS);
    if (steps > 0) {
      this.columnStart += steps * COLUMN_MS;
      for (steps = Math.min(steps, COLUMNS); steps > 0; steps--) {
        this.head = (this.head + 1) % COLUMNS;
        this.probability[this.head] = 0;
        this.active[this.head] = 0;
      }
      this.changes++;
    }
    const p = Number.isFinite(probability) ? Math.min(1, Math.max(0, probability)) : 0;
    if (p > this.probability[this.head]) {
      this.probability[this.head] = p;
      this.changes++;
    }
    if (active && !this.active[this.head]) {
      this.active[this.head] = 1;
      this.changes++;
    }
  }

  /** Paint oldest → newest, left → right: lit stretches as a band, the probability as a line. */
  paint(g: CanvasRenderingContext2D, w: number, h: number, colors: { well: string; grid: string; lit: string; line: string }): void {
    g.fillStyle = colors.well;
    g.fillRect(0, 0, w, h);
    const col = w / COLUMNS;
    g.fillStyle = colors.lit;
    for (let i = 0; i < COLUMNS; i++) {
      const k = (this.head + 1 + i) % COLUMNS;
      if (this.active[k]) g.fillRect(i * col, 0, col + 0.5, h);
    }
    // 5 s ticks
    g.fillStyle = colors.grid;
    for (let s = 5; s < TIMELINE_SECONDS; s += 5) g.fillRect(Math.round(w - (s / TIMELINE_SECONDS) * w), h - 4, 1, 4);
    g.strokeStyle = colors.line;
    g.lineWidth = 1.5;
    g.beginPath();
    for (let i = 0; i < COLUMNS; i++) {
      const k = (this.head + 1 + i) % COLUMNS;
      const y = h - 1 - this.probability[k] * (h - 2);
      if (i === 0) g.moveTo(0, y);
      else g.lineTo(i * col, y);
    }
    g.stroke();
  }
}
