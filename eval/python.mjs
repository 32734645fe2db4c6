// Makes sure the scorer (../shared/eval/score.py) can run: Debian's python3 with
// numpy, scipy, soundfile and mir_eval. Missing modules are installed from Debian's
// packages (the scorer is written against those, and pip's hosts are not reachable
// here), the same way scripts/ensure-chromium.mjs installs Chromium for the tests.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { PYTHON } from './paths.mjs';

const MODULES = ['numpy', 'scipy', 'soundfile', 'mir_eval'];
const PACKAGES = ['python3-numpy', 'python3-scipy', 'python3-soundfile', 'python3-mir-eval'];

/** Module names that do not import, or all of them when there is no interpreter. */
function missingModules() {
  if (!existsSync(PYTHON)) return [...MODULES];
  return MODULES.filter((m) => spawnSync(PYTHON, ['-c', `import ${m}`], { stdio: 'ignore' }).status !== 0);
}

/** Ensure the scorer's dependencies, installing them if needed; throws with a clear message if it cannot. */
export function ensureScorerDeps(log = (s) => process.stderr.write(s + '\n')) {
  const missing = missingModules();
  if (!missing.length) return;
  log(`eval: the scorer needs ${missing.join(', ')} for ${PYTHON}; installing ${PACKAGES.join(' ')} from Debian`);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  // not root: try passwordless sudo, as ensure-chromium does, and say plainly what to do if that fails
  const run = (args) =>
    execFileSync(isRoot ? args[0] : 'sudo', isRoot ? args.slice(1) : ['-n', ...args], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  try {
    run(['apt-get', '-o', 'DPkg::Lock::Timeout=600', 'update', '-q']);
    run(['apt-get', '-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '-q', '--no-install-recommends', 'python3', ...PACKAGES]);
  } catch {
    throw new Error(
      `could not install the scorer's Python packages${isRoot ? '' : ' (not root, and passwordless sudo failed)'}.\n` +
        `Install them yourself: apt-get install python3 ${PACKAGES.join(' ')}`,
    );
  }
  const still = missingModules();
  if (still.length) throw new Error(`${PYTHON} still cannot import ${still.join(', ')} after installing ${PACKAGES.join(' ')}`);
}
