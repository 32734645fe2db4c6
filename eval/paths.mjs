// Where the evaluation harness finds things. The repository root is this file's
// parent folder; the shared folder (corpus and scorer) sits beside the repository
// as ../shared unless GIGSCOPE_SHARED points elsewhere (CI checkouts, a second corpus).
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The shared folder: $GIGSCOPE_SHARED if set, else <repo>/../shared. */
export function sharedDir() {
  return process.env.GIGSCOPE_SHARED ? resolve(process.env.GIGSCOPE_SHARED) : resolve(repoRoot, '..', 'shared');
}

/** The scorer's interpreter: Debian's, because that is where python3-mir-eval installs. */
export const PYTHON = '/usr/bin/python3';
