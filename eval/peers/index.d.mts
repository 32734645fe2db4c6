// Types for peers/index.mjs: the adapter interface every peer implements.
import type { PeerResult } from '../contract.mjs';

export interface PeerAdapter {
  name: string;
  /** 'causal', 'offline', with ', tempo only' for tempo estimators */
  mode: string;
  /** the peer's hop in frames; 0 = whole file */
  blockSize: number;
  analyze(samples: Float32Array, sampleRate: number): Promise<PeerResult>;
}
export const PEERS: { id: string; module: string }[];
export function loadPeer(id: string): Promise<{ ok: true; peer: PeerAdapter } | { ok: false; error: string }>;
