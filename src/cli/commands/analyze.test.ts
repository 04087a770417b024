import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../../test-support/paths.js';
import { runCli, SADA_BIN } from '../../test-support/cli.js';
import { displayWidth, formatTable } from './analyze-table.js';

const sada = (...args: string[]) => {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'sada.js'), ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

test('sada analyze --json prints one JSON array line with every token', () => {
  const r = sada('analyze', 'وبالأمير والمسئولين', '--json');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim().split('\n').length, 1);
  assert.deepEqual(JSON.parse(r.stdout), [
    { token: 'وبالأمير', norm: 'وبالامير', stem: 'امير', start: 0, end: 8, stop: false },
    { token: 'والمسئولين', norm: 'والمسءولين', stem: 'مسءول', start: 9, end: 19, stop: false },
  ]);
});

test('sada analyze prints an aligned table; empty text gives an empty result and exit 0', () => {
  const r = sada('analyze', 'قال الأمير في الرياض');
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0] as string, /^token\s+norm\s+stem\s+start\s+end\s+stop$/u);
  assert.equal(lines.length, 2 + 4);
  assert.match(lines[4] as string, /^في\s+في\s+في\s+11\s+13\s+yes$/u);
  const empty = sada('--json', 'analyze', '');
  assert.equal(empty.code, 0);
  assert.equal(empty.stdout.trim(), '[]');
  assert.equal(sada('analyze').code, 0);
});

test('sada analyze without TEXT reads standard input, and at a terminal says how to give the text', () => {
  const piped = runCli(['--json', 'analyze'], { input: 'قال الأمير\nفي الرياض' });
  assert.equal(piped.status, 0, piped.stderr);
  assert.deepEqual((JSON.parse(piped.stdout) as Array<{ stem: string }>).map((t) => t.stem), ['قال', 'امير', 'في', 'رياض']);
  const tooLong = runCli(['analyze'], { input: 'نص '.repeat(1_000_000) });
  assert.equal(tooLong.status, 2);
  assert.match(tooLong.stderr, /more than 4 MiB/);
  // a pseudo-terminal for standard input (python's pty module): without the check it would wait for typing
  const script = `import pty, sys; sys.exit(pty.spawn([${JSON.stringify(process.execPath)}, ${JSON.stringify(SADA_BIN)}, 'analyze']) >> 8)`;
  const atTerminal = spawnSync('python3', ['-c', script], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, CI: 'true' } });
  assert.equal(atTerminal.status, 2, atTerminal.stdout);
  assert.match(atTerminal.stdout, /no text: give it as arguments/);
});

test('table cells are padded by display width (marks take no column)', () => {
  assert.equal(displayWidth('قالَ'), 3);
  const table = formatTable(['a', 'b'], [['قالَ', 'x'], ['قال', 'yy']]);
  const [header, rule, one, two] = table.split('\n');
  assert.equal(header, 'a    b');
  assert.equal(rule, '---  --');
  assert.equal(one, 'قالَ  x');
  assert.equal(two, 'قال  yy');
});
