// Types for peers/index.mjs: the adapter interface every peer implements.
import type { PeerResult } from '../contract.mjs';

export interface PeerAdapter {
  name: string;
  /** 'causal' or 'offline', with ', tempo only' / ', chroma only' / ', key only' for peers that answer part of a task */
  mode: string;
  /** the peer's hop in frames; 0 = whole file */
  blockSize: number;
  analyze(samples: Float32Array, sampleRate: number): Promise<PeerResult>;
  /** a decision threshold to sweep: the vocals task scores each and keeps the best */
  sweep?: {
    thresholds: number[];
    segmentsAt(vocal: { times: number[]; probability: number[] }, threshold: number, duration: number): [number, number][];
  };
}
export interface PeerEntry { id: string; module: string; sameWorkAs?: string }
/** the beats task's peers */
export const PEERS: PeerEntry[];
/** the chroma task's peers */
export const CHROMA_PEERS: PeerEntry[];
/** the vocals task's peers */
export const VOCAL_PEERS: PeerEntry[];
export const PEERS_BY_TASK: { beats: PeerEntry[]; chroma: PeerEntry[]; vocals: PeerEntry[] };
export const ALL_PEERS: PeerEntry[];
export function loadPeer(id: string): Promise<{ ok: true; peer: PeerAdapter } | { ok: false; error: string }>;
