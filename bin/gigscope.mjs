#!/usr/bin/env node
// The `gigscope` command: the built CLI (npm run build writes dist/cli.mjs).
import { existsSync } from 'node:fs';
const cli = new URL('../dist/cli.mjs', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write("gigscope: dist/cli.mjs is missing: run 'npm run build' first\n");
  process.exit(1);
}
await import(cli.href);
