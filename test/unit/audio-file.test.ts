import { describe, it, expect, vi, beforeAll, afterAll } from 'vitest';
import { mkdtemp, writeFile, readFile, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AudioFileError, decodeWav, encodeWav, readAudioFile } from '../../cli/audio-file';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (f: string) => join(here, '..', 'fixtures', f);

// ---- helpers for hand-built WAV files ----

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/** A chunk with its header; `declared` overrides the size field, `pad` adds the even-length pad byte. */
function chunk(id: string, body: Uint8Array, opts: { declared?: number; pad?: boolean } = {}): Uint8Array {
  const head = new Uint8Array(8);
  head.set(ascii(id));
  new DataView(head.buffer).setUint32(4, opts.declared ?? body.length, true);
  const pad = (opts.pad ?? true) && body.length % 2 === 1 ? new Uint8Array(1) : new Uint8Array(0);
  return concat(head, body, pad);
}

function riff(...chunks: Uint8Array[]): Uint8Array {
  const body = concat(ascii('WAVE'), ...chunks);
  const head = new Uint8Array(8);
  head.set(ascii('RIFF'));
  new DataView(head.buffer).setUint32(4, body.length, true);
  return concat(head, body);
}

function fmt(tag: number, channels: number, rate: number, bits: number, blockAlign = channels * (bits / 8)): Uint8Array {
  const b = new Uint8Array(16);
  const dv = new DataView(b.buffer);
  dv.setUint16(0, tag, true);
  dv.setUint16(2, channels, true);
  dv.setUint32(4, rate, true);
  dv.setUint32(8, rate * blockAlign, true);
  dv.setUint16(12, blockAlign, true);
  dv.setUint16(14, bits, true);
  return chunk('fmt ', b);
}

const GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

function fmtExtensible(subTag: number, channels: number, rate: number, bits: number, validBits: number, tail = GUID_TAIL): Uint8Array {
  const b = new Uint8Array(40);
  const dv = new DataView(b.buffer);
  const blockAlign = channels * (bits / 8);
  dv.setUint16(0, 0xfffe, true);
  dv.setUint16(2, channels, true);
  dv.setUint32(4, rate, true);
  dv.setUint32(8, rate * blockAlign, true);
  dv.setUint16(12, blockAlign, true);
  dv.setUint16(14, bits, true);
  dv.setUint16(16, 22, true); // cbSize
  dv.setUint16(18, validBits, true);
  dv.setUint32(20, channels === 2 ? 3 : 4, true); // channel mask, irrelevant to decoding
  dv.setUint16(24, subTag, true);
  b.set(tail, 26);
  return chunk('fmt ', b);
}

function bytesOf(write: (dv: DataView) => void, length: number): Uint8Array {
  const b = new Uint8Array(length);
  write(new DataView(b.buffer));
  return b;
}

function int16Data(values: number[]): Uint8Array {
  return bytesOf((dv) => values.forEach((v, i) => dv.setInt16(i * 2, v, true)), values.length * 2);
}

/** Estimate a tone's frequency from rising zero crossings, interpolated between samples. */
function zeroCrossingFrequency(x: Float32Array, sampleRate: number): number {
  const crossings: number[] = [];
  for (let i = 1; i < x.length; i++) {
    if (x[i - 1] < 0 && x[i] >= 0) crossings.push(i - 1 + -x[i - 1] / (x[i] - x[i - 1]));
  }
  const periods = crossings.length - 1;
  return (periods * sampleRate) / (crossings[crossings.length - 1] - crossings[0]);
}

function expectAudioFileError(fn: () => unknown, file: string, reason: RegExp): void {
  let caught: unknown;
  try { fn(); } catch (e) { caught = e; }
  checkError(caught, file, reason);
}

async function expectAudioFileErrorAsync(p: Promise<unknown>, file: string, reason: RegExp): Promise<void> {
  let caught: unknown;
  try { await p; } catch (e) { caught = e; }
  checkError(caught, file, reason);
}

function checkError(caught: unknown, file: string, reason: RegExp): void {
  expect(caught).toBeInstanceOf(AudioFileError);
  const msg = (caught as Error).message;
  expect(msg.startsWith(file + ': ')).toBe(true);
  expect(msg).toMatch(reason);
  expect(msg).not.toMatch(/\n/);
}

