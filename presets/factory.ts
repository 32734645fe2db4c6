/**
 * The factory presets, bundled into the app and the CLI from presets/factory/*.json.
 *
 * The order here is the order of the app's picker (and so of MIDI program
 * changes): Clean first because it is where a fresh page starts, then the
 * utility settings, then the sounds.
 */
import clean from './factory/clean.json';
import quietMonitor from './factory/quiet-monitor.json';
import analyzerOnly from './factory/analyzer-only.json';
import practiceRoom from './factory/practice-room.json';
import vocalHall from './factory/vocal-hall.json';
import slapback from './factory/slapback.json';
import dottedEighth from './factory/dotted-eighth-delay.json';
import dubDelay from './factory/dub-delay.json';
import { validatePreset, PresetError, type Preset } from './preset';

/** The loose form of a name: case, spaces, dashes and underscores do not matter. */
export const presetNameKey = (s: string): string => s.toLowerCase().replace(/[\s_-]+/g, '');

/**
 * Validate every bundled file, naming the one that is broken: a bad factory
 * preset fails the tests (which import this module), never a show.
 */
function loadFactory(files: readonly [file: string, data: unknown][]): readonly Preset[] {
  const out: Preset[] = [];
  for (const [file, data] of files) {
    let preset: Preset;
    try {
      preset = validatePreset(data);
    } catch (err) {
      throw new PresetError(`presets/factory/${file}: ${(err as Error).message}`);
    }
    // two presets answering to one loose name would make `--preset NAME` ambiguous
    if (out.some((p) => presetNameKey(p.name) === presetNameKey(preset.name))) throw new PresetError(`presets/factory/${file}: preset.name: "${preset.name}" is taken`);
    out.push(preset);
  }
  return out;
}

export const FACTORY_PRESETS: readonly Preset[] = loadFactory([
  ['clean.json', clean],
  ['quiet-monitor.json', quietMonitor],
  ['analyzer-only.json', analyzerOnly],
  ['practice-room.json', practiceRoom],
  ['vocal-hall.json', vocalHall],
  ['slapback.json', slapback],
  ['dotted-eighth-delay.json', dottedEighth],
  ['dub-delay.json', dubDelay],
]);

/** The preset a fresh page starts from: every parameter at its default. */
export const DEFAULT_PRESET: Preset = FACTORY_PRESETS[0];

/** Find a factory preset by name, case- and space-insensitively ('quiet-monitor' finds 'Quiet monitor'). */
export function findFactoryPreset(name: string): Preset | undefined {
  return FACTORY_PRESETS.find((p) => presetNameKey(p.name) === presetNameKey(name));
}
