/**
 * Seeded fuzzing of everything gigscope takes from outside: audio files (our
 * WAV parser and the FLAC/MP3/Ogg decoders behind it, and the CLI on top),
 * preset files, impulse responses, MIDI bytes, and the worklet's message port.
 *
 * The rule in every case: a bad input is refused with the component's own
 * error (AudioFileError, PresetError, ImpulseError) carrying one line that
 * says what is wrong — never another exception, never a hang — and the audio
 * keeps flowing, unchanged, past messages that make no sense.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { AudioFileError, decodeWav, encodeWav, readAudioFile, type DecodedAudio } from '../../cli/audio-file';
import { PresetError, parsePreset, validatePreset } from '../../presets/preset';
import { decodeImpulseWav, prepareImpulse, ImpulseError, type ImpulseResponse } from '../../host/impulse';
import { decodeMidi, isWellFormedMidi } from '../../ui/midi/midi-message';
import { MidiRouter, type ParamTarget } from '../../ui/midi/mapping-router';
import type { MidiMapping } from '../../presets/midi-mapping';
import { loadEngineModule } from '../../host/node-engine';
import { renderDemoClip } from '../../cli/demo-clip';
import { PARAMS, paramSpec } from '../../params/table';
import { noise, sine } from '../helpers/signals';
import { loadProcessor } from '../helpers/worklet-scope';

/** mulberry32: small, seeded, good enough to pick mutations reproducibly. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  return { next, int, pick };
}
type Rng = ReturnType<typeof rng>;

const oneLine = (s: string) => s.length > 0 && !/[\r\n]/.test(s);

// ------------------------------------------------------------------ byte mutations

function truncate(b: Uint8Array, r: Rng): Uint8Array {
  return b.slice(0, r.int(b.length));
}
function flipBits(b: Uint8Array, r: Rng, count = 1 + r.int(16), within = b.length): Uint8Array {
  const out = b.slice();
  for (let i = 0; i < count; i++) out[r.int(Math.min(within, out.length))] ^= 1 << r.int(8);
  return out;
}
function randomBytes(n: number, r: Rng, prefix: Uint8Array = new Uint8Array(0)): Uint8Array {
  const out = new Uint8Array(prefix.length + n);
  out.set(prefix);
  for (let i = prefix.length; i < out.length; i++) out[i] = r.int(256);
  return out;
}
/** Overwrite a little-endian u16/u32 header field with an extreme value. */
function poke(b: Uint8Array, at: number, bytes: 2 | 4, value: number): Uint8Array {
  const out = b.slice();
  const dv = new DataView(out.buffer);
  if (bytes === 2) dv.setUint16(at, value & 0xffff, true);
  else dv.setUint32(at, value >>> 0, true);
  return out;
}

// ------------------------------------------------------------------ WAV and the CLI

/** Canonical WAV header offsets (encodeWav writes 44-byte headers). */
const WAV_FIELDS: [name: string, at: number, bytes: 2 | 4][] = [
  ['riff size', 4, 4], ['fmt size', 16, 4], ['format tag', 20, 2], ['channels', 22, 2], ['sample rate', 24, 4],
  ['byte rate', 28, 4], ['block align', 32, 2], ['bits', 34, 2], ['data size', 40, 4],
];
const EXTREMES = [0, 1, 2, 3, 7, 0x7f, 0xff, 0x7fff, 0xfffe, 0xffff, 0x7fffffff, 0xfffffff0, 0xffffffff];

function wavSeeds(): Uint8Array[] {
  const sr = 8000;
  const x = sine(400, 440, sr, 0.5);
  const y = noise(400, 3, 0.5);
  return [
    encodeWav([x], sr, 'pcm16'),
    encodeWav([x, y], sr, 'pcm24'),
    encodeWav([x, y, x], 44100, 'float32'),
  ];
}

/** A decode either fails with AudioFileError (one line, naming the file) or gives well-formed audio. */
function expectCleanOutcome(name: string, fn: () => DecodedAudio): 'ok' | 'refused' {
  let audio: DecodedAudio;
  try {
    audio = fn();
  } catch (err) {
    if (!(err instanceof AudioFileError)) throw new Error(`${name}: threw ${(err as Error)?.name}: ${(err as Error)?.message}`);
    expect(oneLine(err.message)).toBe(true);
    expect(err.message.startsWith(`${name}: `)).toBe(true);
    return 'refused';
  }
  expect(audio.channels.length).toBeGreaterThan(0);
  expect(audio.sampleRate).toBeGreaterThan(0);
  const len = audio.channels[0].length;
  for (const c of audio.channels) expect(c.length).toBe(len);
  return 'ok';
}