// Deterministic pseudo-random samples in [-1, 1).
function noise(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

// ---- tests ----

describe('encodeWav / decodeWav round trips', () => {
  const layouts = [
    { nch: 1, rate: 8000 },
    { nch: 2, rate: 44100 },
    { nch: 6, rate: 192000 },
  ];

  for (const { nch, rate } of layouts) {
    it(`float32, ${nch} ch @ ${rate} Hz is lossless, including NaN/Inf`, () => {
      const chans = Array.from({ length: nch }, (_, c) => noise(257, c + 1));
      chans[0][3] = NaN; chans[0][4] = Infinity; chans[0][5] = -Infinity; chans[0][6] = 1.5;
      const bytes = encodeWav(chans, rate, 'float32');
      expect(bytes.length).toBe(44 + 257 * nch * 4);
      const d = decodeWav(bytes, 'rt.wav');
      expect(d.format).toBe('wav float32');
      expect(d.sampleRate).toBe(rate);
      expect(d.channels).toHaveLength(nch);
      for (let c = 0; c < nch; c++) expect(Array.from(d.channels[c])).toEqual(Array.from(chans[c]));
    });

    for (const [format, bits] of [['pcm16', 16], ['pcm24', 24]] as const) {
      it(`${format}, ${nch} ch @ ${rate} Hz: exact on the integer grid, half-LSB error otherwise`, () => {
        const scale = 2 ** (bits - 1);
        const onGrid = Array.from({ length: nch }, (_, c) => noise(300, 10 + c).map((v) => Math.round(v * scale) / scale));
        const d1 = decodeWav(encodeWav(onGrid, rate, format), 'grid.wav');
        expect(d1.format).toBe(`wav ${format}`);
        expect(d1.sampleRate).toBe(rate);
        for (let c = 0; c < nch; c++) expect(Array.from(d1.channels[c])).toEqual(Array.from(onGrid[c]));

        const off = Array.from({ length: nch }, (_, c) => noise(300, 50 + c).map((v) => v * 0.999));
        const d2 = decodeWav(encodeWav(off, rate, format), 'off.wav');
        for (let c = 0; c < nch; c++) {
          for (let i = 0; i < 300; i++) expect(Math.abs(d2.channels[c][i] - off[c][i])).toBeLessThanOrEqual(0.5 / scale + 1e-9);
        }
      });
    }
  }

  it('pcm16/pcm24 clip out-of-range values and map NaN to 0', () => {
    const x = Float32Array.from([1.5, 1, -1, -2, NaN, Infinity, -Infinity]);
    const d16 = decodeWav(encodeWav([x], 48000, 'pcm16'), 'c.wav').channels[0];
    expect(Array.from(d16)).toEqual([32767 / 32768, 32767 / 32768, -1, -1, 0, 32767 / 32768, -1]);
    const d24 = decodeWav(encodeWav([x], 48000, 'pcm24'), 'c.wav').channels[0];
    const top = Math.fround(8388607 / 8388608);
    expect(Array.from(d24)).toEqual([top, top, -1, -1, 0, top, -1]);
  });

  it('writes a canonical 44-byte header', () => {
    const b = encodeWav([new Float32Array(3), new Float32Array(3)], 22050, 'pcm16');
    const dv = new DataView(b.buffer);
    expect(String.fromCharCode(...b.subarray(0, 4))).toBe('RIFF');
    expect(dv.getUint32(4, true)).toBe(b.length - 8);
    expect(String.fromCharCode(...b.subarray(8, 16))).toBe('WAVEfmt ');
    expect(dv.getUint32(16, true)).toBe(16);
    expect(dv.getUint16(20, true)).toBe(1);
    expect(dv.getUint32(28, true)).toBe(22050 * 4);
    expect(String.fromCharCode(...b.subarray(36, 40))).toBe('data');
    expect(dv.getUint32(40, true)).toBe(12);
    expect(new DataView(encodeWav([new Float32Array(1)], 8000).buffer).getUint16(20, true)).toBe(3); // float by default
  });

  it('rejects bad encoder input', () => {
    expect(() => encodeWav([], 48000)).toThrow(RangeError);
    expect(() => encodeWav([new Float32Array(2), new Float32Array(3)], 48000)).toThrow(/differ in length/);
    expect(() => encodeWav([new Float32Array(2)], 999)).toThrow(/sample rate/);
    expect(() => encodeWav([new Float32Array(2)], 48000, 'pcm8' as 'pcm16')).toThrow(/unknown sample format/);
  });
});

describe('decodeWav on hand-built files', () => {
  it('8-bit unsigned PCM', () => {
    const d = decodeWav(riff(fmt(1, 1, 8000, 8), chunk('data', Uint8Array.from([0, 64, 128, 255]))), 'u8.wav');
    expect(d.format).toBe('wav pcm8');
    expect(Array.from(d.channels[0])).toEqual([-1, -0.5, 0, 127 / 128]);
  });

  it('16-bit PCM scales by exactly 1/32768, interleaved stereo', () => {
    const d = decodeWav(riff(fmt(1, 2, 44100, 16), chunk('data', int16Data([-32768, 32767, 16384, -1]))), 's16.wav');
    expect(Array.from(d.channels[0])).toEqual([-1, 0.5]);
    expect(Array.from(d.channels[1])).toEqual([Math.fround(32767 / 32768), -1 / 32768]);
  });

  it('24-bit PCM with sign extension', () => {
    const data = Uint8Array.from([0x00, 0x00, 0x80, 0xff, 0xff, 0x7f, 0xff, 0xff, 0xff, 0x00, 0x00, 0x40]);
    const d = decodeWav(riff(fmt(1, 1, 96000, 24), chunk('data', data)), 's24.wav');
    expect(d.format).toBe('wav pcm24');
    expect(Array.from(d.channels[0])).toEqual([-1, Math.fround(8388607 / 8388608), -1 / 8388608, 0.5]);
  });

  it('32-bit integer PCM', () => {
    const data = bytesOf((dv) => { dv.setInt32(0, -2147483648, true); dv.setInt32(4, 2147483647, true); dv.setInt32(8, 1 << 30, true); }, 12);
    const d = decodeWav(riff(fmt(1, 1, 48000, 32), chunk('data', data)), 's32.wav');
    expect(d.format).toBe('wav pcm32');
    expect(Array.from(d.channels[0])).toEqual([-1, 1, 0.5]); // 2^31-1 rounds to 1 in float32
  });

  it('64-bit float, keeping NaN and Infinity as they are', () => {
    const vals = [0.1, -0.25, NaN, Infinity, 3];
    const data = bytesOf((dv) => vals.forEach((v, i) => dv.setFloat64(i * 8, v, true)), 40);
    const d = decodeWav(riff(fmt(3, 1, 48000, 64), chunk('data', data)), 'f64.wav');
    expect(d.format).toBe('wav float64');
    expect(Array.from(d.channels[0])).toEqual([Math.fround(0.1), -0.25, NaN, Infinity, 3]);
  });

  it('WAVE_FORMAT_EXTENSIBLE with PCM subformat (24 valid bits in a 32-bit container)', () => {
    const data = bytesOf((dv) => { dv.setInt32(0, 0x40000000, true); dv.setInt32(4, -0x80000000, true); }, 8);
    const d = decodeWav(riff(fmtExtensible(1, 2, 48000, 32, 24), chunk('data', data)), 'ext.wav');
    expect(d.format).toBe('wav pcm32');
    expect(d.channels.map((c) => c[0])).toEqual([0.5, -1]);
  });

  it('WAVE_FORMAT_EXTENSIBLE with IEEE float subformat', () => {
    const data = bytesOf((dv) => { dv.setFloat32(0, 0.75, true); dv.setFloat32(4, -0.125, true); }, 8);
    const d = decodeWav(riff(fmtExtensible(3, 1, 48000, 32, 32), chunk('data', data)), 'extf.wav');
    expect(d.format).toBe('wav float32');
    expect(Array.from(d.channels[0])).toEqual([0.75, -0.125]);
  });

  it('skips unknown chunks, honouring the pad byte after an odd-sized one', () => {
    const junk = chunk('JUNK', Uint8Array.from([1, 2, 3])); // 3 bytes + pad
    const list = chunk('LIST', concat(ascii('INFO'), chunk('ISFT', ascii('tool\0'))));
    const d = decodeWav(riff(fmt(1, 1, 8000, 16), junk, list, chunk('data', int16Data([16384, -16384]))), 'odd.wav');
    expect(Array.from(d.channels[0])).toEqual([0.5, -0.5]);
  });

  it('tolerates a writer that forgot the pad byte', () => {
    const junk = chunk('bext', Uint8Array.from([9, 9, 9]), { pad: false });
    const d = decodeWav(riff(fmt(1, 1, 8000, 16), junk, chunk('data', int16Data([8192]))), 'nopad.wav');
    expect(Array.from(d.channels[0])).toEqual([0.25]);
  });

  it('accepts data before fmt, and chunks after data', () => {
    const bytes = riff(chunk('data', int16Data([16384, 8192])), chunk('JUNK', new Uint8Array(5)), fmt(1, 2, 8000, 16), chunk('LIST', ascii('INFO')));
    const d = decodeWav(bytes, 'order.wav');
    expect(d.channels.map((c) => Array.from(c))).toEqual([[0.5], [0.25]]);
  });

  it('truncated data: decodes the whole frames present and drops a partial one', () => {
    // Stereo 16-bit, the data chunk claims 400 bytes but only 2 frames + 3 bytes exist.
    const body = int16Data([16384, -16384, 8192, -8192, 4096]).subarray(0, 11);
    const d = decodeWav(riff(fmt(1, 2, 44100, 16), chunk('data', body, { declared: 400, pad: false })), 'cut.wav');
    expect(d.channels.map((c) => Array.from(c))).toEqual([[0.5, 0.25], [-0.5, -0.25]]);
  });

  it('ignores a bogus RIFF size (streaming writers leave it 0)', () => {
    const bytes = riff(fmt(1, 1, 8000, 16), chunk('data', int16Data([16384])));
    new DataView(bytes.buffer).setUint32(4, 0, true);
    expect(Array.from(decodeWav(bytes, 's.wav').channels[0])).toEqual([0.5]);
  });

  it('handles up to 64 channels and returns equal-length planar channels', () => {
    const d = decodeWav(riff(fmt(1, 64, 48000, 16), chunk('data', int16Data(Array.from({ length: 128 }, (_, i) => i)))), 'many.wav');
    expect(d.channels).toHaveLength(64);
    expect(d.channels.every((c) => c.length === 2)).toBe(true);
    expect(d.channels[63][1] * 32768).toBe(127);
  });

  it('works on a Uint8Array view that does not start at offset 0', () => {
    const wav = encodeWav([Float32Array.from([0.5, -0.5])], 8000, 'pcm16');
    const big = new Uint8Array(wav.length + 7);
    big.set(wav, 7);
    expect(Array.from(decodeWav(big.subarray(7), 'view.wav').channels[0])).toEqual([0.5, -0.5]);
  });
});

describe('decodeWav errors: one line naming the file and the reason', () => {
  const data = chunk('data', int16Data([0, 0]));
  const cases: [string, Uint8Array, RegExp][] = [
    ['empty file', new Uint8Array(0), /empty file/],
    ['not RIFF', ascii('ID3 this is not a wave file'), /not a RIFF\/WAVE file/],
    ['RIFF but not WAVE', concat(ascii('RIFF'), new Uint8Array(4), ascii('AVI LIST')), /not a RIFF\/WAVE file/],
    ['no fmt chunk', riff(data), /no fmt chunk/],
    ['no data chunk', riff(fmt(1, 1, 8000, 16), chunk('LIST', ascii('INFO'))), /no data chunk/],
    ['unsupported format tag', riff(fmt(2, 1, 8000, 4, 256), data), /unsupported WAV format tag 0x0002 \(Microsoft ADPCM\)/],
    ['unknown format tag', riff(fmt(0x1234, 1, 8000, 16), data), /unsupported WAV format tag 0x1234/],
    ['unsupported extensible subformat', riff(fmtExtensible(7, 1, 8000, 8, 8), data), /unsupported WAVE_FORMAT_EXTENSIBLE subformat 0700/],
    ['foreign extensible GUID', riff(fmtExtensible(1, 1, 8000, 16, 16, GUID_TAIL.map((v) => v ^ 1)), data), /unsupported WAVE_FORMAT_EXTENSIBLE subformat/],
    ['zero channels', riff(fmt(1, 0, 8000, 16, 2), data), /zero channels/],
    ['too many channels', riff(fmt(1, 65, 8000, 16), data), /channel count 65/],
    ['bad block align', riff(fmt(1, 2, 8000, 16, 3), data), /bad block align 3 \(expected 4/],
    ['unsupported PCM depth', riff(fmt(1, 1, 8000, 12, 2), data), /unsupported bit depth 12 for integer PCM/],
    ['unsupported float depth', riff(fmt(3, 1, 8000, 16), data), /unsupported bit depth 16 for IEEE float/],
    ['sample rate too low', riff(fmt(1, 1, 999, 16), data), /sample rate 999 Hz is out of range/],
    ['sample rate too high', riff(fmt(1, 1, 768001, 16), data), /sample rate 768001 Hz is out of range/],
    ['truncated fmt', concat(ascii('RIFF'), new Uint8Array(4), ascii('WAVEfmt '), Uint8Array.from([16, 0, 0, 0, 1, 0])), /fmt chunk is truncated/],
  ];
  for (const [label, bytes, reason] of cases) {
    it(label, () => expectAudioFileError(() => decodeWav(bytes, 'song.wav'), 'song.wav', reason));
  }

  it('accepts the extreme legal sample rates', () => {
    expect(decodeWav(riff(fmt(1, 1, 1000, 16), data), 'a.wav').sampleRate).toBe(1000);
    expect(decodeWav(riff(fmt(1, 1, 768000, 16), data), 'a.wav').sampleRate).toBe(768000);
  });
});

describe('readAudioFile', () => {
  let dir = '';
  beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'gigscope-audio-file-')); });
  afterAll(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

  it('reads a WAV from disk', async () => {
    const path = join(dir, 'tone.wav');
    await writeFile(path, encodeWav([Float32Array.from([0.5, -0.25]), Float32Array.from([1, 0])], 48000, 'pcm24'));
    const d = await readAudioFile(path);
    expect(d.format).toBe('wav pcm24');
    expect(d.sampleRate).toBe(48000);
    expect(d.channels.map((c) => Array.from(c))).toEqual([[0.5, -0.25], [Math.fround(8388607 / 8388608), 0]]);
  });

  it('detects the format by content, not by extension', async () => {
    const wavNamedMp3 = join(dir, 'really-a-wav.mp3');
    await writeFile(wavNamedMp3, encodeWav([Float32Array.from([0.5])], 8000, 'pcm16'));
    expect((await readAudioFile(wavNamedMp3)).format).toBe('wav pcm16');
    const flacNamedWav = join(dir, 'really-a-flac.wav');
    await writeFile(flacNamedWav, await readFile(fixture('sine-440.flac')));
    expect((await readAudioFile(flacNamedWav)).format).toBe('flac');
  });

  it('missing file', async () => {
    const path = join(dir, 'nope.wav');
    await expectAudioFileErrorAsync(readAudioFile(path), path, /file not found/);
  });

  it('a directory', async () => {
    const path = join(dir, 'sub.wav');
    await mkdir(path);
    await expectAudioFileErrorAsync(readAudioFile(path), path, /is a directory/);
  });

  it('empty file', async () => {
    const path = join(dir, 'empty.flac');
    await writeFile(path, new Uint8Array(0));
    await expectAudioFileErrorAsync(readAudioFile(path), path, /empty file/);
  });

  it('a text file is an unrecognised format', async () => {
    const path = join(dir, 'notes.wav');
    await writeFile(path, 'hello, this is not audio\n'.repeat(20));
    await expectAudioFileErrorAsync(readAudioFile(path), path, /unrecognised audio format/);
  });

  it('a non-WAVE RIFF file', async () => {
    const path = join(dir, 'movie.wav');
    await writeFile(path, concat(ascii('RIFF'), new Uint8Array(4), ascii('AVI LIST'), new Uint8Array(40)));
    await expectAudioFileErrorAsync(readAudioFile(path), path, /not a RIFF\/WAVE file/);
  });

  it('a broken WAV is reported with the path', async () => {
    const path = join(dir, 'broken.wav');
    await writeFile(path, riff(fmt(1, 1, 8000, 16)));
    await expectAudioFileErrorAsync(readAudioFile(path), path, /no data chunk/);
  });

  for (const [kind, junkHead] of [['flac', 'fLaC'], ['ogg', 'OggS']] as const) {
    it(`garbage after a ${kind} signature becomes an AudioFileError, with no console noise`, async () => {
      const path = join(dir, `junk.${kind}`);
      const junk = new Uint8Array(3000).map((_, i) => (i * 7919 + 13) % 251);
      junk.set(ascii(junkHead));
      await writeFile(path, junk);
      const spies = (['log', 'warn', 'error'] as const).map((m) => vi.spyOn(console, m).mockImplementation(() => {}));
      try {
        await expectAudioFileErrorAsync(readAudioFile(path), path, new RegExp(`cannot decode ${kind}`));
        for (const s of spies) expect(s).not.toHaveBeenCalled();
      } finally {
        for (const s of spies) s.mockRestore();
      }
    });
  }

  it('decoder chatter on a damaged MP3 is captured, not printed', async () => {
    const path = join(dir, 'junk.mp3');
    const junk = new Uint8Array(3000).map((_, i) => (i * 7919 + 13) % 251);
    junk.set([0xff, 0xfb]);
    await writeFile(path, junk);
    const spies = (['log', 'warn', 'error'] as const).map((m) => vi.spyOn(console, m).mockImplementation(() => {}));
    try {
      let outcome: string;
      try {
        const d = await readAudioFile(path);
        outcome = `decoded with warnings: ${d.warnings?.join('; ') ?? 'none'}`;
      } catch (e) {
        outcome = e instanceof AudioFileError && e.message.startsWith(path + ': ') ? 'AudioFileError' : String(e);
      }
      expect(outcome).toMatch(/^(AudioFileError|decoded with warnings: .*mpg123)/);
      for (const s of spies) expect(s).not.toHaveBeenCalled();
      // And the console is back to normal afterwards.
      console.error('after');
      expect(spies[2]).toHaveBeenCalledWith('after');
    } finally {
      for (const s of spies) s.mockRestore();
    }
  });
});

