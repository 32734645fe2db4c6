/**
 * MidiRouter: applies incoming controller messages to parameters through the
 * mappings in force.
 *
 *   const router = new MidiRouter(session, () => store.current, (n) => pickPreset(n));
 *   router.handle('nanoKONTROL2', decodeMidi(bytes)!);
 *
 * Every change goes through `target.setParam`, the path a knob on screen uses
 * (AudioSession.setParam: clamped to the table, remembered, sent to the engine,
 * where the table's smoothing ramps it), so MIDI and the screen can never
 * disagree.
 *
 * By message:
 *   cc / cc14 / pitchbend  absolute: position → curve → range → the table's scaling,
 *                          with soft takeover (see soft-takeover.ts); a cc14
 *                          mapping takes its MSB (number) and its LSB (number + 32)
 *   note                   mode 'toggle': each note-on flips the parameter between its
 *                          range ends; 'trigger': each note-on fires it (tap tempo …);
 *                          'absolute': held — note-on sets the range's end, note-off its start
 *   cc in toggle/trigger   a button: values ≥ 64 press it
 *   program                a 'program' mapping sets the parameter from the program
 *                          number (a selection, so no takeover); with none for that
 *                          port and channel, program n selects the n-th preset
 *
 * A mapping matches by port *name* (a mapping with port "" answers any port)
 * and by channel (0 = any).
 */
import { paramSpec, toNormalized, type ParamSpec } from '../../params/table';
import type { MidiMapping } from '../../presets/midi-mapping';
import type { MidiEvent } from './midi-message';
import { Cc14Pairs } from './cc14';
import { controlToTravel, mappingRange, travelToValue } from './mapping-curve';
import { SoftTakeover } from './soft-takeover';

/** What the router drives: AudioSession, or a fake in tests. */
export interface ParamTarget {
  readonly values: Readonly<Record<string, number>>;
  /** sets (clamped, rounded as the table says) and returns the value kept; a trigger fires on ≥ 0.5 */
  setParam(id: string, value: number): number;
}

/** Full scale of each kind of absolute controller. */
const CC_MAX = 127;
const CC14_MAX = 16383;
const BEND_MAX = 16383;
/** MSB controllers 0–31 pair with LSB controllers 32–63. */
const LSB_OFFSET = 32;
/**
 * Soft takeover counts the controller as at the value within 1.5 of its own
 * steps (in travel), so a 7-bit knob whose steps straddle the value still picks up.
 */
const PICKUP_STEPS = 1.5;
/** A CC button: press at ≥ 64 (most send 127/0). */
const BUTTON_PRESSED = 64;

/** Per mapping: its takeover and whether its button is held. Keyed by the (frozen) mapping object. */
interface MappingState {
  takeover: SoftTakeover;
  pressed: boolean;
}

export class MidiRouter {
  private readonly cc14 = new Cc14Pairs();
  private readonly state = new WeakMap<MidiMapping, MappingState>();

  constructor(
    private readonly target: ParamTarget,
    private readonly mappings: () => readonly MidiMapping[],
    /** program change n with no mapping for it: select the n-th preset (0-based) */
    private readonly onProgram: (program: number) => void = () => {},
  ) {}

