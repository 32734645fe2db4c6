/**
 * BeatTracker: causal joint tempo and beat-phase tracking by forward filtering
 * of a beat-pointer hidden Markov model, with next-beat prediction.
 *
 * State space (Krebs, Böck & Widmer, "An efficient state-space model for joint
 * tempo and meter tracking", ISMIR 2015; madmom's BeatStateSpace): for every
 * beat period τ (integer novelty frames between TAU_MIN and TAU_MAX) there are
 * τ phase states φ = 0 … τ−1; φ advances by one each frame, and only on the
 * wrap τ−1 → 0 (a beat) may the period change, with probability
 * ∝ exp(−λ·|τ'/τ − 1|). Observation: the first τ/OBS_LAMBDA phases of each
 * period are "beat" states, which explain strong novelty, the rest explain weak
 * novelty. Only the forward (filtering) pass runs, so every estimate uses the
 * past alone.
 *
 * Each period's phases live in a ring, so advancing every phase is one index
 * decrement per period; a frame costs O(states) for the observation and
 * normalisation and O(periods · band) for the tempo transitions.
 *
 * Prediction: the most probable state (τ*, φ*) says the next beat is τ*−φ*
 * frames away. A beat is announced once its predicted time is less than one
 * frame ahead, so it reaches the host before it happens (reportedAt ≤ time).
 *
 * Player controls: tap tempo, lock (no tempo changes), ×2 / ÷2, re-sync on the
 * next strong onset, and a tempo range that masks periods outside it.
 */
import { EventQueue, EVENT_BEAT } from '../core/events';

/** Absolute tempo range of the state space, BPM (the 50–220). */
export const BPM_LOWEST: f64 = 50;
export const BPM_HIGHEST: f64 = 220;
/** Tempo-change stiffness λ (madmom's default 100: a 1 % change costs e^−1). */
const TRANSITION_LAMBDA: f64 = 100;
/** Transitions weaker than e^−12 are dropped (keeps the band narrow). */
const TRANSITION_CUTOFF: f64 = 12;
/** Fraction 1/OBS_LAMBDA of each period counts as "at the beat". */
const OBS_LAMBDA: i32 = 16;
/** Exponent tempering the observation likelihoods (1 = trust each frame fully). */
const OBS_TEMPER: f32 = 0.5;
/**
 * The observation is 1 − exp(−flux / (OBS_SCALE · running mean)): a typical
 * onset (3–5× the mean) maps to 0.5–0.7 and only strongly accented ones near 1,
 * so the accent of the beat over the off-beat tatums survives the squashing.
 */
const OBS_SCALE: f32 = 4.0;
/** Novelty above this multiple of its running mean is a strong onset (where re-sync puts the beat). */
const RESYNC_ONSET: f32 = 3.2;
/** Floor and ceiling of the observation so no state is ever ruled out. */
const OBS_MIN: f32 = 0.02;
const OBS_MAX: f32 = 0.98;
/** Time constant of the activation's running mean, seconds (its scale). */
const ACTIVATION_MEAN_SECONDS: f64 = 3.0;
/** Level below this (−60 dBFS) for SILENCE_HOLD_SECONDS is silence: no evidence, the tracker coasts. */
const SILENCE_LEVEL: f32 = 0.001;
const SILENCE_HOLD_SECONDS: f64 = 1.0;
/** Variance of the observation below which there is no rhythm to speak of (steady noise, a drone). */
const ACF_VARIANCE_FLOOR: f64 = 0.005;
/** Tempo prior: log-normal around PRIOR_BPM with PRIOR_OCTAVES spread (Parncutt's ~100–120 BPM preference). */
const PRIOR_BPM: f64 = 115;
const PRIOR_OCTAVES: f64 = 0.9;
/** Probability per beat of jumping to any tempo the comb guide supports (escapes wrong metrical levels). */
const JUMP_PROBABILITY: f32 = 0.002;
/**
 * Exponent of the comb guide's pull on a tempo transition at a 115 BPM beat
 * (0 = none); scaled by 115/BPM at other tempi, so it weighs alike per second.
 */
