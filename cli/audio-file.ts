// Reading and writing audio files for the Node CLI.
//
// WAV is parsed here, by hand, because it is the format the CLI mostly deals with and we
// want exact control over it: a documented sample scaling (x / 2^(bits-1)), tolerant chunk
// walking for files written by odd tools, and error messages a user can act on.
// Everything else (FLAC, MP3, Ogg, ...) goes through the `audio-decode` package, which is
// imported lazily so WAV-only runs never pay for loading its WASM codecs.

import { readFile } from 'node:fs/promises';

export interface DecodedAudio {
  sampleRate: number;
  /** Planar, one array per channel, all the same length. */
  channels: Float32Array[];
  /** e.g. 'wav pcm16', 'wav float32', 'flac', 'mp3', 'ogg'. */
  format: string;
  /**
   * Diagnostics the compressed-audio decoders printed while decoding (corrupt frames and
   * the like). They are captured rather than let through to the console so they cannot
   * corrupt the CLI's own output; the caller decides whether to show them.
   */
  warnings?: string[];
}

/** Any failure to read or decode an audio file. The message is always one line: "<file>: <reason>". */
export class AudioFileError extends Error {
  readonly file: string;
  readonly reason: string;
  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    const oneLine = reason.replace(/\s*[\r\n]+\s*/g, ' ').trim();
    super(`${file}: ${oneLine}`, options);
    this.name = 'AudioFileError';
    this.file = file;
    this.reason = oneLine;
  }
}

const MIN_RATE = 1000;
const MAX_RATE = 768000;
const MAX_CHANNELS = 64;

const TAG_PCM = 0x0001;
const TAG_FLOAT = 0x0003;
const TAG_EXTENSIBLE = 0xfffe;

// Names for format tags people actually run into, so the error says more than a number.
const TAG_NAMES: Record<number, string> = {
  0x0002: 'Microsoft ADPCM',
  0x0006: 'A-law',
  0x0007: 'mu-law',
  0x0011: 'IMA ADPCM',
  0x0031: 'GSM 6.10',
  0x0050: 'MPEG',
  0x0055: 'MPEG layer 3',
  0x00ff: 'AAC',
  0x2000: 'AC-3',
};

// Bytes 2..15 shared by every KSDATAFORMAT_SUBTYPE_* GUID derived from a classic format
// tag; bytes 0..1 hold the tag itself (little-endian).
const GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

function hex4(n: number): string {
  return '0x' + n.toString(16).toUpperCase().padStart(4, '0');
}

function fourCC(b: Uint8Array, at: number): string {
  return String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]);
}

function looksLikeFourCC(b: Uint8Array, at: number): boolean {
  if (at + 4 > b.length) return false;
  for (let i = at; i < at + 4; i++) if (b[i] < 0x20 || b[i] > 0x7e) return false;
  return true;
}

interface WavFormat {
  tag: number; // PCM or FLOAT after resolving EXTENSIBLE
  channels: number;
  sampleRate: number;
  blockAlign: number;
  bits: number; // container size; samples are left-justified, so scaling by it is correct
}

function parseFmt(b: Uint8Array, dv: DataView, at: number, size: number, name: string): WavFormat {
  const fail = (reason: string) => new AudioFileError(name, reason);
  if (size < 16 || at + 16 > b.length) throw fail('fmt chunk is truncated');
  let tag = dv.getUint16(at, true);
  const channels = dv.getUint16(at + 2, true);
  const sampleRate = dv.getUint32(at + 4, true);
  const blockAlign = dv.getUint16(at + 12, true);
  const bits = dv.getUint16(at + 14, true);

  if (tag === TAG_EXTENSIBLE) {
    if (size < 40 || at + 40 > b.length) throw fail('WAVE_FORMAT_EXTENSIBLE fmt chunk is truncated');
    const g = at + 24;
    const sub = dv.getUint16(g, true);
    const known = GUID_TAIL.every((v, i) => b[g + 2 + i] === v);
    if (!known || (sub !== TAG_PCM && sub !== TAG_FLOAT)) {
      const guid = Array.from(b.subarray(g, g + 16), (x) => x.toString(16).padStart(2, '0')).join('');
      throw fail(`unsupported WAVE_FORMAT_EXTENSIBLE subformat ${guid} (only PCM and IEEE float are supported)`);
    }
    tag = sub;
  } else if (tag !== TAG_PCM && tag !== TAG_FLOAT) {
    const label = TAG_NAMES[tag] ? ` (${TAG_NAMES[tag]})` : '';
    throw fail(`unsupported WAV format tag ${hex4(tag)}${label}; only PCM and IEEE float are supported`);
  }

  if (channels === 0) throw fail('fmt chunk declares zero channels');
  if (channels > MAX_CHANNELS) throw fail(`unsupported channel count ${channels} (max ${MAX_CHANNELS})`);
  if (sampleRate < MIN_RATE || sampleRate > MAX_RATE) {
    throw fail(`sample rate ${sampleRate} Hz is out of range (${MIN_RATE}..${MAX_RATE})`);
  }
  const okBits = tag === TAG_PCM ? [8, 16, 24, 32] : [32, 64];
  if (!okBits.includes(bits)) {
    throw fail(`unsupported bit depth ${bits} for ${tag === TAG_PCM ? 'integer PCM' : 'IEEE float'}`);
  }
  if (blockAlign !== channels * (bits / 8)) {
    throw fail(`bad block align ${blockAlign} (expected ${channels * (bits / 8)} for ${channels} ch x ${bits}-bit)`);
  }
  return { tag, channels, sampleRate, blockAlign, bits };
}

