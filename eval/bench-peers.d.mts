// Types for bench-peers.mjs, so the TypeScript bench can import benchPeers.
export interface PeerBenchRow {
  name: string;
  /** the eval task the peer is scored on: 'beats', 'chroma' or 'vocals' */
  task?: string;
  mode?: string;
  /** median ms of analysis per second of audio; null when the peer could not run */
  msPerSecondOfAudio: number | null;
  runs: number;
  error?: string;
}
export function benchPeers(channels: Float32Array[], sampleRate: number, options?: { runs?: number; peers?: string[] }): Promise<PeerBenchRow[]>;
export function formatPeerBench(rows: PeerBenchRow[], info: { file: string; sampleRate: number; channels: number; seconds: number }): string;