const GUIDE_WEIGHT: f32 = 0.5;
/** Time constant of the running autocorrelation, seconds. */
const ACF_SECONDS: f64 = 4.0;
/** Multiples of the period the comb sums (Davies & Plumbley 2007 use four). */
const COMB_MULTIPLES: i32 = 4;
/** The beat expected from the last one keeps its place unless another holds this many times more belief. */
const REPHASE_MARGIN: f32 = 3;
/** The tracked tempo moves to another metrical level only when that level holds this many times more belief. */
const LEVEL_MARGIN: f32 = 2;
/** Half-width of the search window around the expected next beat, in periods. */
const BEAT_WINDOW: f64 = 0.25;
/** Announced beats whose intervals refine the displayed tempo. */
const BEAT_HISTORY: i32 = 8;
/** Confidence below this is reported as lost, and no beats are announced. */
export const LOST_CONFIDENCE: f32 = 0.15;
/** Time constant of "something was heard recently", seconds: a two-bar break keeps the beat, a long silence loses it. */
const PRESENCE_SECONDS: f64 = 4.0;
/** Beats after the last tap during which the tapped tempo is trusted without audio. */
const TAP_TRUST_BEATS: f64 = 16;
/** Taps further apart than this start a new tap sequence, seconds. */
const TAP_TIMEOUT: f64 = 2.0;

export class BeatTracker {
  /** novelty frames per second */
  private fr: f64 = 100;
  /** delay of a novelty peak behind its onset, seconds */
  private odfDelay: f64 = 0;
  private tauMin: i32 = 0;
  private tauMax: i32 = 0;
  private periods: i32 = 0;
  /** start of each period's ring in `alpha`, and its rotating head (slot of φ = 0) */
  private base: StaticArray<i32> = new StaticArray<i32>(0);
  private head: StaticArray<i32> = new StaticArray<i32>(0);
  /** forward probabilities, all rings back to back */
  private alpha: StaticArray<f32> = new StaticArray<f32>(0);
  /** probability mass leaving each period at the wrap this frame */
  private wrapMass: StaticArray<f32> = new StaticArray<f32>(0);
  /** the period marginal after the last frame */
  private periodMass: StaticArray<f32> = new StaticArray<f32>(0);
  /** the period marginal summed over each period's ±3 % window */
  private windowMass: StaticArray<f32> = new StaticArray<f32>(0);
  /** the period index the beat grid follows (−1 before the first frame) */
  private trackedT: i32 = -1;
  /** frames for which another tempo has held LEVEL_MARGIN times the tracked one's mass */
  private rivalFrames: i32 = 0;
  /** banded transition matrix: for target t', sources [bandLo, bandHi] with weights from bandOffset */
  private bandLo: StaticArray<i32> = new StaticArray<i32>(0);
  private bandHi: StaticArray<i32> = new StaticArray<i32>(0);
  private bandOffset: StaticArray<i32> = new StaticArray<i32>(0);
  private bandWeight: StaticArray<f32> = new StaticArray<f32>(0);
  private prior: StaticArray<f32> = new StaticArray<f32>(0);
  /** exponent of the guide's pull at each period's beat: GUIDE_WEIGHT per PRIOR_BPM beat, so per second alike at every tempo */
  private guideExponent: StaticArray<f32> = new StaticArray<f32>(0);
  /** 1 where the period is inside the user's tempo range */
  private allowed: StaticArray<u8> = new StaticArray<u8>(0);

  /** the last HISTORY observations, circular, for the running autocorrelation */
  private history: StaticArray<f32> = new StaticArray<f32>(0);
  private historyPos: i32 = 0;
  /** leaky autocorrelation of the observation at lags 0 … 4·tauMax */
  private acf: StaticArray<f32> = new StaticArray<f32>(0);
  private acfDecay: f32 = 0;
  private acfFloor: f64 = 1;
  /** tempo guide over periods: comb salience × prior, summing to 1 */
  private guide: StaticArray<f32> = new StaticArray<f32>(0);
  /** distribution of frames until the next beat, 0 … tauMax, around the best period */
  private toBeat: StaticArray<f32> = new StaticArray<f32>(0);
  /** the most probable period (frames), the most likely wait to the next beat and its mass */
  private bestPeriod: i32 = 1;
  private wait: i32 = 1;
  private waitMass: f32 = 0;

  /** running mean of the novelty, its scale for the observation */
  private fluxMean: f64 = 0;
  private fluxCoef: f64 = 0;
  /** running mean of the observation, the autocorrelation's centre */
  private obsMean: f64 = 0;
  private obsMeanCoef: f64 = 0;
  /** decaying peak of the frame level, for the silence gate */
  private levelPeak: f64 = 0;
  private levelDecay: f64 = 0;
  /** running mean of "not silent" (1) vs silent (0): how recently anything was heard */
  private presence: f64 = 0;
  private presenceCoef: f64 = 0;

