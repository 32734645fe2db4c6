#!/usr/bin/env node
// Training data for the singing/speech detector (issue 6): real recordings from
// Debian packages, fetched without root, and seeded mixes of voice over band
// material with frame labels.
//
//   node scripts/vocal-data.mjs fetch  [--cache DIR] [--rate 16000]
//       apt-get download + dpkg-deb -x the packages below, decode every chosen
//       file to mono float at --rate, write DIR/manifest-<rate>-v<version>.json
//       (16 kHz keeps the cache at 1.3 GB; mixes made at 48 kHz from it then have
//       nothing above 8 kHz, in voice and band alike: pass --rate 24000 here and
//       cacheRate: 24000 to buildTrainingSet if the features look above 8 kHz)
//   node scripts/vocal-data.mjs stats  [--cache DIR] [--cache-rate 16000]
//       minutes per class and split, from the manifest
//   node scripts/vocal-data.mjs clips  [--clips N] [--seed S] [--rate 48000] [--cache-rate 16000] [--out DIR]
//       write N mixes as 32-bit float WAV + <name>.labels.json (10 ms frames)
//
//   import { buildTrainingSet } from './vocal-data.mjs'
//   const { clips, provenance } = await buildTrainingSet({ seed, clips: 600, sampleRate: 48000 })
//   clips[i] = { name, split: 'train'|'validation', samples: Float32Array, sampleRate,
//                labels: Uint8Array (one per 10 ms), meta }
//
// Evaluation material is never touched: the eval corpus (../shared/corpus) is
// built from audio-lena, Pure Data / SuperCollider docs, ktuberling, klettres,
// Hedgewars, the FluidR3 / MuseScore General / TimGM6mb soundfonts (voices),
// and, for its beds, fretsonfire-songs-muldjord, the hydrogen Colombo kit,
// Sonic Pi's samples, abcmidi, musescore demos and Planet Blupi. None of those
// packages is downloaded here, and the one kit of hydrogen-drumkits that the
// corpus uses is skipped by name (EXCLUDED below fails loudly if one slips in).
//
// Debian's package lists must be current (`apt-get update`, once, as root);
// everything after that runs as any user.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fetchDebianPackage } from './debian-package.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_CACHE = join(ROOT, '.cache', 'vocal-data');
const FRAME_S = 0.01;
/** bumped whenever what `prepare` writes changes, so an old manifest is rebuilt rather than trusted */
const MANIFEST_VERSION = 3;
/** share of source files held out for validation (by a hash of the file's id, so stable across runs) */
const VALIDATION_SHARE = 0.15;

// Anything whose path matches one of these is evaluation material or too close
// to it; a match aborts the fetch rather than quietly training on it.
const EXCLUDED = [
  /ColomboAcousticDrumkit/i, // hydrogen kit used for the corpus's drum beds
  /audio-lena/i, /puredata/i, /supercollider/i, /ktuberling/i, /klettres/i, /hedgewars/i,
  /FluidR3/i, /MuseScore_General/i, /TimGM6mb/i, /fretsonfire-songs-muldjord/i, /sonic-pi/i,
];

// ---------------------------------------------------------------------------
// Sources. `classify(rel, ctx)` maps a file inside the extracted package to a
// class, or null to leave it out. Classes: speech, singing (voice = positive);
// instrument, drums, noise (bed = negative). `singing-sampled` is a looped
// sample of a real voice from a soundfont/patch set, rendered into sung
// phrases at mix time.
// ---------------------------------------------------------------------------
const FILLETS_SOUND = 'usr/share/games/fillets-ng/sound/';
export const SOURCES = [
  {
    pkg: 'fillets-ng-data',
    licence: 'GPL-2+ (Fish Fillets NG data, ALTAR interactive)',
    what: 'game: English dialogue (voice actors), the Vikings\' songs (viking1 d1-z-*), game music',
    classify: (rel, ctx) => {
      if (rel.startsWith('usr/share/games/fillets-ng/music/') && /\.ogg$/.test(rel)) return 'instrument';
      return filletsVoice(rel, ctx);
    },
  },
  { pkg: 'fillets-ng-data-cs', licence: 'GPL-2+ (Fish Fillets NG data)', what: 'game: Czech dialogue, many voice actors', classify: (rel, ctx) => filletsVoice(rel, ctx) },
  { pkg: 'fillets-ng-data-nl', licence: 'GPL-2+ (Fish Fillets NG data)', what: 'game: Dutch dialogue, many voice actors', classify: (rel, ctx) => filletsVoice(rel, ctx) },
  {
    pkg: 'alsa-utils',
    licence: 'GPL-2 (alsa-utils)',
    what: 'speaker-test channel names (one speaker) and a noise file',
    classify: (rel) => (!rel.startsWith('usr/share/sounds/alsa/') ? null : /Noise\.wav$/.test(rel) ? 'noise' : /\.wav$/.test(rel) ? 'speech' : null),
  },
  {
    pkg: 'colobot-common-sounds',
    licence: 'GPL-3+ (Colobot: Gold Edition music)',
    what: 'game music (instrumental, orchestral/electronic)',
    classify: (rel) => (/usr\/share\/games\/colobot\/music\/.*\.ogg$/.test(rel) ? 'instrument' : null),
  },
  {
    pkg: 'fretsonfire-songs-sectoid',
    licence: 'GPL (songs by Sectoid, per the package copyright)',
    // song.ogg is the backing mix and has not been checked for vocals: only the lead guitar stem is used
    what: 'rock songs: the lead guitar stems only',
    classify: (rel) => (/\/guitar\.ogg$/.test(rel) ? 'instrument' : null),
  },
  {
    pkg: 'lmms-common',
    licence: 'GPL-2+ (LMMS samples)',
    what: 'sample library: drum hits, beat and bass loops, instrument notes, pads, effects',
    classify: (rel) => {
      const m = /^usr\/share\/lmms\/samples\/([^/]+)\/.*\.(ogg|wav|flac)$/i.exec(rel);
      if (!m) return null;
      if (/breath|applause|crowd/i.test(rel)) return null; // human sounds: neither clean voice nor a fair negative
      return { drums: 'drums', beats: 'drums', latin: 'drums', instruments: 'instrument', stringsnpads: 'instrument', basses: 'instrument', bassloops: 'instrument', effects: 'noise', misc: 'noise' }[m[1]] ?? null;
    },
  },
  {
    pkg: 'hydrogen-drumkits',
    licence: 'GPL-2+ / CC-BY-3.0 / CC0 per kit (Hydrogen drumkits)',
    what: 'drum kits (one-shots), all but the Colombo kit',
    classify: (rel) => (/\/drumkits\/[^/]+\/.*\.(wav|flac)$/i.test(rel) && !/ColomboAcousticDrumkit/.test(rel) ? 'drums' : null),
  },
  {
    pkg: 'hydrogen-drumkits-effects',
    licence: 'GPL-2+ / CC-BY-3.0 (Hydrogen effect kits)',
    what: 'acoustic guitar strums (one-shots)',
    classify: (rel) => (/\/drumkits\/[^/]+\/.*\.(wav|flac)$/i.test(rel) ? 'instrument' : null),
  },
  {
    pkg: 'chuck-data',
    licence: 'MIT / LGPL-2+ (ChucK examples)',
    what: 'drum one-shots and a guitar loop from the ChucK examples',
    classify: (rel) => (/\.wav$/i.test(rel) ? (/geetar/.test(rel) ? 'instrument' : 'drums') : null),
  },
  {
    pkg: 'minetest-data',
    licence: 'CC-BY-SA-3.0 / CC0 / MIT per file (Minetest game sounds)',
    what: 'environment and action sounds: water, fire, wind, digging, footsteps',
    classify: (rel) => (/\/sounds\/.*\.ogg$/.test(rel) && !/player|damage|hurt|death/i.test(rel) ? 'noise' : null),
  },
  {
    pkg: 'csound-soundfont',
    licence: 'LGPL-2.1+ (Csound sf_GMbank.sf2)',
    what: 'GM soundfont: "Aahs" and "Solo Vox" voice samples (looped, real voice) and every instrument sample',
    sf2: true,
    rev: 2,
    // "Doo" is a sung syllable; laughter, screams and applause are human sounds, neither a clean voice nor a fair negative
    classify: (name) => (/synth|syn vox|laughter|scream|applause/i.test(name) ? null : /aahs|solo vox|ooh|choir|^doo\b/i.test(name) ? 'singing-sampled' : 'instrument-sampled'),
  },
  {
    pkg: 'freepats',
    licence: 'GPL-2+ (FreePats)',
    what: 'GUS patches: "Voice Oohs" (looped real voice samples) and every melodic instrument (looped notes: strings, accordion, reeds, brass, organs, guitars incl. distorted, pads)',
    // bumped when what this source contributes changes: its manifest entries are then rebuilt, the others kept
    rev: 2,
    pat: /Tone_000\/\d{3}_[^/]*\.pat$/,
    classify: (rel) => {
      if (/053_Voice_Oohs/.test(rel)) return 'singing';
      // a synthetic "voice", sound effects and noises: neither a clean voice nor a fair instrument
      if (/Echo_Voice|Goblins|Seashore|Helicopter|Fret_Noise|Bottle_Blow/.test(rel)) return null;
      return 'instrument';
    },
  },
];

