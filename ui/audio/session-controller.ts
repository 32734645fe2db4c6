/**
 * SessionController: re-renders its host whenever the AudioSession changes,
 * and once a second while it runs, because the browser's outputLatency
 * estimate settles only after the output device has started (Chrome reports 0
 * at first) and nothing announces the change.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AudioSession } from './session';

const LATENCY_POLL_MS = 1000;

export class SessionController implements ReactiveController {
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly onChange = () => this.host.requestUpdate();

  constructor(
    private readonly host: ReactiveControllerHost,
    readonly session: AudioSession,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.session.addEventListener('change', this.onChange);
    this.timer = setInterval(() => {
      if (this.session.state === 'running') this.host.requestUpdate();
    }, LATENCY_POLL_MS);
    // if microphone permission was granted on an earlier visit, device names are available now
    void this.session.refreshInputs();
  }

  hostDisconnected(): void {
    this.session.removeEventListener('change', this.onChange);
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
