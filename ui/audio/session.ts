/**
 * AudioSession: everything between the Start button and the speakers.
 *
 * It owns the AudioContext, the GigscopeNode and the current source (the
 * looping demo clip or a microphone), plus the parameter values, which live
 * here rather than in the engine so that they survive Stop and are handed to
 * the next Start. It never throws at its callers: every failure ends as a
 * one-line `status` of kind 'error' and the session back in 'stopped' (or, for
 * a failed input switch, still running on the previous input).
 *
 *   const s = new AudioSession();
 *   s.addEventListener('change', () => render(s));
 *   button.onclick = () => s.toggle();      // must be called from the gesture
 *   s.setParam('master.gain', -6);
 *
 * Graph: source → GigscopeNode (2 channels; mono sources are up-mixed by Web
 * Audio's 'speakers' rules) → destination. The engine meters both its input
 * and its output, so no analyser nodes are needed here.
 *
 * Triggers (parameters with scaling 'trigger': tap, ×2, ÷2, re-sync) are
 * actions, not settings: `setParam(id, 1)` fires one at the running engine and
 * nothing is kept, so they are never in `values`, never sent at start and never
 * in a preset.
 *
 * Beats: GigscopeNode has a single `onBeat` slot; the session takes it and
 * fans each beat out to any number of listeners (`addBeatListener`), and tells
 * them where the audio clock is as heard (`heardTime`), so a lamp can flash on
 * the beat rather than when the message arrives.
 *
 * Impulse responses (the convolution reverb): like the parameters, the
 * performer's choice lives here and outlives the engine. `loadImpulseFile()`
 * checks a WAV and, while running, loads it into the engine; a refused file
 * changes nothing. The chosen file (or the bundled response) is loaded into
 * each new engine the first time the reverb type is convolution — at Start
 * or on the switch — and `impulse` says which one is in use, in one line.
 *
 * Failures while running: if the engine traps, the processor goes silent and
 * `fault` holds why; `restart()` (the app's Restart button) builds a new engine
 * node on the same context and input with the kept values, so one click
 * brings the sound back as it was. If the input device goes away (a track's
 * 'ended': an unplugged interface), the status line says so and the session
 * asks for the same input again on every 'devicechange' until it is back.
 */
import { GigscopeNode } from '../../worklet/node';
import { PARAMS, isDiscrete, paramSpec } from '../../params/table';
import { BUNDLED_IMPULSE, decodeImpulseWav, prepareImpulse } from '../../host/impulse';
import { errorText, latencyReport, micErrorText, processingWarnings, type LatencyReport } from './report';
import { bundledStatus, errorStatus, loadedStatus, loadingStatus, type ImpulseFacts, type ImpulseStatus } from './impulse-status';
import { heardContextTime } from './clock';
import type { BeatEvent, BeatListener, BeatSource } from '../beat/beat-source';

export type SessionState = 'stopped' | 'starting' | 'running';

export interface SessionStatus {
  kind: 'idle' | 'busy' | 'ok' | 'warn' | 'error';
  text: string;
}

export interface InputOption {
  value: string;
  label: string;
}

/** Input choices: the bundled clip, the default microphone, or `mic:<deviceId>`. */
export const DEMO_INPUT = 'demo';
export const MIC_INPUT = 'mic';
const DEVICE_PREFIX = 'mic:';
const BASE_INPUTS: readonly InputOption[] = [
  { value: DEMO_INPUT, label: 'Demo clip' },
  { value: MIC_INPUT, label: 'Microphone (default)' },
];

/** 'reverb.type' value of the convolution reverb (its index in the table's choices). */
export const CONVOLUTION = paramSpec('reverb.type')?.choices?.indexOf('convolution') ?? -1;

/**
 * A file chosen while stopped is checked as if for this rate (the context's is
 * not known yet); it is prepared again for the real rate at Start.
 */
const IMPULSE_CHECK_RATE = 48000;

/** Engine start-up normally takes well under a second; past this something is wrong. */
const ENGINE_START_TIMEOUT_MS = 10_000;

