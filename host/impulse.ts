/**
 * Impulse responses for the convolution reverb, on the host side: decode a WAV
 * file, check it, resample it to the engine's rate, compute its normalisation
 * gain, and hand it to the engine (assembly/reverb/convolver.ts), which
 * partitions and transforms it into an inactive slot and swaps it in at a
 * block boundary.
 *
 *   const ir = decodeImpulseWav(bytes, 'hall.wav');          // any rate, mono or stereo
 *   const prepared = prepareImpulse(ir, 48000);               // resampled, validated, gain computed
 *   loadImpulse(engine, prepared);                            // Node: prepare + commit in the same engine
 *   const blob = impulseBlob(module, prepared);               // browser main thread: a second instance
 *   // … the worklet copies blob.bytes into its engine and commits (worklet/processor.ts)
 *
 * Platform-neutral (no node: imports, no DOM): the CLI, the tests and the
 * browser's main thread all use it. Nothing here runs on the audio thread.
 */
import { instantiateEngine, type EngineExports, type EngineHost } from './engine';

/** Longest impulse response accepted, seconds. */
export const MAX_IMPULSE_SECONDS = 10;
/** The response bundled with gigscope (presets/impulses/README.md says how it was made). */
export const BUNDLED_IMPULSE = 'gigscope-room.wav';

/** A decoded impulse response at its own rate. */
export interface ImpulseResponse {
  sampleRate: number;
  /** planar, 1 or 2 channels of equal length */
  channels: Float32Array[];
  /** for messages */
  name?: string;
}

/** A response ready for the engine: at the engine's rate, trimmed, with its normalisation gain. */
export interface PreparedImpulse {
  sampleRate: number;
  channels: Float32Array[];
  frames: number;
  /** scales the response to unit energy (Σ h² averaged over its channels = 1); applied while 'reverb.normalize' is on */
  normGain: number;
  /** the file's rate and length, for display */
  sourceRate: number;
  seconds: number;
  name: string;
}

/** The bytes of a response prepared by the engine (its slot), to copy into another instance of the same module. */
export interface ImpulseBlob {
  bytes: ArrayBuffer;
  sampleRate: number;
  frames: number;
  channels: number;
}

/** Anything wrong with an impulse response, in words a user can act on. */
export class ImpulseError extends Error {
  override name = 'ImpulseError';
}

/** The engine's impulse-response exports (assembly/index.ts, after the core ABI). */
export interface ImpulseExports {
  impulseMaxFrames(): number;
  impulseSlotBytes(): number;
  impulseStagingPtr(channel: number): number;
  impulsePrepare(frames: number, channels: number, normGain: number): number;
  impulseSlotPtr(): number;
  impulseBeginLoad(): number;
  impulseCommit(bytes: number): number;
  impulseClear(): void;
  impulseFrames(): number;
  impulseStage(index: number, field: number): number;
  convolverRun(frames: number): void;
}

export type ConvolverEngine = EngineExports & ImpulseExports;

/** The engine's IR_* codes (assembly/reverb/convolver.ts). */
const ENGINE_ERRORS: Record<number, string> = {
  [-1]: 'length out of range',
  [-2]: 'only mono or stereo responses are supported',
  [-3]: 'bad normalisation gain',
  [-4]: 'the prepared data does not match this engine (other build or corrupt)',
  [-5]: 'prepared for another sample rate',
  [-100]: 'the engine is not initialised',
};

export function impulseErrorText(code: number): string {
  return ENGINE_ERRORS[code] ?? `engine error ${code}`;
}

// ------------------------------------------------------------------ WAV

const TAG_PCM = 1;
const TAG_FLOAT = 3;
const TAG_EXTENSIBLE = 0xfffe;

function chunkId(b: Uint8Array, at: number): string {
  return String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]);
}

/**
 * Decode a RIFF/WAVE impulse response: integer PCM of 8, 16, 24 or 32 bits
 * (scaled by 2^(bits−1)) or IEEE float of 32 or 64 bits, plain or
 * WAVE_FORMAT_EXTENSIBLE. Throws ImpulseError naming the problem.
 */
