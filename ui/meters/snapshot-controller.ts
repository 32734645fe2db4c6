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
 * The panels whose readouts change together. Each group's text and data-*
 * attributes update on its own animation frame, while one panel's readouts
 * change together (the input and output meters are read side by side).
 */
export type ReadoutGroup = 'levels' | 'beat' | 'pitch' | 'vocal';
const GROUP_PHASE: Record<ReadoutGroup, number> = { levels: 0, beat: 1, pitch: 2, vocal: 3 };
const GROUPS = 4;

/**
 * Lets something through once per `intervalMs` slot of the page's clock: the
 * meters' text and data-* attributes change ~10 times a second, which a reader
 * (or a screen reader, or a test) can follow, while the canvas moves at the
 * display rate. Slots are shifted by a quarter interval per group, so with a
 * 100 ms interval the groups fall 25 ms apart — on different frames at 60 Hz
 * and above — and every clock of one group opens on the same frame, since the
 * callbacks of a frame share its timestamp.
 */
export class Throttle {
  private lastSlot = Number.NaN;
  private readonly offset: number;
  constructor(
    private readonly intervalMs: number,
    group: ReadoutGroup,
  ) {
    this.offset = (GROUP_PHASE[group] * intervalMs) / GROUPS;
  }
  due(now: number): boolean {
    const slot = Math.floor((now - this.offset) / this.intervalMs);
    if (slot === this.lastSlot) return false;
    this.lastSlot = slot;
    return true;
  }
  /** The next call lets through whatever the time (after a stop or a new source). */
  reset(): void {
    this.lastSlot = Number.NaN;
  }
}
