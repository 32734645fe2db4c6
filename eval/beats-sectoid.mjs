// An out-of-corpus check for the beat tracker: the four songs of Debian's
// fretsonfire-songs-sectoid (rock and metal by Sectoid, recorded for the game
// Frets on Fire, ≈ 14 min in all), scored like ../shared/corpus/beats.
//
//   node eval/beats-sectoid.mjs [any option of eval/run.mjs but --task]
//
// The development corpus has fourteen clips, and every change to the tracker is
// measured on them, so they are no longer unseen audio. These songs are not
// evaluation material (the corpus draws on the *other* Frets on Fire package,
// fretsonfire-songs-muldjord), and they come with their beats: each song's
// notes.mid is the chart the game scrolls in time with the recording, so its
// tempo map puts a quarter note every PPQ ticks on the song's own clock. The
// chart's notes fall on the guitar stem's onsets within 30 ms (checked when
// this script was written), which is what makes the grid a reference.
//
// Each song (song.ogg + guitar.ogg summed, as the game plays them) is cut into
// 24 s excerpts, one every 40 s from 10 s in, so each excerpt starts cold in
// the middle of the music, as a tracker does when the band is already playing.
// The excerpts and their .beats files go to .cache/beats-sectoid/shared/corpus/beats,
// beside a link to the shared scorer, and eval/run.mjs scores them with every
// beat peer.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fetchDebianPackage } from '../scripts/debian-package.mjs';
import { repoRoot, sharedDir } from './paths.mjs';
import { writeWav16 } from './wav.mjs';

const PACKAGE = 'fretsonfire-songs-sectoid';
const EXCERPT_S = 24;
const FIRST_S = 10;
const EVERY_S = 40;
/** no excerpt within this many seconds of the end (fade-outs have no beat) */
const TAIL_S = 5;

const cache = join(repoRoot, '.cache', 'beats-sectoid');
const log = (s) => process.stderr.write(s + '\n');

// ---------------------------------------------------------------------------
// Standard MIDI file: just the tempo map
// ---------------------------------------------------------------------------

/** Read a variable-length quantity at `i`; returns [value, next index]. */
function readVarLen(b, i) {
  let v = 0;
  for (;;) {
    const c = b[i++];
    v = v * 128 + (c & 0x7f);
    if (c < 0x80) return [v, i];
  }
}

/**
 * Ticks per quarter note, the tempo changes [tick, µs per quarter] and the time
 * signatures [tick, numerator, denominator] of a standard MIDI file.
 */
export function readTempoMap(bytes) {
  const b = bytes;
  const text = (at) => String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]);
  const u32 = (at) => ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
  if (text(0) !== 'MThd') throw new Error('not a standard MIDI file');
  const tracks = (b[10] << 8) | b[11];
  const division = (b[12] << 8) | b[13];
  if (division & 0x8000) throw new Error('SMPTE time division is not supported');
  const tempos = [];
  const signatures = [];
  let at = 8 + u32(4);
  for (let t = 0; t < tracks; t++) {
    if (text(at) !== 'MTrk') throw new Error(`track ${t}: no MTrk chunk`);
    const end = at + 8 + u32(at + 4);
    let i = at + 8;
    let tick = 0;
    let status = 0;
    while (i < end) {
      let delta;
      [delta, i] = readVarLen(b, i);
      tick += delta;
      if (b[i] === 0xff) {
        const type = b[i + 1];
        let len;
        [len, i] = readVarLen(b, i + 2);
        if (type === 0x51) tempos.push([tick, (b[i] << 16) | (b[i + 1] << 8) | b[i + 2]]);
        if (type === 0x58) signatures.push([tick, b[i], 2 ** b[i + 1]]);
        i += len;
      } else if (b[i] === 0xf0 || b[i] === 0xf7) {
        let len;
        [len, i] = readVarLen(b, i + 1);
        i += len;
      } else {
        if (b[i] & 0x80) status = b[i++]; // otherwise running status
        const kind = status & 0xf0;
        i += kind === 0xc0 || kind === 0xd0 ? 1 : 2;
      }
    }
    at = end;
  }
  tempos.sort((x, y) => x[0] - y[0]);
  return { division, tempos, signatures };
}

