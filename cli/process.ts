/**
 * `gigscope process IN OUT`: render a file through the effects chain offline,
 * exactly as the live engine would (same blocks, same rate), then remove the
 * engine's reported latency so OUT lines up with IN sample for sample.
 */
import { writeFile } from 'node:fs/promises';
import { renderOffline } from '../host/node-engine';
import { RENDER_QUANTUM } from '../host/engine';
import { encodeWav, type DecodedAudio } from './audio-file';

export interface ProcessSummary {
  latencyFrames: number;
  inputPeakDb: number;
  outputPeakDb: number;
  deepestLimiterDb: number;
}

export function processAudio(audio: DecodedAudio, params: Record<string, number>): { output: Float32Array[]; summary: ProcessSummary } {
  const frames = audio.channels[0]?.length ?? 0;
  let deepest = 0;
  let inPeak = -120;
  // run `latency` frames past the end so the last input samples come out, then drop the first `latency`
  const probeLatency = Math.ceil(0.002 * audio.sampleRate) + RENDER_QUANTUM;
  const { output, engine } = renderOffline(audio.channels, audio.sampleRate, {
    params,
    tailFrames: probeLatency,
    onBlock: (e) => {
      deepest = Math.min(deepest, e.read('limiter.gr'));
      inPeak = Math.max(inPeak, e.read('in.peak.l'), e.read('in.peak.r'));
    },
  });
  const L = engine.latencyFrames;
  const aligned = output.map((ch) => ch.slice(L, L + frames));
  let outPeak = 0;
  for (const ch of aligned) for (let i = 0; i < ch.length; i++) outPeak = Math.max(outPeak, Math.abs(ch[i]));
  return {
    output: aligned,
    summary: {
      latencyFrames: L,
      inputPeakDb: inPeak,
      outputPeakDb: outPeak > 0 ? 20 * Math.log10(outPeak) : -120,
      deepestLimiterDb: deepest,
    },
  };
}

export async function writeAudio(path: string, channels: Float32Array[], sampleRate: number, format: 'float32' | 'pcm16' | 'pcm24'): Promise<void> {
  await writeFile(path, encodeWav(channels, sampleRate, format));
}