/** What one running session is made of; torn down as a unit. */
interface Parts {
  ctx: AudioContext;
  gig: GigscopeNode | null;
  source: AudioNode | null;
  stream: MediaStream | null;
  /** what the status line calls the current source */
  label: string;
  closed: boolean;
  /** an impulse response was sent to this engine (the chosen file or the bundled one) */
  impulseSent: boolean;
  /** the microphone's track ended (device gone); a 'devicechange' retries it */
  lost?: boolean;
  /** a retry of the lost input is in flight */
  recovering?: boolean;
}

/** The settable parameters' defaults (every parameter but the triggers). */
function settableDefaults(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of PARAMS) if (p.scaling !== 'trigger') out[p.id] = p.default;
  return out;
}

export class AudioSession extends EventTarget implements BeatSource {
  state: SessionState = 'stopped';
  status: SessionStatus = { kind: 'idle', text: 'Stopped. Pick an input and press Start.' };
  /** things the browser did not do as asked (microphone processing left on) */
  warnings: string[] = [];
  /** the selected input (DEMO_INPUT, MIC_INPUT or a device) */
  input: string = DEMO_INPUT;
  inputs: InputOption[] = [...BASE_INPUTS];
  /** every settable parameter's value by table id (triggers excluded); kept across stop/start */
  readonly values: Record<string, number> = settableDefaults();
  /** the convolution reverb's response: which is in use, loading, or why a file was refused */
  impulse: ImpulseStatus = bundledStatus();
  /** why the engine failed (a trap, or a processor error), until restart() or stop(); null while healthy */
  fault: string | null = null;

  private parts: Parts | null = null;
  /** bumped by every stop/failure: an async start that finds it changed gives up */
  private generation = 0;
  private demoBytes: Promise<ArrayBuffer> | null = null;
  private demoDecoded: AudioBuffer | null = null;
  private readonly onDeviceChange = () => {
    void this.refreshInputs();
    // a device arrived (or any change): if the input was lost, try it again
    void this.recoverInput();
  };
  private readonly beatListeners = new Set<BeatListener>();
  /** the performer's impulse response (null: the bundled one); replaced only by a file that loaded */
  private impulseFile: { bytes: ArrayBuffer; facts: ImpulseFacts } | null = null;
  /** what the bundled response turned out to be, once loaded */
  private bundledFacts: ImpulseFacts | null = null;
  /** bumped by every impulse request and by stop: an answer for an older one is dropped */
  private impulseToken = 0;

  constructor() {
    super();
    navigator.mediaDevices?.addEventListener?.('devicechange', this.onDeviceChange);
  }

  /** The running engine (null while stopped or starting); meters read its snapshot. */
  get gig(): GigscopeNode | null {
    return this.state === 'running' ? (this.parts?.gig ?? null) : null;
  }

  /** True when the engine runs on the AudioWorklet polyfill (main thread). */
  get degraded(): boolean {
    return this.gig?.degraded ?? false;
  }

  get sampleRate(): number | null {
    return this.parts?.ctx.sampleRate ?? null;
  }

  /** Latency now, or null while not running. outputLatency can change, so poll this. */
  latency(): LatencyReport | null {
    const p = this.parts;
    if (this.state !== 'running' || !p?.gig) return null;
    return latencyReport(p.ctx.baseLatency, p.ctx.outputLatency, p.gig.latencyFrames, p.ctx.sampleRate);
  }

  // ---- parameters -------------------------------------------------------

  /**
   * Set a parameter (clamped to the table's range, discrete ones rounded);
   * sent to the engine if it runs, remembered either way. Returns the value kept.
   * A trigger fires (value ≥ 0.5) only at a running engine, is not remembered,
   * and returns 0.
   */
  setParam(id: string, value: number): number {
    const spec = paramSpec(id);
    if (!spec || !Number.isFinite(value)) return this.values[id];
    if (spec.scaling === 'trigger') {
      if (value >= 0.5) this.gig?.setParam(id, 1);
      return 0;
    }
    let v = Math.min(spec.max, Math.max(spec.min, value));
    if (isDiscrete(spec)) v = Math.round(v);
    this.values[id] = v;
    // before the engine hears of it, or the node would load the bundled response on its own
    if (id === 'reverb.type' && v === CONVOLUTION) this.ensureImpulse();
    this.parts?.gig?.setParam(id, v);
    this.emit();
    return v;
  }

