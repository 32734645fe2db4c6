/** The factory presets, bundled into the app and the CLI from presets/factory/*.json. */
import clean from './factory/clean.json';
import quietMonitor from './factory/quiet-monitor.json';
import { validatePreset, type Preset } from './preset';

/** Validated at load: a broken factory preset fails the build's tests, not a show. */
export const FACTORY_PRESETS: readonly Preset[] = [clean, quietMonitor].map((p) => validatePreset(p));

/** Find a factory preset by name, case- and space-insensitively ('quiet-monitor' finds 'Quiet monitor'). */
export function findFactoryPreset(name: string): Preset | undefined {
  const key = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');
  return FACTORY_PRESETS.find((p) => key(p.name) === key(name));
}
