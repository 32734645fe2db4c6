#!/usr/bin/env node
// Self-check of the voice-activity adapters and what they are built on, without
// the corpus or the scorer:
//
//   node eval/peers/self-check.mjs
//
// - the resampler: DC gain 1, a 1 kHz tone kept (amplitude and phase, no delay at
//   the output positions), a tone above the new Nyquist frequency removed, lengths,
//   the same rate passed through;
// - holdSegments / hysteresis on hand-made frame sequences;
// - each VAD peer on silence and on a synthetic vowel-like signal (a 140 Hz
//   glottal-pulse train through three formant resonators, gliding in pitch): frame
//   count and stamps as documented, its answer valid for the contract, nothing
//   flagged in silence; for the vowel, only that Silero's probability moves and
//   WebRTC flags some of it (a synthetic vowel is not a recording, so no accuracy
//   is claimed here).
//
// Prints one line per check and closes with 'N passed, N failed'; exit 1 on a failure.

import { createResampler } from './resample.mjs';
import { holdSegments, hysteresis } from './vad-common.mjs';
import { checkResult } from '../contract.mjs';

let passed = 0;
let failed = 0;
function check(what, ok, detail = '') {
  if (ok) passed++;
  else failed++;
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ` (${detail})` : ''}\n`);
}
const rms = (x, from = 0, to = x.length) => {
  let s = 0;
  for (let i = from; i < to; i++) s += x[i] * x[i];
  return Math.sqrt(s / Math.max(1, to - from));
};
const tone = (f, rate, seconds, amp = 0.5) => Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => amp * Math.sin((2 * Math.PI * f * i) / rate));

// ---- resampler
{
  const r = createResampler(44100, 16000);
  const dc = r.process(new Float32Array(44100).fill(0.25));
  check('resampler 44.1→16 kHz: length = ceil(n·16000/44100)', dc.length === 16000, `${dc.length}`);
  check('resampler: DC gain 1 away from the edges', Math.abs(dc[8000] - 0.25) < 1e-6, `${dc[8000]}`);
  const y = r.process(tone(1000, 44100, 1));
  let err = 0;
  for (let n = 200; n < 15800; n++) err = Math.max(err, Math.abs(y[n] - 0.5 * Math.sin((2 * Math.PI * 1000 * n) / 16000)));
  check('resampler: 1 kHz tone kept in amplitude and phase', err < 1e-3, `max error ${err.toExponential(2)}`);
  const gainDb = (f) => 20 * Math.log10(rms(r.process(tone(f, 44100, 1)), 200, 15800) / (0.5 / Math.SQRT2));
  for (const f of [8200, 9000]) {
    const db = gainDb(f);
    check(`resampler: ${f / 1000} kHz (above the 8 kHz Nyquist) removed`, db < -70, `${db.toFixed(1)} dB`);
  }
  const dbPass = gainDb(6500);
  check('resampler: 6.5 kHz passed flat', Math.abs(dbPass) < 0.05, `${dbPass.toFixed(3)} dB`);
  check('resampler: hold-back = kernel half-width, 1.5 ms at 44.1 kHz', Math.abs(r.delaySeconds - 0.0015) < 1e-4, `${(r.delaySeconds * 1000).toFixed(3)} ms`);
  const r48 = createResampler(48000, 16000);
  const y48 = r48.process(tone(1000, 48000, 0.5));
  check('resampler 48→16 kHz: tone kept', Math.abs(y48[4000] - 0.5 * Math.sin((2 * Math.PI * 1000 * 4000) / 16000)) < 1e-3);
  const r22 = createResampler(22050, 16000);
  check('resampler 22.05→16 kHz: length', r22.process(new Float32Array(22050)).length === 16000);
  const same = new Float32Array([1, 2, 3]);
  check('resampler 16→16 kHz: passed through', createResampler(16000, 16000).process(same) === same);
}

// ---- segments
{
  const t = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
  const s = holdSegments(t, [0, 1, 1, 0, 1, 1], 0.65);
  check('holdSegments: runs from their first stamp to the next off stamp, open run closed at the end',
    JSON.stringify(s) === JSON.stringify([[0.2, 0.4], [0.5, 0.65]]), JSON.stringify(s));
  check('holdSegments: nothing on → no segments', holdSegments(t, [0, 0, 0, 0, 0, 0], 1).length === 0);
  const times = Array.from({ length: 10 }, (_, k) => (k + 1) * 0.032);
  const on = hysteresis(times, [0.1, 0.6, 0.4, 0.3, 0.2, 0.2, 0.2, 0.45, 0.2, 0.1], { positive: 0.5, negative: 0.35, minSilenceMs: 100 });
  // on at frame 1 (0.6); frame 2 (0.4) lies between the thresholds; the quiet run starts at frame 3
  // (stamp 0.128 s); frame 6 is only 96 ms later; frame 7 (0.45) neither ends nor resets the run;
  // frame 8 (0.288 s, 160 ms after 0.128 s) is the first quiet frame ≥ 100 ms on, so it switches off
  const expect = [false, true, true, true, true, true, true, true, false, false];
  check('hysteresis: on at ≥ 0.5, off after 100 ms below 0.35, in-between frames neither',
    JSON.stringify(on) === JSON.stringify(expect), JSON.stringify(on.map(Number)));
}

// ---- the VAD peers
/** A vowel-like test signal: glottal pulses (gliding 120→180 Hz) through resonators at 700, 1200 and 2600 Hz. */
function vowel(rate, seconds) {
  const n = Math.round(rate * seconds);
  const src = new Float32Array(n);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const f0 = 120 + 60 * (i / n) + 5 * Math.sin((2 * Math.PI * 5.5 * i) / rate); // glide and 5.5 Hz vibrato
    phase += f0 / rate;
    if (phase >= 1) {
      phase -= 1;
      src[i] = 1;
    }
  }
  let out = new Float32Array(n);
  for (const [fc, bw] of [[700, 110], [1200, 120], [2600, 160]]) {
    const r = Math.exp((-Math.PI * bw) / rate);
    const a1 = 2 * r * Math.cos((2 * Math.PI * fc) / rate);
    const a2 = -r * r;
    let y1 = 0;
    let y2 = 0;
    for (let i = 0; i < n; i++) {
      const y = src[i] + a1 * y1 + a2 * y2;
      out[i] += y;
      y2 = y1;
      y1 = y;
    }
  }
  const peak = out.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  return out.map((v) => (0.3 * v) / peak);
}

const peers = [['silero-vad', './silero.mjs'], ['webrtc-vad', './webrtc-vad.mjs']];
for (const [id, path] of peers) {
  let peer;
  try {
    peer = await import(path);
  } catch (e) {
    check(`${id}: loads`, false, String(e?.message ?? e).split('\n')[0]);
    continue;
  }
  const rate = 44100;
  const seconds = 3;
  const silence = new Float32Array(rate * seconds);
  let res;
  try {
    res = await peer.analyze(silence, rate);
  } catch (e) {
    check(`${id}: runs`, false, String(e?.message ?? e).split('\n')[0]);
    continue;
  }
  const v = res.vocal;
  const frame16 = peer.blockSize;
  const frames = Math.floor(Math.ceil((silence.length * 16000) / rate) / frame16);
  check(`${id}: one decision per full ${frame16}-sample frame at 16 kHz`, v.times.length === frames, `${v.times.length} vs ${frames}`);
  const stamp0 = frame16 / 16000 + createResampler(rate, 16000).delaySeconds;
  check(`${id}: first stamp = end of the first frame + the resampler's hold-back`, Math.abs(v.times[0] - stamp0) < 2e-6, `${v.times[0]}`);
  check(`${id}: answer valid for the contract`, checkResult(res).length === 0, checkResult(res).slice(0, 2).join('; '));
  check(`${id}: silence → no segments`, v.segments.length === 0, JSON.stringify(v.segments.slice(0, 3)));
  const vres = await peer.analyze(vowel(rate, seconds), rate);
  check(`${id}: synthetic vowel → answer valid`, checkResult(vres).length === 0);
  const maxP = Math.max(...vres.vocal.probability);
  const maxSilence = Math.max(...v.probability);
  check(`${id}: synthetic vowel → probability above its value in silence`, maxP > maxSilence, `max ${maxP.toFixed(3)} vs ${maxSilence.toFixed(3)}`);
}

process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed ? 1 : 0);
