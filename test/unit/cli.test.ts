/** The gigscope CLI as a user runs it: the built bin, real files, exit codes and messages. */
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeWav, decodeWav } from '../../cli/audio-file';
import { PARAMS, ENGINE_UNITS } from '../../params/table';
import { noise, sine, peak, rms, db, firstDifference } from '../helpers/signals';

const dir = mkdtempSync(join(tmpdir(), 'gigscope-cli-'));

function gigscope(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/gigscope.mjs', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function writeWav(name: string, channels: Float32Array[], rate: number, format: 'float32' | 'pcm16' | 'pcm24' = 'float32'): string {
  const path = join(dir, name);
  writeFileSync(path, encodeWav(channels, rate, format));
  return path;
}

beforeAll(() => {
  if (!existsSync('dist/cli.mjs')) throw new Error('run npm run build first');
});

describe('gigscope analyze', () => {
  it('prints the contract JSON for a file at its own rate', () => {
    const path = writeWav('tone.wav', [sine(96000 * 2, 440, 96000, 0.3)], 96000, 'pcm24');
    const r = gigscope('analyze', path, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ version: 1, file: 'tone.wav', sampleRate: 96000, blockSize: 128, duration: 2 });
    // a steady tone has no beat: the tracker stays lost and announces nothing
    expect(out.beats).toEqual([]);
    for (const t of out.tempo) expect(t.confidence).toBeLessThan(0.15);
    // the chroma: frames stamped in time order, A (index 9) the strongest class once the windows are full
    expect(out.chroma.times.length).toBeGreaterThan(80);
    expect(out.chroma.frames).toHaveLength(out.chroma.times.length);
    for (let i = 1; i < out.chroma.times.length; i++) expect(out.chroma.times[i]).toBeGreaterThan(out.chroma.times[i - 1]);
    const late = out.chroma.frames.filter((_: number[], i: number) => out.chroma.times[i] > 0.4);
    for (const f of late) expect(f.indexOf(Math.max(...f))).toBe(9);
    expect(Array.isArray(out.key) && Array.isArray(out.chord)).toBe(true);
    // the vocal section: 10 ms frames in order, probabilities 0–1, segments as [start, end] pairs
    expect(out.vocal.times.length).toBeGreaterThan(150);
    expect(out.vocal.probability).toHaveLength(out.vocal.times.length);
    for (const p of out.vocal.probability) expect(p >= 0 && p <= 1).toBe(true);
    for (const [a, b] of out.vocal.segments) expect(b).toBeGreaterThan(a);
  });

  it('writes DIR/<basename>.json for each file with --out, and reads FLAC/MP3/OGG', () => {
    const a = writeWav('a.wav', [sine(8000, 440, 8000, 0.3)], 8000, 'pcm16');
    const out = join(dir, 'out');
    const r = gigscope('analyze', a, 'test/fixtures/sine-440.flac', 'test/fixtures/sine-440.ogg', 'test/fixtures/sine-440.mp3', '--out', out);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'a.json'), 'utf8')).sampleRate).toBe(8000);
    for (const name of ['sine-440.json']) expect(JSON.parse(readFileSync(join(out, name), 'utf8')).sampleRate).toBe(44100);
  });

  it('names the file and the reason in one line, exits non-zero, and still does the good files', () => {
    const bad = join(dir, 'bad.wav');
    writeFileSync(bad, 'this is not audio');
    const good = writeWav('good.wav', [sine(4800, 440, 48000, 0.3)], 48000);
    const r = gigscope('analyze', bad, good, join(dir, 'missing.wav'), '--json');
    expect(r.code).not.toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^gigscope: .*bad\.wav: /);
    expect(lines[1]).toMatch(/missing\.wav: file not found/);
    expect(JSON.parse(r.stdout).file).toBe('good.wav');
  });

  it('refuses a rate the engine cannot run, clearly', () => {
    const path = writeWav('slow.wav', [sine(4000, 440, 4000, 0.3)], 4000);
    const r = gigscope('analyze', path, '--json');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/slow\.wav: sample rate 4000 Hz is outside the engine's range 8000–192000 Hz/);
  });
});

