/**
 * <gs-impulse-loader .status=${session.impulse}>
 *
 * The convolution reverb's impulse-response picker:
 *
 *   [LOAD IR…]  [BUNDLED]                          <slot: e.g. the Normalise switch>
 *   one status line, the whole width
 *
 * "Load IR…" is a file input for .wav (data-testid ir-file); the status says
 * which response is in use (data-testid ir-status, with data-state bundled |
 * loading | loaded | error and data-name: the file's name, "Bundled · …",
 * "Loading …", or why a file was refused and what is kept); "Bundled" goes
 * back to the response that ships with gigscope once a file is in use.
 *
 * It reads the file and hands the bytes up; the session does the rest.
 * Events (bubble, composed)
 *   impulse-file     {name, bytes: ArrayBuffer}
 *   impulse-bundled  (no detail)
 * A file too large to be an impulse response is refused here, unread.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { MAX_IMPULSE_FILE_BYTES, type ImpulseStatus } from '../audio/impulse-status';
import { MAX_IMPULSE_SECONDS } from '../../host/impulse';
import { impulseLoaderStyles } from './effect-styles';

export type ImpulseFileEvent = CustomEvent<{ name: string; bytes: ArrayBuffer }>;

@customElement('gs-impulse-loader')
export class ImpulseLoader extends LitElement {
  static override styles = impulseLoaderStyles;

  @property({ attribute: false }) status: ImpulseStatus | null = null;
  /** a refusal decided here (file too large), shown until the next pick */
  private localError: string | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    // the session has news (a load finished, the engine started): it speaks for itself again
    if (changed.has('status') && changed.get('status') !== undefined) this.localError = null;
  }

  protected override render() {
    const st: ImpulseStatus | null = this.localError
      ? { kind: 'error', text: this.localError, name: this.status?.name ?? '', custom: this.status?.custom ?? false }
      : this.status;
    const loading = st?.kind === 'loading';
    return html`
      <label class="pick" aria-disabled=${loading ? 'true' : 'false'} title="Load a WAV impulse response (mono or stereo, up to ${MAX_IMPULSE_SECONDS} s)">
        Load IR…
        <input data-testid="ir-file" type="file" accept=".wav,.wave,audio/wav,audio/x-wav,audio/wave" ?disabled=${loading} @change=${this.onFile} />
      </label>
      ${st?.custom
        ? html`<button type="button" data-testid="ir-bundled" ?disabled=${loading} @click=${this.onBundled} title="Use the impulse response bundled with gigscope">Bundled</button>`
        : nothing}
      <span class="spacer"></span>
      <slot></slot>
      <div
        class="status ${st?.kind ?? ''}"
        data-testid="ir-status"
        data-state=${st?.kind ?? nothing}
        data-name=${st?.name ?? nothing}
        role="status"
        aria-live="polite"
        title=${st?.text ?? ''}
      >${st?.text ?? ''}</div>
    `;
  }

  private onFile = async (e: Event): Promise<void> => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    // clear the input, so picking the same file again (after editing it) still fires change
    input.value = '';
    if (!file) return;
    this.localError = null;
    if (file.size > MAX_IMPULSE_FILE_BYTES) {
      this.localError = `${file.name}: ${(file.size / 1e6).toFixed(0)} MB is far too large for a ${MAX_IMPULSE_SECONDS} s impulse response — still using ${this.status?.name ?? 'the previous one'}`;
      this.requestUpdate();
      return;
    }
    let bytes: ArrayBuffer;
    try {
      bytes = await file.arrayBuffer();
    } catch (err) {
      this.localError = `${file.name}: cannot read the file (${(err as Error).message}) — still using ${this.status?.name ?? 'the previous one'}`;
      this.requestUpdate();
      return;
    }
    this.requestUpdate();
    this.dispatchEvent(new CustomEvent('impulse-file', { detail: { name: file.name, bytes }, bubbles: true, composed: true }));
  };

  private onBundled = (): void => {
    this.localError = null;
    this.dispatchEvent(new CustomEvent('impulse-bundled', { bubbles: true, composed: true }));
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-impulse-loader': ImpulseLoader;
  }
  interface HTMLElementEventMap {
    'impulse-file': ImpulseFileEvent;
    'impulse-bundled': Event;
  }
}
