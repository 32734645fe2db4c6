/**
 * <gs-effect-panel group="delay" .values=${values} .source=${gig}>
 *
 * One effect's controls, generated from the parameter table by
 * effectLayout(group) — nothing here names a parameter:
 *
 *   [● DELAY]  (the `<group>.on` switch: the panel's bypass)   [GR meter, gate and comp]
 *              selectors for the 'choice' parameters · the other toggles (wrapping)
 *   a row of knobs for every continuous parameter, in wells by cluster
 *   (eq.lowshelf.freq + eq.lowshelf.gain share one, see effectLayout),
 *   ending in a fader for the effect's mix, as tall as the row
 *   <slot>: what the app adds for this effect (the reverb's impulse-response loader)
 *
 * Every control reports with `param-change`, which bubbles out to the app;
 * values come back in through `values`, like every other control on the page.
 * The controls carry data-param="<id>"; the GR meter data-testid="<group>-gr".
 *
 * Properties
 *   group    table group of an effect ('gate', 'comp', 'eq', 'delay', 'reverb')
 *   values   current parameter values by id
 *   source   snapshot source for the GR meter (GigscopeNode); null while stopped
 *   placed   ids the app places itself, in the slot, next to what they belong
 *            with (reverb.normalize beside the impulse-response loader)
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SnapshotSource } from '../meters/snapshot-controller';
import { effectLayout, type EffectLayout } from './effect-layout';
import { effectPanelStyles } from './effect-styles';
import '../controls/param-knob';
import '../controls/param-fader';
import '../controls/param-toggle';
import '../controls/param-choice';
import '../meters/gain-reduction';

@customElement('gs-effect-panel')
export class EffectPanel extends LitElement {
  static override styles = effectPanelStyles;

  @property({ reflect: true }) group = '';
  @property({ attribute: false }) values: Readonly<Record<string, number>> = {};
  @property({ attribute: false }) source: SnapshotSource | null = null;
  @property({ attribute: false }) placed: readonly string[] = [];

  private layout: EffectLayout | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('group')) this.layout = this.group ? effectLayout(this.group) : null;
  }

  protected override updated(): void {
    this.setAttribute('role', 'region');
    if (this.layout) this.setAttribute('aria-label', `${this.layout.title} effect`);
  }

  protected override render() {
    const fx = this.layout;
    if (!fx) return nothing;
    const v = this.values;
    return html`
      <div class="head">
        <gs-param-toggle class="on" param=${fx.on.id} .value=${v[fx.on.id]}></gs-param-toggle>
        ${fx.gr
          ? html`<gs-gain-reduction
              class="gr"
              data-testid="${fx.group}-gr"
              field=${fx.gr}
              label=${fx.title}
              range=${fx.grRangeDb}
              .source=${this.source}
            ></gs-gain-reduction>`
          : nothing}
        ${fx.choices.map((p) => html`<gs-param-choice param=${p.id} .value=${v[p.id]}></gs-param-choice>`)}
        ${fx.toggles.filter((p) => !this.placed.includes(p.id)).map((p) => html`<gs-param-toggle class="opt" param=${p.id} .value=${v[p.id]}></gs-param-toggle>`)}
      </div>
      <div class="knobs" style="--gs-knob-count: ${fx.knobs.length}; --gs-cluster-count: ${fx.clusters.length}; --gs-fader-count: ${fx.faders.length}">
        ${fx.clusters.map(
          (c) => html`<div class="cluster" style="--n: ${c.length}">
            ${c.map((p) => html`<gs-param-knob param=${p.id} .value=${v[p.id]}></gs-param-knob>`)}
          </div>`,
        )}
        ${fx.faders.length
          ? html`<div class="faders">
              ${fx.faders.map((p) => html`<gs-param-fader param=${p.id} .value=${v[p.id]}></gs-param-fader>`)}
            </div>`
          : nothing}
      </div>
      <slot></slot>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-effect-panel': EffectPanel;
  }
}