/** Fish Fillets names each dialogue file by its dialogue id; the game scripts give its text. */
function filletsVoice(rel, ctx) {
  if (!rel.startsWith(FILLETS_SOUND) || !/\.ogg$/.test(rel)) return null;
  const id = basename(rel, '.ogg');
  if (/^d1-z-/.test(id) && rel.includes('/viking1/')) return 'singing'; // MELODAK/BASAK/PISKAC_SONG in viking1/code.lua
  const text = ctx.filletsText?.get(id);
  return text ? 'speech' : null; // no text = a non-verbal sound effect (phones, creaks, music)
}

function filletsDialogueText(extractDir) {
  const map = new Map();
  const scripts = join(extractDir, 'fillets-ng-data', 'usr/share/games/fillets-ng/script');
  if (!existsSync(scripts)) return map;
  for (const f of walk(scripts)) {
    if (!/dialogs(_en)?\.lua$/.test(f) && !/_dialogs_en\.lua$/.test(f)) continue;
    for (const m of readFileSync(f, 'utf8').matchAll(/dialogId\("([^"]+)",\s*"[^"]*",\s*"([^"]*)"\)/g)) {
      if (m[2].trim()) map.set(m[1], m[2]);
    }
  }
  return map;
}

// ---------------------------------------------------------------------------
// small utilities
// ---------------------------------------------------------------------------
function* walk(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile()) yield p;
  }
}
const hash01 = (s) => createHash('sha1').update(s).digest().readUInt32BE(0) / 2 ** 32;
const splitOf = (id) => (hash01(`split:${id}`) < VALIDATION_SHARE ? 'validation' : 'train');
const safeName = (s) => s.replace(/[^A-Za-z0-9._-]+/g, '_');
const log = (s) => process.stderr.write(s + '\n');

/** sfc32 seeded from a string: reproducible streams per clip, independent of clip order */
export function rngFrom(key) {
  const h = createHash('sha256').update(String(key)).digest();
  let a = h.readUInt32LE(0), b = h.readUInt32LE(4), c = h.readUInt32LE(8), d = h.readUInt32LE(12);
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const r = (t + d) | 0;
    c = (c + r) | 0;
    return (r >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const r = next;
  r.range = (lo, hi) => lo + (hi - lo) * next();
  r.int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  r.pick = (arr) => arr[Math.floor(next() * arr.length)];
  r.chance = (p) => next() < p;
  r.gauss = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return r;
}

// ---------------------------------------------------------------------------
// resampling: windowed sinc from a table, good enough that neither class gets
// aliasing or imaging the other lacks
// ---------------------------------------------------------------------------
const SINC_ZC = 16; // zero crossings each side
const SINC_RES = 256; // table points per zero crossing
const SINC_TABLE = (() => {
  const n = SINC_ZC * SINC_RES + 2;
  const t = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const x = i / SINC_RES;
    const w = x >= SINC_ZC ? 0 : 0.42 + 0.5 * Math.cos((Math.PI * x) / SINC_ZC) + 0.08 * Math.cos((2 * Math.PI * x) / SINC_ZC);
    t[i] = x === 0 ? 1 : (w * Math.sin(Math.PI * x)) / (Math.PI * x);
  }
  return t;
})();

export function resample(x, fromRate, toRate) {
  if (fromRate === toRate) return Float32Array.from(x);
  const ratio = toRate / fromRate;
  const outLen = Math.floor(x.length * ratio);
  const y = new Float32Array(outLen);
  // below 1 the kernel is widened so it also low-passes at the new Nyquist
  const scale = Math.min(1, ratio) * 0.97;
  const reach = SINC_ZC / scale;
  const step = SINC_RES * scale;
  for (let n = 0; n < outLen; n++) {
    const t = n / ratio;
    const lo = Math.max(0, Math.ceil(t - reach));
    const hi = Math.min(x.length - 1, Math.floor(t + reach));
    let acc = 0;
    for (let k = lo; k <= hi; k++) {
      const p = Math.abs(t - k) * step;
      const i = p | 0;
      const f = p - i;
      acc += x[k] * (SINC_TABLE[i] + f * (SINC_TABLE[i + 1] - SINC_TABLE[i]));
    }
    y[n] = acc * scale;
  }
  return y;
}

// ---------------------------------------------------------------------------
// decoding
// ---------------------------------------------------------------------------
let decodeFn;
async function decodeFile(path) {
  decodeFn ??= (await import('audio-decode')).default;
  // audio-decode sniffs the whole backing store, so it gets a buffer of its own
  const bytes = new Uint8Array(readFileSync(path));
  let decoded;
  try {
    decoded = await decodeFn(bytes);
  } catch (e) {
    // some LMMS samples are Ogg Vorbis wrapped in a RIFF header (format 0x674f): decode the Ogg stream inside
    const at = Buffer.from(bytes.buffer).indexOf('OggS');
    if (at <= 0) throw e;
    decoded = await decodeFn(bytes.slice(at));
  }
  const { channelData, sampleRate } = decoded;
  const mono = new Float32Array(channelData[0].length);
  for (const ch of channelData) for (let i = 0; i < mono.length; i++) mono[i] += ch[i] / channelData.length;
  return { mono, sampleRate };
}