describe('WAV parser (decodeWav)', () => {
  it('survives 3,000 truncated, bit-flipped, random and extreme-header files', () => {
    const r = rng(0xa11ce);
    const seeds = wavSeeds();
    const counts = { ok: 0, refused: 0 };
    const t0 = performance.now();
    const tally = (o: 'ok' | 'refused') => counts[o]++;
    for (let i = 0; i < 600; i++) {
      const seed = r.pick(seeds);
      tally(expectCleanOutcome(`trunc${i}.wav`, () => decodeWav(truncate(seed, r), `trunc${i}.wav`)));
      tally(expectCleanOutcome(`hdr${i}.wav`, () => decodeWav(flipBits(seed, r, 1 + r.int(8), 44), `hdr${i}.wav`)));
      tally(expectCleanOutcome(`flip${i}.wav`, () => decodeWav(flipBits(seed, r), `flip${i}.wav`)));
      tally(expectCleanOutcome(`rand${i}.wav`, () => decodeWav(randomBytes(r.int(200), r, r.next() < 0.5 ? seed.subarray(0, 12) : undefined), `rand${i}.wav`)));
      const [, at, bytes] = r.pick(WAV_FIELDS);
      tally(expectCleanOutcome(`extreme${i}.wav`, () => decodeWav(poke(seed, at, bytes, r.pick(EXTREMES)), `extreme${i}.wav`)));
    }
    // every header field at every extreme value, deterministically
    for (const seed of seeds) {
      for (const [field, at, bytes] of WAV_FIELDS) {
        for (const v of EXTREMES) tally(expectCleanOutcome(`${field}=${v}`, () => decodeWav(poke(seed, at, bytes, v), `${field}=${v}`)));
      }
    }
    const ms = performance.now() - t0;
    console.log(`decodeWav: ${counts.ok + counts.refused} files, ${counts.refused} refused, ${counts.ok} decoded, ${ms.toFixed(0)} ms`);
    expect(counts.refused).toBeGreaterThan(500);
    expect(ms).toBeLessThan(20_000);
  });

  it('a header claiming 4 GB of data, 65535 channels or a 0 Hz rate costs no memory and no time', () => {
    const seed = wavSeeds()[0];
    const t0 = performance.now();
    // data size 0xFFFFFFFF: the parser reads what is there, it does not allocate what is claimed
    const huge = decodeWav(poke(seed, 40, 4, 0xffffffff), 'huge.wav');
    expect(huge.channels[0].length).toBe(400);
    expect(() => decodeWav(poke(seed, 22, 2, 0xffff), 'chans.wav')).toThrow(/chans\.wav: unsupported channel count 65535/);
    expect(() => decodeWav(poke(seed, 24, 4, 0), 'rate.wav')).toThrow(/rate\.wav: sample rate 0 Hz/);
    expect(performance.now() - t0).toBeLessThan(100);
  });
});

