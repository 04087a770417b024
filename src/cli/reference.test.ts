import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProgram } from './main.js';
import { renderCliReference, renderConfigReference, replaceBetween } from './reference.js';
import { REPO_ROOT } from '../test-support/paths.js';

test('README CLI and configuration references match the program (run `npm run docs` to refresh)', () => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const program = buildProgram(() => {
    throw new Error('not running commands');
  });
  let expected = replaceBetween(readme, 'cli-reference', renderCliReference(program));
  expected = replaceBetween(expected, 'config-reference', renderConfigReference());
  assert.equal(readme, expected, 'README.md is out of date: run `npm run build && npm run docs`');
});