  /** Set every settable parameter at once (a preset's full state); missing ids take their default. */
  setAll(state: Record<string, number>): void {
    for (const p of PARAMS) {
      if (p.scaling === 'trigger') continue;
      let v = Math.min(p.max, Math.max(p.min, state[p.id] ?? p.default));
      if (isDiscrete(p)) v = Math.round(v);
      this.values[p.id] = v;
      if (p.id === 'reverb.type' && v === CONVOLUTION) this.ensureImpulse();
      this.parts?.gig?.setParam(p.id, v);
    }
    this.emit();
  }

  // ---- impulse responses -------------------------------------------------

  /**
   * Use a WAV file as the convolution reverb's impulse response. While running
   * it is loaded into the engine; while stopped it is checked now and loaded at
   * Start. Resolves true when it is in use; a file that is refused (not a WAV,
   * too long, silent …) sets a one-line error in `impulse` and changes nothing
   * else — the previous response stays. Never throws.
   */
  async loadImpulseFile(name: string, bytes: ArrayBuffer): Promise<boolean> {
    const token = ++this.impulseToken;
    const keep = this.impulseInUse();
    const keepCustom = this.impulseFile !== null;
    this.setImpulse(loadingStatus(name, keep, keepCustom));
    try {
      let facts: ImpulseFacts;
      // an engine that exists (running, or still starting) gets it now; otherwise Start will
      const parts = this.parts;
      const gig = parts?.gig;
      if (gig && parts) {
        parts.impulseSent = true;
        // the node only reads `bytes` (it transfers its own prepared copy), so they stay ours for the next Start
        const info = await gig.loadImpulse(bytes, name);
        if (!info) return false; // overtaken by a newer request
        facts = { name, seconds: info.frames / parts.ctx.sampleRate, channels: info.channels };
      } else {
        const prepared = prepareImpulse(decodeImpulseWav(bytes, name), IMPULSE_CHECK_RATE);
        facts = { name, seconds: prepared.frames / prepared.sampleRate, channels: prepared.channels.length };
      }
      if (token !== this.impulseToken) return false;
      this.impulseFile = { bytes, facts };
      this.setImpulse(loadedStatus(facts));
      return true;
    } catch (err) {
      if (token === this.impulseToken) this.setImpulse(errorStatus(errorText(err), keep, keepCustom));
      return false;
    }
  }

  /** Go back to the bundled response (loaded now if the running engine has had one). */
  useBundledImpulse(): void {
    this.impulseFile = null;
    const parts = this.parts;
    if (parts?.gig && (parts.impulseSent || this.values['reverb.type'] === CONVOLUTION)) void this.sendImpulse(parts);
    else {
      this.impulseToken++;
      this.setImpulse(this.restingImpulse());
    }
  }

  /** The response in use, or that Start will load. */
  private impulseInUse(): string {
    return this.impulseFile?.facts.name ?? BUNDLED_IMPULSE;
  }

  /** The line while nothing is loading: the chosen file or the bundled response. */
  private restingImpulse(): ImpulseStatus {
    return this.impulseFile ? loadedStatus(this.impulseFile.facts) : bundledStatus(this.bundledFacts ?? {});
  }

  /** The reverb has just become a convolution: give the running engine its response, once. */
  private ensureImpulse(): void {
    const parts = this.parts;
    if (parts?.gig && !parts.impulseSent) void this.sendImpulse(parts);
  }

  /** Load the chosen file (or the bundled response) into `parts`' engine. */
  private async sendImpulse(parts: Parts): Promise<void> {
    parts.impulseSent = true;
    const file = this.impulseFile;
    const name = file?.facts.name ?? BUNDLED_IMPULSE;
    const token = ++this.impulseToken;
    this.setImpulse(loadingStatus(name, name, file !== null));
    try {
      const info = await parts.gig!.loadImpulse(file?.bytes, file ? name : undefined);
      if (token !== this.impulseToken || this.parts !== parts || !info) return;
      const facts = { name, seconds: info.frames / parts.ctx.sampleRate, channels: info.channels };
      if (file) file.facts = facts;
      else this.bundledFacts = facts;
      this.setImpulse(file ? loadedStatus(facts) : bundledStatus(facts));
    } catch (err) {
      // e.g. a file that fits at 48 kHz but not at this context's rate: the reverb has no response
      if (token === this.impulseToken && this.parts === parts) this.setImpulse(errorStatus(errorText(err), null, file !== null));
    }
  }