  // ---- state the hosts read (see the snapshot fields) ----
  /** tempo, BPM */
  tempo: f64 = 0;
  /** 0–1 */
  confidence: f64 = 0;
  /** position in the beat, 0 at the beat, → 1 just before the next */
  phase: f64 = 0;
  /** the last announced beat and the predicted next, seconds on the engine clock */
  lastBeat: f64 = -1;
  nextBeat: f64 = -1;
  /** 1 … meter, the beat in the bar of the last announced beat */
  beatInBar: i32 = 0;
  meter: i32 = 4;
  /** beats announced since reset */
  beatCount: i32 = 0;
  /** the last BEAT_HISTORY announced beat times, circular */
  private beatHistory: StaticArray<f64> = new StaticArray<f64>(BEAT_HISTORY);
  private historyCount: i32 = 0;

  // ---- player controls ----
  locked: bool = false;
  private resyncPending: bool = false;
  private tapTimes: StaticArray<f64> = new StaticArray<f64>(8);
  private tapCount: i32 = 0;
  /** engine time until which the last taps keep the tracker trusted */
  private tappedUntil: f64 = -1;

  prepare(frameRate: f64, odfDelay: f64): void {
    this.fr = frameRate;
    this.odfDelay = odfDelay;
    this.tauMin = max<i32>(2, <i32>Math.floor((60.0 * frameRate) / BPM_HIGHEST));
    this.tauMax = <i32>Math.ceil((60.0 * frameRate) / BPM_LOWEST);
    const P = this.tauMax - this.tauMin + 1;
    this.periods = P;
    this.base = new StaticArray<i32>(P);
    this.head = new StaticArray<i32>(P);
    let states = 0;
    for (let t = 0; t < P; t++) {
      this.base[t] = states;
      states += this.tauMin + t;
    }
    this.alpha = new StaticArray<f32>(states);
    this.wrapMass = new StaticArray<f32>(P);
    this.periodMass = new StaticArray<f32>(P);
    this.windowMass = new StaticArray<f32>(P);
    this.prior = new StaticArray<f32>(P);
    this.guideExponent = new StaticArray<f32>(P);
    this.allowed = new StaticArray<u8>(P);
    // banded transitions into each target period
    this.bandLo = new StaticArray<i32>(P);
    this.bandHi = new StaticArray<i32>(P);
    this.bandOffset = new StaticArray<i32>(P);
    let weights = 0;
    for (let t2 = 0; t2 < P; t2++) {
      let lo = P;
      let hi = -1;
      for (let t = 0; t < P; t++) {
        if (this.transitionExponent(t, t2) <= TRANSITION_CUTOFF) {
          lo = min(lo, t);
          hi = max(hi, t);
        }
      }
      this.bandLo[t2] = lo;
      this.bandHi[t2] = hi;
      this.bandOffset[t2] = weights;
      weights += hi - lo + 1;
    }
    this.bandWeight = new StaticArray<f32>(weights);
    // rows normalised over targets: each source period's outgoing mass sums to 1
    const rowSum = new StaticArray<f64>(P);
    for (let t2 = 0; t2 < P; t2++) {
      for (let t = this.bandLo[t2]; t <= this.bandHi[t2]; t++) rowSum[t] += Math.exp(-this.transitionExponent(t, t2));
    }
    for (let t2 = 0; t2 < P; t2++) {
      const off = this.bandOffset[t2] - this.bandLo[t2];
      for (let t = this.bandLo[t2]; t <= this.bandHi[t2]; t++) {
        this.bandWeight[off + t] = <f32>(Math.exp(-this.transitionExponent(t, t2)) / rowSum[t]);
      }
    }
    for (let t = 0; t < P; t++) {
      const bpm = (60.0 * frameRate) / <f64>(this.tauMin + t);
      const z = Math.log2(bpm / PRIOR_BPM) / PRIOR_OCTAVES;
      this.prior[t] = <f32>Math.exp(-0.5 * z * z);
      this.guideExponent[t] = <f32>(<f64>GUIDE_WEIGHT * PRIOR_BPM / bpm);
    }
    const lags = COMB_MULTIPLES * this.tauMax + 1;
    this.history = new StaticArray<f32>(lags);
    this.acf = new StaticArray<f32>(lags);
    this.acfDecay = <f32>Math.exp(-1.0 / (ACF_SECONDS * frameRate));
    this.guide = new StaticArray<f32>(P);
    this.toBeat = new StaticArray<f32>(this.tauMax + 1);
    this.fluxCoef = 1.0 - Math.exp(-1.0 / (ACTIVATION_MEAN_SECONDS * frameRate));
    this.obsMeanCoef = 1.0 - Math.exp(-1.0 / (ACF_SECONDS * frameRate));
    this.presenceCoef = 1.0 - Math.exp(-1.0 / (PRESENCE_SECONDS * frameRate));
    this.levelDecay = Math.exp(-1.0 / (SILENCE_HOLD_SECONDS * frameRate));
    // an autocorrelation energy floor: a novelty with less variance than this is not rhythm
    this.acfFloor = ACF_VARIANCE_FLOOR * ACF_SECONDS * frameRate;
    this.setRange(BPM_LOWEST, BPM_HIGHEST);
    this.reset();
  }