export function decodeImpulseWav(data: ArrayBuffer | Uint8Array, name = 'impulse response'): ImpulseResponse {
  const b = data instanceof Uint8Array ? data : new Uint8Array(data);
  const fail = (why: string) => new ImpulseError(`${name}: ${why}`);
  if (b.length === 0) throw fail('the file is empty');
  if (b.length < 12 || chunkId(b, 0) !== 'RIFF' || chunkId(b, 8) !== 'WAVE') throw fail('not a WAV file (no RIFF/WAVE header)');
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let fmt: { tag: number; channels: number; rate: number; align: number; bits: number } | null = null;
  let dataAt = -1;
  let dataLength = 0;
  for (let pos = 12; pos + 8 <= b.length; ) {
    const id = chunkId(b, pos);
    const size = dv.getUint32(pos + 4, true);
    const body = pos + 8;
    if (id === 'fmt ' && !fmt) {
      if (size < 16 || body + 16 > b.length) throw fail('the fmt chunk is truncated');
      let tag = dv.getUint16(body, true);
      if (tag === TAG_EXTENSIBLE) {
        if (size < 40 || body + 40 > b.length) throw fail('the WAVE_FORMAT_EXTENSIBLE fmt chunk is truncated');
        tag = dv.getUint16(body + 24, true); // the subformat GUID starts with the classic tag
      }
      fmt = { tag, channels: dv.getUint16(body + 2, true), rate: dv.getUint32(body + 4, true), align: dv.getUint16(body + 12, true), bits: dv.getUint16(body + 14, true) };
    } else if (id === 'data' && dataAt < 0) {
      dataAt = body;
      dataLength = Math.min(size, b.length - body); // a writer that never patched the size: keep what is there
    }
    pos = body + size + (size & 1);
  }
  if (!fmt) throw fail('not a usable WAV file (no fmt chunk)');
  if (dataAt < 0) throw fail('no data chunk');
  const { tag, channels, rate, align, bits } = fmt;
  if (tag !== TAG_PCM && tag !== TAG_FLOAT) throw fail(`unsupported WAV encoding (format tag ${tag}); use integer PCM or float`);
  if ((tag === TAG_PCM && ![8, 16, 24, 32].includes(bits)) || (tag === TAG_FLOAT && bits !== 32 && bits !== 64)) {
    throw fail(`unsupported sample format: ${bits}-bit ${tag === TAG_PCM ? 'integer' : 'float'}`);
  }
  if (channels === 0) throw fail('the file declares no channels');
  if (align !== channels * (bits / 8)) throw fail(`inconsistent fmt chunk (block align ${align} for ${channels} × ${bits} bits)`);
  if (!(rate >= 1000 && rate <= 768000)) throw fail(`sample rate ${rate} Hz is out of range (1000–768000 Hz)`);
  const frames = Math.floor(dataLength / align);
  const out: Float32Array[] = [];
  const bytesPer = bits / 8;
  for (let c = 0; c < channels; c++) {
    const ch = new Float32Array(frames);
    let p = dataAt + c * bytesPer;
    for (let i = 0; i < frames; i++, p += align) {
      let v: number;
      if (tag === TAG_FLOAT) v = bits === 32 ? dv.getFloat32(p, true) : dv.getFloat64(p, true);
      else if (bits === 8) v = (b[p] - 128) / 128;
      else if (bits === 16) v = dv.getInt16(p, true) / 32768;
      else if (bits === 24) v = (((b[p] | (b[p + 1] << 8) | (b[p + 2] << 16)) << 8) >> 8) / 8388608;
      else v = dv.getInt32(p, true) / 2147483648;
      ch[i] = v;
    }
    out.push(ch);
  }
  return { sampleRate: rate, channels: out, name };
}

// ------------------------------------------------------------------ resampling

/** Zero crossings of the interpolation kernel on each side (its half length, in units of the cutoff period). */
const KERNEL_ZEROS = 32;
/** Kernel table points per zero crossing; values between are interpolated linearly. */
const KERNEL_OVERSAMPLE = 512;
/** Kaiser window β: ≈ −90 dB side lobes (Kaiser's formula β = 0.1102·(A − 8.7) for A = 90 dB). */
const KAISER_BETA = 0.1102 * (90 - 8.7);
/** Passband edge as a fraction of the lower Nyquist frequency; the transition band above it is cut. */
const ROLLOFF = 0.92;

