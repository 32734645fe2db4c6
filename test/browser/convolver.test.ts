/**
 * The convolution reverb in real Chromium: GigscopeNode.loadImpulse() decodes
 * and resamples a WAV response on the main thread, prepares it in a second
 * engine instance, and transfers the bytes to the AudioWorklet, which copies
 * them in a slice per quantum and swaps them in. The rendered output must
 * equal the Node host's with the same response.
 */
import { describe, it, expect } from 'vitest';
import { useAppPage, fromBase64 } from './chromium';
import { encodeWav } from '../../cli/audio-file';
import { noise } from '../helpers/signals';
import { renderOffline } from '../../host/node-engine';
import { decodeImpulseWav, loadImpulse, prepareImpulse } from '../../host/impulse';

const app = useAppPage();

const SR = 48000;
const PARAMS = { 'reverb.on': 1, 'reverb.type': 2, 'reverb.mix': 0.8, 'reverb.predelay': 0 };

async function renderWithImpulse(input: Float32Array[], wav: Uint8Array) {
  const b64 = input.map((x) => Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('base64'));
  const irB64 = Buffer.from(wav).toString('base64');
  return app.page().evaluate(
    async ({ b64, irB64, sampleRate, params }) => {
      const bytesOf = (s: string) => {
        const bin = atob(s);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        return bytes;
      };
      const toB64 = (x: Float32Array) => {
        const bytes = new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
        let s = '';
        for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return btoa(s);
      };
      const load = new Function('u', 'return import(u)') as (u: string) => Promise<any>;
      const { GigscopeNode } = await load(new URL('gigscope-node.js', location.href).href);
      const channels = b64.map((s) => new Float32Array(bytesOf(s).buffer));
      const frames = channels[0].length;
      const buffer = new AudioBuffer({ numberOfChannels: 2, length: frames, sampleRate });
      channels.forEach((x, c) => buffer.copyToChannel(x, c));
      const ctx = new OfflineAudioContext(2, frames, sampleRate);
      const gig = await GigscopeNode.create(ctx, { channels: 2, params, baseUrl: location.href });
      // decoding, resampling and the partition FFTs happen here, on the main thread; the message is sent at once
      const t0 = performance.now();
      const loading = gig.loadImpulse(bytesOf(irB64).buffer, 'test-ir.wav');
      const prepareMs = performance.now() - t0;
      await new Promise((r) => setTimeout(r, 100)); // let the message reach the worklet scope
      const src = new AudioBufferSourceNode(ctx, { buffer });
      src.connect(gig.node);
      gig.node.connect(ctx.destination);
      src.start(0);
      const out = await ctx.startRendering();
      const info = await loading;
      return { info, prepareMs, degraded: gig.degraded as boolean, output: [0, 1].map((c) => toB64(out.getChannelData(c))) };
    },
    { b64, irB64, sampleRate: SR, params: PARAMS },
  );
}

describe('convolution reverb in the AudioWorklet', () => {
  it('loads a 44.1 kHz WAV response through GigscopeNode.loadImpulse and renders what Node renders', async () => {
    // the response: 1.5 s of decaying stereo noise at 44.1 kHz (resampled to 48 kHz on both sides)
    const irRate = 44100;
    const h = [0, 1].map((c) => {
      const x = noise(Math.round(1.5 * irRate), 40 + c, 0.5);
      for (let n = 0; n < x.length; n++) x[n] *= Math.exp(-n / (0.3 * irRate));
      return x;
    });
    const wav = encodeWav(h, irRate, 'float32');
    // 0.5 s of silence (the response is swapped in during it, whichever quantum the copy ends on), then music-like noise
    const lead = SR / 2;
    const input = [0, 1].map((c) => {
      const x = new Float32Array(lead + 2 * SR);
      x.set(noise(SR, 60 + c, 0.25), lead);
      return x;
    });
    const r = await renderWithImpulse(input, wav);
    expect(r.degraded).toBe(false);
    expect(r.info).toMatchObject({ name: 'test-ir.wav', channels: 2, sourceRate: irRate });
    const prepared = prepareImpulse(decodeImpulseWav(wav, 'test-ir.wav'), SR);
    expect(r.info.frames).toBe(prepared.frames);
    const nodeOut = renderOffline(input, SR, { params: PARAMS, setup: (e) => loadImpulse(e, prepared) }).output;
    const dry = renderOffline(input, SR, { params: { ...PARAMS, 'reverb.on': 0 } }).output;
    const browserOut = r.output.map(fromBase64);
    let maxDiff = 0;
    let wet = 0;
    for (let c = 0; c < 2; c++) {
      expect(browserOut[c].length).toBe(nodeOut[c].length);
      for (let i = 0; i < nodeOut[c].length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(browserOut[c][i] - nodeOut[c][i]));
        wet = Math.max(wet, Math.abs(nodeOut[c][i] - dry[c][i]));
      }
    }
    console.log(`convolution in the worklet: max |browser − node| = ${maxDiff}, wet peak ${wet.toFixed(3)}, main-thread preparation ${r.prepareMs.toFixed(0)} ms`);
    expect(wet).toBeGreaterThan(0.05); // the reverb is really there
    expect(maxDiff).toBeLessThanOrEqual(1e-6);
  });
});