/** SoundFont 2: every sample header (name, data, loop, root key) from sdta/pdta, without presets */
function readSf2Samples(path) {
  const f = readFileSync(path);
  let smpl = null, shdr = null;
  const chunks = (off, end, cb) => {
    while (off + 8 <= end) {
      const id = f.toString('latin1', off, off + 4), size = f.readUInt32LE(off + 4);
      cb(id, off + 8, size);
      off += 8 + size + (size & 1);
    }
  };
  chunks(12, f.length, (id, o, size) => {
    if (id !== 'LIST') return;
    chunks(o + 4, o + size, (id2, o2, s2) => {
      if (id2 === 'smpl') smpl = { o: o2, s: s2 };
      if (id2 === 'shdr') shdr = { o: o2, s: s2 };
    });
  });
  const out = [];
  for (let i = 0; i + 1 < shdr.s / 46; i++) { // the last header is the EOS terminator
    const r = shdr.o + i * 46;
    const name = f.toString('latin1', r, r + 20).replace(/\0.*$/s, '').trim();
    const [start, end, loopStart, loopEnd, rate] = [0, 4, 8, 12, 16].map((k) => f.readUInt32LE(r + 20 + k));
    const rootKey = f.readUInt8(r + 40), pitchCorr = f.readInt8(r + 41), type = f.readUInt16LE(r + 44);
    if (type & 0x8000 || end <= start) continue; // ROM samples have no data here
    const data = new Float32Array(end - start);
    for (let k = 0; k < data.length; k++) data[k] = f.readInt16LE(smpl.o + 2 * (start + k)) / 32768;
    out.push({ name, data, rate, rootKey: rootKey + pitchCorr / 100, loopStart: loopStart - start, loopEnd: loopEnd - start });
  }
  return out;
}

/** 'Aahs Db3' → 49 (MIDI, C4 = 60) */
function noteInName(name) {
  const m = /(?:^|\s)([A-G])([#b]?)(-?\d)$/.exec(name.trim());
  if (!m) return null;
  return 12 * (Number(m[3]) + 1) + { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 }[m[1]] + (m[2] === '#' ? 1 : m[2] === 'b' ? -1 : 0);
}

/** Gravis Ultrasound patch: the sample data, loop and root frequency of each layer sample */
function readPatSamples(path) {
  const f = readFileSync(path);
  if (f.toString('latin1', 0, 8) !== 'GF1PATCH') throw new Error(`${path}: not a GUS patch`);
  let o = 129 + 63; // file header, then the one instrument header
  const samples = f.readUInt8(o + 6);
  o += 47; // layer header
  const out = [];
  for (let s = 0; s < samples; s++) {
    const name = f.toString('latin1', o, o + 7).replace(/\0.*$/s, '');
    const len = f.readUInt32LE(o + 8), ls = f.readUInt32LE(o + 12), le = f.readUInt32LE(o + 16);
    const rate = f.readUInt16LE(o + 20), rootMilliHz = f.readUInt32LE(o + 30), modes = f.readUInt8(o + 55);
    o += 96;
    const wide = modes & 1, unsigned = modes & 2, bytes = wide ? 2 : 1;
    const n = len / bytes, data = new Float32Array(n);
    for (let k = 0; k < n; k++) {
      let v = wide ? (unsigned ? f.readUInt16LE(o + 2 * k) - 32768 : f.readInt16LE(o + 2 * k)) / 32768 : (unsigned ? f.readUInt8(o + k) - 128 : f.readInt8(o + k)) / 128;
      data[k] = v;
    }
    o += len;
    const rootKey = 69 + 12 * Math.log2(rootMilliHz / 1000 / 440);
    out.push({ name: name || `s${s}`, data, rate, rootKey, loopStart: ls / bytes, loopEnd: le / bytes });
  }
  return out;
}

// ---------------------------------------------------------------------------
// frame energies and activity
// ---------------------------------------------------------------------------
function frameEnergies(x, rate) {
  const hop = Math.round(rate * FRAME_S);
  const n = Math.floor(x.length / hop);
  const e = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = i * hop; k < (i + 1) * hop; k++) s += x[k] * x[k];
    e[i] = s / hop;
  }
  return e;
}
const db = (p) => 10 * Math.log10(p + 1e-20);

