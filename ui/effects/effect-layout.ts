/**
 * Which controls an effect panel shows, derived from the parameter table
 * alone (no DOM), so a parameter added to params/table.ts appears in its
 * panel without touching the UI.
 *
 *   const fx = effectLayout('delay');
 *   fx.on        // 'delay.on'  — the panel's bypass switch; its name is the panel title
 *   fx.choices   // ['delay.division', 'delay.sync', 'delay.mode']  — selectors
 *   fx.toggles   // ['delay.pingpong', 'delay.freeze']
 *   fx.knobs     // every continuous parameter but the faders', in table order
 *   fx.faders    // ['delay.mix']  — the level a performer rides mid-song, as a fader
 *   fx.clusters  // the knobs grouped by the id's second part: [[time], …, [mod.depth, mod.rate]]
 *   fx.gr        // 'gate.gr' | 'comp.gr' when the snapshot reports the stage's gain reduction
 *
 * An effect is a table group with an `<group>.on` toggle (master has a bypass,
 * beat has none), in table order, which is the chain order: gate → comp → EQ
 * → delay → reverb.
 */
import { PARAMS, SNAPSHOT_FIELDS, paramSpec, type ParamSpec, type SnapshotId } from '../../params/table';

export interface EffectLayout {
  /** table group, e.g. 'reverb' */
  group: string;
  /** the `<group>.on` toggle */
  on: ParamSpec;
  /** what the panel and its tab are called: the on switch's table name */
  title: string;
  /** 'choice' parameters: selectors */
  choices: ParamSpec[];
  /** the other toggles (freeze, ping-pong …) */
  toggles: ParamSpec[];
  /** continuous (and integer) parameters: knobs */
  knobs: ParamSpec[];
  /**
   * The effect's mix (ids ending in `.mix`): a fader at the end of the knob
   * row, because it is the control ridden during a song and a fader's position
   * reads from further away than a knob's angle.
   */
  faders: ParamSpec[];
  /**
   * The knobs in runs that belong together: consecutive ids with the same
   * second part (eq.peak.freq, eq.peak.gain, eq.peak.q → one run; reverb.decay
   * and reverb.decay.low → one), drawn as one well so an EQ band reads as a band.
   */
  clusters: ParamSpec[][];
  /** the stage's gain-reduction snapshot field, if it has one */
  gr: SnapshotId | null;
  /** deepest reduction the GR bar shows, dB */
  grRangeDb: number;
}

/** A compressor past this much reduction is squashing; the bar pins there. */
const COMP_GR_RANGE_DB = 24;

/** The table's effect groups, in chain order. */
export function effectGroups(): string[] {
  const out: string[] = [];
  for (const p of PARAMS) {
    if (p.id === `${p.group}.on` && p.scaling === 'toggle' && !out.includes(p.group)) out.push(p.group);
  }
  return out;
}

export function effectLayout(group: string): EffectLayout {
  const on = paramSpec(`${group}.on`);
  if (!on || on.scaling !== 'toggle') throw new Error(`'${group}' is not an effect (no ${group}.on toggle in the table)`);
  const params: ParamSpec[] = PARAMS.filter((p) => p.group === group && p.id !== on.id);
  const continuous = params.filter((p) => p.scaling !== 'choice' && p.scaling !== 'toggle' && p.scaling !== 'trigger');
  const faders = continuous.filter(isFader);
  const knobs = continuous.filter((p) => !isFader(p));
  const grId = `${group}.gr`;
  const gr = (SNAPSHOT_FIELDS.find((f) => f.id === grId)?.id ?? null) as SnapshotId | null;
  return {
    group,
    on,
    title: on.name,
    choices: params.filter((p) => p.scaling === 'choice'),
    toggles: params.filter((p) => p.scaling === 'toggle'),
    // triggers would be buttons; no effect has one today, and they are never knobs
    knobs,
    faders,
    clusters: clusterRuns(knobs),
    gr,
    grRangeDb: grRange(group),
  };
}

/** A continuous level the performer rides: the effect's mix (not an integer, which steps). */
function isFader(p: ParamSpec): boolean {
  return p.id.endsWith('.mix') && p.scaling !== 'integer';
}

/** Second part of an id ('eq.peak.q' → 'peak'): what a knob adjusts. */
function subject(id: string): string {
  return id.split('.')[1] ?? id;
}

/**
 * Consecutive knobs on the same subject form one run; lone knobs with nothing
 * to group with are gathered into runs of their own between the groups, so a
 * panel of unrelated knobs (the gate) is a single well.
 */
function clusterRuns(knobs: ParamSpec[]): ParamSpec[][] {
  const runs: ParamSpec[][] = [];
  for (const p of knobs) {
    const last = runs[runs.length - 1];
    if (last && subject(last[last.length - 1].id) === subject(p.id)) last.push(p);
    else runs.push([p]);
  }
  // merge neighbouring single-knob runs: they are unrelated knobs, not groups
  const out: ParamSpec[][] = [];
  for (const r of runs) {
    const last = out[out.length - 1];
    if (last && r.length === 1 && !isGroup(last)) last.push(r[0]);
    else out.push(r.length === 1 ? [...r] : r);
  }
  return out;
}

/** A run of two or more knobs on one subject. */
function isGroup(run: ParamSpec[]): boolean {
  return run.length > 1 && subject(run[0].id) === subject(run[1].id);
}

/**
 * The gate's bar spans as deep as its own Range control can attenuate (the
 * table's minimum of gate.range); the compressor's a fixed 24 dB.
 */
function grRange(group: string): number {
  const range = paramSpec(`${group}.range`);
  if (group === 'gate' && range) return Math.abs(range.min);
  return COMP_GR_RANGE_DB;
}