  @inline private transitionExponent(from: i32, to: i32): f64 {
    const a = <f64>(this.tauMin + from);
    const b = <f64>(this.tauMin + to);
    return TRANSITION_LAMBDA * Math.abs(b / a - 1.0);
  }

  reset(): void {
    this.spreadOver(-1, 0);
    this.history.fill(0);
    this.historyPos = 0;
    this.acf.fill(0);
    let priorSum: f32 = 0;
    for (let t = 0; t < this.periods; t++) priorSum += this.prior[t];
    for (let t = 0; t < this.periods; t++) this.guide[t] = this.prior[t] / priorSum;
    this.fluxMean = 0;
    this.obsMean = -1;
    this.presence = 0;
    this.levelPeak = 0;
    this.tempo = 0;
    this.confidence = 0;
    this.phase = 0;
    this.lastBeat = -1;
    this.nextBeat = -1;
    this.beatInBar = 0;
    this.beatCount = 0;
    this.historyCount = 0;
    this.resyncPending = false;
    this.tapCount = 0;
    this.tappedUntil = -1;
  }

  /** Restrict tracking to [lo, hi] BPM (within the state space's 50–220). */
  setRange(loBpm: f64, hiBpm: f64): void {
    for (let t = 0; t < this.periods; t++) {
      const bpm = (60.0 * this.fr) / <f64>(this.tauMin + t);
      this.allowed[t] = bpm >= loBpm - 0.5 && bpm <= hiBpm + 0.5 ? 1 : 0;
    }
  }

  /**
   * Reset the distribution: with period < 0, spread over all allowed periods by
   * the prior and all phases evenly; otherwise concentrate on that period
   * (and its neighbours) at phase `phase`.
   */
  private spreadOver(period: i32, phase: i32): void {
    this.trackedT = -1;
    this.rivalFrames = 0;
    const a = this.alpha;
    a.fill(0);
    for (let t = 0; t < this.periods; t++) {
      this.head[t] = 0;
      if (!this.allowed[t]) continue;
      const tau = this.tauMin + t;
      if (period < 0) {
        const p = this.prior[t] / <f32>tau;
        for (let k = 0; k < tau; k++) a[this.base[t] + k] = p;
      } else if (abs(t - period) <= 1) {
        a[this.base[t] + (phase % tau)] = t == period ? 1.0 : 0.25;
      }
    }
    this.normalize();
  }

  /** Scale alpha to sum 1 and fill periodMass; falls back to the prior if everything vanished. */
  private normalize(): void {
    let total: f64 = 0;
    for (let t = 0; t < this.periods; t++) {
      const b = this.base[t];
      const tau = this.tauMin + t;
      let s: f32 = 0;
      for (let k = 0; k < tau; k++) s += unchecked(this.alpha[b + k]);
      unchecked((this.periodMass[t] = s));
      total += <f64>s;
    }
    if (!(total > 1e-30)) {
      // nothing left (e.g. the range excluded every period holding mass): start over
      for (let t = 0; t < this.periods; t++) {
        const tau = this.tauMin + t;
        const p: f32 = this.allowed[t] ? this.prior[t] / <f32>tau : 0;
        for (let k = 0; k < tau; k++) this.alpha[this.base[t] + k] = p;
        this.periodMass[t] = p * <f32>tau;
        total += <f64>(p * <f32>tau);
      }
      if (!(total > 0)) return;
    }
    const inv = <f32>(1.0 / total);
    const n = this.alpha.length;
    for (let i = 0; i < n; i++) unchecked((this.alpha[i] *= inv));
    for (let t = 0; t < this.periods; t++) unchecked((this.periodMass[t] *= inv));
  }

