// Turning a peer's answer into a prediction file in the contract's format
// (../shared/CONTRACT.md), and checking such answers.
//
// A peer reports only what it computes: beat trackers give `beats` (and tempo),
// tempo estimators only `tempo`. For the beats task score.py needs a `beats`
// section in every file, or it skips the task for that system altogether, so a
// tempo-only peer is written with an empty `beats` list: its beat metrics are 0
// (it places no beats) and its Acc1/Acc2 come from its tempo entries.

const r6 = (x) => Math.round(x * 1e6) / 1e6;

/**
 * The prediction JSON for one clip.
 * @param {{file: string, sampleRate: number, blockSize: number, duration: number}} meta
 * @param {{beats?: {time: number, reportedAt: number}[], tempo?: {time: number, bpm: number, confidence: number}[]}} result
 */
export function toPrediction(meta, result) {
  return {
    version: 1,
    file: meta.file,
    sampleRate: meta.sampleRate,
    blockSize: meta.blockSize,
    duration: r6(meta.duration),
    beats: (result.beats ?? []).map((b) => ({ time: r6(b.time), reportedAt: r6(b.reportedAt) })),
    ...(result.tempo ? { tempo: result.tempo.map((t) => ({ time: r6(t.time), bpm: r6(t.bpm), confidence: r6(t.confidence) })) } : {}),
  };
}

/**
 * Problems with an adapter's answer, as messages (empty = fine): beats and tempo
 * entries finite and in time order, confidences in 0..1, bpm positive.
 * @param {{beats?: any[], tempo?: any[]}} result
 * @returns {string[]}
 */
export function checkResult(result) {
  const bad = [];
  const finite = (x) => typeof x === 'number' && Number.isFinite(x);
  (result.beats ?? []).forEach((b, i) => {
    if (!finite(b.time) || !finite(b.reportedAt)) bad.push(`beats[${i}] not finite`);
    if (i > 0 && b.time <= result.beats[i - 1].time) bad.push(`beats[${i}] not after beats[${i - 1}]`);
  });
  (result.tempo ?? []).forEach((t, i) => {
    if (!finite(t.time) || !(t.bpm > 0) || !(t.confidence >= 0 && t.confidence <= 1)) bad.push(`tempo[${i}] invalid: ${JSON.stringify(t)}`);
    if (i > 0 && t.time < result.tempo[i - 1].time) bad.push(`tempo[${i}] before tempo[${i - 1}]`);
  });
  return bad;
}

/**
 * The tempo a scorer would read from `tempo`: the median of the entries in the
 * second half of the clip (the last entry if there are none), as score.py does.
 * @param {{time: number, bpm: number}[]} tempo
 * @param {number} duration
 */
export function finalTempo(tempo, duration) {
  if (!tempo?.length) return undefined;
  let v = tempo.filter((t) => t.time >= duration / 2).map((t) => t.bpm);
  if (!v.length) v = [tempo[tempo.length - 1].bpm];
  v.sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}
