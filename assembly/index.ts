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
import { PARAM_COUNT, SNAPSHOT_LENGTH, UNIT_COUNT, U_INPUT, U_BEAT, U_EFFECTS, U_MASTER, U_LIMITER, U_OUTPUT_METER } from './generated/params';
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
  else if (unit == U_BEAT) e.processAnalysis(n);
  else if (unit == U_EFFECTS) e.processEffects(n);
  else if (unit == U_MASTER) e.processMaster(n);
  else if (unit == U_LIMITER) e.limiter.process(e.inputBlock, e.outputBlock, e.stride, n); // fresh input, not a stale wet block
  else if (unit == U_OUTPUT_METER) e.processOutputMeters(n);
}
