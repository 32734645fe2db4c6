// Makes sure a Chromium for the browser tests is on this machine, installing
// Debian's package when it is missing (test tools' own browser downloads
// cannot reach their hosts here). Runs before `npm test`.
//
// Looks, in order, at $CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);

const found = () => CANDIDATES.find((p) => existsSync(p));

if (!found()) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = isRoot ? [] : ['sudo', '-n'];
  console.error('ensure-chromium: no Chromium found; installing Debian\'s chromium package');
  try {
    const run = (args) => execFileSync(sudo.length ? sudo[0] : args[0], sudo.length ? [...sudo.slice(1), ...args] : args.slice(1), {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    run(['apt-get', '-o', 'DPkg::Lock::Timeout=600', 'update', '-q']);
    run(['apt-get', '-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '-q', '--no-install-recommends', 'chromium', 'fonts-dejavu-core']);
  } catch {
    console.error('ensure-chromium: could not install chromium (needs root or passwordless sudo and apt).');
    console.error('Install it yourself (apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.');
    process.exit(1);
  }
  if (!found()) {
    console.error('ensure-chromium: chromium still not found after installing');
    process.exit(1);
  }
}
console.error(`ensure-chromium: using ${found()}`);
