#!/usr/bin/env node
// Rewrites the generated parts of README.md (CLI and configuration references). Run after `npm run build`.
import { readFileSync, writeFileSync } from 'node:fs';
import { buildProgram } from '../dist/src/cli/main.js';
import { renderCliReference, renderConfigReference, replaceBetween } from '../dist/src/cli/reference.js';

const path = new URL('../README.md', import.meta.url);
let doc = readFileSync(path, 'utf8');
const program = buildProgram(() => {
  throw new Error('not running commands');
});
doc = replaceBetween(doc, 'cli-reference', renderCliReference(program));
doc = replaceBetween(doc, 'config-reference', renderConfigReference());
writeFileSync(path, doc);
console.log('README.md references updated');
