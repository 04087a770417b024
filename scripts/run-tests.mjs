#!/usr/bin/env node
// Runs every compiled *.test.js under dist/ with node:test. Pass path fragments to run a subset:
//   node scripts/run-tests.mjs text/ store/
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
const filters = process.argv.slice(2);
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full);
    else if (name.endsWith('.test.js')) files.push(full);
  }
})(join(dist, 'src'));
try { statSync(join(dist, 'test')); } catch { /* no top-level test dir */ }
const selected = files
  .filter((f) => filters.length === 0 || filters.some((x) => relative(dist, f).includes(x)))
  .sort();
if (selected.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
// A test that leaves a timer or socket behind (say, a scheduler loop that outlived stop()) fails on its own
// assertions; --test-force-exit keeps it from also holding its file open forever, and --test-timeout turns a
// hung await into a failure instead of a stalled CI run.
const result = spawnSync(process.execPath, ['--test', '--test-force-exit', '--test-timeout=300000', '--test-reporter=spec', ...selected], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