// ---------------------------------------------------------------------------
// fetch: download, extract, decode, manifest
// ---------------------------------------------------------------------------
export async function prepare({ cache = DEFAULT_CACHE, rate = 16000, force = false } = {}) {
  const t0 = Date.now();
  const debDir = join(cache, 'deb'), xDir = join(cache, 'x'), pcmDir = join(cache, `pcm${rate}`);
  for (const d of [debDir, xDir, pcmDir]) mkdirSync(d, { recursive: true });
  // one per cache rate and manifest version, so two rates — or two checkouts with different
  // source lists sharing one cache — can coexist; an older version's manifest is still read for reuse
  const manifestPath = join(cache, `manifest-${rate}-v${MANIFEST_VERSION}.json`);
  const legacyPath = join(cache, `manifest-${rate}.json`);
  /** entries of an older manifest, per package, that can be kept: same package version and source revision */
  const reusable = new Map();
  const previous = existsSync(manifestPath) ? manifestPath : existsSync(legacyPath) ? legacyPath : null;
  if (!force && previous) {
    const m = JSON.parse(readFileSync(previous, 'utf8'));
    const revOf = (pkg) => SOURCES.find((s) => s.pkg === pkg)?.rev ?? 1;
    const same = m.packages.map((p) => p.pkg).join() === SOURCES.map((s) => s.pkg).join();
    // a manifest for another rate or another source list is rebuilt (downloads and extractions are reused)
    if (m.version === MANIFEST_VERSION && same && m.packages.every((p) => (p.rev ?? 1) === revOf(p.pkg))) return m;
    if (m.version === MANIFEST_VERSION || m.version === 2) {
      for (const p of m.packages) {
        if ((p.rev ?? 1) !== revOf(p.pkg)) continue;
        reusable.set(`${p.pkg}@${p.version}`, m.files.filter((f) => f.pkg === p.pkg && existsSync(join(cache, f.file))));
      }
    }
  }
  const packages = [];
  for (const src of SOURCES) {
    packages.push({ ...src, ...fetchDebianPackage(src.pkg, { debDir, xDir, log }) });
  }
  const ctx = { filletsText: filletsDialogueText(xDir) };
  const files = [];
  for (const p of packages) {
    const before = files.length;
    const kept = reusable.get(`${p.pkg}@${p.version}`);
    if (kept?.length) {
      for (const f of kept) {
        if (EXCLUDED.some((re) => re.test(f.path) || re.test(f.id))) throw new Error(`excluded source reached the manifest: ${f.id}`);
        files.push({ ...f, split: splitOf(f.splitKey ?? f.id) });
      }
      log(`${p.pkg} ${p.version}: ${files.length - before} files (kept from the last manifest)`);
      continue;
    }
    const add = (entry, samples, srcRate) => {
      if (EXCLUDED.some((re) => re.test(entry.path) || re.test(entry.id))) throw new Error(`excluded source reached the manifest: ${entry.id}`);
      const out = join(pcmDir, safeName(entry.id) + '.f32');
      let x = samples;
      if (!entry.sampled) x = resample(samples, srcRate, rate);
      writeFileSync(out, Buffer.from(x.buffer, x.byteOffset, x.byteLength));
      const e = frameEnergies(x, entry.sampled ? srcRate : rate);
      let peak = 0;
      for (const v of e) peak = Math.max(peak, v);
      let active = 0;
      for (const v of e) if (db(v) >= db(peak) - 40) active++;
      files.push({
        ...entry,
        pkg: p.pkg, version: p.version, licence: p.licence,
        split: splitOf(entry.splitKey ?? entry.id),
        file: relative(cache, out),
        rate: entry.sampled ? srcRate : rate,
        sourceRate: srcRate,
        durationS: +(samples.length / srcRate).toFixed(3),
        peakFrameDb: +db(peak).toFixed(2),
        activeShare: +(active / Math.max(1, e.length)).toFixed(3),
      });
    };
    if (p.sf2) {
      for (const sf of walk(p.dir)) {
        if (!/\.sf2$/i.test(sf)) continue;
        for (const s of readSf2Samples(sf)) {
          const cls = p.classify(s.name);
          if (!cls) continue;
          const id = `${p.pkg}:${basename(sf)}#${s.name}`;
          // this bank leaves every header at key 60 and sets the real root in its instruments; the sample names carry it
          const rootKey = noteInName(s.name) ?? s.rootKey;
          add({ id, path: relative(p.dir, sf), sample: s.name, class: cls.replace('-sampled', ''), sampled: true, rootKey, loopStart: s.loopStart, loopEnd: s.loopEnd }, s.data, s.rate);
        }
      }
    } else if (p.pat) {
      for (const pf of walk(p.dir)) {
        if (!p.pat.test(pf)) continue;
        const cls = p.classify(relative(p.dir, pf));
        if (!cls) continue;
        let samples;
        try {
          samples = readPatSamples(pf);
        } catch (e) {
          log(`  skip ${relative(p.dir, pf)}: ${e.message}`);
          continue;
        }
        for (const s of samples) {
          if (s.data.length < 64 || !(s.rate > 0) || !Number.isFinite(s.rootKey)) continue;
          const id = `${p.pkg}:${relative(p.dir, pf)}#${s.name}`;
          // an instrument's notes stay on one side of the train/validation split
          const splitKey = cls === 'instrument' ? `${p.pkg}:${relative(p.dir, pf)}` : undefined;
          add({ id, splitKey, path: relative(p.dir, pf), sample: s.name, class: cls, sampled: true, rootKey: s.rootKey, loopStart: s.loopStart, loopEnd: s.loopEnd }, s.data, s.rate);
        }
      }
    } else {
      for (const abs of walk(p.dir)) {
        const rel = relative(p.dir, abs);
        const cls = p.classify(rel, ctx);
        if (!cls) continue;
        let dec;
        try {
          dec = await decodeFile(abs);
        } catch (e) {
          log(`  skip ${rel}: ${e.message}`);
          continue;
        }
        if (dec.mono.length < dec.sampleRate * 0.05) continue;
        add({ id: `${p.pkg}:${rel}`, path: rel, class: cls, sampled: false }, dec.mono, dec.sampleRate);
      }
    }
    log(`${p.pkg} ${p.version}: ${files.length - before} files`);
  }
  ensureValidationPerClass(files);
  const manifest = {
    generator: 'scripts/vocal-data.mjs',
    version: MANIFEST_VERSION,
    created: new Date().toISOString(),
    rate,
    validationShare: VALIDATION_SHARE,
    packages: packages.map(({ pkg, version, licence, what, deb, bytes, rev }) => ({ pkg, version, licence, what, deb, bytes, rev: rev ?? 1 })),
    excludedPatterns: EXCLUDED.map(String),
    seconds: Math.round((Date.now() - t0) / 1000),
    files,
  };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 1));
  return manifest;
}

/** every voice/bed class with two or more files gets at least one held-out file, so validation sees each kind */
function ensureValidationPerClass(files) {
  const key = (f) => `${f.class}|${f.sampled}`;
  for (const k of new Set(files.map(key))) {
    const group = files.filter((f) => key(f) === k);
    if (group.length < 2 || group.some((f) => f.split === 'validation')) continue;
    group.sort((a, b) => hash01(`split:${a.id}`) - hash01(`split:${b.id}`))[0].split = 'validation';
  }
}

export function summarise(manifest) {
  const rows = {};
  for (const f of manifest.files) {
    const k = `${f.class}${f.sampled ? ' (sampled)' : ''}`;
    rows[k] ??= { files: 0, train: 0, validation: 0 };
    rows[k].files++;
    rows[k][f.split] += f.durationS / 60;
  }
  return rows;
}

// ---------------------------------------------------------------------------
// mixing
// ---------------------------------------------------------------------------
class SourceStore {
  constructor(cache, manifest) {
    this.cache = cache;
    this.manifest = manifest;
    this.mem = new Map();
    this.bytes = 0;
  }
  /** the cached PCM of one file, kept in a bounded LRU so a long run stays within memory */
  pcm(f) {
    let x = this.mem.get(f.id);
    if (x) {
      this.mem.delete(f.id);
      this.mem.set(f.id, x);
      return x;
    }
    const b = readFileSync(join(this.cache, f.file));
    x = new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
    this.mem.set(f.id, x);
    this.bytes += x.byteLength;
    while (this.bytes > 1.5e9) {
      const [k, v] = this.mem.entries().next().value;
      this.mem.delete(k);
      this.bytes -= v.byteLength;
    }
    return x;
  }
  /** a stretch of one file at `rate`: resampled from the cache rate */
  segment(f, startS, lenS, rate) {
    const x = this.pcm(f);
    const a = Math.max(0, Math.floor(startS * f.rate));
    const b = Math.min(x.length, a + Math.ceil(lenS * f.rate) + 1);
    return resample(x.subarray(a, b), f.rate, rate);
  }
}

const addInto = (dst, src, at, gain = 1) => {
  for (let i = 0; i < src.length && at + i < dst.length; i++) if (at + i >= 0) dst[at + i] += gain * src[i];
};
function rms(x, mask) {
  let s = 0, n = 0;
  for (let i = 0; i < x.length; i++) if (!mask || mask[i]) { s += x[i] * x[i]; n++; }
  return Math.sqrt(s / Math.max(1, n));
}