describe('compressed fixtures via audio-decode (0.25 s, 440 Hz, mono, 44.1 kHz)', () => {
  const fixtures = [
    // MP3 keeps the encoder delay and frame padding, hence the slack on length.
    { file: 'sine-440.flac', format: 'flac', minLen: 11025, maxLen: 11025 },
    { file: 'sine-440.ogg', format: 'ogg', minLen: 11025 - 64, maxLen: 11025 + 64 },
    { file: 'sine-440.mp3', format: 'mp3', minLen: 11025, maxLen: 11025 + 3 * 1152 },
  ];
  for (const { file, format, minLen, maxLen } of fixtures) {
    it(file, async () => {
      const d = await readAudioFile(fixture(file));
      expect(d.format).toBe(format);
      expect(d.sampleRate).toBe(44100);
      expect(d.channels).toHaveLength(1);
      const x = d.channels[0];
      expect(x).toBeInstanceOf(Float32Array);
      expect(x.length).toBeGreaterThanOrEqual(minLen);
      expect(x.length).toBeLessThanOrEqual(maxLen);
      // Measure away from the edges, where codec delay and fades live.
      const mid = x.subarray(2048, x.length - 2048);
      expect(zeroCrossingFrequency(mid, d.sampleRate)).toBeCloseTo(440, -0.5); // within ~1.6 Hz
      const peak = mid.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      expect(peak).toBeGreaterThan(0.4);
      expect(peak).toBeLessThan(0.6);
      expect(d.warnings).toBeUndefined();
    });
  }

  it('an MP3 behind an ID3v2 tag', async () => {
    const mp3 = await readFile(fixture('sine-440.mp3'));
    const tag = concat(ascii('ID3'), Uint8Array.from([3, 0, 0, 0, 0, 0, 20]), new Uint8Array(20));
    const dir = await mkdtemp(join(tmpdir(), 'gigscope-id3-'));
    try {
      const path = join(dir, 'tagged.bin');
      await writeFile(path, concat(tag, mp3));
      const d = await readAudioFile(path);
      expect(d.format).toBe('mp3');
      expect(zeroCrossingFrequency(d.channels[0].subarray(2048, -2048), d.sampleRate)).toBeCloseTo(440, -0.5);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('module hygiene', () => {
  it('loads audio-decode lazily (no static import), so WAV-only use never pulls it in', async () => {
    const src = await readFile(join(here, '..', '..', 'cli', 'audio-file.ts'), 'utf8');
    expect(src).not.toMatch(/^\s*import\s[^(]*['"]audio-decode['"]/m);
    expect(src).toMatch(/import\(\s*['"]audio-decode['"]\s*\)/);
  });
});
