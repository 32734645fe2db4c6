/**
 * gigscope engine ABI: the C-like surface both hosts (worklet/processor.ts and
 * the Node host) call. Numbers only, no strings, nothing allocates after init.
 *
 *   init(sampleRate, channels, maxFrames) → 0, or a negative InitError
 *   inputPtr(c) / outputPtr(c)            planar f32 blocks, maxFrames long, in linear memory
 *   process(frames)                       1 ≤ frames ≤ maxFrames, chosen by the host per call
 *   setParam(id, value) / getParam(id)    ids and units from params/table.ts
 *   snapshotPtr() / snapshotLength()      analysis state, layout from params/table.ts
 *   latencyFrames()                       the output's delay behind the input
 *
 * Memory is fixed at build time (initial = maximum, assembly/asconfig.json);
 * init() resets the stub runtime's bump allocator and allocates every buffer,
 * so an engine can be re-initialised any number of times without growing.
 */
import { Engine } from './engine';
import { PARAM_COUNT, SNAPSHOT_LENGTH, UNIT_COUNT, U_INPUT, U_BEAT, U_CHROMA, U_VOCAL, U_EFFECTS, U_MASTER, U_LIMITER, U_OUTPUT_METER } from './generated/params';
import { EVENT_STRIDE } from './core/events';

/** Rates the engine promises to handle (DESIGN.md: 8 kHz … 192 kHz). */
export const MIN_SAMPLE_RATE: f32 = 8000;
export const MAX_SAMPLE_RATE: f32 = 192000;
/** Channel count limit (Web Audio's own maximum is 32). */
export const MAX_CHANNELS: i32 = 32;
/** Largest block a host may pass per process() call. */
export const MAX_FRAMES: i32 = 8192;

export const INIT_OK: i32 = 0;
export const INIT_BAD_SAMPLE_RATE: i32 = -1;
export const INIT_BAD_CHANNELS: i32 = -2;
export const INIT_BAD_FRAMES: i32 = -3;

let engine: Engine | null = null;

export function init(sampleRate: f32, channels: i32, maxFrames: i32): i32 {
  if (!(sampleRate >= MIN_SAMPLE_RATE && sampleRate <= MAX_SAMPLE_RATE)) return INIT_BAD_SAMPLE_RATE;
  if (channels < 1 || channels > MAX_CHANNELS) return INIT_BAD_CHANNELS;
  if (maxFrames < 1 || maxFrames > MAX_FRAMES) return INIT_BAD_FRAMES;
  engine = null;
  __reset(); // stub runtime: drop everything the last init allocated
  const e = new Engine();
  e.prepare(sampleRate, channels, maxFrames);
  engine = e;
  return INIT_OK;
}

/** Clear signal state (delay lines, meters, clock); parameters are kept. */
export function reset(): void {
  if (engine) engine!.reset();
}

export function inputPtr(channel: i32): usize {
  const e = engine;
  if (!e || channel < 0 || channel >= e.channels) return 0;
  return e.inputBlock + <usize>channel * e.stride;
}

export function outputPtr(channel: i32): usize {
  const e = engine;
  if (!e || channel < 0 || channel >= e.channels) return 0;
  return e.outputBlock + <usize>channel * e.stride;
}

/** Process one block in place of the host. Out-of-range sizes are clamped, never trapped. */
export function process(frames: i32): void {
  const e = engine;
  if (!e || frames < 1) return;
  e.process(min(frames, e.maxFrames));
}

export function setParam(id: i32, value: f32): void {
  if (engine) engine!.setParam(id, value);
}

export function getParam(id: i32): f32 {
  const e = engine;
  if (!e || id < 0 || id >= PARAM_COUNT) return NaN;
  return unchecked(e.params[id]);
}

export function paramCount(): i32 {
  return PARAM_COUNT;
}

export function snapshotPtr(): usize {
  return engine ? changetype<usize>(engine!.snapshot) : 0;
}

export function snapshotLength(): i32 {
  return SNAPSHOT_LENGTH;
}

export function latencyFrames(): i32 {
  return engine ? engine!.limiter.latency : 0;
}

/** Frames processed since init, exact (the snapshot's `time` field is rounded to f32). */
export function framesProcessed(): f64 {
  return engine ? engine!.framesDone : 0;
}

