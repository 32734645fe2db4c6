/** Rhythmic test signals and beat scoring for the beat tracker's tests. */
import { renderOffline } from '../../host/node-engine';
import { EVENT_BEAT, EVENT_STRIDE } from '../../host/engine';

/** A click track: a 15 ms decaying noise burst with a 2 kHz ring on each beat time (seconds). */
export function clickTrack(beatTimes: number[], seconds: number, sampleRate: number, amplitude = 0.5): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  let seed = 12345;
  const len = Math.round(0.015 * sampleRate);
  for (const t of beatTimes) {
    const start = Math.round(t * sampleRate);
    for (let i = 0; i < len && start + i < out.length; i++) {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      const env = Math.exp(-i / (0.003 * sampleRate));
      out[start + i] += amplitude * env * (0.6 * (seed / 2 ** 31 - 1) + 0.4 * Math.sin((2 * Math.PI * 2000 * i) / sampleRate));
    }
  }
  return out;
}

/** A kick drum: a 250 ms sine sweeping from 130 Hz down to 50 Hz, decaying with an 80 ms time constant, at each time (seconds). */
export function kickTrack(times: number[], seconds: number, sampleRate: number, amplitude = 0.5): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  const len = Math.round(0.25 * sampleRate);
  for (const t of times) {
    const start = Math.round(t * sampleRate);
    let phase = 0;
    for (let i = 0; i < len && start + i < out.length; i++) {
      phase += (2 * Math.PI * (50 + 80 * Math.exp(-i / (0.02 * sampleRate)))) / sampleRate;
      out[start + i] += amplitude * Math.exp(-i / (0.08 * sampleRate)) * Math.sin(phase);
    }
  }
  return out;
}

/** Beat times at a steady tempo from `start` to `end` seconds. */
export function steadyBeats(bpm: number, start: number, end: number): number[] {
  const out: number[] = [];
  for (let t = start; t < end; t += 60 / bpm) out.push(t);
  return out;
}

export interface TrackResult {
  beats: { time: number; reportedAt: number; inBar: number }[];
  /** [time, bpm, confidence] after every block */
  tempo: [number, number, number][];
}

/** Run audio through the engine and collect what the tracker announced. */
export function track(
  input: Float32Array[],
  sampleRate: number,
  actions: { at: number; id: string; value: number }[] = [],
  params: Record<string, number> = {},
): TrackResult {
  const beats: TrackResult['beats'] = [];
  const tempo: TrackResult['tempo'] = [];
  const pending = [...actions].sort((a, b) => a.at - b.at);
  renderOffline(input, sampleRate, {
    params,
    onBlock: (engine, end) => {
      const t = end / sampleRate;
      for (let i = 0; i < engine.eventCount(); i++) {
        const o = i * EVENT_STRIDE;
        if (engine.eventData[o] === EVENT_BEAT) beats.push({ time: engine.eventData[o + 1], reportedAt: t, inBar: engine.eventData[o + 2] });
      }
      tempo.push([t, engine.read('beat.tempo'), engine.read('beat.confidence')]);
      while (pending.length && pending[0].at <= t) {
        const a = pending.shift()!;
        engine.setParam(a.id, a.value);
      }
    },
  });
  return { beats, tempo };
}

/** The tempo reported at (the block ending just after) time t. */
export function tempoAt(r: TrackResult, t: number): number {
  const row = r.tempo.find(([time]) => time >= t);
  return row ? row[1] : NaN;
}

export function confidenceAt(r: TrackResult, t: number): number {
  const row = r.tempo.find(([time]) => time >= t);
  return row ? row[2] : NaN;
}

/** Fraction of reference beats in [from, to) matched by an announced beat within ±tol seconds. */
export function hitRate(r: TrackResult, reference: number[], from: number, to: number, tol = 0.03): number {
  const refs = reference.filter((t) => t >= from && t < to);
  if (!refs.length) return NaN;
  const hits = refs.filter((t) => r.beats.some((b) => Math.abs(b.time - t) <= tol)).length;
  return hits / refs.length;
}

/** Announced beats in [from, to) that match no reference beat within ±tol: false alarms. */
export function falseBeats(r: TrackResult, reference: number[], from: number, to: number, tol = 0.03): number {
  return r.beats.filter((b) => b.time >= from && b.time < to && !reference.some((t) => Math.abs(b.time - t) <= tol)).length;
}
