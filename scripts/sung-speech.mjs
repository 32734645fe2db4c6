// Speech sung to a melody: training positives for the singing detector
// (issue 6) made from the ≈ 200 minutes of real speech the Debian packages
// hold, where real singing amounts to about a minute.
//
// The detector must light for a singer and stay dark for a held, vibrato-laden
// instrument. With mostly speech among its positives it learned "voice" as
// speech-like motion and lit for pitched instruments that move like speech.
// Here each voiced stretch of a real utterance keeps its own waveform — the
// speaker's glottal pulses, formants and formant transitions, consonants
// untouched — and is re-pitched to a note of a scale, held longer the way a
// sung vowel is held, with a scoop into the note and vibrato that sets in
// after it: the time-domain pitch-synchronous overlap-add of Moulines &
// Charpentier (1990), the method behind speech-to-singing conversion
// (Saitou et al., 2007). Pitch comes from a YIN-style difference function
// (de Cheveigné & Kawahara, 2002).
//
//   import { singSpeech } from './sung-speech.mjs'
//   const y = singSpeech(x, sampleRate, r)   // r: a seeded rng with range/int/pick/chance

const F0_LOW = 65;
const F0_HIGH = 500;
/** analysis hop and window, s */
const HOP_S = 0.005;
const WIN_S = 0.04;
/** YIN's absolute threshold on the cumulative-mean-normalised difference */
const YIN_THRESHOLD = 0.3;
/** frames quieter than this under the utterance's loudest are unvoiced whatever their periodicity */
const VOICED_FLOOR_DB = -35;
/** voiced runs shorter than this are left as they are (a glitch of the tracker, not a vowel) */
const MIN_RUN_S = 0.05;
/** unvoiced material is carried through as grains this far apart, each twice as long (Hann: they sum to one) */
const NOISE_GRAIN_S = 0.005;

/** F0 (Hz, 0 = unvoiced) every HOP_S */
function trackPitch(x, sr) {
  const hop = Math.round(HOP_S * sr), win = Math.round(WIN_S * sr);
  const tauMin = Math.floor(sr / F0_HIGH), tauMax = Math.ceil(sr / F0_LOW);
  const frames = Math.max(0, Math.floor((x.length - win - tauMax) / hop) + 1);
  const f0 = new Float64Array(frames), power = new Float64Array(frames);
  const d = new Float64Array(tauMax + 1);
  for (let f = 0; f < frames; f++) {
    const at = f * hop;
    let p = 0;
    for (let i = 0; i < win; i++) p += x[at + i] * x[at + i];
    power[f] = p / win;
    // cumulative-mean-normalised difference over every lag, then the first dip under the threshold
    let run = 0, best = 0;
    d[0] = 1;
    for (let tau = 1; tau <= tauMax; tau++) {
      let s = 0;
      for (let i = 0; i < win; i++) { const e = x[at + i] - x[at + i + tau]; s += e * e; }
      run += s;
      d[tau] = run > 0 ? (s * tau) / run : 1;
    }
    for (let tau = tauMin; tau < tauMax; tau++) {
      if (d[tau] >= YIN_THRESHOLD) continue;
      while (tau + 1 < tauMax && d[tau + 1] < d[tau]) tau++;
      const a = d[tau - 1], b = d[tau], c = d[tau + 1];
      const den = a - 2 * b + c;
      best = den > 0 ? tau + (0.5 * (a - c)) / den : tau;
      break;
    }
    f0[f] = best ? sr / best : 0;
  }
  let peak = 0;
  for (const p of power) peak = Math.max(peak, p);
  const floor = peak * Math.pow(10, VOICED_FLOOR_DB / 10);
  for (let f = 0; f < frames; f++) if (power[f] < floor) f0[f] = 0;
  // one-frame octave slips and dropouts inside a vowel: a 5-frame median over the voiced frames
  const out = new Float64Array(frames);
  for (let f = 0; f < frames; f++) {
    if (!f0[f]) continue;
    const w = [];
    for (let k = Math.max(0, f - 2); k <= Math.min(frames - 1, f + 2); k++) if (f0[k]) w.push(f0[k]);
    w.sort((a, b) => a - b);
    out[f] = w[w.length >> 1];
  }
  return { f0: out, hop };
}

/** [start, end) sample ranges of voiced runs at least MIN_RUN_S long */
function voicedRuns(f0, hop, sr, n) {
  const runs = [];
  let start = -1;
  for (let f = 0; f <= f0.length; f++) {
    const v = f < f0.length && f0[f] > 0;
    if (v && start < 0) start = f;
    if (!v && start >= 0) {
      if ((f - start) * hop >= MIN_RUN_S * sr) runs.push([start * hop, Math.min(n, f * hop)]);
      start = -1;
    }
  }
  return runs;
}

/** pitch marks (one per period, on the waveform's dominant peaks) across a voiced run */
function pitchMarks(x, a, b, periodAt) {
  let lo = Infinity, hi = -Infinity;
  const first = Math.min(b, a + Math.round(3 * periodAt(a)));
  for (let i = a; i < first; i++) { lo = Math.min(lo, x[i]); hi = Math.max(hi, x[i]); }
  const sign = hi >= -lo ? 1 : -1;
  const extremum = (from, to) => {
    let best = from, v = -Infinity;
    for (let i = Math.max(a, from); i < Math.min(b, to); i++) if (sign * x[i] > v) { v = sign * x[i]; best = i; }
    return best;
  };
  const marks = [extremum(a, a + Math.round(periodAt(a)))];
  for (;;) {
    const last = marks[marks.length - 1];
    const T = periodAt(last);
    const want = last + T;
    if (want + T / 4 >= b) break;
    const m = extremum(Math.round(want - T / 4), Math.round(want + T / 4) + 1);
    marks.push(m > last ? m : Math.round(want));
  }
  return marks;
}