/**
 * Where the allocator would place its next block. Allocating and freeing the
 * most recent block is a no-op for the stub runtime, so this probe changes
 * nothing: tests compare it before and after hours of process() calls.
 */
export function heapTop(): usize {
  const p = heap.alloc(0);
  heap.free(p);
  return p;
}

/** Events of the last process() call: `eventCount()` × [kind, time (s), value] as f64 at `eventsPtr()`. */
export function eventsPtr(): usize {
  return engine ? changetype<usize>(engine!.events.data) : 0;
}

export function eventCount(): i32 {
  return engine ? engine!.events.count : 0;
}

export function eventStride(): i32 {
  return EVENT_STRIDE;
}

export function unitCount(): i32 {
  return UNIT_COUNT;
}

/** Run one unit of the chain alone on the current blocks, for `gigscope bench`. */
export function benchUnit(unit: i32, frames: i32): void {
  const e = engine;
  if (!e || frames < 1) return;
  const n = min(frames, e.maxFrames);
  if (unit == U_INPUT) e.processInput(n);
  else if (unit == U_BEAT) {
    e.useFreshInput(n); // the analysis reads the sanitised input, which the input unit would have made
    e.processAnalysis(n);
  } else if (unit == U_CHROMA) {
    e.useFreshInput(n);
    e.mixMono(n);
    e.processPitch(n);
  } else if (unit == U_VOCAL) {
    e.useFreshInput(n);
    e.mixMono(n);
    e.processVocal(n);
  }
  else if (unit == U_EFFECTS) e.processEffects(n);
  else if (unit == U_MASTER) e.processMaster(n);
  else if (unit == U_LIMITER) e.limiter.process(e.inputBlock, e.outputBlock, e.stride, n); // fresh input, not a stale wet block
  else if (unit == U_OUTPUT_METER) e.processOutputMeters(n);
}

// ---- convolution reverb: loading impulse responses (assembly/reverb/convolver.ts) ----
//
// Node:     write the response at the engine rate to impulseStagingPtr(0/1), impulsePrepare(), impulseCommit(bytes).
// Browser:  a second instance on the main thread does the staging and impulsePrepare(); the bytes at its
//           impulseSlotPtr() are copied to the worklet engine's impulseBeginLoad() and committed there.
// The swap happens at the start of a later block (after a fade-out if a response is playing).

import { MAX_IR_FRAMES, SLOT_BYTES } from './reverb/partition-plan';

/** Longest response, frames per channel at the engine rate. */
export function impulseMaxFrames(): i32 {
  return MAX_IR_FRAMES;
}

/** Capacity of a prepared-IR slot, bytes: never copy more to impulseBeginLoad(). */
export function impulseSlotBytes(): i32 {
  return SLOT_BYTES;
}

/** Where to write channel c (0 or 1) of the response (impulseMaxFrames() floats), 0 before init. */
export function impulseStagingPtr(channel: i32): usize {
  return engine ? engine!.chain.reverb.convolver.stagingPtr(channel) : 0;
}

/** Partition and transform the staged response into the inactive slot: its byte count, or a negative IR_* error. */
export function impulsePrepare(frames: i32, channels: i32, normGain: f32): i32 {
  const e = engine;
  if (!e) return -100;
  return e.chain.reverb.convolver.prepareImpulse(frames, channels, normGain);
}

/** The inactive slot, where impulsePrepare() wrote (read the prepared bytes here). */
export function impulseSlotPtr(): usize {
  return engine ? engine!.chain.reverb.convolver.slotPtr() : 0;
}

/** Cancel a pending swap and return the inactive slot, to copy prepared bytes into. */
export function impulseBeginLoad(): usize {
  return engine ? engine!.chain.reverb.convolver.beginLoad() : 0;
}

/** Check the inactive slot (`bytes` long) and swap it in at the next block: 0, or a negative IR_* error. */
export function impulseCommit(bytes: i32): i32 {
  const e = engine;
  if (!e) return -100;
  return e.chain.reverb.convolver.commit(bytes);
}

/** Unload the response (after a fade-out). */
export function impulseClear(): void {
  if (engine) engine!.chain.reverb.convolver.clear();
}

/** Frames of the response in use (0: none). */
export function impulseFrames(): i32 {
  return engine ? engine!.chain.reverb.convolver.impulseFrames() : 0;
}

