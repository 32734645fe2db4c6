/**
 * A fake Web MIDI system for the browser tests, installed *under* WEBMIDI.js by
 * a page init script: it replaces navigator.requestMIDIAccess with one that
 * resolves a MIDIAccess-shaped object, so WEBMIDI.js and everything above it
 * are the app's real code.
 *
 *   const { page } = await open([], installFakeMidi);
 *   await page.evaluate(() => window.__midi.send('Fake Controller', [0xb0, 7, 100]));
 *   await page.evaluate(() => window.__midi.sent['Fake Synth']);   // [{ data, timestamp, at }]
 *
 * Ports behave as Chrome's do where WEBMIDI.js looks: `open()` and `close()`
 * change `connection` and fire `statechange` on the port and the access;
 * plugging in adds a port ('connected', then 'open' once WEBMIDI.js opens it);
 * unplugging fires state 'disconnected' / connection 'pending'. Inputs deliver
 * `{ data: Uint8Array, timeStamp }` to `onmidimessage`; outputs record every
 * `send(data, timestamp)` with the performance.now() of the call (`at`).
 */

export interface SentMessage {
  data: number[];
  /** the timestamp passed to send() (performance.now() ms; 0 = now) */
  timestamp: number;
  /** performance.now() when send() was called */
  at: number;
}

export interface FakeMidi {
  /** the options of every requestMIDIAccess() call */
  requests: Array<{ sysex?: boolean; software?: boolean }>;
  sent: Record<string, SentMessage[]>;
  addInput(name: string): void;
  addOutput(name: string): void;
  unplug(name: string): void;
  /** deliver raw bytes from input `name`; returns the event's timeStamp */
  send(name: string, data: number[]): number;
}

declare global {
  interface Window {
    __midi: FakeMidi;
  }
}

/** Page init script (self-contained: it is serialised into the page). */
export function installFakeMidi(): void {
  type Listener = ((e: unknown) => void) | null;
  interface Port {
    id: string;
    name: string;
    manufacturer: string;
    version: string;
    type: 'input' | 'output';
    state: 'connected' | 'disconnected';
    connection: 'open' | 'closed' | 'pending';
    onstatechange: Listener;
    onmidimessage?: Listener;
    open(): Promise<Port>;
    close(): Promise<Port>;
    send?(data: ArrayLike<number>, timestamp?: number): void;
    clear?(): void;
    addEventListener(): void;
    removeEventListener(): void;
  }
  const inputs = new Map<string, Port>();
  const outputs = new Map<string, Port>();
  const access = { inputs, outputs, sysexEnabled: false, onstatechange: null as Listener, addEventListener() {}, removeEventListener() {} };
  const sent: Record<string, Array<{ data: number[]; timestamp: number; at: number }>> = {};
  let nextId = 1;

  const changed = (port: Port) => {
    const e = { port, timeStamp: performance.now(), type: 'statechange' };
    port.onstatechange?.(e);
    access.onstatechange?.(e);
  };
  const makePort = (name: string, type: 'input' | 'output'): Port => {
    const port: Port = {
      id: `fake-${type}-${nextId++}`,
      name,
      manufacturer: 'gigscope tests',
      version: '1',
      type,
      state: 'connected',
      connection: 'closed',
      onstatechange: null,
      async open() {
        if (port.connection !== 'open' && port.state === 'connected') {
          port.connection = 'open';
          changed(port);
        }
        return port;
      },
      async close() {
        if (port.connection !== 'closed') {
          port.connection = 'closed';
          changed(port);
        }
        return port;
      },
      addEventListener() {},
      removeEventListener() {},
    };
    if (type === 'input') port.onmidimessage = null;
    else {
      sent[name] = sent[name] ?? [];
      port.send = (data, timestamp) => void sent[name].push({ data: Array.from(data), timestamp: timestamp ?? 0, at: performance.now() });
      port.clear = () => {};
    }
    return port;
  };
  const plug = (map: Map<string, Port>, port: Port) => {
    map.set(port.id, port);
    changed(port);
  };
  const find = (name: string) => [...inputs.values(), ...outputs.values()].find((p) => p.name === name);

  const midi = {
    requests: [] as Array<{ sysex?: boolean; software?: boolean }>,
    sent,
    addInput: (name: string) => plug(inputs, makePort(name, 'input')),
    addOutput: (name: string) => plug(outputs, makePort(name, 'output')),
    unplug(name: string) {
      const port = find(name);
      if (!port) return;
      (port.type === 'input' ? inputs : outputs).delete(port.id);
      port.state = 'disconnected';
      port.connection = 'pending';
      changed(port);
    },
    send(name: string, data: number[]) {
      const port = [...inputs.values()].find((p) => p.name === name);
      const timeStamp = performance.now();
      port?.onmidimessage?.({ data: new Uint8Array(data.map((b) => b & 0xff)), timeStamp, target: port, type: 'midimessage' });
      return timeStamp;
    },
  };
  (window as unknown as { __midi: typeof midi }).__midi = midi;
  inputs.set('fake-input-0', makePort('Fake Controller', 'input'));
  outputs.set('fake-output-0', makePort('Fake Synth', 'output'));
  Object.defineProperty(Navigator.prototype, 'requestMIDIAccess', {
    configurable: true,
    writable: true,
    value: async (options?: { sysex?: boolean; software?: boolean }) => {
      midi.requests.push({ ...(options ?? {}) });
      return access;
    },
  });
}

/** Page init script: a browser with no Web MIDI at all (Safari). */
export function removeWebMidi(): void {
  delete (Navigator.prototype as unknown as Record<string, unknown>).requestMIDIAccess;
  delete (navigator as unknown as Record<string, unknown>).requestMIDIAccess;
}