  private setImpulse(status: ImpulseStatus): void {
    this.impulse = status;
    this.emit();
  }

  // ---- beats ------------------------------------------------------------

  /** Be told of every beat the engine announces (usually before it sounds). Returns the unsubscribe. */
  addBeatListener(listener: BeatListener): () => void {
    this.beatListeners.add(listener);
    return () => this.beatListeners.delete(listener);
  }

  /**
   * The AudioContext time whose input is reaching the listener's ears at
   * `nowMs` (a performance.now() time), or null while not running. A beat
   * with `contextTime` is heard when this reaches it: the context's output
   * path (base + output latency) and the engine's own delay are taken off.
   */
  heardTime(nowMs: number = performance.now()): number | null {
    const p = this.parts;
    if (this.state !== 'running' || !p?.gig) return null;
    return heardContextTime(p.ctx, nowMs) - p.gig.latencyFrames / p.ctx.sampleRate;
  }

  private fanOutBeat(beat: BeatEvent): void {
    for (const listener of this.beatListeners) {
      try {
        listener(beat);
      } catch (err) {
        // one broken listener must not starve the others (or the engine's port handler)
        console.error(err);
      }
    }
  }

  // ---- start / stop -----------------------------------------------------

  /** Start or stop; call straight from the click handler (see start()). */
  toggle(): Promise<void> {
    return this.state === 'stopped' ? this.start() : this.stop();
  }

  /**
   * Build the graph and start sound. Must be *called* from a user gesture: the
   * AudioContext is created and resumed before the first await, while the
   * click's user activation still counts, which is what lets audio start
   * under the browsers' autoplay rules.
   */
  async start(): Promise<void> {
    if (this.state !== 'stopped') return;
    const gen = ++this.generation;
    this.state = 'starting';
    this.warnings = [];
    this.setStatus('busy', 'Starting audio…');

    let ctx: AudioContext;
    try {
      ctx = new AudioContext({ latencyHint: 'interactive' });
    } catch (err) {
      this.fail(gen, `This browser cannot start Web Audio: ${errorText(err)}`);
      return;
    }
    const parts: Parts = { ctx, gig: null, source: null, stream: null, label: '', closed: false, impulseSent: false };
    this.parts = parts;
    const resumed = ctx.resume().catch(() => undefined);
    ctx.onstatechange = () => this.onContextState(parts);

    const creating = GigscopeNode.create(ctx, { channels: 2, params: { ...this.values }, baseUrl: new URL('./', location.href) });
    try {
      const gig = await withTimeout(creating, ENGINE_START_TIMEOUT_MS, 'the audio engine did not start');
      parts.gig = gig;
      if (gen !== this.generation) return void teardown(parts);
      this.wireEngine(parts, gig, gen);
      gig.connect(ctx.destination);
      // the node loads the bundled response itself when it starts as a convolution; load ours over it
      if (this.values['reverb.type'] === CONVOLUTION) void this.sendImpulse(parts);
    } catch (err) {
      // a timed-out engine that turns up later must not keep running in the background
      creating.then((g) => g.dispose(), () => undefined);
      this.fail(gen, `Cannot start the audio engine: ${errorText(err)}`);
      return;
    }

    const label = await this.attachInput(parts, this.input, gen);
    if (label === null) return; // attachInput reported why (or we were stopped meanwhile)

    await resumed;
    if (gen !== this.generation) return void teardown(parts);
    this.state = 'running';
    this.fault = null;
    this.describeRunning(parts);
  }

