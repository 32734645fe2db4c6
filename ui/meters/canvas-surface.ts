/**
 * Keeps a canvas's backing store at its CSS size × devicePixelRatio, so the
 * meters stay sharp on a retina laptop and a low-dpi tablet alike, and tells
 * the owner when the size changed (so an idle meter can repaint once).
 */
export class CanvasSurface {
  width = 0;
  height = 0;
  dpr = 1;
  readonly g: CanvasRenderingContext2D | null;
  private readonly observer: ResizeObserver;

  constructor(
    readonly canvas: HTMLCanvasElement,
    onResize: () => void,
  ) {
    this.g = canvas.getContext('2d');
    this.observer = new ResizeObserver(() => {
      this.measure();
      onResize();
    });
    this.observer.observe(canvas);
    this.measure();
  }

  private measure(): void {
    this.dpr = Math.max(1, window.devicePixelRatio || 1);
    this.width = this.canvas.clientWidth;
    this.height = this.canvas.clientHeight;
    const bw = Math.round(this.width * this.dpr);
    const bh = Math.round(this.height * this.dpr);
    // assigning width clears the canvas even if unchanged; only do it on a real change
    if (this.canvas.width !== bw) this.canvas.width = bw;
    if (this.canvas.height !== bh) this.canvas.height = bh;
  }

  get ready(): boolean {
    return this.g !== null && this.width > 0 && this.height > 0;
  }

  disconnect(): void {
    this.observer.disconnect();
  }
}
