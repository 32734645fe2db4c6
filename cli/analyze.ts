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
import { SNAPSHOT_FIELDS } from '../params/table';
import { keyName, chordName } from '../host/music-names';

export interface BeatReport {
  time: number;
  reportedAt: number;
}

export interface TempoReport {
  time: number;
  bpm: number;
  confidence: number;
}

export interface ChromaReport {
  /** end of each frame's analysis windows, s */
  times: number[];
  /** 12 values per frame, C … B, the strongest 1 */
  frames: number[][];
}

export interface KeyReport {
  time: number;
  key: string;
  confidence: number;
  /** the runner-up key */
  second: string | null;
}

export interface ChordReport {
  time: number;
  chord: string;
}

export interface TuningReport {
  time: number;
  /** the band's A4, Hz */
  reference: number;
}

export interface VocalReport {
  /** end of each 10 ms frame's window, s */
  times: number[];
  /** smoothed probability of a voice, per frame */
  probability: number[];
  /** the lamp's lit intervals [start, end], s (after the engine's hysteresis) */
  segments: [number, number][];
}

export interface AnalysisResult {
  version: 1;
  file: string;
  sampleRate: number;
  blockSize: number;
  duration: number;
  beats: BeatReport[];
  tempo: TempoReport[];
  chroma: ChromaReport;
  key: KeyReport[];
  chord: ChordReport[];
  tuning: TuningReport[];
  vocal: VocalReport;
}

/** A tempo entry is written when the tempo moves by this much, BPM … */
const TEMPO_CHANGE_BPM = 0.5;
/** … and at least this often, seconds. */
const TEMPO_EVERY_SECONDS = 1;
/** Key and tuning entries: on every change, and at least this often, seconds. */
const KEY_EVERY_SECONDS = 1;
const TUNING_CHANGE_HZ = 0.1;

const field = (id: string) => SNAPSHOT_FIELDS.findIndex((f) => f.id === id);
const CHROMA_0 = field('chroma.0');
const CHROMA_FRAME = field('chroma.frame');
const CHROMA_TIME = field('chroma.time');
const KEY_INDEX = field('key.index');
const KEY_CONFIDENCE = field('key.confidence');
const KEY_SECOND = field('key.second');
const CHORD_INDEX = field('chord.index');
const TUNING_REF = field('tuning.ref');
const VOCAL_PROBABILITY = field('vocal.probability');
const VOCAL_ACTIVE = field('vocal.active');
const VOCAL_FRAME = field('vocal.frame');
const VOCAL_TIME = field('vocal.time');

export function analyzeAudio(audio: DecodedAudio, fileName: string): AnalysisResult {
  const frames = audio.channels[0]?.length ?? 0;
  const sr = audio.sampleRate;
  const beats: BeatReport[] = [];
  const tempo: TempoReport[] = [];
  let lastTempo = 0;
  let lastTempoTime = -Infinity;
  const chroma: ChromaReport = { times: [], frames: [] };
  const key: KeyReport[] = [];
  const chord: ChordReport[] = [];
  const tuning: TuningReport[] = [];
  let lastFrame = 0;
  let lastKey = -1;
  let lastKeyTime = -Infinity;
  let lastChord = -2;
  let lastTuning = 0;
  let lastTuningTime = -Infinity;
  const vocal: VocalReport = { times: [], probability: [], segments: [] };
  let lastVocalFrame = 0;
  let vocalStart = -1;
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
    const s = engine.snapshot;
    if (s[VOCAL_FRAME] !== lastVocalFrame) {
      lastVocalFrame = s[VOCAL_FRAME];
      const vt = round(s[VOCAL_TIME], 6);
      vocal.times.push(vt);
      vocal.probability.push(round(s[VOCAL_PROBABILITY], 4));
      const on = s[VOCAL_ACTIVE] >= 0.5;
      if (on && vocalStart < 0) vocalStart = vt;
      else if (!on && vocalStart >= 0) {
        vocal.segments.push([vocalStart, vt]);
        vocalStart = -1;
      }
    }
    if (s[CHROMA_FRAME] !== lastFrame) {
      lastFrame = s[CHROMA_FRAME];
      chroma.times.push(round(s[CHROMA_TIME], 6));
      chroma.frames.push(Array.from(s.subarray(CHROMA_0, CHROMA_0 + 12), (v) => round(v, 4)));
      const k = s[KEY_INDEX];
      if (k >= 0 && (k !== lastKey || t - lastKeyTime >= KEY_EVERY_SECONDS)) {
        key.push({ time: round(t, 6), key: keyName(k)!, confidence: round(s[KEY_CONFIDENCE], 3), second: keyName(s[KEY_SECOND]) });
        lastKey = k;
        lastKeyTime = t;
      }
      if (s[CHORD_INDEX] !== lastChord) {
        lastChord = s[CHORD_INDEX];
        chord.push({ time: round(t, 6), chord: chordName(lastChord) });
      }
      const ref = s[TUNING_REF];
      if (Math.abs(ref - lastTuning) >= TUNING_CHANGE_HZ || t - lastTuningTime >= KEY_EVERY_SECONDS) {
        tuning.push({ time: round(t, 6), reference: round(ref, 2) });
        lastTuning = ref;
        lastTuningTime = t;
      }
    }
  };
  renderOffline(audio.channels, sr, { blockSize: RENDER_QUANTUM, onBlock });
  // a voice still singing at the end of the file
  if (vocalStart >= 0) vocal.segments.push([vocalStart, round(frames / sr, 6)]);
  return {
    version: 1,
    file: fileName,
    sampleRate: sr,
    blockSize: RENDER_QUANTUM,
    duration: round(frames / sr, 6),
    beats,
    tempo,
    chroma,
    key,
    chord,
    tuning,
    vocal,
  };
}

export const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
