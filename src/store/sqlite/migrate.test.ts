import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Connection } from './connection.js';
import { migrate, readMigrations } from './migrate.js';
import { SqliteStore } from './sqlite-store.js';
import { AppError } from '../../core/errors.js';

/** Opens `path` in a thread of its own, waits at the gate, then migrates; answers the versions applied or the error. */
const MIGRATING_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const [{ Connection }, { migrate, readMigrations }] = await Promise.all([import(workerData.connection), import(workerData.migrate)]);
  const c = Connection.open(workerData.path);
  const migrations = readMigrations();
  parentPort.postMessage({ ready: true });
  Atomics.wait(new Int32Array(workerData.gate), 0, 0);
  try {
    parentPort.postMessage({ applied: migrate(c.db, migrations, 1) });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message) });
  } finally {
    c.close();
  }
})();
`;

async function migrateAtOnce(path: string, threads: number): Promise<({ applied: number[] } | { error: string })[]> {
  const gate = new SharedArrayBuffer(4);
  const workerData = { path, gate, connection: new URL('./connection.js', import.meta.url).href, migrate: new URL('./migrate.js', import.meta.url).href };
  const workers = Array.from({ length: threads }, () => new Worker(MIGRATING_THREAD, { eval: true, workerData }));
  const ready = workers.map((w) => new Promise<void>((resolve, reject) => w.once('message', () => resolve()).once('error', reject)));
  const results = workers.map(
    (w) =>
      new Promise<{ applied: number[] } | { error: string }>((resolve, reject) => {
        w.on('message', (m: { ready?: true; applied?: number[]; error?: string }) => {
          if (!m.ready) resolve(m.applied ? { applied: m.applied } : { error: m.error ?? '?' });
        });
        w.once('error', reject);
      }),
  );
  await Promise.all(ready);
  // every thread has its connection open and is waiting: let them all go at once
  Atomics.store(new Int32Array(gate), 0, 1);
  Atomics.notify(new Int32Array(gate), 0);
  try {
    return await Promise.all(results);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

test('processes migrating one new database at once each apply a migration or skip it, none fails', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sada-migrate-race-'));
  try {
    const versions = readMigrations().map((m) => m.version);
    // Without the migration's IMMEDIATE transaction and second look, a process failed on tables another had
    // just made ("table sources already exists") in about one round in five of six processes.
    for (let round = 0; round < 6; round++) {
      const path = join(dir, `race-${round}.db`);
      const results = await migrateAtOnce(path, 4);
      assert.deepEqual(
        results.filter((r) => 'error' in r),
        [],
      );
      const applied = results.flatMap((r) => ('applied' in r ? r.applied : []));
      assert.deepEqual([...applied].sort((a, b) => a - b), versions, 'each migration applied once, by one of them');
      const c = Connection.open(path);
      try {
        assert.deepEqual((c.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version), versions);
      } finally {
        c.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a failed migration is named and said to be rolled back whole; what the run applied before it stays', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sada-migrate-fail-'));
  try {
    const path = join(dir, 'x.db');
    const c = Connection.open(path);
    try {
      const ok = { version: 1, name: '001_ok', sql: 'CREATE TABLE a (x INTEGER)' };
      const bad = { version: 2, name: '002_bad', sql: 'CREATE TABLE b (x INTEGER); INSERT INTO a VALUES (1); INSERT INTO missing VALUES (1);' };
      assert.throws(
        () => migrate(c.db, [ok, bad], 1, `SQLite database ${path}`),
        (e: unknown) =>
          e instanceof AppError &&
          e.code === 'STORAGE' &&
          e.message ===
            `cannot migrate SQLite database ${path}: migration 2 (002_bad.sql) failed and was rolled back whole, so the database is unchanged by it (its schema stays at version 1; migration 1, applied before it by this run, stays applied): no such table: missing`,
      );
      assert.equal((c.db.prepare(`SELECT count(*) AS n FROM sqlite_schema WHERE name = 'b'`).get() as { n: number }).n, 0);
      assert.equal((c.db.prepare('SELECT count(*) AS n FROM a').get() as { n: number }).n, 0);
      assert.deepEqual(c.db.prepare('SELECT version FROM schema_migrations').all(), [{ version: 1 }]);
    } finally {
      c.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('opening a database whose migration fails names the file, the migration and the version it stays at', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sada-migrate-fail-'));
  try {
    const path = join(dir, 'old.db');
    const migrations = readMigrations();
    const c = Connection.open(path);
    migrate(c.db, migrations.filter((m) => m.version <= 24), 1);
    // a table in the way of 040's third statement: its first two (a new column, a table dropped) ran by then
    c.db.exec('CREATE TABLE term_day_df (x INTEGER)');
    c.close();
    await assert.rejects(
      SqliteStore.open({ path }),
      (e: unknown) =>
        e instanceof AppError &&
        e.code === 'STORAGE' &&
        e.message ===
          `cannot migrate SQLite database ${path}: migration 40 (040_term_days.sql) failed and was rolled back whole, so the database is unchanged by it (its schema stays at version 34; migrations 30, 31, 32, 34, applied before it by this run, stay applied): table term_day_df already exists`,
    );
    const after = Connection.open(path);
    try {
      assert.equal((after.db.prepare(`SELECT count(*) AS n FROM pragma_table_info('term_pending') WHERE name = 'day'`).get() as { n: number }).n, 0);
      assert.equal((after.db.prepare(`SELECT count(*) AS n FROM sqlite_schema WHERE name = 'term_df'`).get() as { n: number }).n, 1);
      assert.equal((after.db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number }).v, 34);
    } finally {
      after.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
