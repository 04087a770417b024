import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli, SADA_BIN, servingOrigin } from '../test-support/cli.js';
import { fixturePath, REPO_ROOT } from '../test-support/paths.js';

/**
 * A database on read-only media, made with a read-only bind mount in a private mount namespace (`unshare -m`,
 * root): the mount exists only for the command run inside it, and root's disregard of file permissions does
 * not matter there (EROFS). Skipped where mount namespaces are not available.
 */
const canMount = spawnSync('unshare', ['-m', 'sh', '-c', 'mount --bind / /mnt'], { encoding: 'utf8' }).status === 0;
const SKIP = canMount ? false : 'needs root and mount namespaces (unshare -m) to make a read-only mount';

const dir = mkdtempSync(join(tmpdir(), 'sada-readonly-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** `sh -c` arguments that mount `mount` read-only onto itself, then run the CLI with `args`. */
function readOnlyShell(mount: string, args: string[]): string[] {
  const quoted = [process.execPath, SADA_BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return ['-m', 'sh', '-c', `mount --bind '${mount}' '${mount}' && mount -o remount,bind,ro '${mount}' && exec ${quoted}`];
}

/** Runs the CLI with `mount` (a directory holding the database, or the database file alone) read-only. */
function runReadOnly(mount: string, args: string[]) {
  const r = spawnSync('unshare', readOnlyShell(mount, args), { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true', SADA_LOG_LEVEL: 'warn' }, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A database of the server fixture's four articles in its own directory, closed cleanly (no -wal, no -shm). */
function importedDatabase(name: string): { mount: string; db: string } {
  const mount = join(dir, name);
  mkdirSync(mount);
  const db = join(mount, 'sada.db');
  const imported = runCli(['import', fixturePath('server', 'import', 'articles.jsonl'), '--db', db, '--json']);
  assert.equal(imported.status, 0, imported.stderr);
  return { mount, db };
}

test('commands that only read work on a database on read-only media; commands that write say why they cannot', { skip: SKIP }, () => {
  const { mount, db } = importedDatabase('media');
  const search = runReadOnly(mount, ['search', 'Gemini', '--json', '--db', db]);
  assert.equal(search.status, 0, search.stderr);
  assert.match((JSON.parse(search.stdout) as { hits: { title: string }[] }).hits[0]?.title ?? '', /Gemini/);
  assert.match(search.stderr, /sada: note: \S+sada\.db is read as a snapshot \(changes made to it from now on are not seen\)/);
  const articles = runReadOnly(mount, ['articles', '--json', '--db', db]);
  assert.equal(articles.status, 0, articles.stderr);
  const listed = JSON.parse(articles.stdout) as { id: number }[];
  assert.equal(listed.length, 4);
  for (const args of [['stories', '--json'], ['related', String(listed[0]!.id), '--json'], ['sources', 'list', '--json']]) {
    const r = runReadOnly(mount, [...args, '--db', db]);
    assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
    JSON.parse(r.stdout);
  }
  // Writing commands are refused before they start, saying what would work.
  for (const args of [['import', fixturePath('server', 'import', 'articles.jsonl')], ['search', '--reindex'], ['serve', '--port', '0']]) {
    const r = runReadOnly(mount, [...args, '--db', db]);
    assert.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^sada: cannot open SQLite database \S+ for writing: .*cannot be written by this user; commands that only read \(search, articles, stories, related, sources list, sources export-opml, serve --no-fetch\) can use it as it is\n$/);
  }
});

test('a read-only database file in a writable directory is refused at once by writing commands, saying the file cannot be written; nothing is changed', { skip: SKIP }, () => {
  const { db } = importedDatabase('file-only');
  const fresh = join(dir, 'fresh.jsonl');
  writeFileSync(fresh, `${JSON.stringify({ url: 'https://fresh.example/1', source: 'fresh', title: 'خبر جديد', text: 'نص الخبر الجديد عن افتتاح السوق في المدينة.' })}\n`);
  const before = readFileSync(db);
  // Only the file is mounted read-only (EROFS, which root cannot override either): its directory stays writable,
  // so SQLite opened it without a word, read-only, and the first write failed ("attempt to write a readonly database").
  for (const args of [['import', fresh], ['sources', 'remove', '1'], ['sources', 'add', 'http://127.0.0.1:9/feed.xml', '--allow-private'], ['fetch', '--once'], ['search', '--reindex']]) {
    const r = runReadOnly(db, [...args, '--db', db]);
    assert.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^sada: cannot open SQLite database \S+sada\.db for writing: EROFS: read-only file system, open '\S+sada\.db'\. Nothing was changed: the file cannot be written by this user; commands that only read \(search, articles, stories, related, sources list, sources export-opml, serve --no-fetch\) can use it as it is\n$/, args.join(' '));
  }
  assert.deepEqual(readFileSync(db), before, 'the file is as it was');
  // commands that only read use it, read-only
  const articles = runReadOnly(db, ['articles', '--json', '--db', db]);
  assert.equal(articles.status, 0, articles.stderr);
  assert.equal((JSON.parse(articles.stdout) as unknown[]).length, 4);
  assert.equal(runReadOnly(db, ['sources', 'list', '--json', '--db', db]).status, 0);
  // and once writable again, writing commands work as before
  const imported = runCli(['import', fresh, '--db', db, '--json']);
  assert.equal(imported.status, 0, imported.stderr);
  assert.equal((JSON.parse(imported.stdout) as { inserted: number }).inserted, 1);
});

test('a read-only database whose -wal holds changes it cannot index is refused with the reason and the remedy', { skip: SKIP }, () => {
  const { mount, db } = importedDatabase('pending-wal');
  // What a writer stopped before its checkpoint leaves: committed changes in -wal, no -shm.
  const writer = new Database(db);
  writer.pragma('wal_autocheckpoint = 0');
  writer.prepare('UPDATE articles SET title = title || ? WHERE id = 1').run(' (مصحح)');
  copyFileSync(`${db}-wal`, join(dir, 'kept-wal'));
  writer.close();
  copyFileSync(join(dir, 'kept-wal'), `${db}-wal`);
  const r = runReadOnly(mount, ['articles', '--db', db]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /-wal holds changes not yet written into the database file, and SQLite cannot create \S+-shm to read them because the directory is read-only for this user\. Open the database once with write access/);
});

test('a read-only database written by an older Sada is refused: its upgrade cannot be written', { skip: SKIP }, () => {
  const { mount, db } = importedDatabase('old-schema');
  const raw = new Database(db);
  raw.exec('DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)');
  raw.close();
  const r = runReadOnly(mount, ['stories', '--db', db]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /was written by an older Sada \(schema version \d+; this one needs \d+\), and the upgrade cannot be written/);
});

test('a read-only database in use by a writer is read live: changes the writer commits are seen', { skip: SKIP }, () => {
  const { mount, db } = importedDatabase('live');
  // The owner's process keeps the database open (its -shm exists): readers follow its commits.
  const writer = new Database(db);
  try {
    writer.pragma('journal_mode = WAL');
    const before = runReadOnly(mount, ['related', '1', '--json', '--db', db]);
    assert.equal(before.status, 0, before.stderr);
    assert.doesNotMatch(before.stderr, /snapshot/);
    writer.prepare('UPDATE articles SET title = ? WHERE id = 1').run('عنوان صححه المالك');
    const after = runReadOnly(mount, ['related', '1', '--json', '--db', db]);
    assert.equal(after.status, 0, after.stderr);
    assert.equal((JSON.parse(after.stdout) as { article: { title: string } }).article.title, 'عنوان صححه المالك');
  } finally {
    writer.close();
  }
});

test('`sada serve --no-fetch` serves a database on read-only media', { skip: SKIP, timeout: 60_000 }, async () => {
  const { mount, db } = importedDatabase('serve');
  const child = spawn('unshare', readOnlyShell(mount, ['serve', '--no-fetch', '--port', '0', '--db', db]), { cwd: REPO_ROOT, env: { ...process.env, SADA_LOG_LEVEL: 'info', SADA_ADMIN_TOKEN: 'tok' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const { origin, log, exited } = await servingOrigin(child);
  try {
    assert.match(log(), /serving it read-only/);
    const found = (await (await fetch(`${origin}/api/v1/search?q=Gemini`)).json()) as { hits: { title: string }[] };
    assert.match(found.hits[0]?.title ?? '', /Gemini/);
    assert.equal((await fetch(`${origin}/`)).status, 200);
    assert.equal((await fetch(`${origin}/healthz`)).status, 200);
    // Adding a source could only fail in the database: refused up front, with the right token too.
    const added = await fetch(`${origin}/api/v1/sources`, { method: 'POST', headers: { authorization: 'Bearer tok', 'content-type': 'application/json' }, body: JSON.stringify({ url: 'https://x.test/feed' }) });
    assert.equal(added.status, 403, await added.clone().text());
    assert.match(await (await fetch(`${origin}/sources`)).text(), /قاعدة بياناته للقراءة فقط/);
  } finally {
    child.kill('SIGTERM');
  }
  assert.equal(await exited, 0, log());
});