  /** Hook a new engine node of `parts` (session `gen`) up to the session: errors, impulse errors, beats. */
  private wireEngine(parts: Parts, gig: GigscopeNode, gen: number): void {
    const ctx = parts.ctx;
    gig.onError = (message) => {
      if (parts.gig !== gig) return;
      this.fault = message;
      this.fail(gen, `Audio engine stopped: ${message}. Press Restart.`);
    };
    // the processor already outputs silence; the session stays up so Restart can keep the context and input
    gig.onEngineError = (message) => {
      if (this.parts !== parts || parts.gig !== gig) return;
      this.fault = message;
      this.setStatus('error', `The audio engine failed (${message}); its output is muted. Press Restart.`);
    };
    // a response the node could not load on its own leaves the audio running: say so, keep going
    gig.onImpulseError = (message) => this.setImpulse(errorStatus(message, this.impulseInUse(), this.impulseFile !== null));
    gig.onBeat = (beat) => {
      if (this.parts !== parts || parts.gig !== gig) return;
      // where the processor's scope has no currentTime (the main-thread fallback), place the beat from
      // how far ahead it was announced, counted from now
      const contextTime = Number.isFinite(beat.contextTime) ? beat.contextTime : ctx.currentTime + Math.max(0, beat.time - beat.reportedAt);
      this.fanOutBeat({ time: beat.time, reportedAt: beat.reportedAt, inBar: beat.inBar, contextTime });
    };
  }

  /**
   * After an engine failure: a new engine node with the current values,
   * spliced in between the same input and the speakers of the same context
   * (no new microphone prompt, the preset untouched). When the session is
   * stopped (the failure tore it down), this is Start. Never throws.
   */
  async restart(): Promise<void> {
    const parts = this.parts;
    if (this.state === 'stopped' || !parts) return this.start();
    if (this.state !== 'running') return;
    const gen = this.generation;
    this.setStatus('busy', 'Restarting the audio engine…');
    const creating = GigscopeNode.create(parts.ctx, { channels: 2, params: { ...this.values }, baseUrl: new URL('./', location.href) });
    let gig: GigscopeNode;
    try {
      gig = await withTimeout(creating, ENGINE_START_TIMEOUT_MS, 'the audio engine did not start');
    } catch (err) {
      creating.then((g) => g.dispose(), () => undefined);
      this.fail(gen, `Cannot restart the audio engine: ${errorText(err)}`);
      return;
    }
    if (gen !== this.generation || this.parts !== parts) return void gig.dispose();
    const old = parts.gig;
    parts.gig = gig;
    old?.dispose();
    this.wireEngine(parts, gig, gen);
    gig.connect(parts.ctx.destination);
    // the source fed the old node only; disconnect() drops that edge, then it feeds the new one
    parts.source?.disconnect();
    parts.source?.connect(gig.node);
    parts.impulseSent = false;
    if (this.values['reverb.type'] === CONVOLUTION) void this.sendImpulse(parts);
    this.fault = null;
    if (parts.lost) this.describeLost(parts);
    else this.describeRunning(parts);
  }

