/**
 * effectLayout without a DOM: every parameter of an effect gets exactly one
 * control, and the mix — the level ridden during a song — is a fader, not a knob.
 */
import { describe, it, expect } from 'vitest';
import { PARAMS } from '../../params/table';
import { effectGroups, effectLayout } from '../../ui/effects/effect-layout';

describe('effectLayout', () => {
  it('places every parameter of every effect exactly once', () => {
    for (const group of effectGroups()) {
      const fx = effectLayout(group);
      const placed = [fx.on, ...fx.choices, ...fx.toggles, ...fx.knobs, ...fx.faders].map((p) => p.id).sort();
      const expected = PARAMS.filter((p) => p.group === group).map((p) => p.id).sort();
      expect(placed, group).toEqual(expected);
      // the clusters hold the knobs, and only them
      expect(fx.clusters.flat().map((p) => p.id)).toEqual(fx.knobs.map((p) => p.id));
    }
  });

  it('the mix of the delay and of the reverb is a fader; effects without a mix have none', () => {
    const faders = Object.fromEntries(effectGroups().map((g) => [g, effectLayout(g).faders.map((p) => p.id)]));
    expect(faders).toEqual({ gate: [], comp: [], eq: [], delay: ['delay.mix'], reverb: ['reverb.mix'] });
    expect(effectLayout('reverb').knobs.some((p) => p.id === 'reverb.mix')).toBe(false);
  });
});