/** Quarter-note times (s) from 0 up to `seconds`, following the tempo map (120 BPM before the first change). */
export function quarterNoteTimes({ division, tempos }, seconds) {
  const out = [];
  let idx = 0;
  let usPerQuarter = 500000;
  let tick = 0;
  let time = 0;
  while (time <= seconds) {
    while (idx < tempos.length && tempos[idx][0] <= tick) usPerQuarter = tempos[idx++][1];
    out.push(time);
    // the next quarter, split where the tempo changes inside it
    let left = division;
    while (left > 0) {
      const next = idx < tempos.length ? tempos[idx][0] : Infinity;
      const step = Math.min(left, next - tick);
      time += (step / division) * usPerQuarter * 1e-6;
      tick += step;
      left -= step;
      while (idx < tempos.length && tempos[idx][0] <= tick) usPerQuarter = tempos[idx++][1];
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// build the excerpts
// ---------------------------------------------------------------------------

async function decode(path) {
  const decodeAudio = (await import('audio-decode')).default;
  // audio-decode sniffs the whole backing store, so it gets a buffer of its own
  return decodeAudio(new Uint8Array(readFileSync(path)));
}

async function build(corpusDir) {
  const pkg = fetchDebianPackage(PACKAGE, { debDir: join(cache, 'deb'), xDir: join(cache, 'x'), log });
  const songsDir = join(pkg.dir, 'usr/share/games/fretsonfire/data/songs/sectoid');
  rmSync(corpusDir, { recursive: true, force: true });
  mkdirSync(corpusDir, { recursive: true });
  const songs = readdirSync(songsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  let count = 0;
  for (const song of songs) {
    const dir = join(songsDir, song);
    const map = readTempoMap(new Uint8Array(readFileSync(join(dir, 'notes.mid'))));
    for (const [, num, den] of map.signatures) {
      if (den !== 4) throw new Error(`${song}: time signature ${num}/${den}; only quarter-note beats are handled`);
    }
    const stems = await Promise.all(['song.ogg', 'guitar.ogg'].filter((f) => existsSync(join(dir, f))).map((f) => decode(join(dir, f))));
    const rate = stems[0].sampleRate;
    if (stems.some((s) => s.sampleRate !== rate)) throw new Error(`${song}: stems at different rates`);
    const frames = Math.max(...stems.map((s) => s.channelData[0].length));
    const channels = [0, 1].map((c) => {
      const mix = new Float32Array(frames);
      for (const s of stems) {
        const ch = s.channelData[Math.min(c, s.channelData.length - 1)];
        for (let i = 0; i < ch.length; i++) mix[i] += ch[i];
      }
      return mix;
    });
    const seconds = frames / rate;
    const beats = quarterNoteTimes(map, seconds);
    const slug = song.toLowerCase().replace(/[^a-z0-9]+/g, '_');
    let k = 0;
    for (let start = FIRST_S; start + EXCERPT_S <= seconds - TAIL_S; start += EVERY_S, k++) {
      const name = `${slug}_${String(k).padStart(2, '0')}`;
      const a = Math.round(start * rate);
      const b = a + Math.round(EXCERPT_S * rate);
      writeFileSync(join(corpusDir, `${name}.wav`), writeWav16(channels.map((ch) => ch.subarray(a, b)), rate));
      const local = beats.map((t) => t - start).filter((t) => t >= 0 && t < EXCERPT_S);
      writeFileSync(join(corpusDir, `${name}.beats`), local.map((t) => t.toFixed(4)).join('\n') + '\n');
      count++;
    }
    log(`${song}: ${seconds.toFixed(1)} s, ${map.tempos.length} tempo event(s), first ${(6e7 / map.tempos[0][1]).toFixed(2)} BPM, ${k} excerpts`);
  }
  writeFileSync(join(cache, 'shared', 'SOURCE'), `${PACKAGE} ${pkg.version} (${pkg.deb}); ${count} excerpts of ${EXCERPT_S} s\n`);
}

async function main() {
  const args = process.argv.slice(2);
  if (args.includes('--task')) throw new Error('beats-sectoid scores beats only; leave out --task');
  const shared = join(cache, 'shared');
  const corpusDir = join(shared, 'corpus', 'beats');
  mkdirSync(shared, { recursive: true });
  if (!existsSync(join(shared, 'SOURCE'))) await build(corpusDir);
  else log(`reusing ${corpusDir} (${readFileSync(join(shared, 'SOURCE'), 'utf8').trim()}); delete .cache/beats-sectoid/shared to rebuild`);
  // the scorer comes from the real shared folder
  rmSync(join(shared, 'eval'), { force: true });
  symlinkSync(join(sharedDir(), 'eval'), join(shared, 'eval'));
  const r = spawnSync(process.execPath, [join(repoRoot, 'eval', 'run.mjs'), '--task', 'beats', ...args], {
    stdio: 'inherit',
    env: { ...process.env, GIGSCOPE_SHARED: shared },
  });
  process.exit(r.status ?? 1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    log(`beats-sectoid: ${e.message}`);
    process.exit(1);
  });
}
