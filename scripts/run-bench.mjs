#!/usr/bin/env node
// Runs the compiled benchmarks in dist/bench/ one after another (never in parallel: they measure time).
//   npm run bench                 all benchmarks
//   npm run bench -- text search  only those whose file name contains a filter
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const dir = join(root, 'dist', 'bench');
const filters = process.argv.slice(2);
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.bench.js')).sort() : [];
const selected = files.filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
if (selected.length === 0) {
  console.error(`no benchmarks matched in ${dir}`);
  process.exit(1);
}
let failed = 0;
for (const f of selected) {
  console.log(`\n## ${f}`);
  const r = spawnSync(process.execPath, ['--expose-gc', join(dir, f)], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
