/**
 * `gigscope analyze`: run the live engine over a file in 128-frame blocks at the
 * file's own rate and report what it reported, in the format of
 * ../shared/CONTRACT.md. Sections the engine does not produce yet are left out.
 */
import { renderOffline } from '../host/node-engine';
import { RENDER_QUANTUM } from '../host/engine';
import type { DecodedAudio } from './audio-file';

export interface AnalysisResult {
  version: 1;
  file: string;
  sampleRate: number;
  blockSize: number;
  duration: number;
}

export function analyzeAudio(audio: DecodedAudio, fileName: string): AnalysisResult {
  const frames = audio.channels[0]?.length ?? 0;
  // The engine's analysis hooks read its state after every block (onBlock);
  // the beat, chroma and vocal units will record their reports there.
  renderOffline(audio.channels, audio.sampleRate, { blockSize: RENDER_QUANTUM });
  return {
    version: 1,
    file: fileName,
    sampleRate: audio.sampleRate,
    blockSize: RENDER_QUANTUM,
    duration: round(frames / audio.sampleRate, 6),
  };
}

export const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
