/**
 * The browser runs the same engine as Node, sample for sample: the demo clip
 * rendered through the real GigscopeNode (AudioWorkletNode + engine.wasm) in an
 * OfflineAudioContext in real Chromium equals the Node host's output.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { useAppPage, fromBase64 } from './chromium';
import { decodeWav } from '../../cli/audio-file';
import { noise } from '../helpers/signals';
import { renderOffline } from '../../host/node-engine';

const app = useAppPage();

/**
 * Render the given planar audio through GigscopeNode in an OfflineAudioContext.
 * The samples go in as base64 Float32 and become an AudioBuffer with
 * copyToChannel, so the browser's engine gets exactly the floats Node's does
 * (no second decoder in the comparison).
 */
async function renderInBrowser(input: Float32Array[], sampleRate: number, params: Record<string, number>) {
  const b64 = input.map((x) => Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('base64'));
  return app.page().evaluate(
    async ({ b64, sampleRate, params }) => {
      const fromB64 = (s: string) => {
        const bin = atob(s);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        return new Float32Array(bytes.buffer);
      };
      const toB64 = (x: Float32Array) => {
        const bytes = new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
        let s = '';
        for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return btoa(s);
      };
      // a literal import() here would be rewritten by vitest's transform; build it in the page instead
      const load = new Function('u', 'return import(u)') as (u: string) => Promise<any>;
      const { GigscopeNode } = await load(new URL('gigscope-node.js', location.href).href);
      const channels = b64.map(fromB64);
      const frames = channels[0].length;
      const buffer = new AudioBuffer({ numberOfChannels: channels.length, length: frames, sampleRate });
      channels.forEach((x, c) => buffer.copyToChannel(x, c));
      const ctx = new OfflineAudioContext(channels.length, frames, sampleRate);
      const gig = await GigscopeNode.create(ctx, { channels: channels.length, params, baseUrl: location.href });
      const src = new AudioBufferSourceNode(ctx, { buffer });
      src.connect(gig.node);
      gig.node.connect(ctx.destination);
      src.start(0);
      const out = await ctx.startRendering();
      return {
        latencyFrames: gig.latencyFrames as number,
        degraded: gig.degraded as boolean,
        output: channels.map((_, c) => toB64(out.getChannelData(c))),
      };
    },
    { b64, sampleRate, params },
  );
}

describe('AudioWorklet in Chromium vs the Node host', () => {
  it.each([
    ['defaults', {}],
    ['+9 dB into the limiter', { 'master.gain': 9 }],
    ['bypassed, −6 dB', { 'master.bypass': 1, 'master.gain': -6 }],
  ])('renders the demo clip identically (%s)', async (_name, params) => {
    const file = decodeWav(new Uint8Array(readFileSync('dist/demo.wav')), 'demo.wav');
    const input = file.channels.map((ch) => ch.slice(0, 12 * file.sampleRate));
    const r = await renderInBrowser(input, file.sampleRate, params);
    expect(r.degraded).toBe(false);
    const nodeOut = renderOffline(input, file.sampleRate, { params }).output;
    const browserOut = r.output.map(fromBase64);
    expect(r.latencyFrames).toBe(Math.round(0.0015 * file.sampleRate));
    let maxDiff = 0;
    let energy = 0;
    for (let c = 0; c < 2; c++) {
      expect(browserOut[c].length).toBe(nodeOut[c].length);
      for (let i = 0; i < nodeOut[c].length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(browserOut[c][i] - nodeOut[c][i]));
        energy += nodeOut[c][i] ** 2;
      }
    }
    // the comparison is about real sound, not two silent buffers
    expect(energy).toBeGreaterThan(1000);
    console.log(`worklet parity (${_name}): max |browser − node| = ${maxDiff}`);
    expect(maxDiff).toBeLessThanOrEqual(1e-6);
  });

  it.each([
    [1, 96000],
    [6, 22050],
  ])('matches with %i channel(s) at %i Hz, limiter working', async (channels, sampleRate) => {
    const input = Array.from({ length: channels }, (_, c) => noise(sampleRate * 2, 100 + c, c === 0 ? 1.5 : 0.4));
    const params = { 'master.gain': 6 };
    const r = await renderInBrowser(input, sampleRate, params);
    const browserOut = r.output.map(fromBase64);
    const nodeOut = renderOffline(input, sampleRate, { params }).output;
    let maxDiff = 0;
    for (let c = 0; c < channels; c++) {
      for (let i = 0; i < nodeOut[c].length; i++) maxDiff = Math.max(maxDiff, Math.abs(browserOut[c][i] - nodeOut[c][i]));
    }
    console.log(`worklet parity (${channels} ch, ${sampleRate} Hz): max |browser − node| = ${maxDiff}`);
    expect(maxDiff).toBeLessThanOrEqual(1e-6);
  });
});

describe('hostile audio through the real worklet', () => {
  it('keeps the output finite and under the ceiling, and recovers as the Node host does', async () => {
    const sr = 48000;
    const file = decodeWav(new Uint8Array(readFileSync('dist/demo.wav')), 'demo.wav');
    // the demo clip resampled by picking (good enough for a stress signal), then hostile sections over it
    const music = (c: number) => Float32Array.from({ length: 8 * sr }, (_, i) => file.channels[c][Math.floor((i * file.sampleRate) / sr)] ?? 0);
    const input = [music(0), music(1)];
    const section = (from: number, to: number, f: (i: number, c: number) => number) => {
      for (let c = 0; c < 2; c++) for (let i = Math.round(from * sr); i < Math.round(to * sr); i++) input[c][i] = f(i, c);
    };
    section(1.0, 1.5, (i) => (i % 3 === 0 ? NaN : i % 3 === 1 ? Infinity : -Infinity)); // NaN and ±Inf
    section(2.0, 2.5, () => 1e-40); // denormals
    section(3.0, 3.5, () => 1); // full-scale DC
    section(4.0, 4.5, (i) => (Math.floor(i / 8) % 2 ? 1 : -1)); // full-scale 3 kHz square
    section(5.0, 5.5, (i, c) => input[c][i] * 1000); // +60 dB jump
    const params = { 'reverb.on': 1, 'reverb.mix': 0.5, 'delay.on': 1, 'delay.feedback': 1.1, 'delay.mix': 0.4, 'comp.on': 1 };
    const r = await renderInBrowser(input, sr, params);
    const out = r.output.map(fromBase64);
    const ceiling = 10 ** (-1 / 20);
    let peak = 0;
    for (const ch of out) for (const v of ch) {
      expect(Number.isFinite(v)).toBe(true);
      peak = Math.max(peak, Math.abs(v));
    }
    expect(peak).toBeLessThanOrEqual(ceiling + 1e-6);
    // the worklet does exactly what the Node host does with the same floats (whose recovery
    // after each section test/unit/hostile-audio.test.ts measures)
    const nodeOut = renderOffline(input, sr, { params }).output;
    let maxDiff = 0;
    for (let c = 0; c < 2; c++) for (let i = 0; i < nodeOut[c].length; i++) maxDiff = Math.max(maxDiff, Math.abs(out[c][i] - nodeOut[c][i]));
    console.log(`hostile audio in the worklet: peak ${peak.toFixed(4)}, max |browser − node| = ${maxDiff}`);
    expect(maxDiff).toBeLessThanOrEqual(1e-6);
  });
});