describe('gigscope process', () => {
  it('compensates the limiter latency: a quiet file comes out sample-for-sample identical', () => {
    const x = [noise(44100, 1, 0.3), noise(44100, 2, 0.3)];
    const inPath = writeWav('in.wav', x, 44100);
    const outPath = join(dir, 'out.wav');
    const r = gigscope('process', inPath, outPath);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/latency 66 frames \(compensated\)/);
    const y = decodeWav(new Uint8Array(readFileSync(outPath)), 'out.wav');
    expect(y.sampleRate).toBe(44100);
    expect(y.channels).toHaveLength(2);
    expect(firstDifference(y.channels[0], x[0])).toBe(-1);
    expect(firstDifference(y.channels[1], x[1])).toBe(-1);
  });

  it('applies --set and presets, and keeps a hot file under the ceiling', () => {
    const x = [sine(48000, 200, 48000, 0.9)];
    const inPath = writeWav('hot.wav', x, 48000);
    const louder = join(dir, 'louder.wav');
    expect(gigscope('process', inPath, louder, '--set', 'master.gain=12', '--format', 'pcm24').code).toBe(0);
    expect(peak(decodeWav(new Uint8Array(readFileSync(louder)), 'l').channels[0])).toBeLessThanOrEqual(10 ** (-1 / 20) + 1e-6);
    const quiet = join(dir, 'quiet.wav');
    expect(gigscope('process', inPath, quiet, '--preset', 'quiet-monitor').code).toBe(0);
    const q = decodeWav(new Uint8Array(readFileSync(quiet)), 'q').channels[0];
    expect(db(rms(q, 4800) / rms(x[0], 4800))).toBeCloseTo(-12, 1);
  });

  it('rejects unknown parameters and out-of-range values with a usage error naming them', () => {
    const inPath = writeWav('p.wav', [sine(4800, 440, 48000, 0.3)], 48000);
    let r = gigscope('process', inPath, join(dir, 'x.wav'), '--set', 'reverb.nope=1');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--set reverb\.nope: unknown parameter/);
    r = gigscope('process', inPath, join(dir, 'x.wav'), '--set', 'master.gain=99');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/master\.gain.*99 is outside -60…12 dB/);
    const badPreset = join(dir, 'bad-preset.json');
    writeFileSync(badPreset, JSON.stringify({ format: 'gigscope-preset', version: 1, name: 'x', params: { 'master.gain': 'loud' } }));
    r = gigscope('process', inPath, join(dir, 'x.wav'), '--preset', badPreset);
    // a refused preset file: exit 1 and one line naming the file and the field (no usage text)
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^gigscope: .*bad-preset\.json: preset\.params\["master\.gain"\]: expected a number, got "loud"\n$/);
    expect(existsSync(join(dir, 'x.wav'))).toBe(false);
  });
});

describe('gigscope analyze: beats', () => {
  it('reports the live beat events and tempo of a click track in contract form', () => {
    const sr = 44100;
    const beats: number[] = [];
    for (let t = 0.3; t < 12; t += 0.5) beats.push(t);
    const x = new Float32Array(12 * sr);
    for (const t of beats) for (let i = 0; i < 300; i++) x[Math.round(t * sr) + i] = 0.5 * Math.exp(-i / 60) * (i % 2 ? 1 : -1);
    const path = writeWav('clicks.wav', [x], sr, 'pcm16');
    const out = JSON.parse(gigscope('analyze', path, '--json').stdout);
    expect(out.beats.length).toBeGreaterThan(15);
    for (const b of out.beats) {
      expect(b.reportedAt).toBeLessThanOrEqual(b.time + 0.02); // announced at (or before) the beat
      expect(Number.isInteger(Math.round(b.reportedAt * sr))).toBe(true);
    }
    const last = out.tempo[out.tempo.length - 1];
    expect(Math.abs(last.bpm - 120)).toBeLessThan(2.4);
    expect(last.confidence).toBeGreaterThan(0.5);
    // tempo entries at least once a second
    for (let i = 1; i < out.tempo.length; i++) expect(out.tempo[i].time - out.tempo[i - 1].time).toBeLessThanOrEqual(1.01);
  });
});

describe('gigscope params and bench', () => {
  it('lists the parameter table, readable and as JSON', () => {
    const text = gigscope('params');
    expect(text.code).toBe(0);
    for (const p of PARAMS) expect(text.stdout).toContain(p.id);
    const json = JSON.parse(gigscope('params', '--json').stdout);
    expect(json.params.map((p: { id: string }) => p.id)).toEqual(PARAMS.map((p) => p.id));
  });

  it('benchmarks every unit and the chain', () => {
    const r = gigscope('bench', '--json', '--runs', '1');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    const names = report.rows.map((row: { name: string }) => row.name);
    // every engine unit alone, the chain, then the whole engine with effect scenarios switched on
    expect(names.slice(0, ENGINE_UNITS.length + 1)).toEqual([...ENGINE_UNITS.map((u) => u.id), 'whole chain']);
    expect(names.slice(ENGINE_UNITS.length + 1).every((n: string) => n.startsWith('fx: '))).toBe(true);
    expect(names).toContain('fx: convolution 2 s');
    for (const row of report.rows) {
      expect(row.medianUs).toBeGreaterThan(0);
      expect(row.p99Us).toBeGreaterThanOrEqual(row.medianUs);
      expect(row.realtimeFactor).toBeGreaterThan(10);
    }
  });

  it('prints usage and exits 2 on an unknown command', () => {
    const r = gigscope('frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'frobnicate'/);
  });
});