/** a looped real-voice sample sung as a phrase: notes of a scale, legato glides, vibrato that grows through each note */
function singPhrase(sample, lenS, rate, r) {
  const out = new Float32Array(Math.round(lenS * rate));
  const data = sample.pcm, sr = sample.rate;
  const loopOk = sample.loopEnd - sample.loopStart > 32 && sample.loopEnd <= data.length;
  const tonic = sample.rootKey + r.int(-7, 5);
  const scale = r.pick([[0, 2, 4, 5, 7, 9, 11, 12], [0, 2, 3, 5, 7, 8, 10, 12], [0, 2, 4, 7, 9, 12], [0, 3, 5, 7, 10, 12]]);
  const vibRate = r.range(4.5, 7), vibDepth = r.range(0, 0.6); // semitones
  let t = 0, pos = 0, prevKey = tonic + r.pick(scale), phase = 0, restartNext = true;
  while (t < out.length) {
    const noteLen = Math.round(r.range(0.18, 1.3) * rate);
    const key = r.chance(0.15) ? prevKey : tonic + r.pick(scale) + (r.chance(0.2) ? 12 * r.pick([-1, 1]) : 0);
    const glide = Math.round(r.range(0.02, 0.09) * rate);
    const attack = Math.round(r.range(0.02, 0.12) * rate), release = Math.round(r.range(0.04, 0.2) * rate);
    // a detached note ends in a release and the next one starts from the sample's onset, like a new syllable
    const detached = r.chance(0.35);
    if (restartNext) pos = 0;
    for (let i = 0; i < noteLen && t < out.length; i++, t++) {
      const k = i < glide ? prevKey + (key - prevKey) * (i / glide) : key;
      const vib = vibDepth * Math.min(1, i / (0.4 * rate)) * Math.sin(phase);
      phase += (2 * Math.PI * vibRate) / rate;
      const step = Math.pow(2, (k + vib - sample.rootKey) / 12) * (sr / rate);
      const env = Math.min(1, restartNext ? (i + 1) / attack : 1, detached ? (noteLen - i) / release : 1);
      const j = pos | 0, fr = pos - j;
      const v = j + 1 < data.length ? data[j] + fr * (data[j + 1] - data[j]) : 0;
      out[t] = Math.max(0, env) * v;
      pos += step;
      if (loopOk && pos >= sample.loopEnd) pos -= sample.loopEnd - sample.loopStart;
      else if (!loopOk && pos >= data.length - 1) pos = data.length; // an unlooped sample just ends
    }
    prevKey = key;
    restartNext = detached;
    if (detached && r.chance(0.5)) t += Math.round(r.range(0.1, 0.6) * rate); // a breath
  }
  return out;
}

/**
 * a pad or comping part from a looped instrument sample: chords of 3–4 notes
 * held 0.8–4 s with slow swells, changing chord to chord — the sustained,
 * steady-timbre accompaniment a singer sings over, as a negative
 */
function holdChords(sample, lenS, rate, r) {
  const out = new Float32Array(Math.round(lenS * rate));
  const data = sample.pcm, sr = sample.rate;
  const loopOk = sample.loopEnd - sample.loopStart > 32 && sample.loopEnd <= data.length;
  const root = sample.rootKey + r.int(-5, 5);
  const shapes = [[0, 4, 7], [0, 3, 7], [0, 4, 7, 11], [0, 3, 7, 10], [0, 5, 7], [0, 4, 7, 12]];
  let t = 0;
  while (t < out.length) {
    const len = Math.min(out.length - t, Math.round(r.range(0.8, 4) * rate));
    const base = root + r.pick([0, 2, 4, 5, 7, 9, -3, -5]);
    const swell = Math.round(r.range(0.01, 0.5) * len);
    for (const iv of r.pick(shapes)) {
      const step = Math.pow(2, (base + iv - sample.rootKey) / 12) * (sr / rate);
      let pos = r.range(0, loopOk ? sample.loopStart : 0);
      for (let i = 0; i < len; i++) {
        const j = pos | 0, fr = pos - j;
        const v = j + 1 < data.length ? data[j] + fr * (data[j + 1] - data[j]) : 0;
        const env = Math.min(1, (i + 1) / Math.max(1, swell), (len - i) / Math.max(1, Math.round(0.05 * rate)));
        out[t + i] += 0.4 * env * v;
        pos += step;
        if (loopOk && pos >= sample.loopEnd) pos -= sample.loopEnd - sample.loopStart;
        else if (!loopOk && pos >= data.length - 1) break;
      }
    }
    t += len;
  }
  return out;
}

/**
 * a solo instrument holding long notes from a looped sample, played as a
 * player would: a slow or quick attack, vibrato that sets in after the attack
 * (4–7 Hz, up to ±35 cents, its rate wandering), tremolo (bow or bellows
 * pressure, up to ±3 dB at 3–8 Hz), a slow pitch drift of a few cents, and
 * sometimes a second, detuned copy (an ensemble or a musette reed) — the held
 * strings, accordion or horn that must not light the lamp
 */
function holdNotes(sample, lenS, rate, r) {
  const out = new Float32Array(Math.round(lenS * rate));
  const data = sample.pcm, sr = sample.rate;
  const loopOk = sample.loopEnd - sample.loopStart > 32 && sample.loopEnd <= data.length;
  const root = sample.rootKey + r.int(-7, 7);
  const layers = r.chance(0.35) ? 2 : 1;
  const detune = r.range(3, 15); // cents between the layers
  let t = 0;
  while (t < out.length) {
    const len = Math.min(out.length - t, Math.round(r.range(0.8, 4) * rate));
    const key = root + r.pick([0, 2, 3, 4, 5, 7, 9, 10, 12, -5]);
    const attack = Math.round(r.range(0.02, 0.4) * rate), release = Math.round(r.range(0.03, 0.3) * rate);
    const vibDepth = r.chance(0.7) ? r.range(0.03, 0.35) : 0, vibRate = r.range(4, 7), vibDelay = r.range(0, 0.6) * rate;
    const tremDb = r.chance(0.6) ? r.range(0.2, 3) : 0, tremRate = r.range(3, 8);
    const driftTarget = r.range(-0.05, 0.05);
    for (let l = 0; l < layers; l++) {
      let pos = r.range(0, loopOk ? sample.loopStart : 0), phase = r.range(0, 6.28), tphase = r.range(0, 6.28), rateWander = 0;
      const cents = l ? detune / 100 : 0;
      for (let i = 0; i < len; i++) {
        rateWander += (r() - 0.5) * 0.002 - 0.001 * rateWander;
        phase += (2 * Math.PI * vibRate * (1 + rateWander)) / rate;
        tphase += (2 * Math.PI * tremRate) / rate;
        const vib = vibDepth * Math.min(1, Math.max(0, (i - vibDelay) / (0.3 * rate))) * Math.sin(phase);
        const k = key + cents + vib + driftTarget * (i / len);
        const step = Math.pow(2, (k - sample.rootKey) / 12) * (sr / rate);
        const env = Math.min(1, (i + 1) / attack, (len - i) / release) * Math.pow(10, (tremDb * Math.sin(tphase)) / 20);
        const j = pos | 0, fr = pos - j;
        const v = j + 1 < data.length ? data[j] + fr * (data[j + 1] - data[j]) : 0;
        out[t + i] += (0.7 / layers) * Math.max(0, env) * v;
        pos += step;
        if (loopOk && pos >= sample.loopEnd) pos -= sample.loopEnd - sample.loopStart;
        else if (!loopOk && pos >= data.length - 1) break;
      }
    }
    t += len + (r.chance(0.3) ? Math.round(r.range(0.05, 0.5) * rate) : 0);
  }
  return out;
}

/** an overdriven amp: soft clipping at a random drive, then a cabinet-like low-pass (one pole, 2.5–6 kHz) */
function distort(x, rate, r) {
  let peak = 1e-9;
  for (const v of x) peak = Math.max(peak, Math.abs(v));
  const drive = r.range(3, 40) / peak, a = Math.exp((-2 * Math.PI * r.range(2500, 6000)) / rate);
  const y = new Float32Array(x.length);
  let lp = 0;
  for (let i = 0; i < x.length; i++) {
    lp = a * lp + (1 - a) * Math.tanh(drive * x[i]);
    y[i] = lp;
  }
  return y;
}