/** Modified Bessel function of the first kind, order 0 (power series; converges fast for β ≤ 20). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 64; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

let kernelTable: Float64Array | null = null;

/** sinc(u)·kaiser(u / KERNEL_ZEROS) for u = i / KERNEL_OVERSAMPLE, 0 ≤ u ≤ KERNEL_ZEROS (+ a guard point). */
function kernel(): Float64Array {
  if (kernelTable) return kernelTable;
  const n = KERNEL_ZEROS * KERNEL_OVERSAMPLE;
  const t = new Float64Array(n + 2);
  const norm = besselI0(KAISER_BETA);
  for (let i = 0; i <= n; i++) {
    const u = i / KERNEL_OVERSAMPLE;
    const r = u / KERNEL_ZEROS;
    const sinc = u === 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
    t[i] = (sinc * besselI0(KAISER_BETA * Math.sqrt(Math.max(0, 1 - r * r)))) / norm;
  }
  t[n + 1] = 0;
  kernelTable = t;
  return t;
}

/**
 * Resample one channel from `fromRate` to `toRate` by band-limited
 * interpolation with a Kaiser-windowed sinc (J. O. Smith, "Digital Audio
 * Resampling Home Page", CCRMA; window after J. F. Kaiser, 1974): output
 * sample n sits at input time t = n·fromRate/toRate and is
 *
 *   y[n] = Σ_k x[k] · fc · w(fc·(t − k)),   w(u) = sinc(u)·kaiser(u / 32), |u| < 32,
 *
 * with fc = ROLLOFF · min(1, toRate/fromRate) in cycles per input sample × 2,
 * so downsampling low-passes below the new Nyquist frequency. The kernel is a
 * table of 512 points per zero crossing, interpolated linearly (error well
 * below the window's −90 dB). Output length ⌈len · toRate / fromRate⌉.
 */
export function resample(x: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (fromRate === toRate) return x.slice();
  const table = kernel();
  const ratio = toRate / fromRate;
  const fc = ROLLOFF * Math.min(1, ratio);
  const reach = KERNEL_ZEROS / fc; // input samples on each side
  const length = Math.ceil((x.length * toRate) / fromRate);
  const y = new Float32Array(length);
  const step = fromRate / toRate;
  const scale = fc * KERNEL_OVERSAMPLE;
  const last = KERNEL_ZEROS * KERNEL_OVERSAMPLE;
  for (let n = 0; n < length; n++) {
    const t = n * step;
    const k0 = Math.max(0, Math.ceil(t - reach));
    const k1 = Math.min(x.length - 1, Math.floor(t + reach));
    let acc = 0;
    for (let k = k0; k <= k1; k++) {
      const pos = Math.abs(t - k) * scale;
      const i = Math.floor(pos);
      if (i >= last) continue;
      const f = pos - i;
      acc += x[k] * (table[i] + f * (table[i + 1] - table[i]));
    }
    y[n] = acc * fc;
  }
  return y;
}

// ------------------------------------------------------------------ preparation

/** Samples this small (−600 dBFS) are flushed to 0, as the engine's input sanitiser does: denormals are slow in wasm. */
const DENORMAL_FLOOR = 1e-30;

/**
 * Validate a decoded response and make it ready for an engine at `engineRate`
 * holding at most `maxFrames` frames per channel: mono or stereo only (more
 * channels are refused — a 4-channel "true stereo" response cannot be folded
 * to the engine's left→left, right→right routing without changing it), 10 s
 * at most, no NaN/Inf, not silent; resampled; trailing silence trimmed;
 * denormals flushed; the unit-energy gain computed.
 */
