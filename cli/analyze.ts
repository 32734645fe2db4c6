/**
 * `gigscope analyze`: run the live engine over a file in 128-frame blocks at the
 * file's own rate and report what it reported, in the format of
 * ../shared/CONTRACT.md. Nothing is recomputed afterwards: beats are the
 * events the engine emitted, stamped with the end of the block that emitted
 * them. Sections the engine does not produce yet are left out.
 */
import { renderOffline } from '../host/node-engine';
import { RENDER_QUANTUM, EVENT_BEAT, EVENT_STRIDE, type EngineHost } from '../host/engine';
import type { DecodedAudio } from './audio-file';

export interface BeatReport {
  time: number;
  reportedAt: number;
}

export interface TempoReport {
  time: number;
  bpm: number;
  confidence: number;
}

export interface AnalysisResult {
  version: 1;
  file: string;
  sampleRate: number;
  blockSize: number;
  duration: number;
  beats: BeatReport[];
  tempo: TempoReport[];
}

/** A tempo entry is written when the tempo moves by this much, BPM … */
const TEMPO_CHANGE_BPM = 0.5;
/** … and at least this often, seconds. */
const TEMPO_EVERY_SECONDS = 1;

export function analyzeAudio(audio: DecodedAudio, fileName: string): AnalysisResult {
  const frames = audio.channels[0]?.length ?? 0;
  const sr = audio.sampleRate;
  const beats: BeatReport[] = [];
  const tempo: TempoReport[] = [];
  let lastTempo = 0;
  let lastTempoTime = -Infinity;
  const onBlock = (engine: EngineHost, endFrame: number) => {
    const t = endFrame / sr;
    const n = engine.eventCount();
    for (let i = 0; i < n; i++) {
      const o = i * EVENT_STRIDE;
      if (engine.eventData[o] === EVENT_BEAT) beats.push({ time: round(engine.eventData[o + 1], 6), reportedAt: round(t, 6) });
    }
    const bpm = engine.read('beat.tempo');
    if (bpm > 0 && (Math.abs(bpm - lastTempo) >= TEMPO_CHANGE_BPM || t - lastTempoTime >= TEMPO_EVERY_SECONDS)) {
      tempo.push({ time: round(t, 6), bpm: round(bpm, 3), confidence: round(engine.read('beat.confidence'), 3) });
      lastTempo = bpm;
      lastTempoTime = t;
    }
  };
  renderOffline(audio.channels, sr, { blockSize: RENDER_QUANTUM, onBlock });
  return {
    version: 1,
    file: fileName,
    sampleRate: sr,
    blockSize: RENDER_QUANTUM,
    duration: round(frames / sr, 6),
    beats,
    tempo,
  };
}

export const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
