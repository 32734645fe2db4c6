/**
 * Synthesised demo clip for gigscope.
 *
 * The app needs something to play when no microphone is available, and the
 * analysis code (beat tracker, key/chord estimator) needs material with a
 * known answer. Rendering the clip from code gives us both: the licence is
 * ours, and the beat and chord times returned alongside the audio are exact
 * because they are the very times the synthesiser used.
 *
 * Musical content: 112 BPM in 4/4, A minor. One bar of hi-hat count-in, then
 * the progression Am - F - C - G (i - VI - III - VII), two bars per chord,
 * looped for as long as the clip lasts. Drums, a filtered saw bass on the
 * chord roots, detuned pads and a simple lead melody in the scale. A final
 * bar that does not fit completely is turned into a held tonic so the clip
 * never stops on an unresolved chord.
 *
 * Determinism: every random value comes from the seeded PRNG below and the
 * arithmetic is plain IEEE double maths (+, -, *, /, Math.sin, Math.exp,
 * Math.tan, Math.floor, Math.tanh, integer bit ops in the PRNG; V8 uses the
 * same portable fdlibm code for the transcendental functions everywhere), so a given
 * (sampleRate, seconds) pair renders the same samples on every run.
 *
 * Band-limiting: all pitched voices are wavetables built additively with
 * only the harmonics that fit below 0.45 * sampleRate, and filter cutoffs
 * are clamped relative to the sample rate, so the clip renders cleanly from
 * 8 kHz up to 96 kHz without aliasing or unstable filters.
 */

export interface DemoClip {
  sampleRate: number;
  /** Stereo: [left, right]. */
  channels: Float32Array[];
  bpm: number;
  /** Key in mir_eval spelling, e.g. 'A minor'. */
  key: string;
  /** Every beat (count-in included), in seconds from the start of the clip. */
  beats: number[];
  /** Chord segments in Harte notation; each lasts until the next entry. 'N' = no chord. */
  chords: { time: number; chord: string }[];
}

// ---------------------------------------------------------------------------
// Arrangement constants
// ---------------------------------------------------------------------------

const BPM = 112;
const KEY = 'A minor';
/** Fixed seed: changing it changes the noise in every drum hit. */
const SEED = 0x9e3779b9;
/**
 * The first beat sits slightly after t = 0 so the 10 ms fade-in does not eat
 * the first count-in hat, and onset detectors get a little silence to settle.
 */
const LEAD_IN = 0.1;
/** Fade length at both ends, long enough to avoid clicks, short enough to be inaudible. */
const FADE_SECONDS = 0.01;
/** Target sample peak: -3 dBFS. */
const TARGET_PEAK = Math.exp((-3 / 20) * Math.LN10);

interface ChordDef {
  harte: string;
  /** Bass root as a MIDI note, kept in the E2..C3 area. */
  bass: number;
  /** Pad voicing (MIDI), voice-led so the top voices move by step. */
  pad: number[];
}

/** i - VI - III - VII in A minor. */
const PROGRESSION: ChordDef[] = [
  { harte: 'A:min', bass: 45, pad: [57, 60, 64] }, // A2 | A3 C4 E4
  { harte: 'F:maj', bass: 41, pad: [57, 60, 65] }, // F2 | A3 C4 F4
  { harte: 'C:maj', bass: 48, pad: [55, 60, 64] }, // C3 | G3 C4 E4
  { harte: 'G:maj', bass: 43, pad: [55, 59, 62] }, // G2 | G3 B3 D4
];
const BARS_PER_CHORD = 2;

/**
 * Bass rhythm for one bar: [start beat, length in beats, interval above root].
 * Root on the downbeat (released before the snare so the backbeat has room),
 * a push on the "and" of 2, and a fifth/octave pickup
 * into the next bar; it locks with the kick pattern below.
 */
const BASS_PATTERN: [number, number, number][] = [
  [0, 0.9, 0],
  [1.5, 0.4, 0],
  [2, 0.85, 0],
  [3, 0.4, 7],
  [3.5, 0.4, 12],
];

/**
 * Lead melody, one entry per bar of the 8-bar loop: [start beat, beats, MIDI].
 * Stays in A natural minor, lands on chord tones at the bar starts.
 */
