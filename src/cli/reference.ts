import type { Command } from 'commander';
import { CONFIG_TABLE } from './config.js';

/**
 * Renders the README's CLI and configuration references from the program itself, so that the documentation
 * cannot drift from `sada --help` (a test compares them; `npm run docs` rewrites the README).
 */
export function renderCliReference(program: Command): string {
  const lines = ['### Command line', '', 'Generated from `sada --help` (`npm run docs` refreshes it).', '', '```text', help(program).trimEnd(), '```', ''];
  for (const command of walk(program)) {
    lines.push(`#### \`${fullName(command)}\``, '', '```text', help(command).trimEnd(), '```', '');
  }
  return lines.join('\n');
}

export function renderConfigReference(): string {
  const rows = Object.entries(CONFIG_TABLE).map(([key, e]) => `| \`${e.env}\` | \`${key}\` | \`${JSON.stringify(e.default)}\` | ${e.doc} |`);
  return [
    '### Configuration',
    '',
    'Every setting has a default and an environment variable; command-line flags (`--db`, `--log-level`, `--allow-private`,',
    '`--port`, `--host`) override the environment. Invalid values stop the program with exit code 2, naming the variable or flag; numbers are written in plain digits (`8080`, not `8.08e3` or `0x1f90`).',
    '',
    '| variable | key | default | meaning |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

export function replaceBetween(doc: string, marker: string, content: string): string {
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  if (i < 0 || j < i) throw new Error(`README lacks the ${marker} markers`);
  return `${doc.slice(0, i + start.length)}\n${content}${doc.slice(j)}`;
}

function help(command: Command): string {
  // A fixed width keeps the generated text the same on every terminal and in CI.
  command.configureHelp({ ...command.configureHelp(), helpWidth: 110 });
  return command.helpInformation({ error: false });
}

function* walk(command: Command): Generator<Command> {
  for (const sub of command.commands) {
    yield sub;
    yield* walk(sub);
  }
}

function fullName(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}