  /**
   * One novelty frame. `flux` is the frame's novelty, `level` its RMS,
   * `now` the engine time (s) at the frame's end. May push a beat event.
   */
  step(flux: f32, level: f32, now: f64, events: EventQueue): void {
    // silence is judged on a decaying peak of the level, so the gaps between sparse
    // hits (a click track, a snare alone) are still "music" and count as evidence
    this.levelPeak = Math.max(<f64>level, this.levelPeak * this.levelDecay);
    const silent = this.levelPeak < <f64>SILENCE_LEVEL;
    this.presence += this.presenceCoef * ((silent ? 0.0 : 1.0) - this.presence);

    // observation: novelty relative to its running mean, squashed to (0, 1)
    let obs: f32 = 0.5;
    if (!silent) {
      this.fluxMean += this.fluxCoef * (<f64>flux - this.fluxMean);
      const scale = <f32>Math.max(this.fluxMean, 1e-6);
      obs = min(OBS_MAX, max(OBS_MIN, 1.0 - Mathf.exp(-flux / (OBS_SCALE * scale))));
      // re-sync: put the beat on this frame if it is a strong onset
      if (this.resyncPending && flux > RESYNC_ONSET * scale) {
        this.resyncPending = false;
        this.spreadOver(this.heaviestPeriod(), 0);
        this.beatInBar = 0;
      }
      this.updateGuide(obs);
    }

    this.advance(!this.locked && !silent);
    if (!silent) this.observe(obs);
    this.normalize();
    this.readOut(now);
    this.schedule(now, events);
  }

  /**
   * Advance every phase by one frame; the mass wrapping from τ−1 to the beat
   * changes period: mostly by a little, rarely by a jump the comb guide
   * supports. `guided` is false when locked or silent (no new evidence: coast
   * on the plain transitions).
   */
  private advance(guided: bool): void {
    const P = this.periods;
    const tauMin = this.tauMin;
    let wrapped: f32 = 0;
    for (let t = 0; t < P; t++) {
      const tau = tauMin + t;
      let h = unchecked(this.head[t]) - 1;
      if (h < 0) h += tau;
      unchecked((this.head[t] = h));
      const m = unchecked(this.alpha[unchecked(this.base[t]) + h]); // held φ = τ−1, becomes φ = 0
      unchecked((this.wrapMass[t] = m));
      wrapped += m;
    }
    const jump = guided ? JUMP_PROBABILITY * wrapped : <f32>0;
    const stay: f32 = 1.0 - (guided ? JUMP_PROBABILITY : <f32>0);
    for (let t2 = 0; t2 < P; t2++) {
      let m: f32 = 0;
      if (this.locked) {
        m = unchecked(this.wrapMass[t2]);
      } else {
        const off = unchecked(this.bandOffset[t2]) - unchecked(this.bandLo[t2]);
        const hi = unchecked(this.bandHi[t2]);
        for (let t = unchecked(this.bandLo[t2]); t <= hi; t++) m += unchecked(this.wrapMass[t]) * unchecked(this.bandWeight[off + t]);
        // the comb guide leans on every transition too, so the tracker drifts
        // towards the metrical level the periodicity supports
        if (guided) {
          const g = unchecked(this.guide[t2]);
          m = stay * m * Mathf.pow(g * <f32>P + 1e-3, unchecked(this.guideExponent[t2])) + jump * g;
        }
      }
      unchecked((this.alpha[unchecked(this.base[t2]) + unchecked(this.head[t2])] = unchecked(this.allowed[t2]) ? m : 0));
    }
  }

  /**
   * The first 1/OBS_LAMBDA phases of each period are beat states: they explain
   * strong novelty (likelihood o) better than the others ((1 − o)/(λ − 1)).
   * Tempered (likelihood^OBS_TEMPER): spectral flux is a noisy beat activation,
   * so no single onset should outweigh the evidence of the last few beats.
   */
  private observe(obs: f32): void {
    const pOther: f32 = (<f32>1.0 - obs) / <f32>(OBS_LAMBDA - 1);
    const logRatio: f32 = OBS_TEMPER * Mathf.log(obs / pOther);
    const ratio: f32 = Mathf.exp(logRatio);
    for (let t = 0; t < this.periods; t++) {
      const tau = this.tauMin + t;
      const b = unchecked(this.base[t]);
      const h = unchecked(this.head[t]);
      // the beat region is exactly τ/λ frames long: whole states get the full
      // likelihood ratio, the state straddling its end a fractional power of it
      const region = <f32>tau / <f32>OBS_LAMBDA;
      const whole = <i32>region;
      for (let k = 0; k < whole; k++) {
        let s = h + k;
        if (s >= tau) s -= tau;
        unchecked((this.alpha[b + s] *= ratio));
      }
      const frac = region - <f32>whole;
      if (frac > 0) {
        let s = h + whole;
        if (s >= tau) s -= tau;
        unchecked((this.alpha[b + s] *= Mathf.exp(frac * logRatio)));
      }
    }
  }