describe('compressed files (readAudioFile → audio-decode)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gigscope-fuzz-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('truncated, bit-flipped and random FLAC, MP3 and Ogg files: AudioFileError or audio, each within seconds', async () => {
    const r = rng(0xf1ac);
    const fixtures = ['flac', 'mp3', 'ogg'].map((ext) => [ext, new Uint8Array(readFileSync(`test/fixtures/sine-440.${ext}`))] as const);
    const magic: Record<string, number[]> = { flac: [0x66, 0x4c, 0x61, 0x43], mp3: [0xff, 0xfb, 0x90, 0x64], ogg: [0x4f, 0x67, 0x67, 0x53] };
    let files = 0;
    let refused = 0;
    let slowest = 0;
    for (const [ext, bytes] of fixtures) {
      const variants: Uint8Array[] = [
        bytes.subarray(0, 4),
        bytes.subarray(0, 100),
        randomBytes(3000, r, new Uint8Array(magic[ext])),
        new Uint8Array(magic[ext]),
      ];
      for (let i = 0; i < 8; i++) variants.push(truncate(bytes, r), flipBits(bytes, r, 1 + r.int(40)));
      for (const v of variants) {
        const path = join(dir, `fuzz${files++}.${ext}`);
        writeFileSync(path, v);
        const t0 = performance.now();
        try {
          const audio = await readAudioFile(path);
          expect(audio.channels.length).toBeGreaterThan(0);
          for (const c of audio.channels) expect(c.length).toBe(audio.channels[0].length);
        } catch (err) {
          if (!(err instanceof AudioFileError)) throw new Error(`${path}: threw ${(err as Error)?.name}: ${(err as Error)?.message}`);
          expect(oneLine(err.message)).toBe(true);
          refused++;
        }
        slowest = Math.max(slowest, performance.now() - t0);
      }
    }
    console.log(`compressed: ${files} files, ${refused} refused, slowest ${slowest.toFixed(0)} ms`);
    expect(refused).toBeGreaterThan(5);
    expect(slowest).toBeLessThan(10_000);
  });

  it('the CLI exits non-zero with one line on stderr for a bad file, a bad preset and a bad impulse response', () => {
    const cli = resolve('dist/cli.mjs');
    const good = join(dir, 'good.wav');
    writeFileSync(good, encodeWav([sine(8000, 440, 8000, 0.3)], 8000, 'pcm16'));
    const cases: [label: string, args: string[], expect: RegExp][] = [];
    const bad = (name: string, bytes: Uint8Array) => {
      const p = join(dir, name);
      writeFileSync(p, bytes);
      return p;
    };
    const seed = wavSeeds()[1];
    const truncatedWav = bad('cut.wav', seed.subarray(0, 30));
    const badAlign = bad('align.wav', poke(seed, 32, 2, 5));
    // (random bytes behind an MP3 frame header are not refused: mpg123 decodes them, as noise)
    const junkFlac = bad('junk.flac', randomBytes(2000, rng(7), new Uint8Array([0x66, 0x4c, 0x61, 0x43])));
    const text = bad('notes.txt', new TextEncoder().encode('this is not audio\n'));
    const preset = bad('bad-preset.json', new TextEncoder().encode(JSON.stringify({ format: 'gigscope-preset', version: 1, name: 'x', params: { 'master.gain': 99 } })));
    const ir = bad('ir.wav', encodeWav([new Float32Array(100)], 48000, 'float32')); // silent
    cases.push(
      ['truncated WAV', ['analyze', truncatedWav], /cut\.wav: fmt chunk is truncated|cut\.wav: no/],
      ['inconsistent WAV header', ['analyze', badAlign], /align\.wav: bad block align 5/],
      ['random bytes behind a FLAC signature', ['analyze', junkFlac], /junk\.flac: cannot decode flac/],
      ['a text file', ['process', text, join(dir, 'out.wav')], /notes\.txt: unrecognised audio format/],
      ['a preset with a value out of range', ['process', good, join(dir, 'out2.wav'), '--preset', preset], /preset\.params\["master\.gain"\]: 99 is outside/],
      ['a silent impulse response', ['process', good, join(dir, 'out3.wav'), '--ir', ir], /ir\.wav: it is silent/],
    );
    for (const [label, args, pattern] of cases) {
      const res = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 30_000 });
      const lines = res.stderr.trimEnd().split('\n');
      expect(res.status, `${label}: exit code (stderr: ${res.stderr})`).toBe(1);
      expect(lines, `${label}: stderr`).toHaveLength(1);
      expect(lines[0]).toMatch(/^gigscope: /);
      expect(lines[0], label).toMatch(pattern);
      expect(res.stdout, `${label}: stdout`).toBe('');
    }
  });
});

// ------------------------------------------------------------------ presets

/** Random JSON values, nested a few levels, with the awkward ones over-represented. */
function randomJson(r: Rng, depth = 0): unknown {
  const k = r.int(depth > 3 ? 7 : 10);
  switch (k) {
    case 0: return null;
    case 1: return r.pick([true, false]);
    case 2: return r.pick([0, -1, 1e308, -1e308, 0.5, 1e-320, 12, 13, 2 ** 53, -0]);
    case 3: return r.pick(['', 'x', '__proto__', 'constructor', '💥'.repeat(50), 'a'.repeat(100), 'NaN', 'master.gain']);
    case 4: return r.next() * 200 - 100;
    case 5: return r.pick(PARAMS).id;
    case 6: return String(r.int(1000));
    case 7: return Array.from({ length: r.int(4) }, () => randomJson(r, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = r.int(5); i > 0; i--) o[r.pick(['format', 'version', 'name', 'params', 'midi', 'description', '__proto__', 'parmas', r.pick(PARAMS).id])] = randomJson(r, depth + 1);
      return o;
    }
  }
}

