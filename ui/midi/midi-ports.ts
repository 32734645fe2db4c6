/**
 * MidiPorts: the browser's MIDI devices through WEBMIDI.js v3.
 *
 *   const ports = new MidiPorts();
 *   ports.onMessage = (port, data, timestamp) => …;   // every input's raw messages
 *   ports.addEventListener('change', render);         // state, device lists
 *   button.onclick = () => ports.enable();            // the browser may ask the performer
 *
 * - Never asks for SysEx (WebMidi.enable({ sysex: false })): nothing here needs
 *   it, and SysEx access is a stronger permission (firmware updates).
 * - Hot-plug: WEBMIDI.js's `connected` / `disconnected` events refresh the
 *   lists, and a reconnected input is listened to again.
 * - Where the browser has no Web MIDI (Safari, Firefox without the add-on, an
 *   insecure page) `state` is 'unsupported' from the start and nothing else is
 *   touched, so the rest of the app is unaffected.
 *
 * Ports are known by *name*: mappings and the clock output are stored by name,
 * because port ids are not stable between sessions or browsers.
 */
import { WebMidi, type Input, type Output } from 'webmidi';
import { isWellFormedMidi } from './midi-message';

export type MidiState = 'off' | 'enabling' | 'on' | 'unsupported' | 'failed';

/** Raw bytes from an input, with the browser's receive time (performance.now() ms). */
export type MidiMessageHandler = (port: string, data: Uint8Array, timestamp: number) => void;

export function webMidiAvailable(): boolean {
  return typeof navigator !== 'undefined' && typeof (navigator as Navigator & { requestMIDIAccess?: unknown }).requestMIDIAccess === 'function';
}

export class MidiPorts extends EventTarget {
  state: MidiState = webMidiAvailable() ? 'off' : 'unsupported';
  /** why enabling failed (the browser's words), for the status line */
  error = '';
  /** input and output port names, as the system names them */
  inputs: string[] = [];
  outputs: string[] = [];
  onMessage: MidiMessageHandler | null = null;

  /** inputs we listen to (WEBMIDI.js keeps an unplugged Input object and reuses it when it comes back) */
  private readonly listening = new WeakSet<Input>();
  private readonly refresh = () => this.update();

  /**
   * Ask the browser for MIDI (no SysEx). Resolves once enabled, or with
   * `state` 'failed' and `error` set when the performer or the browser said no.
   */
  async enable(): Promise<void> {
    if (this.state === 'on' || this.state === 'enabling' || this.state === 'unsupported') return;
    this.state = 'enabling';
    this.error = '';
    this.emit();
    try {
      await WebMidi.enable({ sysex: false });
    } catch (err) {
      this.state = 'failed';
      this.error = err instanceof Error ? err.message : String(err);
      this.emit();
      return;
    }
    WebMidi.addListener('connected', this.refresh);
    WebMidi.addListener('disconnected', this.refresh);
    this.state = 'on';
    this.update();
  }

  /** The output named `name`, if it is connected. */
  output(name: string): Output | undefined {
    if (this.state !== 'on' || !name) return undefined;
    return WebMidi.outputs.find((o) => o.name === name);
  }

  private update(): void {
    this.inputs = WebMidi.inputs.map((i) => i.name);
    this.outputs = WebMidi.outputs.map((o) => o.name);
    for (const input of WebMidi.inputs) {
      if (this.listening.has(input)) continue;
      this.listening.add(input);
      guardInput(input);
      input.addListener('midimessage', (e) => {
        // the Input object outlives a replug, so read the name at the time of the message
        this.onMessage?.(e.port.name, e.message.rawData, e.timestamp);
      });
    }
    this.emit();
  }

  private emit(): void {
    this.dispatchEvent(new Event('change'));
  }
}

/**
 * Put a filter between the browser's MIDIInput and WEBMIDI.js's parser, which
 * throws (from inside the port's event handler, where nobody can catch it) on
 * some malformed messages, e.g. a Control Change without its controller
 * number. WEBMIDI.js keeps the port as `_midiInput` and listens through its
 * `onmidimessage`; we wrap that handler once, and WEBMIDI.js keeps the same
 * port object when a device is replugged, so the wrap holds.
 */
function guardInput(input: Input): void {
  const port = (input as unknown as { _midiInput?: { onmidimessage: ((e: MIDIMessageEvent) => void) | null } })._midiInput;
  const parse = port?.onmidimessage;
  if (!port || typeof parse !== 'function') return;
  port.onmidimessage = (e: MIDIMessageEvent) => {
    if (isWellFormedMidi(e.data)) parse.call(port, e);
  };
}
