/**
 * Soft takeover ("pick-up"): an absolute controller (a knob, a fader, the
 * pitch wheel) whose position disagrees with the parameter does nothing until
 * it reaches the parameter's value; from there on it drives the parameter.
 * So after a preset change, or a knob turned on screen, touching the hardware
 * never makes the sound jump.
 *
 * Positions are compared in *parameter travel* (0–1, after the mapping's curve
 * and range), where the controller and the parameter can be compared directly.
 *
 *   const st = new SoftTakeover();
 *   st.follow(0.1, 0.8, tol)  // false: the controller is far below the value
 *   st.follow(0.9, 0.8, tol)  // true: it went past 0.8 since the last message, it has the value now
 *   st.taken(0.9)             // the parameter is now at 0.9 (as kept by the session)
 *   st.follow(0.5, 0.3, tol)  // false: the parameter moved elsewhere (0.3 ≠ 0.9), so pick it up again
 *
 * A value the mapping's range cannot reach (range 0.2–0.5, parameter at 0.9)
 * is compared against the nearest end of the range: the controller picks up
 * there, which is the only way it can ever take over.
 */

/** Two travels closer than this are the same (float noise after a round trip through the table). */
const SAME = 1e-6;

export class SoftTakeover {
  /** the controller has the parameter */
  private engaged = false;
  /** travel the controller pointed at in its last message, NaN before the first */
  private lastControl = Number.NaN;
  /** travel the parameter took when this controller last set it, NaN before */
  private lastTaken = Number.NaN;

  get isEngaged(): boolean {
    return this.engaged;
  }

  /**
   * The controller now points at travel `target`; the parameter is at
   * `current`. Returns whether the controller may set the parameter now.
   * `tolerance` is how close counts as "at the value" (about one controller
   * step, so a coarse 7-bit knob can land on a fine value); `range` is the
   * travel the mapping can reach, [lo, hi] in any order.
   */
  follow(target: number, current: number, tolerance: number, range: readonly [number, number] = [0, 1]): boolean {
    // someone else (a knob on screen, a preset, another controller) moved the parameter: let go
    if (this.engaged && !(Math.abs(current - this.lastTaken) <= SAME)) this.engaged = false;
    if (!this.engaged) {
      const lo = Math.min(range[0], range[1]);
      const hi = Math.max(range[0], range[1]);
      const goal = Math.min(hi, Math.max(lo, current));
      const prev = this.lastControl;
      // the controller passed through the value between its last message and this one
      const crossed = Number.isFinite(prev) && (prev - goal) * (target - goal) <= 0;
      if (crossed || Math.abs(target - goal) <= tolerance) this.engaged = true;
    }
    this.lastControl = target;
    return this.engaged;
  }

  /** The parameter took travel `travel` from this controller (after the session's clamping and rounding). */
  taken(travel: number): void {
    this.lastTaken = travel;
  }

  reset(): void {
    this.engaged = false;
    this.lastControl = Number.NaN;
    this.lastTaken = Number.NaN;
  }
}