  /** Apply one message from input port `port`. Returns how many mappings acted on it. */
  handle(port: string, e: MidiEvent): number {
    let acted = 0;
    const list = this.mappings();
    switch (e.kind) {
      case 'cc': {
        // keep the 14-bit pair state whether or not anything is mapped yet
        const isMsb = e.number < LSB_OFFSET;
        const isLsb = e.number >= LSB_OFFSET && e.number < 2 * LSB_OFFSET;
        const full14 = isMsb
          ? this.cc14.msb(port, e.channel, e.number, e.value)
          : isLsb
            ? this.cc14.lsb(port, e.channel, e.number - LSB_OFFSET, e.value)
            : null;
        for (const m of list) {
          if (!matches(m, port, e.channel)) continue;
          if (m.kind === 'cc' && m.number === e.number) {
            acted += this.control(m, e.value / CC_MAX, CC_MAX);
          } else if (m.kind === 'cc14' && full14 !== null && m.number === (isMsb ? e.number : e.number - LSB_OFFSET)) {
            acted += this.control(m, full14 / CC14_MAX, CC14_MAX);
          }
        }
        break;
      }
      case 'pitchbend':
        for (const m of list) if (m.kind === 'pitchbend' && matches(m, port, e.channel)) acted += this.control(m, e.value / BEND_MAX, BEND_MAX);
        break;
      case 'noteon':
      case 'noteoff':
        for (const m of list) if (m.kind === 'note' && m.number === e.number && matches(m, port, e.channel)) acted += this.note(m, e.kind === 'noteon');
        break;
      case 'program': {
        for (const m of list) {
          if (m.kind !== 'program' || !matches(m, port, e.channel)) continue;
          const spec = paramSpec(m.param);
          if (spec) acted += this.set(m, spec, controlToTravel(e.number / CC_MAX, m));
        }
        if (acted === 0) this.onProgram(e.number);
        break;
      }
    }
    return acted;
  }

  /** Forget soft-takeover and 14-bit state (e.g. MIDI was re-enabled). */
  reset(): void {
    this.cc14.clear();
    for (const m of this.mappings()) this.state.delete(m);
  }

  /** An absolute controller at position x (0–1) with `steps` steps of resolution. */
  private control(m: MidiMapping, x: number, steps: number): number {
    const spec = paramSpec(m.param);
    if (!spec) return 0;
    const mode = m.mode ?? 'absolute';
    if (mode !== 'absolute' || spec.scaling === 'trigger') {
      // a button on a CC: press on the way up through the middle
      const st = this.stateOf(m);
      const down = x >= BUTTON_PRESSED / CC_MAX;
      const wasDown = st.pressed;
      st.pressed = down;
      if (down && !wasDown) return this.press(m, spec);
      return 0;
    }
    const t = controlToTravel(x, m);
    const [from, to] = mappingRange(m);
    const tolerance = (PICKUP_STEPS / steps) * Math.abs(to - from);
    const st = this.stateOf(m);
    if (!st.takeover.follow(t, this.travel(spec), tolerance, [from, to])) return 0;
    return this.set(m, spec, t);
  }

  private note(m: MidiMapping, on: boolean): number {
    const spec = paramSpec(m.param);
    if (!spec) return 0;
    const mode = m.mode ?? (spec.scaling === 'trigger' ? 'trigger' : 'toggle');
    if (mode === 'absolute') {
      const [from, to] = mappingRange(m);
      return this.set(m, spec, on ? to : from);
    }
    return on ? this.press(m, spec) : 0;
  }

  /** A press: fire a trigger, or flip between the range's ends. */
  private press(m: MidiMapping, spec: ParamSpec): number {
    if (spec.scaling === 'trigger') {
      this.target.setParam(spec.id, 1);
      return 1;
    }
    const [from, to] = mappingRange(m);
    const now = this.travel(spec);
    // at (or past) the far end → back to the near end; anywhere else → the far end
    const atTo = Math.abs(now - to) <= Math.abs(now - from);
    return this.set(m, spec, atTo ? from : to);
  }

  private set(m: MidiMapping, spec: ParamSpec, travel: number): number {
    const kept = this.target.setParam(spec.id, travelToValue(spec, travel));
    this.stateOf(m).takeover.taken(toNormalized(spec, kept));
    return 1;
  }

  private travel(spec: ParamSpec): number {
    const v = this.target.values[spec.id];
    return toNormalized(spec, Number.isFinite(v) ? v : spec.default);
  }

  private stateOf(m: MidiMapping): MappingState {
    let s = this.state.get(m);
    if (!s) {
      s = { takeover: new SoftTakeover(), pressed: false };
      this.state.set(m, s);
    }
    return s;
  }
}

function matches(m: MidiMapping, port: string, channel: number): boolean {
  return (m.port === '' || m.port === port) && (m.channel === 0 || m.channel === channel);
}
