import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describeStoreContract } from '../store-contract.js';
import { SqliteStore } from './sqlite-store.js';
import { migrate, readMigrations } from './migrate.js';
import { Connection, WAL_SIZE_LIMIT } from './connection.js';
import { openStore } from '../open.js';
import { AppError } from '../../core/errors.js';
import { assertRecountedByDay, OLD_TERM_STATS, oldProfile, oldQueuedTerms } from '../../test-support/term-days-migration.js';

const dir = mkdtempSync(join(tmpdir(), 'sada-sqlite-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let n = 0;

describeStoreContract('sqlite (file)', () => SqliteStore.open({ path: join(dir, `contract-${n++}.db`) }));

test('data survives closing and reopening; migrations run once', async () => {
  const path = join(dir, 'nested', 'dir', 'persist.db');
  const store = await openStore(path);
  const source = await store.ensureImportSource('okaz', 1);
  await store.insertArticle({
    sourceId: source.id, url: 'https://x.test/1', canonicalUrl: 'https://x.test/1', externalId: null, title: 'عنوان', text: 'نص',
    summary: null, author: null, category: null, tags: [], image: null, lang: null, published: 5, ingestedAt: 6, contentHash: 'h',
  });
  await store.close();
  await store.close();
  const again = await openStore(path);
  assert.equal(await again.countArticles(), 1);
  await again.close();
  const raw = new Database(path);
  const versions = raw.prepare('SELECT version FROM schema_migrations').all();
  raw.close();
  assert.equal(versions.length, readMigrations().length);
});

test('a closed store refuses work with a clear error', async () => {
  const store = await openStore(join(dir, 'closed.db'));
  await store.close();
  await assert.rejects(store.countArticles(), (e: unknown) => e instanceof AppError && e.code === 'STORAGE');
});

test('a database from a newer Sada is refused', async () => {
  const path = join(dir, 'future.db');
  const raw = new Database(path);
  migrate(raw, readMigrations(), 1);
  raw.prepare('INSERT INTO schema_migrations VALUES (999, ?, 1)').run('999_future');
  raw.close();
  await assert.rejects(openStore(path), (e: unknown) => e instanceof AppError && /newer/.test(e.message));
});

test('a failing migration leaves the database at the previous version', () => {
  const migrations = join(dir, 'migrations');
  mkdirSync(migrations);
  writeFileSync(join(migrations, '001_ok.sql'), 'CREATE TABLE a (x INTEGER);');
  writeFileSync(join(migrations, '002_bad.sql'), 'CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);');
  const raw = new Database(':memory:');
  assert.throws(() => migrate(raw, readMigrations(migrations), 1));
  const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
  assert.deepEqual(tables.map((t) => t.name), ['a', 'schema_migrations']);
  raw.close();
});

test('a path that cannot be opened gives a STORAGE error', async () => {
  const file = join(dir, 'plain-file');
  writeFileSync(file, 'x');
  await assert.rejects(openStore(join(file, 'db.sqlite')), (e: unknown) => e instanceof AppError && e.code === 'STORAGE');
});

test('a SQLite URI is refused as bad usage by the store itself, before any directory is made for it', async () => {
  // dirname('file:DIR/x.db') is the relative `file:DIR`: mkdir made ./file:/… in the working directory.
  const stray = join(process.cwd(), 'file:');
  const uri = `file:${join(dir, 'uri', 'x.db')}?mode=ro`;
  try {
    for (const open of [() => SqliteStore.open({ path: uri }), () => SqliteStore.open({ path: uri, access: 'read' }), () => openStore(uri)]) {
      await assert.rejects(open(), (e: unknown) => e instanceof AppError && e.code === 'BAD_USAGE' && e.message.includes('SQLite URI filenames are not supported'));
    }
    assert.equal(existsSync(stray), false, 'a directory named file: was made');
    assert.equal(existsSync(join(dir, 'uri')), false);
  } finally {
    rmSync(stray, { recursive: true, force: true });
  }
});

test('a database from before band keys, story keys and reading lists moved into their articles’ rows and texts into their own table keeps them all', async () => {
  const path = join(dir, 'before-030.db');
  const raw = new Database(path);
  migrate(raw, readMigrations().filter((m) => m.version < 30), 1);
  raw.exec(`INSERT INTO sources (id, slug, url, feed_url, kind, title, created_at) VALUES (1, 's', 'import:s', 'import:s', 'import', 's', 0)`);
  const insert = raw.prepare(`INSERT INTO articles (id, source_id, url, canonical_url, title, text, ingested_at, sort_time, content_hash) VALUES (?, 1, ?, ?, 't', 'x', 0, ?, ?)`);
  for (const id of [1, 2, 3]) insert.run(id, `https://m.test/${id}`, `https://m.test/${id}`, id * 10, `h${id}`);
  const fingerprint = raw.prepare('INSERT INTO fingerprints (article_id, minhash, shingles) VALUES (?, ?, 3)');
  const band = raw.prepare('INSERT INTO lsh_bands (band_key, article_id) VALUES (?, ?)');
  const profile = raw.prepare('INSERT INTO article_profiles (article_id, profile) VALUES (?, ?)');
  const key = raw.prepare('INSERT INTO story_keys (key, time, article_id) VALUES (?, ?, ?)');
  for (const id of [1, 2, 3]) {
    fingerprint.run(id, Buffer.from(new Uint32Array([id, 2, 3]).buffer));
    profile.run(id, Buffer.from([id]));
  }
  for (const [b, id] of [[-5, 1], [7, 1], [7, 2], [9, 3]] as const) band.run(b, id);
  for (const [k, id] of [[4, 1], [5, 1], [4, 2], [5, 2], [6, 3]] as const) key.run(k, id * 10, id);
  const related = raw.prepare('INSERT INTO related (article_id, kind, rank, related_id, score) VALUES (?, ?, ?, ?, ?)');
  for (const [id, kind, rank, other, score] of [[1, 'related', 1, 3, 0.3], [1, 'related', 0, 2, 0.6123456789012345], [1, 'same_story', 0, 3, 0.5], [2, 'related', 0, 1, 0.25]] as const) related.run(id, kind, rank, other, score);
  raw.close();

  const store = await SqliteStore.open({ path });
  assert.deepEqual((await store.getArticles([2, 1])).map((a) => [a.id, a.text, a.contentHash]), [[2, 'x', 'h2'], [1, 'x', 'h1']]);
  assert.deepEqual((await store.getFingerprints([1]))!.get(1)!.bands, [-5, 7]);
  assert.deepEqual((await store.getFingerprints([3]))!.get(3)!.bands, [9]);
  const q = { keys: [4, 5, 6], minShared: 2, from: 0, to: 100, limit: 10 };
  for (const s of [store, null]) {
    const read = s ?? { findBandCandidates: (...a: Parameters<SqliteStore['findBandCandidates']>) => store.transaction((tx) => tx.findBandCandidates(...a)), findStoryCandidates: (x: typeof q) => store.transaction((tx) => tx.findStoryCandidates(x)) };
    assert.deepEqual(await read.findBandCandidates([7, 9], null, 10), [3, 2, 1]);
    assert.deepEqual(await read.findBandCandidates([-5], 1, 10), []);
    assert.deepEqual((await read.findStoryCandidates(q)).map((c) => [c.id, c.shared, c.time]), [[2, 2, 20], [1, 2, 10]]);
  }
  assert.deepEqual(await store.getRelated(1), [
    { articleId: 1, kind: 'related', rank: 0, relatedId: 2, score: 0.6123456789012345 },
    { articleId: 1, kind: 'related', rank: 1, relatedId: 3, score: 0.3 },
    { articleId: 1, kind: 'same_story', rank: 0, relatedId: 3, score: 0.5 },
  ]);
  const lists = await store.getRelatedLists([1, 2, 3], 'related');
  assert.deepEqual([...lists].map(([id, l]) => [id, l.map((e) => e.relatedId)]), [[1, [2, 3]], [2, [1]], [3, []]]);
  await store.close();
});

test('a database from before term statistics were counted per day recounts them by day when opened', async () => {
  const path = join(dir, 'before-040.db');
  const raw = new Database(path);
  migrate(raw, readMigrations().filter((m) => m.version < 40), 1);
  raw.exec(`INSERT INTO sources (id, slug, url, feed_url, kind, title, created_at) VALUES (1, 's', 'import:s', 'import:s', 'import', 's', 0)`);
  const insert = raw.prepare(`INSERT INTO articles (id, source_id, url, canonical_url, title, ingested_at, sort_time, content_hash) VALUES (?, 1, ?, ?, 't', 0, ?, ?)`);
  const profile = raw.prepare('INSERT INTO article_profiles (article_id, profile) VALUES (?, ?)');
  for (const a of OLD_TERM_STATS.articles) {
    insert.run(a.id, `https://m.test/${a.id}`, `https://m.test/${a.id}`, a.sortTime, `h${a.id}`);
    profile.run(a.id, oldProfile(a.terms));
  }
  const queued = OLD_TERM_STATS.articles.find((a) => a.id === OLD_TERM_STATS.queued)!;
  raw.prepare('INSERT INTO term_pending (article_id, terms) VALUES (?, ?)').run(queued.id, oldQueuedTerms(queued.terms));
  for (const [term, df] of OLD_TERM_STATS.oldCounts) raw.prepare('INSERT INTO term_df (term, df, version) VALUES (?, ?, 1)').run(term, df);
  raw.prepare('UPDATE term_stats SET docs = ?, version = ? WHERE id = 1').run(OLD_TERM_STATS.oldDocs, OLD_TERM_STATS.oldVersion);
  raw.close();

  const store = await SqliteStore.open({ path });
  await assertRecountedByDay(store);
  await store.close();
});

test('the term statistics head read inside a transaction follows its own folds and, in the next transaction, another connection’s', async () => {
  const path = join(dir, `head-${n++}.db`);
  const a = await SqliteStore.open({ path });
  const b = await SqliteStore.open({ path });
  const queue = async (store: SqliteStore, name: string) => {
    const src = (await store.ensureImportSource(name, 0)).id;
    const { id } = await store.insertArticle({
      sourceId: src, url: `https://${name}.test/1`, canonicalUrl: `https://${name}.test/1`, externalId: null, title: 't', text: 'x', summary: null, author: null,
      category: null, tags: [], image: null, lang: null, published: 0, ingestedAt: 0, contentHash: name, origin: null,
    });
    await store.putArticleProfile({ articleId: id, profile: Uint8Array.from([1]), keys: [], time: 0, terms: Uint32Array.from([1]) });
  };
  const start = await a.termStatsVersion();
  await a.transaction(async (tx) => {
    assert.deepEqual(await tx.termStatsVersion(), start);
    await queue(a, 'one');
    const fold = await tx.foldTermStats(10);
    assert.deepEqual(await tx.termStatsVersion(), { version: fold.version, docCount: fold.docCount }, 'its own fold');
  });
  const afterA = await a.transaction((tx) => tx.termStatsVersion());
  assert.equal(afterA.version, start.version + 1);
  await queue(b, 'two');
  await b.transaction((tx) => tx.foldTermStats(10));
  assert.deepEqual(await a.transaction((tx) => tx.termStatsVersion()), { version: start.version + 2, docCount: start.docCount + 2 }, 'the other connection’s fold');
  await a.close();
  await b.close();
});

/**
 * An immutable file (chattr +i): even root may not open it for writing (EPERM), while its directory stays
 * writable. Skipped where the file system or the user cannot set the attribute.
 */
function immutable(path: string, on: boolean): boolean {
  return spawnSync('chattr', [on ? '+i' : '-i', path]).status === 0;
}

test('a database file that cannot be written, in a writable directory, is refused for writing at once and opened read-only for reading', async (t) => {
  const path = join(dir, 'immutable.db');
  const store = await openStore(path);
  await store.ensureImportSource('okaz', 1);
  await store.close();
  if (!immutable(path, true)) return t.skip('chattr +i is not available here');
  try {
    // Before: SQLite opened the file read-only without a word and the first write failed with "attempt to write a readonly database".
    await assert.rejects(SqliteStore.open({ path }), (error: unknown) => {
      assert.ok(error instanceof AppError && error.code === 'STORAGE');
      assert.match(error.message, /^cannot open SQLite database \S+immutable\.db for writing: EPERM: operation not permitted, open '\S+'\. Nothing was changed: the file cannot be written by this user; commands that only read/);
      return true;
    });
    const reading = await SqliteStore.open({ path, access: 'read' });
    try {
      assert.equal((await reading.listSources()).length, 1);
      assert.match(reading.readOnly?.reason ?? '', /immutable\.db cannot be written by this user \(EPERM/);
      await assert.rejects(reading.ensureImportSource('other', 2), /cannot write to the database/);
    } finally {
      await reading.close();
    }
  } finally {
    immutable(path, false);
  }
  // An -shm a reader left as read-only as the file was stops a writer once the file is writable again.
  const shm = `${path}-shm`;
  writeFileSync(shm, Buffer.alloc(32_768));
  if (!immutable(shm, true)) return;
  try {
    await assert.rejects(SqliteStore.open({ path }), /for writing: EPERM: operation not permitted, open '\S+immutable\.db-shm'\. Nothing was changed: \S+immutable\.db-shm cannot be written by this user;/);
  } finally {
    immutable(shm, false);
  }
  const writable = await SqliteStore.open({ path });
  await writable.ensureImportSource('other', 2);
  await writable.close();
});

test('a new database gets 16 KiB pages; one created with 4 KiB pages keeps them and stays usable', async () => {
  const fresh = join(dir, 'pages-new.db');
  const store = await SqliteStore.open({ path: fresh });
  await store.ensureImportSource('s', 0);
  await store.close();
  const readPageSize = (path: string) => {
    const db = new Database(path, { readonly: true });
    const size = db.pragma('page_size', { simple: true });
    db.close();
    return size;
  };
  assert.equal(readPageSize(fresh), 16384);
  // A database from before (SQLite's default 4 KiB pages): its page size cannot change, and it need not.
  const older = join(dir, 'pages-old.db');
  const db = new Database(older);
  db.pragma('page_size = 4096');
  db.pragma('journal_mode = WAL');
  migrate(db, readMigrations(), 0);
  db.close();
  const reopened = await SqliteStore.open({ path: older });
  const source = await reopened.ensureImportSource('s', 0);
  assert.equal((await reopened.getSource(source.id))?.slug, 's');
  await reopened.close();
  assert.equal(readPageSize(older), 4096);
});

test('the -wal file is cut back after a checkpoint instead of keeping the size of the largest transaction', () => {
  const path = join(dir, 'wal-limit.db');
  const connection = Connection.open(path);
  try {
    const db = connection.db;
    db.exec('CREATE TABLE big (data BLOB)');
    const insert = db.prepare('INSERT INTO big (data) VALUES (?)');
    const blob = Buffer.alloc(1024 * 1024, 7);
    // one transaction larger than the limit, as an index merge of a big database writes
    db.transaction(() => {
      for (let i = 0; i < WAL_SIZE_LIMIT / blob.length + 8; i++) insert.run(blob);
    })();
    assert.ok(statSync(`${path}-wal`).size > WAL_SIZE_LIMIT);
    db.pragma('wal_checkpoint(PASSIVE)');
    db.prepare('DELETE FROM big WHERE rowid = 1').run(); // the next write starts the -wal over, and cuts it
    assert.ok(statSync(`${path}-wal`).size <= WAL_SIZE_LIMIT, `${statSync(`${path}-wal`).size} bytes`);
  } finally {
    connection.db.close();
  }
});
