import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, startCli } from '../test-support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sada-main-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a reader that stops early (`sada search --queries FILE | head -1`) ends the output quietly, not with a crash', async () => {
  const queries = join(dir, 'queries.jsonl');
  writeFileSync(queries, Array.from({ length: 5_000 }, (_, i) => JSON.stringify({ id: `q${i}`, query: 'أمير مكة' })).join('\n'));
  const child = startCli(['search', '--queries', queries, '--db', join(dir, 'empty.db')]);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  // Like `head -1`: read the first output, then close the pipe while the batch is still writing.
  child.stdout.once('data', () => child.stdout.destroy());
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.doesNotMatch(stderr, /EPIPE|Unhandled|node:events/, stderr);
  assert.equal(status, 0);
});

test('a database failing as a whole is reported as such, not as an unexpected error', async () => {
  const { reportError } = await import('./main.js');
  const written: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => {
    written.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    const readonly = Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' });
    assert.equal(reportError(readonly), 1);
    assert.equal(reportError(new TypeError('x is not a function')), 1);
  } finally {
    process.stderr.write = write;
  }
  assert.deepEqual(written, ['sada: the database failed: attempt to write a readonly database\n', 'sada: unexpected error: x is not a function\n']);
});

test('a missing command is bad usage (exit 2, help on stderr); asking for help is not', () => {
  for (const args of [[], ['sources']]) {
    const r = runCli(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /Usage: sada/);
  }
  for (const args of [['help'], ['--help'], ['sources', '--help'], ['help', 'sources']]) {
    const r = runCli(args);
    assert.equal(r.status, 0, args.join(' '));
    assert.match(r.stdout, /Usage: sada/);
  }
});