/** one-shots on a 16th-note grid: a drum pattern, or a riff from pitched samples */
function sequence(store, shots, lenS, rate, r, pitched) {
  const out = new Float32Array(Math.round(lenS * rate));
  const bpm = r.range(70, 175), step = 60 / bpm / 4;
  const voices = Array.from({ length: r.int(2, Math.min(6, shots.length)) }, () => ({ f: r.pick(shots), p: r.range(0.1, 0.6), g: r.range(0.3, 1) }));
  const steps = 16, pattern = voices.map((v) => Array.from({ length: steps }, () => r.chance(v.p)));
  const scale = [0, 2, 3, 5, 7, 9, 10, 12];
  const cache = new Map();
  for (let s = 0, t = 0; t < lenS; s++, t = s * step) {
    voices.forEach((v, vi) => {
      if (!pattern[vi][s % steps]) return;
      const semis = pitched ? r.pick(scale) - r.pick([0, 12]) : 0;
      const key = `${v.f.id}|${semis}`;
      let x = cache.get(key);
      if (!x) {
        const src = v.f.sampled ? Float32Array.from(v.f.pcm.subarray(0, Math.min(v.f.pcm.length, v.f.rate * 2))) : store.pcm(v.f).subarray(0, Math.min(store.pcm(v.f).length, v.f.rate * 3));
        x = resample(src, v.f.rate * Math.pow(2, semis / 12), rate);
        const fade = Math.min(x.length, Math.round(0.01 * rate)); // cut-off samples end without a click
        for (let i = 0; i < fade; i++) x[x.length - 1 - i] *= i / fade;
        cache.set(key, x);
      }
      const swing = s % 2 ? r.range(0, 0.2) * step : 0;
      addInto(out, x, Math.round((t + swing) * rate), v.g * r.range(0.7, 1));
    });
  }
  return out;
}

function coloredNoise(n, r) {
  const out = new Float32Array(n);
  const kind = r.pick(['white', 'pink', 'brown']);
  let b0 = 0, b1 = 0, b2 = 0, br = 0;
  for (let i = 0; i < n; i++) {
    const w = r() * 2 - 1;
    if (kind === 'white') out[i] = w;
    else if (kind === 'pink') {
      b0 = 0.99765 * b0 + w * 0.099046; b1 = 0.963 * b1 + w * 0.2965164; b2 = 0.57 * b2 + w * 1.0526913;
      out[i] = (b0 + b1 + b2 + w * 0.1848) * 0.2;
    } else {
      br = 0.995 * br + w * 0.05;
      out[i] = br * 3;
    }
  }
  return { x: out, kind };
}

// ---- FFT convolution (radix-2, in place) for the reverb ----
function fft(re, im, inverse) {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) { [re[i], re[j]] = [re[j], re[i]]; [im[i], im[j]] = [im[j], im[i]]; }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = ((inverse ? 2 : -2) * Math.PI) / len, wr = Math.cos(ang), wi = Math.sin(ang);
    for (let i = 0; i < n; i += len) {
      let cr = 1, ci = 0;
      for (let k = 0; k < len / 2; k++) {
        const a = i + k, b = a + len / 2;
        const tr = re[b] * cr - im[b] * ci, ti = re[b] * ci + im[b] * cr;
        re[b] = re[a] - tr; im[b] = im[a] - ti; re[a] += tr; im[a] += ti;
        const nr = cr * wr - ci * wi; ci = cr * wi + ci * wr; cr = nr;
      }
    }
  }
  if (inverse) for (let i = 0; i < n; i++) { re[i] /= n; im[i] /= n; }
}
function convolve(x, h) {
  let n = 1;
  while (n < x.length + h.length) n <<= 1;
  const ar = new Float64Array(n), ai = new Float64Array(n), br = new Float64Array(n), bi = new Float64Array(n);
  ar.set(x); br.set(h);
  fft(ar, ai, false); fft(br, bi, false);
  for (let i = 0; i < n; i++) { const r = ar[i] * br[i] - ai[i] * bi[i]; ai[i] = ar[i] * bi[i] + ai[i] * br[i]; ar[i] = r; }
  fft(ar, ai, true);
  return Float32Array.from(ar.subarray(0, x.length));
}
/** a room: exponentially decaying noise, darker as it decays, with a pre-delay; returns dry + wet */
function reverb(x, rate, r) {
  const rt60 = r.range(0.2, 2.2), pre = Math.round(r.range(0.002, 0.03) * rate);
  const n = Math.round(Math.min(rt60, 2.5) * rate);
  const h = new Float32Array(pre + n);
  let lp = 0;
  const damp = r.range(0.1, 0.6);
  for (let i = 0; i < n; i++) {
    const g = Math.exp((-6.91 * i) / (rt60 * rate));
    const a = damp * Math.min(1, i / (0.3 * rate)); // high frequencies die first
    lp = a * lp + (1 - a) * (r() * 2 - 1);
    h[pre + i] = g * lp;
  }
  let e = 0;
  for (const v of h) e += v * v;
  const wet = convolve(x, h), wetGain = r.range(0.1, 0.7) / Math.sqrt(e || 1);
  const y = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) y[i] = x[i] + wetGain * wet[i];
  return { y, rt60: +rt60.toFixed(2) };
}
/** RBJ shelving biquad */
function shelf(x, rate, freq, gainDb, high) {
  const A = Math.pow(10, gainDb / 40), w = (2 * Math.PI * freq) / rate, c = Math.cos(w), s = Math.sin(w) / Math.SQRT2;
  const sq = 2 * Math.sqrt(A) * s;
  let b0, b1, b2, a0, a1, a2;
  if (high) {
    b0 = A * (A + 1 + (A - 1) * c + sq); b1 = -2 * A * (A - 1 + (A + 1) * c); b2 = A * (A + 1 + (A - 1) * c - sq);
    a0 = A + 1 - (A - 1) * c + sq; a1 = 2 * (A - 1 - (A + 1) * c); a2 = A + 1 - (A - 1) * c - sq;
  } else {
    b0 = A * (A + 1 - (A - 1) * c + sq); b1 = 2 * A * (A - 1 - (A + 1) * c); b2 = A * (A + 1 - (A - 1) * c - sq);
    a0 = A + 1 + (A - 1) * c + sq; a1 = -2 * (A - 1 + (A + 1) * c); a2 = A + 1 + (A - 1) * c - sq;
  }
  const y = new Float32Array(x.length);
  let x1 = 0, x2 = 0, y1 = 0, y2 = 0;
  for (let i = 0; i < x.length; i++) {
    const v = (b0 * x[i] + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2) / a0;
    x2 = x1; x1 = x[i]; y2 = y1; y1 = v; y[i] = v;
  }
  return y;
}

function pools(manifest, split) {
  const of = (pred) => manifest.files.filter((f) => f.split === split && pred(f));
  return {
    speech: of((f) => f.class === 'speech'),
    singing: of((f) => f.class === 'singing' && !f.sampled),
    sampledVoice: of((f) => f.class === 'singing' && f.sampled && f.loopEnd - f.loopStart > 32),
    music: of((f) => !f.sampled && (f.class === 'instrument' || f.class === 'drums') && f.durationS >= 3),
    drumShots: of((f) => !f.sampled && f.class === 'drums' && f.durationS < 3),
    instShots: of((f) => (f.class === 'instrument' && f.durationS < 3) || (f.sampled && f.class === 'instrument')),
    // looped instrument samples, played as legato melodies with glides and vibrato (singPhrase):
    // the same phrasing the sung lines get, so phrasing alone cannot mean "voice"
    instLooped: of((f) => f.sampled && f.class === 'instrument' && f.loopEnd - f.loopStart > 32),
    noise: of((f) => !f.sampled && f.class === 'noise'),
  };
}

