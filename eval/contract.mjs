// Turning a peer's answer into a prediction file in the contract's format
// (../shared/CONTRACT.md), and checking such answers.
//
// A peer reports only what it computes: beat trackers give `beats` (and tempo),
// tempo estimators only `tempo`, chroma extractors `chroma` (and perhaps `key`),
// key estimators only `key`, voice-activity detectors `vocal` ({times,
// probability, segments}). score.py skips a task for a system when none of its
// files has that task's section, so a peer that answers only part of a task is
// written with that task's section empty: a tempo-only peer with an empty `beats`
// list (its beat metrics are 0, its Acc1/Acc2 come from its tempo entries), a
// key-only peer with an empty `chroma` (its cos/top3 are 0, its key is scored).

/** The tonic spellings of the contract (mir_eval's), for checking keys. */
export const KEY_TONICS = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'];

const r6 = (x) => Math.round(x * 1e6) / 1e6;

/**
 * The prediction JSON for one clip.
 * @param {{file: string, sampleRate: number, blockSize: number, duration: number}} meta
 * @param {{beats?: {time: number, reportedAt: number}[], tempo?: {time: number, bpm: number, confidence: number}[],
 *          chroma?: {times: number[], frames: number[][]}, key?: {time: number, key: string, confidence: number}[],
 *          vocal?: {times: number[], probability: number[], segments: [number, number][]}}} result
 */
export function toPrediction(meta, result) {
  const beatsTask = result.beats || result.tempo;
  const chromaTask = result.chroma || result.key;
  return {
    version: 1,
    file: meta.file,
    sampleRate: meta.sampleRate,
    blockSize: meta.blockSize,
    duration: r6(meta.duration),
    ...(beatsTask ? { beats: (result.beats ?? []).map((b) => ({ time: r6(b.time), reportedAt: r6(b.reportedAt) })) } : {}),
    ...(result.tempo ? { tempo: result.tempo.map((t) => ({ time: r6(t.time), bpm: r6(t.bpm), confidence: r6(t.confidence) })) } : {}),
    ...(chromaTask
      ? { chroma: { times: (result.chroma?.times ?? []).map(r6), frames: (result.chroma?.frames ?? []).map((f) => Array.from(f, r6)) } }
      : {}),
    ...(result.key ? { key: result.key.map((k) => ({ time: r6(k.time), key: k.key, confidence: r6(k.confidence) })) } : {}),
    ...(result.vocal
      ? {
          vocal: {
            times: result.vocal.times.map(r6),
            probability: result.vocal.probability.map(r6),
            segments: result.vocal.segments.map(([a, b]) => [r6(a), r6(b)]),
          },
        }
      : {}),
  };
}

/**
 * Problems with an adapter's answer, as messages (empty = fine): beats and tempo
 * entries finite and in time order, confidences in 0..1, bpm positive; chroma
 * frames of 12 finite non-negative values, one per time, times in order; keys
 * spelled as the contract spells them; vocal times increasing, one probability in
 * 0..1 per time, segments [start, end] with start < end, in order, not overlapping.
 * @param {{beats?: any[], tempo?: any[], chroma?: {times: any[], frames: any[]}, key?: any[],
 *          vocal?: {times: any[], probability: any[], segments: any[]}}} result
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
  if (result.chroma) {
    const { times = [], frames = [] } = result.chroma;
    if (times.length !== frames.length) bad.push(`chroma: ${times.length} times but ${frames.length} frames`);
    times.forEach((t, i) => {
      if (!finite(t)) bad.push(`chroma.times[${i}] not finite`);
      if (i > 0 && t <= times[i - 1]) bad.push(`chroma.times[${i}] not after chroma.times[${i - 1}]`);
    });
    frames.forEach((f, i) => {
      if (f?.length !== 12 || !Array.from(f).every((v) => finite(v) && v >= 0)) bad.push(`chroma.frames[${i}] is not 12 non-negative numbers`);
    });
  }
  (result.key ?? []).forEach((k, i) => {
    const [tonic, mode, ...rest] = String(k.key).split(' ');
    if (!KEY_TONICS.includes(tonic) || !['major', 'minor'].includes(mode) || rest.length) bad.push(`key[${i}] ${JSON.stringify(k.key)} is not '<tonic> major|minor'`);
    if (!finite(k.time) || !(k.confidence >= 0 && k.confidence <= 1)) bad.push(`key[${i}] invalid: ${JSON.stringify(k)}`);
    if (i > 0 && k.time < result.key[i - 1].time) bad.push(`key[${i}] before key[${i - 1}]`);
  });
  if (result.vocal) {
    const { times = [], probability = [], segments = [] } = result.vocal;
    if (times.length !== probability.length) bad.push(`vocal: ${times.length} times but ${probability.length} probabilities`);
    times.forEach((t, i) => {
      if (!finite(t)) bad.push(`vocal.times[${i}] not finite`);
      if (i > 0 && t <= times[i - 1]) bad.push(`vocal.times[${i}] not after vocal.times[${i - 1}]`);
    });
    probability.forEach((p, i) => {
      if (!(finite(p) && p >= 0 && p <= 1)) bad.push(`vocal.probability[${i}] not in 0..1`);
    });
    segments.forEach((seg, i) => {
      if (!Array.isArray(seg) || seg.length !== 2 || !finite(seg[0]) || !finite(seg[1]) || !(seg[0] < seg[1])) {
        bad.push(`vocal.segments[${i}] is not [start, end] with start < end`);
      } else if (i > 0 && seg[0] < segments[i - 1][1]) bad.push(`vocal.segments[${i}] overlaps or precedes vocal.segments[${i - 1}]`);
    });
  }
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
