// essentia.js: Essentia's offline RhythmExtractor2013 with the 'multifeature'
// beat tracker (Zapata, Davies & Gómez 2014), over the whole file at once — the
// upper reference, not a live system. Every beat is therefore reportedAt the end
// of the file, and its single tempo is stamped there too.
//
// RhythmExtractor2013 assumes 44.1 kHz, so other rates go through Essentia's own
// Resample first (counted in its time: it is part of running Essentia on that audio).

import { essentia, withVectors } from './essentia-instance.mjs';

export const RATE = 44100;
/** RhythmExtractor2013's tempo search range, its defaults (bpm). */
export const MIN_TEMPO = 40;
export const MAX_TEMPO = 208;
/** The multifeature method's confidence runs 0..5.32 (Essentia's docs: > 3.5 excellent); scaled to 0..1. */
const MAX_CONFIDENCE = 5.32;
export const name = 'essentia.js';
export const mode = 'offline';
export const blockSize = 0; // whole file

/**
 * @param {Float32Array} samples mono
 * @param {number} sampleRate Hz
 */
export async function analyze(samples, sampleRate) {
  const es = essentia();
  const duration = samples.length / sampleRate;
  return withVectors((keep) => {
    let signal = keep(es.arrayToVector(samples));
    if (sampleRate !== RATE) signal = keep(es.Resample(signal, sampleRate, RATE, 1).signal);
    const r = es.RhythmExtractor2013(signal, MAX_TEMPO, 'multifeature', MIN_TEMPO);
    for (const k of ['ticks', 'estimates', 'bpmIntervals']) if (r[k]) keep(r[k]);
    // vectorToArray throws on an empty vector: a clip where it places no beat at all
    const ticks = r.ticks.size() > 0 ? es.vectorToArray(r.ticks) : [];
    const beats = [];
    for (const t of ticks) if (!beats.length || t > beats[beats.length - 1].time) beats.push({ time: t, reportedAt: duration });
    const confidence = Math.min(1, Math.max(0, r.confidence / MAX_CONFIDENCE));
    return { beats, tempo: r.bpm > 0 ? [{ time: duration, bpm: r.bpm, confidence }] : [] };
  });
}