function groupOf(f) {
  // one-shots are sequenced within their kit / package, so a pattern sounds like one instrument set
  return f.pkg === 'hydrogen-drumkits' ? f.path.split('/').slice(0, 6).join('/') : f.pkg;
}

/** the band or other non-vocal bed: 1–3 layers */
function buildBed(store, P, lenS, rate, r, meta) {
  const bed = new Float32Array(Math.round(lenS * rate));
  // a solo instrument alone now and then (held notes, a melody or a pad): the case the lamp confused most
  const solo = meta.kind === 'bed' && P.instLooped.length && r.chance(0.45);
  const layers = solo ? 1 : r.int(1, 3);
  for (let l = 0; l < layers; l++) {
    const kind = solo ? r.pick(['held', 'held', 'melody', 'pad']) : r.pick(['music', 'music', 'drums', 'drums', 'inst', 'melody', 'pad', 'held', 'noise']);
    let x, desc;
    if (kind === 'music' && P.music.length) {
      const f = r.pick(P.music);
      const start = Math.max(0, r.range(0, f.durationS - lenS));
      x = store.segment(f, start, lenS, rate);
      if (x.length < bed.length) { // short loops are tiled
        const y = new Float32Array(bed.length);
        for (let i = 0; i < y.length; i++) y[i] = x[i % x.length];
        x = y;
      }
      desc = { kind, id: f.id, start: +start.toFixed(2) };
    } else if (kind === 'pad' && P.instLooped.length) {
      const f = r.pick(P.instLooped);
      f.pcm ??= store.pcm(f);
      x = holdChords(f, lenS, rate, r);
      desc = { kind: 'pad', id: f.id };
    } else if (kind === 'held' && P.instLooped.length) {
      const f = r.pick(P.instLooped);
      f.pcm ??= store.pcm(f);
      x = holdNotes(f, lenS, rate, r);
      desc = { kind: 'held', id: f.id };
    } else if (kind === 'melody' && P.instLooped.length) {
      const f = r.pick(P.instLooped);
      f.pcm ??= store.pcm(f);
      x = singPhrase(f, lenS, rate, r);
      desc = { kind: 'melody', id: f.id };
    } else if ((kind === 'drums' || kind === 'inst') && (kind === 'drums' ? P.drumShots : P.instShots).length) {
      const all = kind === 'drums' ? P.drumShots : P.instShots;
      const g = groupOf(r.pick(all));
      const shots = all.filter((f) => groupOf(f) === g);
      for (const f of shots) if (f.sampled) f.pcm ??= store.pcm(f);
      x = sequence(store, shots, lenS, rate, r, kind === 'inst');
      desc = { kind: kind === 'drums' ? 'drum pattern' : 'riff', group: g };
    } else if (P.noise.length && r.chance(0.6)) {
      const f = r.pick(P.noise);
      x = store.segment(f, Math.max(0, r.range(0, f.durationS - lenS)), lenS, rate);
      desc = { kind: 'noise', id: f.id };
    } else {
      const n = coloredNoise(bed.length, r);
      x = n.x;
      desc = { kind: 'noise', generated: n.kind };
    }
    if (kind !== 'noise' && kind !== 'drums' && r.chance(0.2)) {
      x = distort(x, rate, r);
      desc.distorted = true;
    }
    const g = Math.pow(10, r.range(-8, 0) / 20) / (rms(x) || 1);
    addInto(bed, x, 0, g);
    meta.bed.push(desc);
  }
  return bed;
}

/** the dry voice track: speech utterances or sung lines, possibly entering mid-clip, with gaps */
function buildVoice(store, P, lenS, rate, r, meta) {
  const n = Math.round(lenS * rate);
  const voice = new Float32Array(n);
  const ref = new Float64Array(n); // per-sample reference power of the source under it, for the label threshold
  const sing = r.chance(0.5) && (P.singing.length || P.sampledVoice.length);
  let t = r.chance(0.5) ? 0 : r.range(0, lenS * 0.6);
  let events = 0;
  while (t < lenS - 0.3 && events < 6) {
    let x, f, gain = Math.pow(10, r.range(-6, 0) / 20);
    if (sing && (!P.singing.length || (P.sampledVoice.length && r.chance(0.6)))) {
      f = r.pick(P.sampledVoice);
      f.pcm ??= store.pcm(f);
      x = singPhrase(f, Math.min(lenS - t, r.range(1, 5)), rate, r);
      meta.voice.push({ id: f.id, kind: 'sung (sampled voice)', at: +t.toFixed(2) });
    } else {
      f = r.pick(sing ? P.singing : P.speech);
      const take = Math.min(f.durationS, lenS - t);
      const start = f.durationS > take ? r.range(0, f.durationS - take) : 0;
      x = store.segment(f, start, take, rate);
      meta.voice.push({ id: f.id, kind: f.class, at: +t.toFixed(2), start: +start.toFixed(2) });
    }
    const at = Math.round(t * rate);
    addInto(voice, x, at, gain);
    // sampled phrases have no file-wide peak, so their own peak is the reference
    const refP = f.sampled ? Math.max(...frameEnergies(x, rate)) : Math.pow(10, f.peakFrameDb / 10);
    for (let i = at; i < Math.min(n, at + x.length); i++) ref[i] = Math.max(ref[i], refP * gain * gain);
    events++;
    t += x.length / rate + r.range(0.15, 2.0);
  }
  return { voice, ref };
}

