/**
 * The words the audio session shows the performer: latency, the microphone's
 * processing as the browser actually set it, and errors turned into one line
 * that says what to do. Pure functions, so they are tested without a browser.
 */

export interface LatencyReport {
  /** AudioContext.baseLatency: the graph → audio subsystem hand-off, ms */
  baseMs: number;
  /** AudioContext.outputLatency: audio subsystem → speaker, ms (the browser's estimate) */
  outputMs: number;
  /** the engine's own delay (the safety limiter's look-ahead), ms */
  engineMs: number;
  totalMs: number;
}

/**
 * Latency from the context's figures and the engine's delay in frames.
 * baseLatency/outputLatency are missing in some browsers and outputLatency
 * reads 0 until the output device has reported; both count as 0, not NaN.
 */
export function latencyReport(baseLatencyS: number | undefined, outputLatencyS: number | undefined, engineFrames: number, sampleRate: number): LatencyReport {
  const s = (x: number | undefined) => (typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : 0);
  const baseMs = s(baseLatencyS) * 1000;
  const outputMs = s(outputLatencyS) * 1000;
  const engineMs = sampleRate > 0 ? (s(engineFrames) / sampleRate) * 1000 : 0;
  return { baseMs, outputMs, engineMs, totalMs: baseMs + outputMs + engineMs };
}

/** "Output latency 12.3 ms (base 2.7 + output 8.0 + engine 1.5)" */
export function formatLatency(r: LatencyReport): string {
  return `Output latency ${r.totalMs.toFixed(1)} ms ${latencyBreakdown(r)}`;
}

/** "(base 2.7 + output 8.0 + engine 1.5)": where the total comes from, ms. */
export function latencyBreakdown(r: LatencyReport): string {
  const f = (ms: number) => ms.toFixed(1);
  return `(base ${f(r.baseMs)} + output ${f(r.outputMs)} + engine ${f(r.engineMs)})`;
}

/**
 * The three voice-call processors a live rig must not have: they gate,
 * duck and pump music. We ask for all three off; browsers may ignore the
 * request (some platforms force echo cancellation), so we read back what the
 * track really does and report each one that is not confirmed off.
 */
export const VOICE_PROCESSING = ['echoCancellation', 'noiseSuppression', 'autoGainControl'] as const;

export function processingWarnings(settings: Partial<Record<(typeof VOICE_PROCESSING)[number], unknown>>): string[] {
  const out: string[] = [];
  for (const k of VOICE_PROCESSING) {
    const v = settings[k];
    if (v === false) continue;
    out.push(v === true ? `browser kept ${k} on` : `browser did not confirm ${k} off`);
  }
  return out;
}

/** An error's message, whatever was thrown. */
export function errorText(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  if (typeof err === 'string') return err;
  return String(err);
}

/** getUserMedia's failures, by DOMException name, as a one-line instruction. */
export function micErrorText(err: unknown): string {
  const name = (err as { name?: string } | null)?.name ?? '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
      return 'Microphone permission denied: allow it for this page in the browser, or choose Demo clip.';
    case 'SecurityError':
      return 'The microphone is blocked on this page (it needs https or localhost): choose Demo clip.';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return 'No microphone found: plug one in, or choose Demo clip.';
    case 'OverconstrainedError':
      return 'The chosen microphone is no longer available: pick another input.';
    case 'NotReadableError':
    case 'TrackStartError':
      return 'The microphone is busy or blocked by the system (another app may hold it).';
    case 'AbortError':
      return 'The microphone could not be started; try again or choose Demo clip.';
    default:
      return `Microphone error: ${errorText(err)}`;
  }
}
