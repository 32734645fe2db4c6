// Types for contract.mjs.
export interface Beat { time: number; reportedAt: number }
export interface TempoReport { time: number; bpm: number; confidence: number }
export interface PeerResult { beats?: Beat[]; tempo?: TempoReport[] }
export interface Prediction {
  version: 1;
  file: string;
  sampleRate: number;
  blockSize: number;
  duration: number;
  beats: Beat[];
  tempo?: TempoReport[];
}
export function toPrediction(meta: { file: string; sampleRate: number; blockSize: number; duration: number }, result: PeerResult): Prediction;
export function checkResult(result: PeerResult): string[];
export function finalTempo(tempo: { time: number; bpm: number }[] | undefined, duration: number): number | undefined;