export function prepareImpulse(ir: ImpulseResponse, engineRate: number, maxFrames = 480000): PreparedImpulse {
  const name = ir.name ?? 'impulse response';
  const fail = (why: string) => new ImpulseError(`${name}: ${why}`);
  const count = ir.channels.length;
  if (count === 0) throw fail('it has no channels');
  if (count > 2) throw fail(`it has ${count} channels; gigscope takes mono or stereo impulse responses (mix it down to stereo first)`);
  const length = ir.channels[0].length;
  if (ir.channels.some((c) => c.length !== length)) throw fail('its channels differ in length');
  if (length === 0) throw fail('it is empty (no samples)');
  if (!(ir.sampleRate > 0 && Number.isFinite(ir.sampleRate))) throw fail(`bad sample rate ${ir.sampleRate}`);
  const seconds = length / ir.sampleRate;
  if (seconds > MAX_IMPULSE_SECONDS) throw fail(`it is ${seconds.toFixed(1)} s long; the limit is ${MAX_IMPULSE_SECONDS} s`);
  for (const c of ir.channels) {
    for (let i = 0; i < c.length; i++) if (!Number.isFinite(c[i])) throw fail(`it contains a non-finite sample (at frame ${i})`);
  }
  const channels = ir.channels.map((c) => resample(c, ir.sampleRate, engineRate));
  // flush denormals, then trim the silence at the end (it would only cost work)
  let frames = 0;
  for (const c of channels) {
    for (let i = 0; i < c.length; i++) {
      if (Math.abs(c[i]) < DENORMAL_FLOOR) c[i] = 0;
      else if (i + 1 > frames) frames = i + 1;
    }
  }
  if (frames === 0) throw fail('it is silent (every sample is 0)');
  if (frames > maxFrames) {
    throw fail(`it is ${(frames / engineRate).toFixed(2)} s long at ${engineRate} Hz; the engine holds ${(maxFrames / engineRate).toFixed(2)} s at this rate`);
  }
  const trimmed = channels.map((c) => c.subarray(0, frames));
  let energy = 0;
  for (const c of trimmed) for (let i = 0; i < frames; i++) energy += c[i] * c[i];
  energy /= trimmed.length;
  return {
    sampleRate: engineRate,
    channels: trimmed,
    frames,
    normGain: 1 / Math.sqrt(energy),
    sourceRate: ir.sampleRate,
    seconds,
    name,
  };
}

/** Write the response into an engine's staging area and run its preparation; returns the slot's byte count. */
function stageAndPrepare(wasm: ConvolverEngine, ir: PreparedImpulse): number {
  const max = wasm.impulseMaxFrames();
  if (ir.frames > max) throw new ImpulseError(`${ir.name}: ${ir.frames} frames; the engine holds ${max}`);
  for (let c = 0; c < ir.channels.length; c++) {
    new Float32Array(wasm.memory.buffer, wasm.impulseStagingPtr(c), ir.frames).set(ir.channels[c].subarray(0, ir.frames));
  }
  const bytes = wasm.impulsePrepare(ir.frames, ir.channels.length, ir.normGain);
  if (bytes < 0) throw new ImpulseError(`${ir.name}: ${impulseErrorText(bytes)}`);
  return bytes;
}

/**
 * Node (or any host owning the engine on its own thread): prepare the response
 * in the engine itself and commit it; it is swapped in at the next block.
 */
export function loadImpulse(engine: EngineHost, ir: PreparedImpulse): void {
  const wasm = engine.wasm as ConvolverEngine;
  if (ir.sampleRate !== engine.sampleRate) throw new ImpulseError(`${ir.name}: prepared for ${ir.sampleRate} Hz, the engine runs at ${engine.sampleRate} Hz`);
  const bytes = stageAndPrepare(wasm, ir);
  const code = wasm.impulseCommit(bytes);
  if (code !== 0) throw new ImpulseError(`${ir.name}: ${impulseErrorText(code)}`);
}

/**
 * Browser main thread: prepare the response in a second, throw-away instance
 * of the same compiled module (the heavy FFT work stays off the audio thread)
 * and return the prepared slot bytes, to transfer to the worklet, whose
 * processor only copies them into its engine and commits.
 */
export function impulseBlob(module: WebAssembly.Module, ir: PreparedImpulse): ImpulseBlob {
  const wasm = instantiateEngine(module) as ConvolverEngine;
  const code = wasm.init(ir.sampleRate, 2, 128);
  if (code !== 0) throw new ImpulseError(`${ir.name}: cannot prepare at ${ir.sampleRate} Hz (engine init ${code})`);
  const bytes = stageAndPrepare(wasm, ir);
  const copy = new Uint8Array(wasm.memory.buffer, wasm.impulseSlotPtr(), bytes).slice();
  return { bytes: copy.buffer, sampleRate: ir.sampleRate, frames: ir.frames, channels: ir.channels.length };
}

/**
 * Copy prepared bytes into an engine's inactive slot and commit (the whole
 * copy at once; the worklet processor copies in slices instead). Returns the
 * engine's code: 0, or a negative IR_* error (see impulseErrorText).
 */
export function commitImpulseBlob(wasm: ConvolverEngine, bytes: ArrayBuffer | Uint8Array): number {
  const src = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (src.length > wasm.impulseSlotBytes()) return -4;
  const at = wasm.impulseBeginLoad();
  new Uint8Array(wasm.memory.buffer, at, src.length).set(src);
  return wasm.impulseCommit(src.length);
}
