/**
 * SnapshotController: hands a component the engine's newest analysis snapshot
 * once per display frame, from requestAnimationFrame.
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
  private raf = 0;

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
      if (!this.raf) this.raf = requestAnimationFrame(this.tick);
    } else {
      this.cancel();
      if (this.connected) this.onFrame(null, performance.now());
    }
  }

  private cancel(): void {
    if (this.raf) cancelAnimationFrame(this.raf);
    this.raf = 0;
  }

  private tick = (now: DOMHighResTimeStamp): void => {
    this.raf = 0;
    const s = this.current;
    if (!s || !this.connected) return;
    if (s.usesSharedMemory) s.readShared();
    this.onFrame(s.snapshot, now);
    // the callback may have cleared the source; only continue if it is still ours
    if (this.current === s && this.connected && !this.raf) this.raf = requestAnimationFrame(this.tick);
  };
}

/** Index of a snapshot field, resolved once at module load rather than per frame. */
export function snapshotIndex(id: SnapshotId): number {
  const i = SNAPSHOT_FIELDS.findIndex((f) => f.id === id);
  if (i < 0) throw new Error(`unknown snapshot field '${id}'`);
  return i;
}

/**
 * Lets something through at most every `intervalMs`: the meters' text and
 * data-* attributes change ~10 times a second, which a reader (or a screen
 * reader, or a test) can follow, while the canvas moves at the display rate.
 */
export class Throttle {
  private last = Number.NEGATIVE_INFINITY;
  constructor(private readonly intervalMs: number) {}
  due(now: number): boolean {
    if (now - this.last < this.intervalMs) return false;
    this.last = now;
    return true;
  }
  reset(): void {
    this.last = Number.NEGATIVE_INFINITY;
  }
}
