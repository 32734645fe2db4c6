/**
 * `gigscope process IN OUT`: render a file through the effects chain offline,
 * exactly as the live engine would (same blocks, same rate), then remove the
 * engine's reported latency so OUT lines up with IN sample for sample.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { renderOffline } from '../host/node-engine';
import { RENDER_QUANTUM } from '../host/engine';
import { BUNDLED_IMPULSE, ImpulseError, decodeImpulseWav, loadImpulse, prepareImpulse, type ImpulseResponse } from '../host/impulse';
import { PARAMS, paramIndex } from '../params/table';
import { encodeWav, type DecodedAudio } from './audio-file';

/** 'reverb.type' value of the convolution reverb. */
export const CONVOLUTION = (PARAMS[paramIndex('reverb.type')] as { choices?: readonly string[] }).choices?.indexOf('convolution') ?? -1;

/** The bundled impulse response, found from here whether this runs from cli/ (tests) or dist/ (the CLI bundle). */
export function bundledImpulseUrl(): URL {
  return new URL(`../presets/impulses/${BUNDLED_IMPULSE}`, import.meta.url);
}

/** Read a WAV impulse response for `--ir` (ImpulseError with the reason if it is not usable). */
export async function readImpulseFile(path: string | URL): Promise<ImpulseResponse> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (err) {
    throw new ImpulseError(`${String(path)}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return decodeImpulseWav(bytes, path instanceof URL ? basename(path.pathname) : path);
}

/** The impulse response a run needs: the given one, or the bundled one when the reverb is set to convolution. */
export async function impulseFor(params: Record<string, number>, irPath?: string): Promise<ImpulseResponse | undefined> {
  if (irPath) return readImpulseFile(irPath);
  if (params['reverb.type'] === CONVOLUTION) return readImpulseFile(bundledImpulseUrl());
  return undefined;
}

export interface ProcessSummary {
  latencyFrames: number;
  inputPeakDb: number;
  outputPeakDb: number;
  deepestLimiterDb: number;
}

export function processAudio(
  audio: DecodedAudio,
  params: Record<string, number>,
  impulse?: ImpulseResponse,
): { output: Float32Array[]; summary: ProcessSummary } {
  const frames = audio.channels[0]?.length ?? 0;
  let deepest = 0;
  let inPeak = -120;
  // run `latency` frames past the end so the last input samples come out, then drop the first `latency`
  const probeLatency = Math.ceil(0.002 * audio.sampleRate) + RENDER_QUANTUM;
  // resampled to the file's rate (the engine runs at it) before the engine exists
  const prepared = impulse ? prepareImpulse(impulse, audio.sampleRate) : undefined;
  const { output, engine } = renderOffline(audio.channels, audio.sampleRate, {
    params,
    tailFrames: probeLatency,
    setup: prepared ? (e) => loadImpulse(e, prepared) : undefined,
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