  /**
   * Tempo, phase and confidence from the belief. The tempo is the most probable
   * period (refined by its neighbours' mass); the phase comes from the
   * distribution of "frames until the next beat" over the periods within ±3 %
   * of it (pooling every period would favour short waits: all periods can wrap
   * soon, only long ones can wrap late).
   */
  private readOut(now: f64): void {
    const P = this.periods;
    const tauMin = this.tauMin;
    const bestT = this.trackPeriod();
    const tau = tauMin + bestT;
    this.bestPeriod = tau;
    const span = this.windowSpan(bestT);
    const toBeat = this.toBeat;
    toBeat.fill(0);
    let wSum: f64 = 0;
    let tSum: f64 = 0;
    for (let t = max(0, bestT - span); t <= min(P - 1, bestT + span); t++) {
      const tauT = tauMin + t;
      const b = unchecked(this.base[t]);
      const h = unchecked(this.head[t]);
      for (let phi = 0; phi < tauT; phi++) {
        let s = h + phi;
        if (s >= tauT) s -= tauT;
        const j = phi == 0 ? 0 : tauT - phi;
        unchecked((toBeat[j] += unchecked(this.alpha[b + s])));
      }
      const w = <f64>unchecked(this.periodMass[t]);
      wSum += w;
      tSum += w * <f64>tauT;
    }
    if (wSum > 0) this.tempo = this.refineTempo((60.0 * this.fr) / (tSum / wSum));
    // the next beat: the most likely wait, not counting "the beat is now" (already due)
    this.wait = 1;
    this.waitMass = -1;
    for (let j = 1; j <= tau; j++) {
      const v = unchecked(toBeat[j]);
      if (v > this.waitMass) {
        this.waitMass = v;
        this.wait = j;
      }
    }
    this.phase = <f64>(tau - min(this.wait, tau)) / <f64>tau;

    // confidence: how periodic the novelty is at this tempo, measured against the
    // autocorrelation's average over all tempo lags (a slow drift lifts every lag
    // alike and is not rhythm); how much belief sits on the tempo; and how recently
    // anything was heard (falls through a break). The periodicity is the larger
    // of the autocorrelation at the period and its comb: the mean over the first
    // COMB_MULTIPLES multiples of the period, each the best lag within ±1 frame
    // (the period is whole frames, the music is not). A groove with a kick on 1
    // and on the and of 2 repeats every two beats but has no two hits one beat
    // apart, and the single lag τ alone reads it as no rhythm at all.
    let lagMean: f64 = 0;
    for (let lag = tauMin; lag <= this.tauMax; lag++) lagMean += <f64>unchecked(this.acf[lag]);
    lagMean /= <f64>(this.tauMax - tauMin + 1);
    const a0 = <f64>unchecked(this.acf[0]);
    const lastLag = this.acf.length - 1;
    let comb: f64 = 0;
    for (let k = 1; k <= COMB_MULTIPLES; k++) {
      const centre = k * tau;
      let best: f32 = unchecked(this.acf[min(centre, lastLag)]);
      best = max(best, unchecked(this.acf[centre - 1]));
      best = max(best, unchecked(this.acf[min(centre + 1, lastLag)]));
      comb += <f64>best;
    }
    comb /= <f64>COMB_MULTIPLES;
    const atPeriod = Math.max(comb, <f64>unchecked(this.acf[tau]));
    const periodicity = Math.max(0.0, (atPeriod - lagMean) / Math.max(a0 - lagMean, this.acfFloor));
    this.confidence = Math.min(1.0, periodicity * 1.5) * Math.min(1.0, 2.0 * wSum) * this.presence;
    if (now < this.tappedUntil) this.confidence = Math.max(this.confidence, 0.5);
  }

  /**
   * The model's periods are whole frames (10 ms), so its tempo is coarse at fast
   * tempi; the announced beats are placed with finer timing, so when the last
   * BEAT_HISTORY beats agree with the model (every interval within ±6 % of its
   * period) their mean interval gives the tempo instead.
   */
  private refineTempo(modelBpm: f64): f64 {
    const n = min(this.historyCount, BEAT_HISTORY);
    if (n < BEAT_HISTORY) return modelBpm;
    const period = 60.0 / modelBpm;
    const first = this.beatHistory[this.historyCount % BEAT_HISTORY]; // the oldest kept
    let prev = first;
    for (let k = 1; k < n; k++) {
      const t = this.beatHistory[(this.historyCount + k) % BEAT_HISTORY];
      if (Math.abs(t - prev - period) > 0.06 * period) return modelBpm;
      prev = t;
    }
    return (60.0 * <f64>(n - 1)) / (prev - first);
  }

  /** Engine time of the beat `frames` novelty frames ahead of the frame ending at `now`. */
  @inline private beatTime(frames: i32, now: f64): f64 {
    return now + <f64>frames / this.fr - this.odfDelay;
  }

