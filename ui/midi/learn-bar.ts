/**
 * <gs-midi-learn-bar .midi=${midiController}>: while learn mode is on, a bar
 * floating over the top of the stage says so from every view — "Learn: click a
 * control, then move a controller" / "Move a controller for Reverb · Mix" —
 * with a Done button. Fixed position, so it never changes the layout; hidden
 * (host attribute `active` absent) the rest of the time.
 *
 * data-testid (on the host, set by the app): midi-learn-bar; the button midi-learn-done.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { MidiController } from './midi-controller';
import { MidiWatch } from './midi-watch';
import { messageLabel, paramLabel } from './midi-names';
import { learnBarStyles } from './midi-styles';

@customElement('gs-midi-learn-bar')
export class LearnBar extends LitElement {
  static override styles = learnBarStyles;

  @property({ attribute: false }) midi: MidiController | null = null;
  private readonly watch = new MidiWatch(this);

  protected override willUpdate(): void {
    this.watch.target = this.midi;
    this.toggleAttribute('active', this.midi?.learn.active ?? false);
  }

  protected override render() {
    const midi = this.midi;
    if (!midi?.learn.active) return nothing;
    const armed = midi.learn.armed;
    const last = midi.lastLearned;
    const text = armed
      ? `Move a controller for ${paramLabel(armed)}`
      : last
        ? `Learned ${messageLabel(last)} → ${paramLabel(last.param)}. Click another control, or Done`
        : 'Learn: click a control, then move a controller';
    return html`<div class="bar" role="status">
      <span class="text">${text}</span>
      <button data-testid="midi-learn-done" @click=${() => midi.setLearn(false)}>Done</button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-midi-learn-bar': LearnBar;
  }
}