/** add a Hann grain of x centred on c with half-width h into y, centred on o */
function addGrain(y, x, c, h, o) {
  for (let i = -h + 1; i < h; i++) {
    const s = c + i, t = o + i;
    if (s < 0 || s >= x.length || t < 0 || t >= y.length) continue;
    y[t] += x[s] * 0.5 * (1 + Math.cos((Math.PI * i) / h));
  }
}

/**
 * The utterance sung: every voiced run re-pitched to one or two notes of a
 * scale near (and mostly above) the speaker's own pitch, stretched to the
 * note's length; everything else as spoken. Returns a new Float32Array at sr.
 */
export function singSpeech(x, sr, r) {
  const { f0, hop } = trackPitch(x, sr);
  const runs = voicedRuns(f0, hop, sr, x.length);
  if (!runs.length) return Float32Array.from(x);
  const voicedF0 = [...f0].filter((v) => v > 0).sort((a, b) => a - b);
  const speakerF0 = voicedF0[voicedF0.length >> 1];
  // a key a few semitones around (mostly above) where the speaker talks
  const tonic = 12 * Math.log2(speakerF0 / 440) + 69 + r.int(-3, 6);
  const scale = r.pick([[0, 2, 4, 5, 7, 9, 11, 12], [0, 2, 3, 5, 7, 8, 10, 12], [0, 2, 4, 7, 9, 12], [0, 3, 5, 7, 10, 12]]);
  const vibRate = r.range(4.5, 7), vibDepth = r.range(0.1, 0.6); // semitones, peak
  const scoop = r.range(0, 0.8); // semitones below the note at its onset
  const f0At = (i) => f0[Math.min(f0.length - 1, Math.max(0, Math.round(i / hop)))];
  const periodAt = (i) => sr / (f0At(i) || speakerF0);

  // output length: runs stretched to their notes, the rest as spoken
  const plan = runs.map(([a, b]) => {
    const noteS = r.range(0.25, 1.6);
    const stretch = Math.min(2.5, Math.max(1, (noteS * sr) / (b - a)));
    const keys = [tonic + r.pick(scale)];
    if (stretch * (b - a) > 0.5 * sr && r.chance(0.4)) keys.push(tonic + r.pick(scale)); // a two-note melisma
    return { a, b, stretch, keys };
  });
  let total = x.length;
  for (const p of plan) total += Math.round((p.stretch - 1) * (p.b - p.a));
  const y = new Float32Array(total + sr);

  const noiseHop = Math.round(NOISE_GRAIN_S * sr);
  let src = 0, out = 0, phase = 0;
  const carry = (from, to) => {
    // unvoiced or unused material, grain by grain, neither re-pitched nor stretched
    for (let c = from; c < to; c += noiseHop) addGrain(y, x, c, noiseHop, out + (c - from));
    out += to - from;
  };
  for (const p of plan) {
    carry(src, p.a);
    const marks = pitchMarks(x, p.a, p.b, periodAt);
    const len = Math.round(p.stretch * (p.b - p.a));
    const vibDelay = r.range(0.12, 0.35) * sr;
    let o = 0, k = 0;
    while (o < len) {
      // which analysis mark this output instant reads: time runs 1/stretch as fast
      const want = p.a + o / p.stretch;
      while (k + 1 < marks.length && Math.abs(marks[k + 1] - want) <= Math.abs(marks[k] - want)) k++;
      const T = k + 1 < marks.length ? marks[k + 1] - marks[k] : periodAt(marks[k]);
      // the note: a scoop up into it, a glide between the two notes of a melisma, vibrato after the delay
      const half = p.keys.length > 1 && o > len / 2;
      const glideS = 0.06 * sr;
      let key = p.keys[half ? 1 : 0];
      if (half && o - len / 2 < glideS) key = p.keys[0] + ((p.keys[1] - p.keys[0]) * (o - len / 2)) / glideS;
      if (!half && o < 0.08 * sr) key -= scoop * (1 - o / (0.08 * sr));
      const vib = vibDepth * Math.min(1, Math.max(0, (o - vibDelay) / (0.3 * sr))) * Math.sin(phase);
      let P = sr / (440 * Math.pow(2, (key + vib - 69) / 12));
      // PSOLA keeps its sound within about an octave of the source period
      while (P > 1.9 * T) P /= 2;
      while (P < T / 1.9) P *= 2;
      P *= 1 + r.range(-0.004, 0.004); // a voice's period-to-period jitter
      addGrain(y, x, marks[k], Math.max(2, Math.round(T)), out + o);
      o += Math.max(1, Math.round(P));
      phase += (2 * Math.PI * vibRate * P) / sr;
    }
    out += len;
    src = p.b;
  }
  carry(src, x.length);
  return y.subarray(0, out);
}

/** the F0 track, for tests and for checking what singSpeech made */
export const pitchTrack = (x, sr) => trackPitch(x, sr);
