#!/usr/bin/env node
/**
 * Synthesise gigscope's bundled impulse response, presets/impulses/gigscope-room.wav:
 * a small, bright-ish room, 1.75 s, 48 kHz, 16-bit stereo, made from nothing
 * but a seeded random generator — so its provenance is this file
 * (presets/impulses/README.md lists the recipe and the file's hash).
 *
 *   node scripts/make-impulse.mjs [OUT.wav]
 *
 * Recipe (all times in seconds):
 *   early reflections  8 taps per channel between 5 and 48 ms, amplitude falling with
 *                      distance (1/d) and alternating in sign, each smeared over 3 samples
 *   late tail          white noise per channel (independent seeds: decorrelated stereo),
 *                      split into three bands by complementary one-pole filter pairs at
 *                      400 Hz and 4 kHz, each band with its own exponential decay
 *                      (T60 2.0 s low, 1.6 s mid, 0.9 s high: air and walls absorb highs),
 *                      building up over 25 ms from 8 ms
 *   end                raised-cosine fade over the last 120 ms, peak scaled to −3 dBFS,
 *                      TPDF dither to 16 bits
 *
 * Deterministic: the same bytes every run (no Date, no Math.random).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const RATE = 48000;
const SECONDS = 1.75;
const FRAMES = Math.round(RATE * SECONDS);
const T60 = { low: 2.0, mid: 1.6, high: 0.9 };
const SPLIT_HZ = { low: 400, high: 4000 };
const TAIL_START = 0.008;
const TAIL_BUILD = 0.025;
const FADE = 0.12;
const PEAK_DB = -3;

/** mulberry32: a small seeded generator, uniform in [0, 1). */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One-pole low-pass (y += a·(x − y)), a = 1 − e^(−2π·fc/fs), applied forward. */
function lowpass(x, hz) {
  const a = 1 - Math.exp((-2 * Math.PI * hz) / RATE);
  const y = new Float64Array(x.length);
  let s = 0;
  for (let i = 0; i < x.length; i++) y[i] = s += a * (x[i] - s);
  return y;
}

function channel(seed) {
  const rnd = generator(seed);
  const noise = new Float64Array(FRAMES);
  for (let i = 0; i < FRAMES; i++) noise[i] = 2 * rnd() - 1;
  // complementary split: low + mid + high = noise exactly
  const belowLow = lowpass(lowpass(noise, SPLIT_HZ.low), SPLIT_HZ.low);
  const belowHigh = lowpass(lowpass(noise, SPLIT_HZ.high), SPLIT_HZ.high);
  const h = new Float64Array(FRAMES);
  const decay = (t60, t) => Math.exp((-3 * Math.LN10 * t) / t60); // −60 dB at t60
  for (let i = 0; i < FRAMES; i++) {
    const t = i / RATE;
    if (t < TAIL_START) continue;
    const build = 1 - Math.exp(-(t - TAIL_START) / TAIL_BUILD);
    const low = belowLow[i];
    const mid = belowHigh[i] - belowLow[i];
    const high = noise[i] - belowHigh[i];
    h[i] = 0.25 * build * (low * decay(T60.low, t) + mid * decay(T60.mid, t) + high * decay(T60.high, t));
  }
  // early reflections: 8 taps, later = farther = weaker
  for (let k = 0; k < 8; k++) {
    const t = 0.005 + 0.043 * Math.pow(rnd(), 0.8);
    const at = Math.round(t * RATE);
    const amp = ((k % 2 ? -1 : 1) * 0.6 * 0.005) / t;
    h[at - 1] += 0.25 * amp;
    h[at] += 0.5 * amp;
    h[at + 1] += 0.25 * amp;
  }
  // fade out the end so the truncation does not click
  const fadeFrames = Math.round(FADE * RATE);
  for (let i = FRAMES - fadeFrames; i < FRAMES; i++) {
    const u = (i - (FRAMES - fadeFrames)) / fadeFrames;
    h[i] *= 0.5 * (1 + Math.cos(Math.PI * u));
  }
  return h;
}

function encode16(channels) {
  const n = channels[0].length;
  const nch = channels.length;
  const out = Buffer.alloc(44 + n * nch * 2);
  out.write('RIFF', 0, 'ascii');
  out.writeUInt32LE(36 + n * nch * 2, 4);
  out.write('WAVE', 8, 'ascii');
  out.write('fmt ', 12, 'ascii');
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20); // PCM
  out.writeUInt16LE(nch, 22);
  out.writeUInt32LE(RATE, 24);
  out.writeUInt32LE(RATE * nch * 2, 28);
  out.writeUInt16LE(nch * 2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36, 'ascii');
  out.writeUInt32LE(n * nch * 2, 40);
  const dither = generator(0x5eed);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < nch; c++) {
      const tpdf = dither() - dither(); // triangular, ±1 LSB
      const v = Math.max(-32768, Math.min(32767, Math.round(channels[c][i] * 32768 + tpdf)));
      out.writeInt16LE(v, 44 + (i * nch + c) * 2);
    }
  }
  return out;
}

const left = channel(0x1001);
const right = channel(0x2002);
let peak = 0;
for (const ch of [left, right]) for (const v of ch) peak = Math.max(peak, Math.abs(v));
const scale = Math.pow(10, PEAK_DB / 20) / peak;
for (const ch of [left, right]) for (let i = 0; i < ch.length; i++) ch[i] *= scale;

const out = process.argv[2] ?? fileURLToPath(new URL('../presets/impulses/gigscope-room.wav', import.meta.url));
writeFileSync(out, encode16([left, right]));
process.stderr.write(`${out}: ${FRAMES} frames, ${RATE} Hz, 16-bit stereo\n`);