/** Decode a RIFF/WAVE file held in memory. `name` is only used in error messages. */
export function decodeWav(bytes: Uint8Array, name: string): DecodedAudio {
  if (bytes.length === 0) throw new AudioFileError(name, 'empty file');
  if (bytes.length < 12 || fourCC(bytes, 0) !== 'RIFF' || fourCC(bytes, 8) !== 'WAVE') {
    throw new AudioFileError(name, 'not a RIFF/WAVE file');
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  // The RIFF size field is ignored on purpose: streaming writers leave it 0 or 0xFFFFFFFF,
  // so we walk chunks until the bytes run out instead.
  let fmt: WavFormat | undefined;
  let dataAt = -1;
  let dataLen = 0;
  let pos = 12;
  while (pos + 8 <= bytes.length) {
    const id = fourCC(bytes, pos);
    const size = dv.getUint32(pos + 4, true);
    const body = pos + 8;
    if (id === 'fmt ' && !fmt) fmt = parseFmt(bytes, dv, body, size, name);
    else if (id === 'data' && dataAt < 0) {
      dataAt = body;
      // A size that overruns the file means the file was cut short (or the writer never
      // patched the header): keep what is actually there.
      dataLen = Math.min(size, bytes.length - body);
    }
    // Chunks are padded to even length. Some writers forget the pad byte; if the padded
    // position doesn't hold a plausible chunk id but the unpadded one does, trust the latter.
    let next = body + size;
    if (size % 2 === 1 && !looksLikeFourCC(bytes, next + 1) && looksLikeFourCC(bytes, next)) next = body + size;
    else if (size % 2 === 1) next += 1;
    pos = next;
  }

  if (!fmt) throw new AudioFileError(name, 'no fmt chunk (not a usable WAV file)');
  if (dataAt < 0) throw new AudioFileError(name, 'no data chunk');

  const { tag, channels: nch, blockAlign, bits } = fmt;
  // A trailing partial frame (truncated file) is dropped rather than half-decoded.
  const frames = Math.floor(dataLen / blockAlign);
  const out: Float32Array[] = [];
  for (let c = 0; c < nch; c++) out.push(new Float32Array(frames));

  // Integer PCM is divided by exactly 2^(bits-1) (the AES17 / Web Audio convention, so
  // -32768 is -1.0 and full-scale positive is just below 1.0). Chromium's decodeAudioData
  // divides positive samples by 2^(bits-1)-1 instead, so its floats can differ from ours by
  // up to one LSB; the browser-vs-Node tests therefore feed both engines the same floats
  // rather than two decoders' output. Float samples are copied as
  // they are, NaN and Infinity included: sanitising is the engine's job, not the reader's.
  const bps = bits / 8;
  for (let c = 0; c < nch; c++) {
    const ch = out[c];
    let p = dataAt + c * bps;
    if (tag === TAG_FLOAT && bits === 32) {
      for (let i = 0; i < frames; i++, p += blockAlign) ch[i] = dv.getFloat32(p, true);
    } else if (tag === TAG_FLOAT) {
      for (let i = 0; i < frames; i++, p += blockAlign) ch[i] = dv.getFloat64(p, true);
    } else if (bits === 8) {
      for (let i = 0; i < frames; i++, p += blockAlign) ch[i] = (bytes[p] - 128) / 128;
    } else if (bits === 16) {
      for (let i = 0; i < frames; i++, p += blockAlign) ch[i] = dv.getInt16(p, true) / 32768;
    } else if (bits === 24) {
      for (let i = 0; i < frames; i++, p += blockAlign) {
        // Shift the 24-bit value to the top of an int32 and back to sign-extend it.
        const v = ((bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16)) << 8) >> 8;
        ch[i] = v / 8388608;
      }
    } else {
      for (let i = 0; i < frames; i++, p += blockAlign) ch[i] = dv.getInt32(p, true) / 2147483648;
    }
  }
  const format = tag === TAG_FLOAT ? `wav float${bits}` : `wav pcm${bits}`;
  return { sampleRate: fmt.sampleRate, channels: out, format };
}