const MELODY: [number, number, number][][] = [
  // Am
  [[0, 1, 76], [1, 0.5, 74], [1.5, 0.5, 72], [2, 1, 74], [3, 1, 76]],
  [[0, 1.5, 72], [1.5, 0.5, 71], [2, 2, 69]],
  // F
  [[0, 0.5, 69], [0.5, 0.5, 72], [1, 1, 77], [2, 1, 76], [3, 1, 72]],
  [[0, 1, 74], [1, 1, 72], [2, 2, 69]],
  // C
  [[0, 0.5, 67], [0.5, 0.5, 72], [1, 1, 76], [2, 1, 79], [3, 1, 76]],
  [[0, 1, 74], [1, 1, 76], [2, 2, 72]],
  // G
  [[0, 1, 71], [1, 1, 74], [2, 1, 79], [3, 0.5, 77], [3.5, 0.5, 76]],
  [[0, 1.5, 74], [1.5, 0.5, 72], [2, 1, 71], [3, 1, 74]],
];

// Mix levels (linear). Balanced by rendering each part alone and measuring
// its RMS against the full mix (kick ~-23, bass ~-24, pads/lead ~-27, snare
// ~-32, hats ~-37 dBFS), which also puts the crest factor where peak
// normalisation to -3 dBFS leaves the RMS near -18 dBFS.
const LVL_KICK = 1.0;
const LVL_SNARE = 1.1;
const LVL_HAT = 0.42;
const LVL_CRASH = 0.25;
const LVL_BASS = 0.42;
const LVL_PAD = 0.085; // per oscillator; 3 voices x 2 detuned oscillators
const LVL_LEAD = 0.28;

// Pan positions in [-1, 1]. Kick, snare and bass stay centred (mono
// compatibility, and it keeps the low end solid); everything else is spread
// mildly so both channels still carry every instrument.
const PAN_HAT = 0.35;
const PAN_CRASH = -0.25;
const PAN_PAD_A = -0.5;
const PAN_PAD_B = 0.5;
const PAN_LEAD = -0.12;

// ---------------------------------------------------------------------------
// Small DSP helpers
// ---------------------------------------------------------------------------

const TWO_PI = 2 * Math.PI;

/**
 * mulberry32: tiny 32-bit PRNG. Integer-only state, so the sequence is
 * identical on every JS engine. Returns values in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function midiToHz(midi: number): number {
  return 440 * Math.exp(((midi - 69) / 12) * Math.LN2);
}

/** Constant-power pan gains; at |pan| < 1 both channels get some signal. */
function panGains(pan: number): [number, number] {
  return [Math.sin(((1 - pan) * Math.PI) / 4), Math.sin(((1 + pan) * Math.PI) / 4)];
}

/**
 * One-pole low-pass coefficient. Always in (0, 1), so the filter is stable
 * at any cutoff/sample-rate combination, which is what lets us render at
 * 8 kHz without special cases.
 */
function onePoleCoef(cutoffHz: number, sampleRate: number): number {
  return 1 - Math.exp((-TWO_PI * cutoffHz) / sampleRate);
}

/** Per-sample multiplier for an exponential decay with time constant tau. */
function decayMul(tau: number, sampleRate: number): number {
  return Math.exp(-1 / (tau * sampleRate));
}

/**
 * Trapezoidal (zero-delay-feedback) state-variable filter. Unlike the
 * one-pole above, its cutoff is accurate right up to Nyquist and it is
 * unconditionally stable, so the noise-based drums keep their tone and
 * level at every sample rate. Outputs are read from low/band/high after
 * calling process().
 */
class Svf {
  low = 0;
  band = 0;
  high = 0;
  private ic1 = 0;
  private ic2 = 0;
  private readonly a1: number;
  private readonly a2: number;
  private readonly a3: number;
  private readonly k: number;

  constructor(cutoffHz: number, q: number, sampleRate: number) {
    const g = Math.tan((Math.PI * cutoffHz) / sampleRate);
    this.k = 1 / q;
    this.a1 = 1 / (1 + g * (g + this.k));
    this.a2 = g * this.a1;
    this.a3 = g * this.a2;
  }

