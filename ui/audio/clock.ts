/**
 * Where the AudioContext clock is *as heard*.
 *
 * `ctx.currentTime` is the time of the next block the graph will render; the
 * sound of that block leaves the speakers `baseLatency + outputLatency`
 * seconds later. It also moves in steps of a whole device buffer (10 ms in
 * headless Chromium, up to ~20 ms on some systems), which is more than a
 * display frame. `getOutputTimestamp()` answers both: the context time being
 * played by the output device now, paired with the performance.now() time it
 * was measured at, so it can be carried forward smoothly to any instant.
 *
 *   const t = heardContextTime(ctx, performance.now());
 *   if (t >= beat.contextTime) flash();
 */

/** Anything with the AudioContext clock members we read (a structural type, so tests can fake it). */
export interface ContextClock {
  readonly currentTime: number;
  readonly baseLatency?: number;
  readonly outputLatency?: number;
  getOutputTimestamp?(): AudioTimestamp;
}

/** A timestamp older than this is not trusted to extrapolate from (the device may have stalled). */
const MAX_EXTRAPOLATION_MS = 250;

/**
 * The context time (s) of the sound reaching the listener at `nowMs`
 * (performance.now() time base, as requestAnimationFrame's argument).
 * Falls back to currentTime minus the reported latencies where the output
 * timestamp is missing or stale (Safari before 14.1, a device that has not
 * started).
 */
export function heardContextTime(ctx: ContextClock, nowMs: number): number {
  const ts = ctx.getOutputTimestamp?.();
  if (ts && Number.isFinite(ts.contextTime) && Number.isFinite(ts.performanceTime) && ts.performanceTime! > 0) {
    const ageMs = nowMs - ts.performanceTime!;
    // nothing not yet rendered can be heard: if the audio thread stalls, the extrapolation stops at currentTime
    if (ageMs >= -MAX_EXTRAPOLATION_MS && ageMs <= MAX_EXTRAPOLATION_MS) return Math.min(ts.contextTime! + ageMs / 1000, ctx.currentTime);
  }
  const lat = (x: number | undefined) => (typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : 0);
  return ctx.currentTime - lat(ctx.baseLatency) - lat(ctx.outputLatency);
}
