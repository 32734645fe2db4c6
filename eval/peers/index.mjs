// The npm peers the evaluation and the speed bench compare gigscope with, each
// behind an adapter (one file here) exporting
//     analyze(samples: Float32Array /* mono */, sampleRate) → Promise<{beats?, tempo?, chroma?, key?, vocal?}>
// in the contract's form, plus `name`, `mode` and `blockSize` (its hop, 0 = whole file),
// and optionally `sweep` (a decision threshold evaluate.mjs tries several values of).
// They are listed by the task they are scored on.
//
// Peers are devDependencies; one that is missing or cannot run in Node is reported
// as unavailable with the reason, never replaced by made-up numbers.
// (web-audio-beat-detector is not among them: it analyses in a Web Worker through
// an OfflineAudioContext, neither of which Node provides, and realtime-bpm-analyzer
// already stands for the tempo-only estimators.)

/** Beat and tempo trackers (the beats task). */
export const PEERS = [
  { id: 'aubiojs', module: './aubio.mjs' },
  { id: 'essentia.js', module: './essentia.mjs' },
  { id: 'realtime-bpm-analyzer', module: './bpm.mjs' },
  { id: 'realtime-bpm-analyzer (offline)', module: './bpm-offline.mjs' },
];

/** Chroma and key estimators (the chroma task). */
export const CHROMA_PEERS = [
  { id: 'meyda', module: './meyda.mjs' },
  { id: 'essentia.js HPCP', module: './essentia-hpcp.mjs' },
  { id: 'essentia.js KeyExtractor (offline)', module: './essentia-key.mjs' },
];

/**
 * Voice-activity detectors (the vocals task). `sameWorkAs`: an entry that runs the
 * same computation as another (only its decision rule differs), so the speed bench
 * times just the other one.
 */
export const VOCAL_PEERS = [
  { id: 'silero-vad', module: './silero.mjs' },
  { id: 'silero-vad (best threshold)', module: './silero-best.mjs', sameWorkAs: 'silero-vad' },
  { id: 'webrtc-vad', module: './webrtc-vad.mjs' },
];

export const PEERS_BY_TASK = { beats: PEERS, chroma: CHROMA_PEERS, vocals: VOCAL_PEERS };
export const ALL_PEERS = [...PEERS, ...CHROMA_PEERS, ...VOCAL_PEERS];

/**
 * Load one peer's adapter. Resolves to {ok: true, peer} or {ok: false, error} —
 * a missing package is an expected state for this harness, not an exception.
 * @param {string} id one of ALL_PEERS[].id
 */
export async function loadPeer(id) {
  const entry = ALL_PEERS.find((p) => p.id === id);
  if (!entry) return { ok: false, error: `unknown peer ${id}` };
  try {
    return { ok: true, peer: await import(entry.module) };
  } catch (e) {
    const missing = e?.code === 'ERR_MODULE_NOT_FOUND' || e?.code === 'MODULE_NOT_FOUND';
    return { ok: false, error: missing ? `not installed (${firstLine(e.message)}); run npm install` : `cannot load in Node: ${firstLine(e?.message ?? String(e))}` };
  }
}

const firstLine = (s) => String(s).split('\n')[0];