  process(x: number): void {
    const v3 = x - this.ic2;
    const v1 = this.a1 * this.ic1 + this.a2 * v3;
    const v2 = this.ic2 + this.a2 * this.ic1 + this.a3 * v3;
    this.ic1 = 2 * v1 - this.ic1;
    this.ic2 = 2 * v2 - this.ic2;
    this.low = v2;
    this.band = v1;
    this.high = x - this.k * v1 - v2;
  }
}

const TABLE_SIZE = 2048;

/**
 * Builds one cycle of a waveform additively. Only harmonics below
 * 0.45 * sampleRate (allowing for detune/vibrato headroom) are included, so
 * reading the table can never alias. One guard sample is appended so linear
 * interpolation never needs a wrap check.
 */
function buildTable(
  freq: number,
  sampleRate: number,
  maxHarmonics: number,
  amp: (n: number) => number,
): Float64Array {
  const limit = Math.floor((0.45 * sampleRate) / (freq * 1.01));
  const count = Math.max(1, Math.min(maxHarmonics, limit));
  const table = new Float64Array(TABLE_SIZE + 1);
  for (let h = 1; h <= count; h++) {
    const a = amp(h);
    if (a === 0) continue;
    for (let i = 0; i < TABLE_SIZE; i++) {
      table[i] += a * Math.sin((TWO_PI * h * i) / TABLE_SIZE);
    }
  }
  table[TABLE_SIZE] = table[0];
  return table;
}

function readTable(table: Float64Array, phase: number): number {
  const x = phase * TABLE_SIZE;
  const i = Math.floor(x);
  const f = x - i;
  const a = table[i];
  return a + (table[i + 1] - a) * f;
}

/** Linear attack / release envelope value at sample k of a note. */
function arEnv(k: number, attack: number, gateEnd: number, release: number): number {
  if (k < attack) return k / attack;
  if (k < gateEnd) return 1;
  const r = 1 - (k - gateEnd) / release;
  return r > 0 ? r : 0;
}

// ---------------------------------------------------------------------------
// Renderer
// ---------------------------------------------------------------------------

/**
 * Renders the demo clip.
 * @param sampleRate output sample rate in Hz (8 kHz .. 192 kHz sensible)
 * @param seconds clip length; the output has round(seconds * sampleRate) frames
 */