  /** Stop sound and release everything: context closed, engine disposed, microphone released. */
  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.generation++;
    const parts = this.parts;
    this.parts = null;
    this.state = 'stopped';
    this.warnings = [];
    this.fault = null;
    this.settleImpulse();
    this.setStatus('idle', 'Stopped.');
    if (parts) await teardown(parts);
  }

  /**
   * Choose the input. While running, the new source is opened first and the
   * old one dropped only once it works, so a refused microphone leaves the
   * music playing.
   */
  async selectInput(value: string): Promise<void> {
    if (value === this.input) return;
    const previous = this.input;
    this.input = value;
    this.emit();
    const parts = this.parts;
    if (this.state !== 'running' || !parts) return;
    const old = { source: parts.source, stream: parts.stream };
    const gen = this.generation;
    const label = await this.attachInput(parts, value, gen, /* keepRunning */ true);
    if (gen !== this.generation) return;
    if (label === null) {
      // the old source is still connected: go back to it
      parts.source = old.source;
      parts.stream = old.stream;
      this.input = previous;
      this.emit();
      return;
    }
    releaseSource(old.source, old.stream);
    parts.lost = false;
    this.describeRunning(parts);
  }

  /**
   * Fetch the list of microphones. Names (and usable ids) only appear once the
   * page has microphone permission, so until then the list is just
   * "Microphone (default)"; it refreshes itself after the first grant and on
   * every device change.
   */
  async refreshInputs(): Promise<void> {
    const md = navigator.mediaDevices;
    if (!md?.enumerateDevices) return;
    let devices: MediaDeviceInfo[];
    try {
      devices = await md.enumerateDevices();
    } catch {
      return;
    }
    const mics = devices.filter(
      // 'default' and 'communications' are aliases of real devices (Chrome); the default one is MIC_INPUT
      (d) => d.kind === 'audioinput' && d.deviceId && d.label && d.deviceId !== 'default' && d.deviceId !== 'communications',
    );
    this.inputs = [...BASE_INPUTS, ...mics.map((d) => ({ value: DEVICE_PREFIX + d.deviceId, label: d.label }))];
    if (this.state === 'stopped' && !this.inputs.some((o) => o.value === this.input)) this.input = MIC_INPUT;
    this.emit();
  }

  /** Release everything for good (the app is going away). */
  dispose(): void {
    navigator.mediaDevices?.removeEventListener?.('devicechange', this.onDeviceChange);
    void this.stop();
  }

  // ---- internals --------------------------------------------------------

  /**
   * Open `input` and connect it to the engine. Returns a label for the status
   * line, or null after reporting a failure. On first start a failure stops
   * the session; on a switch (`keepRunning`) it only reports.
   */
  private async attachInput(parts: Parts, input: string, gen: number, keepRunning = false, quiet = false): Promise<string | null> {
    const gig = parts.gig!;
    const report = (text: string) => {
      if (keepRunning) {
        // a quiet attempt (retrying a lost device) keeps the line saying what is going on
        if (gen === this.generation && !quiet) this.setStatus('error', text);
      } else this.fail(gen, text);
    };
    if (input === DEMO_INPUT) {
      let buffer: AudioBuffer;
      try {
        buffer = await this.demoBuffer(parts.ctx);
      } catch (err) {
        report(`Cannot play the demo clip: ${errorText(err)}`);
        return null;
      }
      if (gen !== this.generation) return null;
      const src = parts.ctx.createBufferSource();
      src.buffer = buffer;
      src.loop = true;
      src.connect(gig.node);
      src.start();
      parts.source = src;
      parts.stream = null;
      parts.label = 'demo clip (looping)';
      this.warnings = [];
      return parts.label;
    }

    const md = navigator.mediaDevices;
    if (!md?.getUserMedia) {
      report('The microphone needs a secure page (https or localhost) in a browser that allows it: choose Demo clip.');
      return null;
    }
    const deviceId = input.startsWith(DEVICE_PREFIX) ? input.slice(DEVICE_PREFIX.length) : undefined;
    let stream: MediaStream;
    try {
      stream = await md.getUserMedia({
        audio: {
          // a live rig wants the signal as it is: these three are for voice calls
          echoCancellation: false,
          noiseSuppression: false,
          autoGainControl: false,
          channelCount: { ideal: 2 },
          ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
        },
      });
    } catch (err) {
      report(micErrorText(err));
      return null;
    }
    if (gen !== this.generation) {
      stopTracks(stream);
      return null;
    }
    const track = stream.getAudioTracks()[0];
    if (!track) {
      stopTracks(stream);
      report('The microphone gave no audio track.');
      return null;
    }
    const src = parts.ctx.createMediaStreamSource(stream);
    // parts.gig, not the one this attempt began with: a Restart may have replaced it meanwhile
    src.connect(parts.gig?.node ?? gig.node);
    parts.source = src;
    parts.stream = stream;
    this.warnings = processingWarnings(track.getSettings());
    track.onended = () => {
      if (this.parts !== parts || parts.stream !== stream) return;
      // the device is gone (unplugged, or taken away by the system): drop what is left of it
      // and wait for a 'devicechange' to ask for the same input again
      releaseSource(parts.source, parts.stream);
      parts.source = null;
      parts.stream = null;
      parts.lost = true;
      this.describeLost(parts);
    };
    parts.label = `microphone “${track.label || 'default'}”`;
    // permission is granted now, so the device names are readable
    void this.refreshInputs();
    return parts.label;
  }

  private async demoBuffer(ctx: AudioContext): Promise<AudioBuffer> {
    if (this.demoDecoded && this.demoDecoded.sampleRate === ctx.sampleRate) return this.demoDecoded;
    if (!this.demoBytes) {
      this.demoBytes = fetch(new URL('demo.wav', location.href)).then((res) => {
        if (!res.ok) throw new Error(`demo.wav is missing (HTTP ${res.status}); rebuild with npm run build`);
        return res.arrayBuffer();
      });
    }
    let bytes: ArrayBuffer;
    try {
      bytes = await this.demoBytes;
    } catch (err) {
      this.demoBytes = null; // let the next Start try again
      throw err;
    }
    // decodeAudioData takes ownership of (detaches) its buffer: decode a copy so the bytes stay cached
    this.demoDecoded = await ctx.decodeAudioData(bytes.slice(0));
    return this.demoDecoded;
  }

  private describeLost(parts: Parts): void {
    this.setStatus('error', `Input lost: the ${parts.label} was disconnected. Reconnecting when it returns — or pick another input.`);
  }

  /** Ask again for the input whose device went away; quiet on failure (the next 'devicechange' retries). */
  private async recoverInput(): Promise<void> {
    const parts = this.parts;
    if (!parts?.lost || parts.recovering || this.state !== 'running') return;
    parts.recovering = true;
    const gen = this.generation;
    try {
      const label = await this.attachInput(parts, this.input, gen, true, true);
      if (label === null || gen !== this.generation || this.parts !== parts) return;
      parts.lost = false;
      if (this.fault) this.setStatus('error', `The audio engine failed (${this.fault}); its output is muted. Press Restart.`);
      else this.describeRunning(parts);
    } finally {
      parts.recovering = false;
    }
  }

  private describeRunning(parts: Parts): void {
    const khz = `${+(parts.ctx.sampleRate / 1000).toFixed(1)} kHz`;
    const mode = parts.gig?.degraded ? 'fallback engine' : parts.gig?.usesSharedMemory ? 'shared memory' : 'message port';
    this.setStatus(this.warnings.length ? 'warn' : 'ok', `Running: ${parts.label} · ${khz} · ${mode}`);
  }

  /** The system can suspend or interrupt a running context (another app took the device, a phone call). */
  private onContextState(parts: Parts): void {
    if (this.parts !== parts || this.state !== 'running') return;
    const s = parts.ctx.state as string;
    if (s === 'running') this.describeRunning(parts);
    else if (s === 'suspended' || s === 'interrupted') this.setStatus('error', 'Audio was paused by the browser or system: press Stop, then Start.');
  }

  /** A failure of the session started as `gen`: tear down, report, back to stopped. */
  private fail(gen: number, text: string): void {
    if (gen !== this.generation) return;
    this.generation++;
    const parts = this.parts;
    this.parts = null;
    this.state = 'stopped';
    this.settleImpulse();
    this.setStatus('error', text);
    if (parts) void teardown(parts);
  }

  /** The engine went away: a load in flight is forgotten, and the line says what Start will load. */
  private settleImpulse(): void {
    this.impulseToken++;
    if (this.impulse.kind !== 'error') this.impulse = this.restingImpulse();
  }

  private setStatus(kind: SessionStatus['kind'], text: string): void {
    this.status = { kind, text };
    this.emit();
  }

  private emit(): void {
    this.dispatchEvent(new Event('change'));
  }
}

/** Undo whatever of `parts` exists; safe to call twice and on a half-built session. */
async function teardown(parts: Parts): Promise<void> {
  releaseSource(parts.source, parts.stream);
  parts.source = null;
  parts.stream = null;
  parts.gig?.dispose();
  if (parts.closed) return;
  parts.closed = true;
  parts.ctx.onstatechange = null;
  try {
    await parts.ctx.close();
  } catch {
    // already closed: nothing left to release
  }
}

function releaseSource(source: AudioNode | null, stream: MediaStream | null): void {
  if (source instanceof AudioScheduledSourceNode) {
    try {
      source.stop();
    } catch {
      // never started or already stopped
    }
  }
  source?.disconnect();
  if (stream) stopTracks(stream);
}

/** Stopping the tracks is what turns the browser's recording indicator off. */
function stopTracks(stream: MediaStream): void {
  for (const t of stream.getTracks()) t.stop();
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} within ${ms / 1000} s`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
