// Shared by the voice-activity peers: turning per-frame decisions into the
// contract's `vocal` section, causally.
//
// Every frame is stamped with the time its decision is known: the end of its
// samples (plus the resampler's hold-back). A segment likewise opens and closes at
// times at which a live detector could have switched a lamp on or off — nothing is
// back-dated. Between two stamps the last decision holds (sample and hold), so a
// positive frame lights [its stamp, next stamp).

/**
 * Segments from a per-frame on/off sequence: a run of "on" frames lights from the
 * first one's stamp to the stamp of the first "off" frame after it (or `end`).
 * @param {number[]} times frame stamps, increasing
 * @param {ArrayLike<boolean|number>} on truthy = vocal at that frame
 * @param {number} end the clip's end in seconds (closes a segment still open)
 * @returns {[number, number][]}
 */
export function holdSegments(times, on, end) {
  const segs = [];
  let start = -1;
  for (let k = 0; k < times.length; k++) {
    if (on[k] && start < 0) start = times[k];
    else if (!on[k] && start >= 0) {
      segs.push([start, times[k]]);
      start = -1;
    }
  }
  if (start >= 0 && end > start) segs.push([start, end]);
  return segs;
}

/**
 * Silero's streaming hysteresis (the rule of its VADIterator): switch on when the
 * probability reaches `positive`; once on, note the first frame below `negative`,
 * and switch off at the first frame below `negative` stamped at least `minSilenceMs`
 * after it. A frame at or above `positive` forgets the noted frame; frames in
 * between neither start nor end anything. Returned as on/off per frame (the state
 * after that frame's decision). Unlike VADIterator, which back-dates its events
 * (start = the start of the frame that crossed − a 30 ms pad, end = the start of
 * the first quiet frame + the pad), the state here
 * changes when the decision is made.
 * @param {number[]} times frame stamps (s)
 * @param {ArrayLike<number>} prob
 * @param {{positive: number, negative: number, minSilenceMs: number}} p
 * @returns {boolean[]}
 */
export function hysteresis(times, prob, { positive, negative, minSilenceMs }) {
  const out = new Array(prob.length);
  let on = false;
  let quietSince = -1; // index of the first frame of the current run below `negative`, -1 = none
  for (let k = 0; k < prob.length; k++) {
    const p = prob[k];
    if (p >= positive) {
      on = true;
      quietSince = -1;
    } else if (on && p < negative) {
      // as VADIterator: the run starts at its first quiet frame's stamp and ends the
      // segment at the first quiet frame at least minSilenceMs after that
      if (quietSince < 0) quietSince = k;
      if ((times[k] - times[quietSince]) * 1000 >= minSilenceMs - 1e-6) {
        on = false;
        quietSince = -1;
      }
    }
    out[k] = on;
  }
  return out;
}

/** Round to the microsecond, as the prediction files do. */
export const r6 = (x) => Math.round(x * 1e6) / 1e6;