/** Mutate one field of a valid preset object. */
function mutatePreset(base: Record<string, unknown>, r: Rng): Record<string, unknown> {
  const p = JSON.parse(JSON.stringify(base)) as Record<string, unknown> & { params: Record<string, unknown>; midi?: Record<string, unknown>[] };
  switch (r.int(8)) {
    case 0: delete p[r.pick(['format', 'version', 'name', 'params'])]; break;
    case 1: p[r.pick(['format', 'version', 'name', 'params', 'description', 'midi'])] = randomJson(r); break;
    case 2: {
      const spec = r.pick(PARAMS);
      p.params[spec.id] = r.pick([spec.max + 1, spec.min - 1, NaN, Infinity, '0', null, spec.min + 0.5, [], {}]);
      break;
    }
    case 3: p.params[r.pick(['no.such', '__proto__', 'toString', 'master.gain ', 'MASTER.GAIN'])] = 0; break;
    case 4: p[r.pick(['extra', 'params ', 'Name'])] = 1; break;
    case 5: p.midi = [{ param: r.pick(PARAMS).id, port: '', kind: r.pick(['cc', 'cc14', 'note', 'sysex', 7]), channel: r.pick([0, 1, 16, 17, -1, 1.5]), number: r.pick([0, 127, 128, -1, 31, 32]) }]; break;
    case 6: p.midi = Array.from({ length: r.pick([1025, 5000]) }, () => ({ param: 'master.gain', port: '', kind: 'cc', channel: 1, number: 7 })); break;
    default: p.version = r.pick([0, 2, 1.5, -1, '1', null]);
  }
  return p;
}

/** Mangle JSON text: cut it, flip a character, double a brace. */
function mangleText(text: string, r: Rng): string {
  const at = r.int(text.length);
  switch (r.int(4)) {
    case 0: return text.slice(0, at);
    case 1: return text.slice(0, at) + String.fromCharCode(r.int(128)) + text.slice(at + 1);
    case 2: return text.slice(0, at) + r.pick(['{', '}', '[', ']', '"', ',', ':', '\\u0000']) + text.slice(at);
    default: return '['.repeat(10000 + r.int(90000)) + text;
  }
}