export function renderDemoClip(sampleRate = 44100, seconds = 24): DemoClip {
  if (!Number.isFinite(sampleRate) || sampleRate < 1000) {
    throw new RangeError(`renderDemoClip: sampleRate must be >= 1000, got ${sampleRate}`);
  }
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new RangeError(`renderDemoClip: seconds must be > 0, got ${seconds}`);
  }

  const fs = sampleRate;
  const n = Math.round(seconds * fs);
  // Mix in double precision; convert to float32 only at the end.
  const L = new Float64Array(n);
  const R = new Float64Array(n);
  const rand = mulberry32(SEED);
  const noise = (): number => 2 * rand() - 1;
  const nyqSafe = (hz: number): number => Math.min(hz, 0.42 * fs);
  const toSample = (t: number): number => Math.floor(t * fs + 0.5);

  const spb = 60 / BPM;
  const barLen = 4 * spb;
  const stepLen = spb / 4; // sixteenth note

  // --- Instruments. Each adds its voice into L/R with the given pan gains. ---

  const kick = (t: number, vel: number): void => {
    // Body: sine whose pitch falls exponentially from 150 Hz to 48 Hz. The
    // phase is the closed-form integral of that frequency curve, so there is
    // no accumulated error and no dependence on block size.
    const start = toSample(t);
    const len = Math.floor(0.42 * fs);
    const f0 = 150;
    const f1 = 48;
    const tauP = 0.03;
    const ampMul = decayMul(0.16, fs);
    const clickMul = decayMul(0.0008, fs);
    const clickLp = onePoleCoef(nyqSafe(5000), fs);
    let amp = 1;
    let click = 0.55;
    let lp = 0;
    const attack = Math.max(1, Math.floor(0.0005 * fs));
    for (let k = 0; k < len; k++) {
      const i = start + k;
      if (i >= n) break;
      const tt = k / fs;
      const phase = TWO_PI * (f1 * tt + (f0 - f1) * tauP * (1 - Math.exp(-tt / tauP)));
      lp += clickLp * (noise() * click - lp);
      // Gentle tanh drive adds the harmonics that make a kick audible on
      // small speakers without changing its pitch envelope.
      const body = Math.tanh(1.6 * Math.sin(phase) * amp) / Math.tanh(1.6);
      const a = k < attack ? k / attack : 1;
      const s = vel * LVL_KICK * a * (body + lp);
      L[i] += s * 0.7071;
      R[i] += s * 0.7071;
      amp *= ampMul;
      click *= clickMul;
    }
  };

  const snare = (t: number, vel: number): void => {
    // Two decaying tones for the drum shell plus band-passed noise for the
    // wires (high-pass ~1.2 kHz into low-pass ~8 kHz).
    const start = toSample(t);
    const len = Math.floor(0.32 * fs);
    const hp = new Svf(nyqSafe(1200), 0.7, fs);
    const lp = new Svf(nyqSafe(8000), 0.7, fs);
    const toneMul1 = decayMul(0.05, fs);
    const toneMul2 = decayMul(0.03, fs);
    const noiseMul = decayMul(0.11, fs);
    let e1 = 0.45;
    let e2 = 0.25;
    let en = 1;
    for (let k = 0; k < len; k++) {
      const i = start + k;
      if (i >= n) break;
      const tt = k / fs;
      hp.process(noise());
      lp.process(hp.high);
      const tone = e1 * Math.sin(TWO_PI * 185 * tt) + e2 * Math.sin(TWO_PI * 330 * tt);
      const s = vel * LVL_SNARE * (tone + en * lp.low);
      L[i] += s * 0.7071;
      R[i] += s * 0.7071;
      e1 *= toneMul1;
      e2 *= toneMul2;
      en *= noiseMul;
    }
  };

  const noiseHit = (
    t: number,
    vel: number,
    seconds: number,
    tau: number,
    cutoff: number,
    level: number,
    gL: number,
    gR: number,
  ): void => {
    // Resonant-ish high-passed white noise: the metallic "tss" of a cymbal.
    // The cutoff is capped at 30% of the sample rate so that at 8 kHz there
    // is still a band of noise left to hear.
    const start = toSample(t);
    const len = Math.floor(seconds * fs);
    const hp = new Svf(Math.min(cutoff, 0.3 * fs), 1.2, fs);
    const mul = decayMul(tau, fs);
    let env = 1;
    for (let k = 0; k < len; k++) {
      const i = start + k;
      if (i >= n) break;
      hp.process(noise());
      const s = vel * level * env * hp.high;
      L[i] += s * gL;
      R[i] += s * gR;
      env *= mul;
    }
  };
  const [hatL, hatR] = panGains(PAN_HAT);
  const hat = (t: number, vel: number): void =>
    noiseHit(t, vel, 0.15, 0.028, 7500, LVL_HAT, hatL, hatR);
  const [crashL, crashR] = panGains(PAN_CRASH);
  const crash = (t: number, vel: number): void =>
    noiseHit(t, vel, 2.0, 0.55, 5000, LVL_CRASH, crashL, crashR);

  // Wavetables are cached per (instrument, note) because their harmonic
  // count depends on pitch and sample rate.
  const tables = new Map<string, Float64Array>();
  const table = (
    name: string,
    midi: number,
    maxH: number,
    amp: (h: number) => number,
  ): Float64Array => {
    const key = `${name}:${midi}`;
    let tab = tables.get(key);
    if (!tab) {
      tab = buildTable(midiToHz(midi), fs, maxH, amp);
      tables.set(key, tab);
    }
    return tab;
  };
  const sawAmp = (h: number): number => 1 / h;
  const padAmp = (h: number): number => 1 / (h * Math.sqrt(h)); // darker than a saw
  const leadAmp = (h: number): number => [0, 1, 0.45, 0.28, 0.12, 0.08, 0.04][h] ?? 0;

  const bassNote = (t: number, beats: number, midi: number, vel: number): void => {
    // Saw through two one-pole low-passes whose cutoff opens at the note
    // start and settles low: a soft "pluck" that stays out of the kick's way.
    const tab = table('bass', midi, 12, sawAmp);
    const freq = midiToHz(midi);
    const start = toSample(t);
    const gate = Math.floor(beats * spb * fs);
    const attack = Math.max(1, Math.floor(0.004 * fs));
    const release = Math.max(1, Math.floor(0.03 * fs));
    const len = gate + release;
    const inc = freq / fs;
    const cutMul = decayMul(0.09, fs);
    let cutEnv = 1;
    let phase = 0;
    let y1 = 0;
    let y2 = 0;
    for (let k = 0; k < len; k++) {
      const i = start + k;
      if (i >= n) break;
      const c = onePoleCoef(nyqSafe(220 + 1100 * cutEnv), fs);
      y1 += c * (readTable(tab, phase) - y1);
      y2 += c * (y1 - y2);
      const s = vel * LVL_BASS * arEnv(k, attack, gate, release) * y2;
      L[i] += s * 0.7071;
      R[i] += s * 0.7071;
      phase += inc;
      phase -= Math.floor(phase);
      cutEnv *= cutMul;
    }
  };

  const [padAL, padAR] = panGains(PAN_PAD_A);
  const [padBL, padBR] = panGains(PAN_PAD_B);
  const padNote = (t: number, dur: number, midi: number): void => {
    // Two oscillators detuned by +-6 cents and panned apart give the pad its
    // width; a slow attack/release keeps it behind the drums.
    const tab = table('pad', midi, 14, padAmp);
    const freq = midiToHz(midi);
    const detune = Math.exp((6 / 1200) * Math.LN2);
    const incA = (freq * detune) / fs;
    const incB = freq / detune / fs;
    const start = toSample(t);
    const gate = Math.floor(dur * fs);
    const attack = Math.floor(0.12 * fs);
    const release = Math.floor(0.35 * fs);
    const len = gate + release;
    const c = onePoleCoef(nyqSafe(2500), fs);
    // Start the two oscillators at different phases so the chorus beat does
    // not begin at a synchronous peak.
    let pa = 0;
    let pb = 0.37;
    let ya = 0;
    let yb = 0;
    for (let k = 0; k < len; k++) {
      const i = start + k;
      if (i >= n) break;
      const e = LVL_PAD * arEnv(k, attack, gate, release);
      ya += c * (readTable(tab, pa) - ya);
      yb += c * (readTable(tab, pb) - yb);
      const a = e * ya;
      const b = e * yb;
      L[i] += a * padAL + b * padBL;
      R[i] += a * padAR + b * padBR;
      pa += incA;
      pa -= Math.floor(pa);
      pb += incB;
      pb -= Math.floor(pb);
    }
  };

  const [leadL, leadR] = panGains(PAN_LEAD);
  const leadNote = (t: number, beats: number, midi: number, vel: number): void => {
    // Mostly-low-harmonic tone (between a triangle and a soft square) with
    // delayed vibrato, the way a singer or flute would phrase it.
    const tab = table('lead', midi, 6, leadAmp);
    const freq = midiToHz(midi);
    const start = toSample(t);
    // 85% gate so repeated notes are articulated rather than slurred.
    const gate = Math.floor(beats * spb * 0.85 * fs);
    const attack = Math.max(1, Math.floor(0.012 * fs));
    const release = Math.floor(0.08 * fs);
    const len = gate + release;
    const decay = decayMul(0.18, fs);
    const vibDelay = Math.floor(0.15 * fs);
    const vibRamp = Math.floor(0.25 * fs);
    let body = 1;
    let phase = 0;
    for (let k = 0; k < len; k++) {
      const i = start + k;
      if (i >= n) break;
      let depth = 0;
      if (k > vibDelay) depth = 0.004 * Math.min(1, (k - vibDelay) / vibRamp);
      const inc = (freq * (1 + depth * Math.sin((TWO_PI * 5.5 * k) / fs))) / fs;
      // Decays from full level towards 70% sustain after the attack.
      const level = 0.7 + 0.3 * body;
      const s = vel * LVL_LEAD * level * arEnv(k, attack, gate, release) * readTable(tab, phase);
      L[i] += s * leadL;
      R[i] += s * leadR;
      phase += inc;
      phase -= Math.floor(phase);
      body *= decay;
    }
  };

  // --- Arrangement ---------------------------------------------------------

  const beats: number[] = [];
  for (let k = 0; ; k++) {
    const t = LEAD_IN + k * spb;
    if (t >= seconds) break;
    beats.push(t);
  }

  const chords: { time: number; chord: string }[] = [{ time: 0, chord: 'N' }];
  let lastChord = 'N';

  for (let bar = 0; ; bar++) {
    const barStart = LEAD_IN + bar * barLen;
    if (barStart >= seconds) break;

    if (bar === 0) {
      // Count-in: four closed hats on the beats, the "one" accented.
      for (let b = 0; b < 4; b++) hat(barStart + b * spb, b === 0 ? 1.3 : 1.0);
      continue;
    }

    const loopBar = bar - 1; // 0-based bar within the music
    // A bar that would be cut off by the end of the clip resolves to the
    // tonic instead of continuing the loop.
    const complete = barStart + barLen <= seconds + 1e-9;
    const chordIdx = complete ? Math.floor(loopBar / BARS_PER_CHORD) % PROGRESSION.length : 0;
    const chord = PROGRESSION[chordIdx];
    const firstBarOfChord = !complete || loopBar % BARS_PER_CHORD === 0;

    if (chord.harte !== lastChord) {
      chords.push({ time: barStart, chord: chord.harte });
      lastChord = chord.harte;
    }

    // Drums, on a sixteenth-note grid.
    for (let step = 0; step < 16; step++) {
      const t = barStart + step * stepLen;
      if (step === 0 || step === 8) kick(t, 1);
      // Syncopated extra kick on the "and" of 3 every other bar.
      if (step === 10 && loopBar % 2 === 1) kick(t, 0.75);
      if (step === 4 || step === 12) snare(t, 1);
      // Quiet ghost snare leading into each new chord.
      if (step === 15 && loopBar % 2 === 1) snare(t, 0.25);
      if (step % 2 === 0) {
        // Eighth-note hats: louder on the beat, with a little random
        // velocity so the pattern does not sound machine-gunned.
        const accent = step % 4 === 0 ? 1 : 0.6;
        hat(t, accent * (0.85 + 0.3 * rand()));
      }
    }
    // Crash marks the start of the music and each return to the top.
    if (loopBar % (PROGRESSION.length * BARS_PER_CHORD) === 0) crash(barStart, 1);

    if (complete) {
      for (const [b, len, iv] of BASS_PATTERN) {
        bassNote(barStart + b * spb, len, chord.bass + iv, b === 0 ? 1 : 0.8);
      }
      const phrase = MELODY[loopBar % MELODY.length];
      for (const [b, len, midi] of phrase) leadNote(barStart + b * spb, len, midi, 1);
    } else {
      // Ending: hold the tonic in bass and lead until the clip runs out.
      const remainingBeats = (seconds - barStart) / spb + 1;
      bassNote(barStart, remainingBeats, chord.bass, 1);
      leadNote(barStart, remainingBeats, 69, 1);
    }

    if (firstBarOfChord) {
      const dur = complete ? BARS_PER_CHORD * barLen : seconds - barStart + 0.5;
      for (const midi of chord.pad) padNote(barStart, dur, midi);
    }
  }

  // --- Master bus ------------------------------------------------------------

  // DC blocker (~20 Hz one-pole high-pass): the kick's pitch sweep leaves a
  // small offset that would waste headroom.
  const dc = onePoleCoef(20, fs);
  let dcL = 0;
  let dcR = 0;
  for (let i = 0; i < n; i++) {
    dcL += dc * (L[i] - dcL);
    dcR += dc * (R[i] - dcR);
    L[i] -= dcL;
    R[i] -= dcR;
  }

  // Short linear fades so the clip starts and ends at exactly zero.
  const fade = Math.min(Math.max(1, Math.floor(FADE_SECONDS * fs)), Math.floor(n / 2));
  for (let k = 0; k < fade; k++) {
    const g = k / fade;
    L[k] *= g;
    R[k] *= g;
    L[n - 1 - k] *= g;
    R[n - 1 - k] *= g;
  }

  // Peak-normalise to -3 dBFS.
  let peak = 0;
  for (let i = 0; i < n; i++) {
    const a = Math.abs(L[i]);
    const b = Math.abs(R[i]);
    if (a > peak) peak = a;
    if (b > peak) peak = b;
  }
  const gain = peak > 0 ? TARGET_PEAK / peak : 0;
  const outL = new Float32Array(n);
  const outR = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    outL[i] = L[i] * gain;
    outR[i] = R[i] * gain;
  }

  return {
    sampleRate: fs,
    channels: [outL, outR],
    bpm: BPM,
    key: KEY,
    beats,
    chords,
  };
}