  /**
   * Choose the next beat and announce it once it is less than a frame away.
   * After the first beat, the next one is sought within ±BEAT_WINDOW periods of
   * the next grid point the tempo gives (one beat per period, as BTrack predicts
   * once per beat); a phase elsewhere wins only with REPHASE_MARGIN times more
   * belief, and never closer than half a period to the last beat. Nothing is
   * announced while lost (silence, noise, before the first estimate).
   */
  private schedule(now: f64, events: EventQueue): void {
    const period = <f64>this.bestPeriod / this.fr;
    let candidate = this.beatTime(this.wait, now);
    if (this.lastBeat >= 0) {
      // the next grid point not yet behind us
      let expected = this.lastBeat + period;
      const horizon = now - this.odfDelay - BEAT_WINDOW * period;
      if (expected < horizon) expected += Math.ceil((horizon - expected) / period) * period;
      const jLo = max<i32>(1, <i32>Math.ceil((expected - BEAT_WINDOW * period - now + this.odfDelay) * this.fr));
      const jHi = min<i32>(this.tauMax, <i32>Math.floor((expected + BEAT_WINDOW * period - now + this.odfDelay) * this.fr));
      let jBest = -1;
      let mBest: f32 = -1;
      for (let j = jLo; j <= jHi; j++) {
        const v = unchecked(this.toBeat[j]);
        if (v > mBest) {
          mBest = v;
          jBest = j;
        }
      }
      const windowed = jBest > 0 ? this.beatTime(jBest, now) : expected;
      const rephase = this.waitMass > REPHASE_MARGIN * mBest && candidate - this.lastBeat >= 0.5 * period;
      if (!rephase) candidate = windowed;
    }
    this.nextBeat = candidate;
    if (this.confidence >= LOST_CONFIDENCE && candidate - now < 1.0 / this.fr) this.announce(candidate, events);
  }

  /** Leaky autocorrelation of the observation, then a comb over its multiples × the prior → guide. */
  private updateGuide(obs: f32): void {
    const L = this.history.length;
    // centred on the running mean, so a steady level does not favour every lag
    // (starting from the first observation, so the start-up does not look like a slow rhythm)
    if (this.obsMean < 0) this.obsMean = <f64>obs;
    this.obsMean += this.obsMeanCoef * (<f64>obs - this.obsMean);
    const x = obs - <f32>this.obsMean;
    this.history[this.historyPos] = x;
    const d = this.acfDecay;
    let pos = this.historyPos;
    for (let lag = 0; lag < L; lag++) {
      unchecked((this.acf[lag] = d * unchecked(this.acf[lag]) + x * unchecked(this.history[pos])));
      if (--pos < 0) pos = L - 1;
    }
    if (++this.historyPos == L) this.historyPos = 0;
    let total: f32 = 0;
    // comb salience as a multiple of the zero-lag energy (0 … COMB_MULTIPLES), so the
    // guide is the prior reshaped by periodicity rather than replaced by it
    const inv0: f32 = unchecked(this.acf[0]) > 1e-9 ? 1.0 / unchecked(this.acf[0]) : 0;
    for (let t = 0; t < this.periods; t++) {
      const tau = this.tauMin + t;
      let c: f32 = 0;
      for (let k = 1; k <= COMB_MULTIPLES; k++) c += max<f32>(0, unchecked(this.acf[k * tau]));
      const g: f32 = this.allowed[t] ? (<f32>1.0 + c * inv0) * unchecked(this.prior[t]) : 0;
      unchecked((this.guide[t] = g));
      total += g;
    }
    if (total > 0) {
      const inv: f32 = 1.0 / total;
      for (let t = 0; t < this.periods; t++) unchecked((this.guide[t] *= inv));
    }
  }

  private announce(time: f64, events: EventQueue): void {
    this.beatHistory[this.historyCount % BEAT_HISTORY] = time;
    this.historyCount++;
    this.lastBeat = time;
    this.beatCount++;
    this.beatInBar = this.beatInBar >= this.meter ? 1 : this.beatInBar + 1;
    events.push(EVENT_BEAT, time, <f64>this.beatInBar);
  }

  /** Half-width, in periods, of the ±3 % tempo window around period index `t`. */
  private windowSpan(t: i32): i32 {
    return max<i32>(1, (this.tauMin + t) / 30);
  }

  /** Mass of the ±3 % tempo window around every period, into `windowMass`. */
  private smoothPeriods(): void {
    const P = this.periods;
    for (let t = 0; t < P; t++) {
      const span = this.windowSpan(t);
      let m: f32 = 0;
      for (let u = max(0, t - span); u <= min(P - 1, t + span); u++) m += unchecked(this.periodMass[u]);
      unchecked((this.windowMass[t] = m));
    }
  }