describe('preset parser', () => {
  it('5,000 random and mutated presets: a valid preset or a PresetError naming the field, nothing else', () => {
    const r = rng(0x9e5e7);
    const base = {
      format: 'gigscope-preset', version: 1, name: 'Fuzz', description: 'seed',
      params: { 'master.gain': -3, 'reverb.on': 1, 'delay.division': 4 },
      midi: [{ param: 'reverb.mix', port: '', kind: 'cc', channel: 1, number: 16 }],
    };
    expect(() => validatePreset(base)).not.toThrow();
    let accepted = 0;
    let refused = 0;
    const t0 = performance.now();
    for (let i = 0; i < 5000; i++) {
      const mode = i % 3;
      const text = mode === 0 ? JSON.stringify(randomJson(r)) ?? 'undefined' : mode === 1 ? JSON.stringify(mutatePreset(base, r)) : mangleText(JSON.stringify(base), r);
      try {
        const preset = parsePreset(text);
        // whatever gets through is a preset the table allows, and survives a second validation
        expect(validatePreset(JSON.parse(JSON.stringify(preset)))).toEqual(preset);
        for (const [id, v] of Object.entries(preset.params)) {
          const spec = paramSpec(id)!;
          expect(v >= spec.min && v <= spec.max).toBe(true);
        }
        accepted++;
      } catch (err) {
        if (!(err instanceof PresetError)) throw new Error(`case ${i} threw ${(err as Error)?.name}: ${(err as Error)?.message}\n${text.slice(0, 300)}`);
        // "preset: …" for the whole file, "preset.<field>…: …" for a field
        expect(err.message).toMatch(/^preset(: |\.|\[)/);
        expect(err.message).toMatch(/: \S/);
        expect(oneLine(err.message)).toBe(true);
        refused++;
      }
    }
    const ms = performance.now() - t0;
    console.log(`presets: ${accepted} accepted, ${refused} refused, ${ms.toFixed(0)} ms`);
    expect(refused).toBeGreaterThan(3000);
    expect(ms).toBeLessThan(30_000);
  });
});

// ------------------------------------------------------------------ impulse responses

describe('impulse-response loader', () => {
  const expectImpulseOutcome = (name: string, fn: () => unknown) => {
    try {
      fn();
      return 'ok';
    } catch (err) {
      if (!(err instanceof ImpulseError)) throw new Error(`${name}: threw ${(err as Error)?.name}: ${(err as Error)?.message}`);
      expect(oneLine(err.message)).toBe(true);
      expect(err.message.startsWith(`${name}: `)).toBe(true);
      return 'refused';
    }
  };

  it('1,500 truncated, bit-flipped and random WAV files: an ImpulseError or a usable response', () => {
    const r = rng(0x1b);
    const real = new Uint8Array(readFileSync('presets/impulses/gigscope-room.wav'));
    const small = encodeWav([noise(2000, 5, 0.5), noise(2000, 6, 0.5)], 22050, 'pcm24');
    let refused = 0;
    for (let i = 0; i < 500; i++) {
      const seed = i % 5 === 0 ? real : small;
      for (const bytes of [truncate(seed, r), flipBits(seed, r, 1 + r.int(6), 44), randomBytes(r.int(300), r, r.next() < 0.5 ? seed.subarray(0, 12) : undefined)]) {
        const name = `ir${i}.wav`;
        if (expectImpulseOutcome(name, () => {
          const ir = decodeImpulseWav(bytes, name);
          // a short response is cheap to prepare; anything that decodes must prepare or be refused clearly
          if (ir.channels[0]?.length <= 48000) prepareImpulse(ir, 48000);
        }) === 'refused') refused++;
      }
    }
    expect(refused).toBeGreaterThan(800);
  });

  it('refuses what a stage cannot use, with a reason: too long, too many channels, NaN, silent, empty, bad rates', () => {
    const ir = (channels: Float32Array[], sampleRate = 48000): ImpulseResponse => ({ channels, sampleRate, name: 'x.wav' });
    const one = () => noise(4800, 1, 0.5);
    const withNaN = one();
    withNaN[100] = NaN;
    const cases: [ImpulseResponse, RegExp][] = [
      [ir([new Float32Array(48000 * 11)]), /x\.wav: it is 11\.0 s long; the limit is 10 s/],
      [ir([one(), one(), one()]), /x\.wav: it has 3 channels/],
      [ir([withNaN]), /x\.wav: it contains a non-finite sample \(at frame 100\)/],
      [ir([new Float32Array(4800)]), /x\.wav: it is silent/],
      [ir([new Float32Array(0)]), /x\.wav: it is empty/],
      [ir([]), /x\.wav: it has no channels/],
      [ir([one(), noise(10, 2)]), /x\.wav: its channels differ in length/],
      [ir([one()], 0), /x\.wav: bad sample rate 0/],
      [ir([one()], NaN), /x\.wav: bad sample rate NaN/],
      [ir([one()], Infinity), /x\.wav: bad sample rate Infinity/],
    ];
    for (const [input, pattern] of cases) {
      expect(expectImpulseOutcome('x.wav', () => prepareImpulse(input, 48000))).toBe('refused');
      expect(() => prepareImpulse(input, 48000)).toThrow(pattern);
    }
    // a WAV header claiming 4 GB of data is read for what is there
    const wav = encodeWav([noise(1000, 3, 0.5)], 48000, 'float32');
    new DataView(wav.buffer).setUint32(40, 0xffffffff, true);
    expect(decodeImpulseWav(wav, 'big.wav').channels[0].length).toBe(1000);
    expect(() => decodeImpulseWav(new Uint8Array(0), 'e.wav')).toThrow(/e\.wav: the file is empty/);
  });
});

// ------------------------------------------------------------------ MIDI

describe('MIDI input', () => {
  it('decodes random packets (bytes out of range, fractions, NaN, running status) without throwing', () => {
    const r = rng(0x3d1);
    const weird = [-1, 256, 1000, 0.5, NaN, Infinity, -0, 127.9];
    let events = 0;
    for (let i = 0; i < 100_000; i++) {
      const n = r.int(6);
      const packet = Array.from({ length: n }, () => (r.next() < 0.05 ? r.pick(weird) : r.int(256)));
      const input = r.next() < 0.5 ? new Uint8Array(packet) : packet;
      const e = decodeMidi(input);
      isWellFormedMidi(input);
      if (e) {
        events++;
        expect(e.channel).toBeGreaterThanOrEqual(1);
        expect(e.channel).toBeLessThanOrEqual(16);
      }
    }
    expect(events).toBeGreaterThan(1000);
    // running status (data bytes with no status byte) is refused, not misread as a message
    expect(decodeMidi([16, 100])).toBeNull();
    expect(decodeMidi(new Uint8Array([0x40, 0x7f, 0x10]))).toBeNull();
    for (const junk of [null, undefined, [], {}, 'b0 10 64', [0xb0], [0xb0, 200, 1], { length: 3 }]) {
      expect(decodeMidi(junk as never)).toBeNull();
      expect(isWellFormedMidi(junk as never)).toBe(false);
    }
  });

  it('a burst of 10,000 CCs goes through decoding and mapping in bounded time, ending where the knob ended', () => {
    const values: Record<string, number> = {};
    let sets = 0;
    const target: ParamTarget = {
      values,
      setParam(id, value) {
        sets++;
        const spec = paramSpec(id)!;
        values[id] = Math.min(spec.max, Math.max(spec.min, value));
        return values[id];
      },
    };
    for (const p of PARAMS) values[p.id] = p.default;
    const mappings: MidiMapping[] = [
      { param: 'master.gain', port: '', kind: 'cc', channel: 1, number: 7 },
      { param: 'reverb.mix', port: '', kind: 'cc14', channel: 0, number: 1 },
    ] as MidiMapping[];
    const router = new MidiRouter(target, () => mappings);
    const bytes: Uint8Array[] = [];
    // a fader swept up and down as fast as a controller sends, plus junk and running-status fragments
    for (let i = 0; i < 10_000; i++) {
      const v = Math.abs(((i * 3) % 254) - 127);
      bytes.push(new Uint8Array([0xb0, i % 3 === 0 ? 7 : i % 3 === 1 ? 1 : 33, v]));
      if (i % 100 === 0) bytes.push(new Uint8Array([v, 0x7f]), new Uint8Array([0xb0]));
    }
    bytes.push(new Uint8Array([0xb0, 7, 127]));
    const t0 = performance.now();
    for (const b of bytes) {
      const e = decodeMidi(b);
      if (e) router.handle('fuzz port', e);
    }
    const ms = performance.now() - t0;
    console.log(`MIDI: ${bytes.length} packets in ${ms.toFixed(1)} ms, ${sets} parameter sets`);
    // one second's flood handled in a small part of a second
    expect(ms).toBeLessThan(200);
    expect(sets).toBeGreaterThan(1000);
    expect(values['master.gain']).toBe(paramSpec('master.gain')!.max);
    expect(Number.isFinite(values['reverb.mix'])).toBe(true);
  });
});

// ------------------------------------------------------------------ the worklet's message port

describe('worklet message port', () => {
  type Processor = {
    process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean;
    onMessage(msg: unknown): void;
  };
  let scope: Awaited<ReturnType<typeof loadProcessor<Processor>>>;

  beforeAll(async () => {
    scope = await loadProcessor<Processor>();
  });

  const make = () => {
    const proc = new scope.Processor({
      processorOptions: { module: loadEngineModule(), channels: 2, sampleRate: 48000, params: [[PARAMS.findIndex((p) => p.id === 'reverb.on'), 1]], snapshotHz: 60 },
    });
    const port = scope.lastPort();
    port.on('message', () => {});
    return { proc, port };
  };

  /** Messages that mean nothing: each must be ignored, none may throw or change the sound. */
  function junkMessages(r: Rng): unknown[] {
    const n = PARAMS.length;
    return [
      null, undefined, 0, 'param', [], {}, { type: 'nonsense' }, { type: 42 }, { type: null },
      { type: 'param' }, { type: 'param', index: -1, value: 1 }, { type: 'param', index: n, value: 1 },
      { type: 'param', index: 1e9, value: 0 }, { type: 'param', index: 0.5, value: 0 }, { type: 'param', index: NaN, value: 0 },
      { type: 'param', index: '0', value: -6 }, { type: 'param', index: 'master.gain', value: -6 }, { type: 'param', index: 0, value: NaN },
      { type: 'param', index: 0, value: 'loud' }, { type: 'param', index: 0, value: null }, { type: 'param', index: 0, value: {} },
      { type: 'impulse' }, { type: 'impulse', id: 1, data: 'not bytes' }, { type: 'impulse', id: 2, data: 12 },
      { type: 'impulse', id: 3, data: -1 }, { type: 'impulse', id: 4, data: { length: 1e12 } }, { type: 'impulse', id: 5, data: [1, 2, 3] },
      { type: 'impulse', id: 6, data: randomBytes(r.int(64), r).buffer },
      { type: 'impulse', id: 7, data: new ArrayBuffer(0) },
      { type: 'impulse', id: 8, data: randomBytes(200_000, r).buffer },
      { type: 'param', index: r.int(n), value: undefined },
    ];
  }

  it('random and malformed messages never throw, and the output is the clean render sample for sample', async () => {
    const r = rng(0x90e7);
    const clip = renderDemoClip(48000, 6).channels;
    const clean = make();
    const fuzzed = make();
    const outA = [new Float32Array(128), new Float32Array(128)];
    const outB = [new Float32Array(128), new Float32Array(128)];
    const junk = junkMessages(r);
    let thrown = 0;
    let sent = 0;
    const errors: string[] = [];
    for (let s = 0, b = 0; s + 128 <= clip[0].length; s += 128, b++) {
      const input = [[clip[0].subarray(s, s + 128), clip[1].subarray(s, s + 128)]];
      if (b % 10 === 0) {
        // straight into the handler, as the port would call it; thrown exceptions are counted
        for (let k = 0; k < 5; k++) {
          try {
            fuzzed.proc.onMessage(r.pick(junk));
          } catch (err) {
            thrown++;
            errors.push(String(err));
          }
          sent++;
        }
      }
      clean.proc.process(input, [outA]);
      let threw = false;
      try {
        fuzzed.proc.process(input, [outB]);
      } catch (err) {
        threw = true;
        errors.push(`process: ${String(err)}`);
      }
      expect(threw).toBe(false);
      for (let c = 0; c < 2; c++) {
        for (let i = 0; i < 128; i++) if (outA[c][i] !== outB[c][i]) throw new Error(`block ${b}: output differs at ${c}:${i} after junk messages (${errors.slice(0, 3).join('; ')})`);
      }
    }
    // a quantum of another size re-sets the engine up from the remembered parameters: junk must not be among them
    const bigOut = [new Float32Array(256), new Float32Array(256)];
    const sine256 = sine(256, 440, 48000, 0.5);
    for (let i = 0; i < 4; i++) expect(fuzzed.proc.process([[sine256, sine256]], [bigOut])).toBe(true);
    expect(Math.max(...bigOut[0].map(Math.abs))).toBeGreaterThan(0.4);
    console.log(`worklet port: ${sent} junk messages, ${thrown} threw${errors.length ? ': ' + [...new Set(errors)].slice(0, 4).join(' | ') : ''}`);
    expect(thrown).toBe(0);
    clean.port.close();
    fuzzed.port.close();
  });

  it('the same junk through the real port, plus a flood of 10,000 parameter messages, keeps the audio bounded and finite', async () => {
    const r = rng(0x90e8);
    const { proc, port } = make();
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on('uncaughtException', onUncaught);
    for (const m of junkMessages(r)) port.postMessage(m);
    const gain = PARAMS.findIndex((p) => p.id === 'master.gain');
    const mix = PARAMS.findIndex((p) => p.id === 'reverb.mix');
    for (let i = 0; i < 10_000; i++) port.postMessage({ type: 'param', index: i % 2 ? gain : mix, value: i % 2 ? 12 * Math.sin(i) : (i % 100) / 100 });
    await new Promise((res) => setTimeout(res, 200));
    const x = sine(128, 220, 48000, 0.9);
    const out = [new Float32Array(128), new Float32Array(128)];
    let worst = 0;
    for (let b = 0; b < 400; b++) {
      expect(proc.process([[x, x]], [out])).toBe(true);
      for (const o of out) for (const v of o) {
        if (!Number.isFinite(v)) throw new Error('non-finite output');
        worst = Math.max(worst, Math.abs(v));
      }
    }
    process.off('uncaughtException', onUncaught);
    expect(uncaught).toEqual([]);
    expect(worst).toBeLessThanOrEqual(Math.fround(10 ** (-1 / 20)));
    expect(worst).toBeGreaterThan(0.1);
    port.close();
  });
});