/**
 * Encode planar float audio as a canonical 44-byte-header WAV. 'float32' (format tag 3,
 * no fact chunk, which every reader we care about accepts) is lossless; 'pcm16'/'pcm24'
 * round to nearest and clip to the integer range, mapping NaN to 0.
 */
export function encodeWav(
  channels: Float32Array[],
  sampleRate: number,
  format: 'float32' | 'pcm16' | 'pcm24' = 'float32',
): Uint8Array {
  const nch = channels.length;
  if (nch < 1 || nch > MAX_CHANNELS) throw new RangeError(`encodeWav: channel count ${nch} not in 1..${MAX_CHANNELS}`);
  const frames = channels[0].length;
  if (channels.some((c) => c.length !== frames)) throw new RangeError('encodeWav: channels differ in length');
  if (!Number.isInteger(sampleRate) || sampleRate < MIN_RATE || sampleRate > MAX_RATE) {
    throw new RangeError(`encodeWav: sample rate ${sampleRate} not an integer in ${MIN_RATE}..${MAX_RATE}`);
  }
  if (format !== 'float32' && format !== 'pcm16' && format !== 'pcm24') {
    throw new RangeError(`encodeWav: unknown sample format ${String(format)}`);
  }
  const bits = format === 'pcm16' ? 16 : format === 'pcm24' ? 24 : 32;
  const bps = bits / 8;
  const blockAlign = nch * bps;
  const dataLen = frames * blockAlign;
  if (44 + dataLen > 0xffffffff) throw new RangeError('encodeWav: audio too long for a 4 GB WAV file');

  const out = new Uint8Array(44 + dataLen);
  const dv = new DataView(out.buffer);
  const ascii = (at: number, s: string) => { for (let i = 0; i < 4; i++) out[at + i] = s.charCodeAt(i); };
  ascii(0, 'RIFF');
  dv.setUint32(4, 36 + dataLen, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  dv.setUint32(16, 16, true);
  dv.setUint16(20, format === 'float32' ? TAG_FLOAT : TAG_PCM, true);
  dv.setUint16(22, nch, true);
  dv.setUint32(24, sampleRate, true);
  dv.setUint32(28, sampleRate * blockAlign, true);
  dv.setUint16(32, blockAlign, true);
  dv.setUint16(34, bits, true);
  ascii(36, 'data');
  dv.setUint32(40, dataLen, true);

  // Scale by 2^(bits-1), the inverse of decodeWav, so integer samples survive a round trip.
  const scale = bits === 16 ? 32768 : 8388608;
  const max = scale - 1;
  for (let c = 0; c < nch; c++) {
    const ch = channels[c];
    let p = 44 + c * bps;
    for (let i = 0; i < frames; i++, p += blockAlign) {
      if (format === 'float32') { dv.setFloat32(p, ch[i], true); continue; }
      let v = Math.round(ch[i] * scale);
      v = v > max ? max : v < -scale ? -scale : v === v ? v : 0; // v === v is false only for NaN
      if (bits === 16) dv.setInt16(p, v, true);
      else { out[p] = v & 0xff; out[p + 1] = (v >> 8) & 0xff; out[p + 2] = (v >> 16) & 0xff; }
    }
  }
  return out;
}

/** Name the container from its first bytes; the file extension is deliberately not consulted. */
function sniff(b: Uint8Array): string | undefined {
  const tag = b.length >= 4 ? fourCC(b, 0) : '';
  if (tag === 'RIFF' && b.length >= 12 && fourCC(b, 8) === 'WAVE') return 'wav';
  if (tag === 'fLaC') return 'flac';
  if (tag === 'OggS') return 'ogg';
  if (tag.startsWith('ID3')) return 'mp3'; // usually; audio-decode looks past the tag to be sure
  if (b.length >= 2 && b[0] === 0xff && (b[1] & 0xe0) === 0xe0) {
    return (b[1] & 0x06) === 0 ? 'aac' : 'mp3'; // layer bits 00 mark an ADTS (AAC) header
  }
  if (tag === 'FORM') return 'aiff';
  if (b.length >= 8 && fourCC(b, 4) === 'ftyp') return 'm4a';
  return undefined;
}

// The compressed decoders (Emscripten builds of mpg123, libFLAC, libvorbis) print to the
// console on bad input. We reroute console output while they run so it cannot interleave
// with the CLI's stdout, and hand it back as warnings (or use it in the error). Decodes are
// serialised so two overlapping calls can't tangle the swapped console methods.
let decoderQueue: Promise<unknown> = Promise.resolve();

async function withCapturedConsole<T>(fn: () => Promise<T>): Promise<{ value?: T; error?: unknown; log: string[] }> {
  const run = async () => {
    const log: string[] = [];
    const saved = { log: console.log, warn: console.warn, error: console.error, info: console.info };
    const grab = (...args: unknown[]) => { log.push(args.map(String).join(' ').replace(/\s+/g, ' ').trim()); };
    console.log = console.warn = console.error = console.info = grab;
    try {
      return { value: await fn(), log };
    } catch (error) {
      return { error, log };
    } finally {
      Object.assign(console, saved);
    }
  };
  const result = decoderQueue.then(run, run);
  decoderQueue = result;
  return result;
}

async function decodeCompressed(bytes: Uint8Array, name: string, kind: string | undefined): Promise<DecodedAudio> {
  let decode: (buf: Uint8Array) => Promise<{ channelData: Float32Array[]; sampleRate: number }>;
  try {
    decode = (await import('audio-decode')).default;
  } catch (e) {
    throw new AudioFileError(name, `cannot load the audio-decode package: ${(e as Error)?.message ?? e}`, { cause: e });
  }
  // audio-decode sniffs `new Uint8Array(buf.buffer)`, i.e. the whole backing store, so a
  // view into a larger (pooled) buffer must be copied to start at offset 0.
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
  const { value, error, log } = await withCapturedConsole(() => decode(own));
  const what = kind ?? 'audio';
  if (error !== undefined) {
    const msg = (error as Error)?.message ?? String(error);
    if (/unknown audio format/i.test(msg)) {
      throw new AudioFileError(name, 'unrecognised audio format (expected WAV, FLAC, MP3 or Ogg)', { cause: error });
    }
    throw new AudioFileError(name, `cannot decode ${what}: ${msg}`, { cause: error });
  }
  // On garbage input the decoders tend to return nothing rather than throw.
  const chans = value?.channelData ?? [];
  if (!chans.length || !chans[0].length || !value?.sampleRate) {
    const detail = log.length ? `: ${log[0]}` : '';
    throw new AudioFileError(name, `cannot decode ${what}: decoder produced no audio${detail}`);
  }
  if (chans.length > MAX_CHANNELS) throw new AudioFileError(name, `unsupported channel count ${chans.length}`);
  // Channels should already match in length; trimming to the shortest keeps the promise if not.
  const len = Math.min(...chans.map((c) => c.length));
  const channels = chans.map((c) => (c.length === len ? c : c.slice(0, len)));
  const result: DecodedAudio = { sampleRate: value.sampleRate, channels, format: kind ?? 'unknown' };
  if (log.length) result.warnings = log;
  return result;
}

/** Read and decode an audio file; WAV by our own parser, other formats via audio-decode. */
export async function readAudioFile(path: string): Promise<DecodedAudio> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const reasons: Record<string, string> = {
      ENOENT: 'file not found',
      EISDIR: 'is a directory, not a file',
      EACCES: 'permission denied',
      EPERM: 'permission denied',
    };
    throw new AudioFileError(path, reasons[err.code ?? ''] ?? `cannot read file (${err.code ?? err.message})`, { cause: e });
  }
  if (bytes.length === 0) throw new AudioFileError(path, 'empty file');
  const kind = sniff(bytes);
  if (kind === 'wav') return decodeWav(bytes, path);
  if (bytes.length >= 4 && fourCC(bytes, 0) === 'RIFF') {
    throw new AudioFileError(path, 'not a RIFF/WAVE file (RIFF container of another type)');
  }
  return decodeCompressed(bytes, path, kind);
}