  /**
   * The period index at the centre of the ±3 % tempo window holding the most
   * mass. Summing over the window rather than taking the single heaviest period
   * keeps the choice steady at each wrap, where the transitions spread a
   * period's mass over its neighbours while a rival level is still sharp.
   */
  private mapPeriod(): i32 {
    this.smoothPeriods();
    return heaviestIn(this.windowMass, 0, this.periods - 1);
  }

  /** The single period index holding the most mass (the controls act on it). */
  private heaviestPeriod(): i32 {
    return heaviestIn(this.periodMass, 0, this.periods - 1);
  }

  /**
   * The tracked period: the heaviest window near the one tracked last frame,
   * unless another tempo has held LEVEL_MARGIN times its mass for a whole beat.
   * A rival metrical level (the swung eighth of a shuffle, a 3:2 cross-rhythm)
   * briefly leads right after its own onsets; without this hysteresis the beat
   * grid would follow it for a fraction of a beat and drop the beat in between.
   */
  private trackPeriod(): i32 {
    const g = this.mapPeriod();
    const prev = this.trackedT;
    if (prev < 0) {
      this.trackedT = g;
      return g;
    }
    const last = this.periods - 1;
    const span = this.windowSpan(prev);
    let bestT = heaviestIn(this.windowMass, max(0, prev - span), min(last, prev + span));
    // a rival level must lead by the margin for a whole beat of the tracked tempo
    if (unchecked(this.windowMass[g]) > LEVEL_MARGIN * unchecked(this.windowMass[bestT])) {
      if (++this.rivalFrames >= this.tauMin + prev) {
        bestT = g;
        this.rivalFrames = 0;
      }
    } else {
      this.rivalFrames = 0;
    }
    // within the chosen window, the single heaviest period (windows overlap, so
    // several may tie when the belief is sharp)
    const w = this.windowSpan(bestT);
    const peakT = heaviestIn(this.periodMass, max(0, bestT - w), min(last, bestT + w));
    this.trackedT = peakT;
    return peakT;
  }

  private periodIndexOf(bpm: f64): i32 {
    return <i32>Math.round((60.0 * this.fr) / bpm) - this.tauMin;
  }

  // ---- player controls ----

  /** A tap at engine time `now`: two or more taps set the tempo, the last tap is a beat. */
  tap(now: f64): void {
    if (this.tapCount > 0 && now - this.tapTimes[(this.tapCount - 1) % 8] > TAP_TIMEOUT) this.tapCount = 0;
    this.tapTimes[this.tapCount % 8] = now;
    this.tapCount++;
    if (this.tapCount < 2) return;
    const n = min(this.tapCount, 8);
    const first = this.tapTimes[(this.tapCount - n) % 8];
    const interval = (now - first) / <f64>(n - 1);
    const t = this.periodIndexOf(60.0 / interval);
    if (t < 0 || t >= this.periods) return;
    // the tap is a beat; its novelty peak would arrive odfDelay later, so the state
    // now is that many frames before the beat
    const tau = this.tauMin + t;
    const ahead = min<i32>(tau - 1, <i32>Math.round(this.odfDelay * this.fr));
    this.spreadOver(t, ahead > 0 ? tau - ahead : 0);
    // taps are the player's word: trust them for a few bars even with nothing to hear
    this.tappedUntil = now + TAP_TRUST_BEATS * interval;
  }

  /** Jump to double (factor 2) or half (factor 0.5) the current tempo, keeping the beat. */
  scaleTempo(factor: f64): void {
    const t = this.heaviestPeriod();
    const tau = this.tauMin + t;
    const t2 = <i32>Math.round(<f64>tau / factor) - this.tauMin;
    if (t2 < 0 || t2 >= this.periods) return;
    let phi = 0;
    // keep the phase measured in frames since the last beat
    let best: f32 = -1;
    for (let k = 0; k < tau; k++) {
      let s = this.head[t] + k;
      if (s >= tau) s -= tau;
      const v = this.alpha[this.base[t] + s];
      if (v > best) {
        best = v;
        phi = k;
      }
    }
    this.spreadOver(t2, phi % (this.tauMin + t2));
  }

  requestResync(): void {
    this.resyncPending = true;
  }
}

/** Index of the largest of `mass[lo … hi]` (the first, on a tie); masses are never negative. */
function heaviestIn(mass: StaticArray<f32>, lo: i32, hi: i32): i32 {
  let best: f32 = -1;
  let bestT = lo;
  for (let t = lo; t <= hi; t++) {
    const m = unchecked(mass[t]);
    if (m > best) {
      best = m;
      bestT = t;
    }
  }
  return bestT;
}
