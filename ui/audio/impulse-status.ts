/**
 * What the reverb's impulse-response line says: which response the
 * convolution reverb uses (the bundled one or a file the performer loaded),
 * whether one is loading, or why the last file was refused — always one line,
 * always naming the response that is actually in use.
 */
import { BUNDLED_IMPULSE, MAX_IMPULSE_SECONDS } from '../../host/impulse';

export type ImpulseStatusKind = 'bundled' | 'loading' | 'loaded' | 'error';

export interface ImpulseStatus {
  kind: ImpulseStatusKind;
  /** the one line shown */
  text: string;
  /** the response in use (or that will be, at Start): a file name, or BUNDLED_IMPULSE ('' for none) */
  name: string;
  /** true when that response is the performer's file rather than the bundled one */
  custom: boolean;
}

/** What the line says of a response: its length and channels, when known. */
export interface ImpulseFacts {
  name: string;
  seconds?: number;
  channels?: number;
}

/**
 * Largest file the loader reads: MAX_IMPULSE_SECONDS of stereo 64-bit float at
 * 192 kHz, plus room for the header and other chunks. Anything bigger cannot
 * be a usable response, and is refused before it is read into memory.
 */
export const MAX_IMPULSE_FILE_BYTES = MAX_IMPULSE_SECONDS * 192_000 * 2 * 8 + 1_000_000;

function facts(f: ImpulseFacts): string {
  const parts: string[] = [];
  if (f.seconds !== undefined && Number.isFinite(f.seconds)) parts.push(`${f.seconds.toFixed(1)} s`);
  if (f.channels) parts.push(f.channels === 1 ? 'mono' : 'stereo');
  return parts.length ? ` · ${parts.join(' ')}` : '';
}

export function bundledStatus(f: Partial<ImpulseFacts> = {}): ImpulseStatus {
  return { kind: 'bundled', name: BUNDLED_IMPULSE, custom: false, text: `Bundled · ${BUNDLED_IMPULSE}${facts({ name: BUNDLED_IMPULSE, ...f })}` };
}

export function loadingStatus(name: string, inUse: string, custom: boolean): ImpulseStatus {
  return { kind: 'loading', name: inUse, custom, text: `Loading ${name}…` };
}

export function loadedStatus(f: ImpulseFacts): ImpulseStatus {
  return { kind: 'loaded', name: f.name, custom: true, text: `${f.name}${facts(f)}` };
}

/**
 * A refused file: the reason (ImpulseError messages already start with the
 * file's name) and what stays in use.
 */
export function errorStatus(reason: string, inUse: string | null, custom: boolean): ImpulseStatus {
  const line = reason.replace(/\s+/g, ' ').trim();
  return { kind: 'error', name: inUse ?? '', custom, text: inUse ? `${line} — still using ${inUse}` : `${line} — no response loaded` };
}