/** The partition plan in use: stage i's partition size (field 0), partition count (1) or first tap (2); 0 past the last. */
export function impulseStage(index: i32, field: i32): i32 {
  return engine ? engine!.chain.reverb.convolver.stageInfo(index, field) : 0;
}

/** Run the convolver alone: input channels 0–1 → its wet output in output channels 0–1 (tests and bench). */
export function convolverRun(frames: i32): void {
  const e = engine;
  if (!e || frames < 1) return;
  const n = min(frames, e.maxFrames);
  const stereo = e.channels > 1;
  const inR = stereo ? e.inputBlock + e.stride : e.inputBlock;
  const outR = stereo ? e.outputBlock + e.stride : e.monoRight;
  e.chain.reverb.convolver.process(e.inputBlock, inR, e.outputBlock, outR, n);
}

// ---- training: the singing detector's features (scripts/train-vocal.mjs reads them) ----

import { FEATURE_COUNT } from './vocal/vocal-features';

/** The last vocal frame's feature vector (vocalFeatureCount() f32); valid when the snapshot's vocal.frame moved. */
export function vocalFeaturesPtr(): usize {
  return engine ? changetype<usize>(engine!.vocal.features.features) : 0;
}

export function vocalFeatureCount(): i32 {
  return FEATURE_COUNT;
}

/**
 * Training only: run just the vocal unit on the input block (the rest of the
 * engine untouched) and advance the clock, so features come 5× faster than
 * through process(). The features are the same: the unit reads the same mono sum.
 */
export function vocalTrainingStep(frames: i32): void {
  const e = engine;
  if (!e || frames < 1) return;
  const n = min(frames, e.maxFrames);
  e.useFreshInput(n);
  e.mixMono(n);
  e.processVocal(n);
  e.framesDone += <f64>n;
}

/** Vocal frames since init (a new frame when it changes), and the engine time of the last one. */
export function vocalFrameCount(): i32 {
  return engine ? engine!.vocal.frameCount : 0;
}

export function vocalFrameTime(): f64 {
  return engine ? engine!.vocal.frameTime : -1;
}

/** 1 when the last vocal frame was analysed (not silence), so its features are fresh. */
export function vocalFrameVoiced(): i32 {
  return engine && engine!.vocal.features.level >= 0.001 ? 1 : 0;
}

// ---- diagnostics: the spectral code checked against a direct DFT (tests only) ----

import { RealFft } from './spectral/fft';

/**
 * Largest |error| of RealFft's magnitude spectrum of size `n` against a direct
 * DFT in f64, relative to the largest magnitude, on a fixed test signal (a
 * chirp plus a few tones). Allocates: call it outside any audio work.
 */
export function fftCheck(n: i32): f64 {
  const fft = new RealFft();
  fft.prepare(n);
  const x = new StaticArray<f32>(n);
  for (let i = 0; i < n; i++) {
    const t = <f64>i / <f64>n;
    x[i] = <f32>(Math.sin(2.0 * Math.PI * (3.0 + 40.0 * t) * <f64>i * 0.25) * 0.5 + 0.3 * Math.cos(0.37 * <f64>i) + 0.1 * Math.sin(2.9 * <f64>i + 1.0));
  }
  const out = new StaticArray<f32>(n / 2 + 1);
  fft.magnitudes(x, out);
  let worst: f64 = 0;
  let top: f64 = 0;
  for (let k = 0; k <= n / 2; k++) {
    let re: f64 = 0;
    let im: f64 = 0;
    for (let i = 0; i < n; i++) {
      const a = (-2.0 * Math.PI * <f64>k * <f64>i) / <f64>n;
      re += <f64>x[i] * Math.cos(a);
      im += <f64>x[i] * Math.sin(a);
    }
    const mag = Math.sqrt(re * re + im * im);
    top = Math.max(top, mag);
    worst = Math.max(worst, Math.abs(mag - <f64>out[k]));
  }
  return worst / top;
}

/** Microseconds are the host's to measure: run RealFft.magnitudes of size `n` `times` times. */
export function fftBench(n: i32, times: i32): f32 {
  const fft = new RealFft();
  fft.prepare(n);
  const x = new StaticArray<f32>(n);
  for (let i = 0; i < n; i++) x[i] = <f32>Math.sin(0.01 * <f64>i * <f64>i);
  const out = new StaticArray<f32>(n / 2 + 1);
  for (let r = 0; r < times; r++) fft.magnitudes(x, out);
  return out[7];
}
