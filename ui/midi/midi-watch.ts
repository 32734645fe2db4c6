/**
 * MidiWatch: re-renders a component whenever the MIDI layer changes (devices,
 * learn, mappings, clock), while the component is connected.
 *
 *   private readonly watch = new MidiWatch(this);
 *   // in willUpdate: this.watch.target = this.midi;
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class MidiWatch implements ReactiveController {
  private current: EventTarget | null = null;
  private connected = false;
  private readonly onChange = () => this.host.requestUpdate();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  set target(t: EventTarget | null) {
    if (t === this.current) return;
    this.detach();
    this.current = t;
    if (this.connected) this.attach();
  }

  hostConnected(): void {
    this.connected = true;
    this.attach();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.detach();
  }

  private attach(): void {
    this.current?.addEventListener('change', this.onChange);
  }

  private detach(): void {
    this.current?.removeEventListener('change', this.onChange);
  }
}