/** one training example; everything random comes from `r` */
export function makeClip(store, P, { rate, r, name, split }) {
  const lenS = r.range(4, 8);
  const n = Math.round(lenS * rate);
  const frames = Math.floor(lenS / FRAME_S);
  const u = r();
  const kind = u < 0.5 ? 'mix' : u < 0.85 ? 'bed' : 'voice';
  const meta = { kind, voice: [], bed: [], durationS: +lenS.toFixed(2) };
  let labels = new Uint8Array(frames);
  let voice = null, bed = null;
  if (kind !== 'bed') {
    const v = buildVoice(store, P, lenS, rate, r, meta);
    voice = v.voice;
    // the label threshold follows each utterance's own source peak (−40 dB), not the clip's loudest moment
    const hop = Math.round(rate * FRAME_S);
    const refFrames = new Float64Array(frames);
    for (let i = 0; i < frames; i++) refFrames[i] = v.ref[Math.min(n - 1, i * hop)];
    const e = frameEnergies(voice, rate);
    const on = new Uint8Array(frames);
    for (let i = 0; i < Math.min(frames, e.length); i++) if (refFrames[i] > 0 && e[i] >= refFrames[i] * 1e-4) on[i] = 1;
    for (let i = 0; i < frames; i++) if (on[i]) for (let k = Math.max(0, i - 3); k <= Math.min(frames - 1, i + 3); k++) labels[k] = 1;
    if (r.chance(0.5)) { const rv = reverb(voice, rate, r); voice = rv.y; meta.voiceReverbRt60 = rv.rt60; }
  }
  if (kind !== 'voice') {
    bed = buildBed(store, P, lenS, rate, r, meta);
    if (r.chance(0.3)) { const rv = reverb(bed, rate, r); bed = rv.y; meta.bedReverbRt60 = rv.rt60; }
  }
  let mix = new Float32Array(n);
  if (voice && bed) {
    // voice-to-band ratio over the frames where the voice is active
    const mask = new Uint8Array(n);
    const hop = Math.round(rate * FRAME_S);
    for (let i = 0; i < n; i++) mask[i] = labels[Math.min(frames - 1, Math.floor(i / hop))];
    const vbr = r.range(-12, 6);
    const vr = rms(voice, mask), br = rms(bed, mask) || rms(bed);
    addInto(mix, bed, 0, 1);
    addInto(mix, voice, 0, vr > 0 ? (Math.pow(10, vbr / 20) * br) / vr : 0);
    meta.vbrDb = +vbr.toFixed(1);
  } else if (voice) {
    addInto(mix, voice, 0, 1);
    if (r.chance(0.5)) { // a little room noise, so silence is not digital zero
      const nz = coloredNoise(n, r).x;
      addInto(mix, nz, 0, (rms(voice) * Math.pow(10, r.range(-60, -35) / 20)) / (rms(nz) || 1));
    }
  } else addInto(mix, bed, 0, 1);
  if (r.chance(0.7)) {
    const lo = r.range(-9, 9), hi = r.range(-9, 9), fl = r.range(80, 400), fh = r.range(2000, 9000);
    mix = shelf(shelf(mix, rate, fl, lo, false), rate, Math.min(fh, rate * 0.45), hi, true);
    meta.eq = { lowShelf: [Math.round(fl), +lo.toFixed(1)], highShelf: [Math.round(fh), +hi.toFixed(1)] };
  }
  // level: −20 dBFS RMS ± 12 dB; only scaled down if it would clip, so the sweep stays a sweep
  const gainDb = r.range(-12, 12);
  let g = Math.pow(10, (-20 + gainDb) / 20) / (rms(mix) || 1);
  let peak = 0;
  for (const v of mix) peak = Math.max(peak, Math.abs(v));
  meta.levelDb = +(-20 + gainDb).toFixed(1);
  if (peak * g > 0.99) {
    g = 0.99 / peak;
    meta.levelCappedByPeak = true;
  }
  for (let i = 0; i < n; i++) mix[i] *= g;
  return { name, split, samples: mix, sampleRate: rate, labels, meta };
}

/**
 * The training set as the training script uses it: `clips` mixes, a
 * `validationShare` of them built only from held-out source files.
 */
export async function buildTrainingSet({ seed = 1, clips = 600, sampleRate = 48000, cache = DEFAULT_CACHE, cacheRate = 16000, validationShare = VALIDATION_SHARE } = {}) {
  const manifest = await prepare({ cache, rate: cacheRate });
  const store = new SourceStore(cache, manifest);
  const P = { train: pools(manifest, 'train'), validation: pools(manifest, 'validation') };
  const out = [];
  for (let i = 0; i < clips; i++) {
    const r = rngFrom(`${seed}:${i}`);
    const split = r() < validationShare ? 'validation' : 'train';
    out.push(makeClip(store, P[split], { rate: sampleRate, r, name: `mix${String(i).padStart(5, '0')}`, split }));
  }
  return { clips: out, provenance: provenanceLines(manifest), manifest };
}

export function provenanceLines(manifest) {
  const byPkg = new Map();
  for (const f of manifest.files) {
    const k = f.pkg;
    const e = byPkg.get(k) ?? { min: {}, version: f.version, licence: f.licence };
    const cls = `${f.class}${f.sampled ? ' (sampled voice/instrument)' : ''}`;
    e.min[cls] = (e.min[cls] ?? 0) + f.durationS / 60;
    byPkg.set(k, e);
  }
  return [...byPkg].map(([pkg, e]) => `Debian ${pkg} ${e.version} [${e.licence}]: ${Object.entries(e.min).map(([c, m]) => `${c} ${m.toFixed(1)} min`).join(', ')}`);
}

// ---------------------------------------------------------------------------
// WAV writer (32-bit float, mono) for the CLI
// ---------------------------------------------------------------------------
function wavFloat(x, rate) {
  // WAVE_FORMAT_IEEE_FLOAT wants the 18-byte fmt chunk (cbSize = 0) and a fact chunk
  const b = Buffer.alloc(58 + x.length * 4);
  b.write('RIFF', 0); b.writeUInt32LE(50 + x.length * 4, 4); b.write('WAVE', 8);
  b.write('fmt ', 12); b.writeUInt32LE(18, 16); b.writeUInt16LE(3, 20); b.writeUInt16LE(1, 22);
  b.writeUInt32LE(rate, 24); b.writeUInt32LE(rate * 4, 28); b.writeUInt16LE(4, 32); b.writeUInt16LE(32, 34); b.writeUInt16LE(0, 36);
  b.write('fact', 38); b.writeUInt32LE(4, 42); b.writeUInt32LE(x.length, 46);
  b.write('data', 50); b.writeUInt32LE(x.length * 4, 54);
  Buffer.from(x.buffer, x.byteOffset, x.byteLength).copy(b, 58);
  return b;
}

async function main() {
  const { values: o, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      cache: { type: 'string', default: DEFAULT_CACHE },
      rate: { type: 'string' },
      'cache-rate': { type: 'string', default: '16000' },
      clips: { type: 'string', default: '50' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
  });
  const cmd = positionals[0] ?? 'fetch';
  const cacheRate = Number(cmd === 'fetch' ? (o.rate ?? o['cache-rate']) : o['cache-rate']);
  if (cmd === 'fetch' || cmd === 'stats') {
    const t0 = Date.now();
    const m = await prepare({ cache: o.cache, rate: cacheRate, force: o.force });
    for (const p of m.packages) log(`  ${p.pkg} ${p.version} (${(p.bytes / 1e6).toFixed(1)} MB .deb) — ${p.licence}`);
    console.table(Object.fromEntries(Object.entries(summarise(m)).map(([k, v]) => [k, { files: v.files, 'train min': +v.train.toFixed(1), 'validation min': +v.validation.toFixed(1) }])));
    log(`${m.files.length} files; prepared in ${m.seconds} s (this call ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } else if (cmd === 'clips') {
    const rate = Number(o.rate ?? 48000);
    const out = o.out ?? join(o.cache, 'clips');
    mkdirSync(out, { recursive: true });
    const t0 = Date.now();
    const set = await buildTrainingSet({ seed: Number(o.seed), clips: Number(o.clips), sampleRate: rate, cache: o.cache, cacheRate });
    for (const c of set.clips) {
      writeFileSync(join(out, `${c.name}.wav`), wavFloat(c.samples, rate));
      writeFileSync(join(out, `${c.name}.labels.json`), JSON.stringify({ frameS: FRAME_S, split: c.split, meta: c.meta, labels: Array.from(c.labels).join('') }));
    }
    const v = set.clips.reduce((a, c) => a + c.labels.reduce((s, x) => s + x, 0), 0);
    const f = set.clips.reduce((a, c) => a + c.labels.length, 0);
    log(`${set.clips.length} clips (${set.clips.filter((c) => c.split === 'validation').length} validation) in ${((Date.now() - t0) / 1000).toFixed(1)} s, voice frames ${(v / f * 100).toFixed(1)} %, written to ${out}`);
  } else {
    log('usage: node scripts/vocal-data.mjs fetch|stats|clips [--cache DIR] [--rate R] [--clips N] [--seed S] [--out DIR]');
    process.exitCode = 2;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
