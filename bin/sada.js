#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm ci` (the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('sada: not built yet; run `npm ci` (or `npm run build`) in the repository first\n');
  process.exit(1);
}
const { run } = await import(main.href);
process.exitCode = await run(process.argv);
