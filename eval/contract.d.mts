// Types for contract.mjs.
export interface Beat { time: number; reportedAt: number }
export interface TempoReport { time: number; bpm: number; confidence: number }
export interface Chroma { times: number[]; frames: number[][] }
export interface KeyReport { time: number; key: string; confidence: number }
/** voice activity: probability per frame (stamped when the frame is decided) and the detected intervals */
export interface Vocal { times: number[]; probability: number[]; segments: [number, number][] }
export interface PeerResult { beats?: Beat[]; tempo?: TempoReport[]; chroma?: Chroma; key?: KeyReport[]; vocal?: Vocal }
export const KEY_TONICS: string[];
export interface Prediction {
  version: 1;
  file: string;
  sampleRate: number;
  blockSize: number;
  duration: number;
  /** present for a beats-task answer (beats or tempo), empty for a tempo-only one */
  beats?: Beat[];
  tempo?: TempoReport[];
  /** present for a chroma-task answer (chroma or key), empty for a key-only one */
  chroma?: Chroma;
  key?: KeyReport[];
  /** present for a vocals-task answer */
  vocal?: Vocal;
}
export function toPrediction(meta: { file: string; sampleRate: number; blockSize: number; duration: number }, result: PeerResult): Prediction;
export function checkResult(result: PeerResult): string[];
export function finalTempo(tempo: { time: number; bpm: number }[] | undefined, duration: number): number | undefined;
