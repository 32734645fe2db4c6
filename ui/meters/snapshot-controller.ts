/**
 * SnapshotController: hands a component the engine's newest analysis snapshot
 * once per display frame, from the page's one requestAnimationFrame loop
 * (frame-loop.ts).
 *
 * Both transports end in the same place, GigscopeNode.snapshot:
 * - shared-memory mode (cross-origin isolated page): the worklet writes a
 *   SharedArrayBuffer and nobody is told; we poll readShared() each frame,
 *   which copies the data into `snapshot` when its sequence number moved;
 * - message mode: the node copies every posted snapshot into `snapshot` as it
 *   arrives, so the latest one is simply there to read.
 * So this controller never takes the node's single `onSnapshot` slot, and any
 * number of meters can share one node. readShared() is idempotent within a
 * frame (the second caller finds no new sequence and the data already copied).
 *
 * The loop runs only while the host is connected and a source is set; when
 * the source goes away the callback gets one last `null` so the host can draw
 * its idle state, then the loop stops (a stopped stage tablet burns no CPU).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SNAPSHOT_FIELDS, type SnapshotId } from '../../params/table';
import { joinFrameLoop } from './frame-loop';

/** What the controller needs from a GigscopeNode (a structural type, so tests can fake it). */
export interface SnapshotSource {
  readonly snapshot: Float32Array;
  readonly usesSharedMemory: boolean;
  readShared(): boolean;
}

/** Called once per animation frame with the newest snapshot, or null when there is no source. */
export type SnapshotFrame = (snapshot: Float32Array | null, now: DOMHighResTimeStamp) => void;

export class SnapshotController implements ReactiveController {
  private current: SnapshotSource | null = null;
  private connected = false;
  private leave: (() => void) | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly onFrame: SnapshotFrame,
  ) {
    host.addController(this);
  }

  get source(): SnapshotSource | null {
    return this.current;
  }

  set source(s: SnapshotSource | null) {
    if (s === this.current) return;
    this.current = s;
    this.sync();
  }

  hostConnected(): void {
    this.connected = true;
    this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.cancel();
  }

  private sync(): void {
    if (this.connected && this.current) {
      this.leave ??= joinFrameLoop(this.tick);
    } else {
      this.cancel();
      if (this.connected) this.onFrame(null, performance.now());
    }
  }

  private cancel(): void {
    this.leave?.();
    this.leave = null;
  }

  private tick = (now: DOMHighResTimeStamp): void => {
    const s = this.current;
    if (!s || !this.connected) return;
    if (s.usesSharedMemory) s.readShared();
    this.onFrame(s.snapshot, now);
  };
}

/** Index of a snapshot field, resolved once at module load rather than per frame. */
export function snapshotIndex(id: SnapshotId): number {
  const i = SNAPSHOT_FIELDS.findIndex((f) => f.id === id);
  if (i < 0) throw new Error(`unknown snapshot field '${id}'`);
  return i;
}

/**
 * Lets something through once per `intervalMs` slot of the page's clock: the
 * meters' text and data-* attributes change ~10 times a second, which a reader
 * (or a screen reader, or a test) can follow, while the canvas moves at the
 * display rate. The slots are the same for every readout on the page, and the
 * callbacks of one frame share its timestamp, so all readouts change on the
 * same frame: the input and output meters, read side by side, always show the
 * same moment, and five frames in six change no text at all. (Giving each
 * panel a frame of its own was measured too: it took the worst frames no
 * lower and put a layout in most frames.)
 */
export class Throttle {
  private lastSlot = Number.NaN;
  constructor(private readonly intervalMs: number) {}
  due(now: number): boolean {
    const slot = Math.floor(now / this.intervalMs);
    if (slot === this.lastSlot) return false;
    this.lastSlot = slot;
    return true;
  }
  /** The next call lets through whatever the time (after a stop or a new source). */
  reset(): void {
    this.lastSlot = Number.NaN;
  }
}
