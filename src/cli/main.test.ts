import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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

test('--db or SADA_DB given as a SQLite URI (file:…?mode=ro) or another scheme is refused with exit 2, creating nothing', () => {
  const db = join(dir, 'uri.db');
  assert.equal(runCli(['articles', '--db', db]).status, 0);
  // Before, `file:/…/uri.db?mode=ro` made the directories ./file:/… in the working directory, and with
  // SQLITE_USE_URI=0 a new empty database in them.
  const cwd = mkdtempSync(join(tmpdir(), 'sada-cwd-'));
  try {
    const refusals: [string[], NodeJS.ProcessEnv, RegExp][] = [
      [['articles', '--json', '--db', `file:${db}?mode=ro`], {}, new RegExp(`^sada: invalid --db: "file:${db}\\?mode=ro" \\(SQLite URI filenames are not supported: give the database file's path \\(${db}\\) or a postgres:// URL; commands that only read need no mode=ro`)],
      [['articles', '--db', `file://localhost${db}`], { SQLITE_USE_URI: '0' }, /^sada: invalid --db: .*give the database file's path \(\/.*\/uri\.db\)/],
      [['import', '/dev/null'], { SADA_DB: 'file:news.db' }, /^sada: invalid SADA_DB: "file:news\.db" \(SQLite URI filenames are not supported: give the database file's path \(news\.db\)/],
      [['stories', '--db', `sqlite://${db}`], {}, /^sada: invalid --db: .*\(sqlite:\/\/ is not a database Sada opens: give a SQLite file path or a postgres:\/\/ URL\)$/m],
      [['stories', '--db', 'postgress://localhost/sada'], {}, /\(postgress:\/\/ is not a database Sada opens/],
    ];
    for (const [args, env, reason] of refusals) {
      const r = runCli(args, { env, cwd });
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, reason);
      assert.equal(r.stderr.split('\n').length, 2, 'one line');
      assert.deepEqual(readdirSync(cwd), [], `${args.join(' ')} created files in the working directory`);
    }
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});

test('an error naming a 600-character --db path shows the whole path and the reason after it', () => {
  const blocker = join(dir, 'blocker');
  writeFileSync(blocker, 'not a directory');
  const parent = join(blocker, 'a'.repeat(200), 'b'.repeat(200));
  const db = join(parent, 'c'.repeat(600 - `${parent}//sada.db`.length), 'sada.db');
  assert.equal(db.length, 600);
  const r = runCli(['articles', '--db', db]);
  assert.equal(r.status, 1, r.stderr);
  // before, the line was cut 500 characters in, inside the path, and the reason was lost
  assert.match(r.stderr, /^sada: cannot create SQLite database (\S+): (.+)\n$/);
  const [, named, reason] = /^sada: cannot create SQLite database (\S+): (.+)\n$/.exec(r.stderr)!;
  assert.equal(named, db);
  assert.match(reason!, /ENOTDIR|not a directory/);
});
