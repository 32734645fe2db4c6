// Fetch one Debian package's files without installing it: `apt-get download`
// into debDir (skipped when a .deb of that package is already there), then
// `dpkg-deb -x` into xDir/<package> (skipped when it was extracted before).
// Used by the vocal training data and by the out-of-corpus beat check; both
// need audio that ships in Debian, and neither needs root once the package
// lists are current (`apt-get update`, once, as root).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @param {string} pkg Debian package name
 * @param {{ debDir: string, xDir: string, log?: (line: string) => void }} dirs
 * @returns {{ version: string, deb: string, bytes: number, dir: string }}
 */
export function fetchDebianPackage(pkg, { debDir, xDir, log = () => {} }) {
  mkdirSync(debDir, { recursive: true });
  const find = () => readdirSync(debDir).find((f) => f.startsWith(`${pkg}_`) && f.endsWith('.deb'));
  let deb = find();
  if (!deb) {
    log(`apt-get download ${pkg}`);
    execFileSync('apt-get', ['download', pkg], { cwd: debDir, stdio: ['ignore', 'ignore', 'inherit'] });
    deb = find();
    if (!deb) throw new Error(`apt-get download ${pkg} left no .deb (run apt-get update as root once?)`);
  }
  const version = execFileSync('dpkg-deb', ['-f', join(debDir, deb), 'Version'], { encoding: 'utf8' }).trim();
  const dir = join(xDir, pkg);
  if (!existsSync(join(dir, '.extracted'))) {
    mkdirSync(dir, { recursive: true });
    execFileSync('dpkg-deb', ['-x', join(debDir, deb), dir]);
    writeFileSync(join(dir, '.extracted'), version);
  }
  return { version, deb, bytes: statSync(join(debDir, deb)).size, dir };
}
