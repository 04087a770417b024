import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { describeStoreContract } from '../store-contract.js';
import pg from 'pg';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { migratePg, PG_MIGRATIONS_DIR } from './pg-migrate.js';
import { assertRecountedByDay, OLD_TERM_STATS, oldProfile, oldQueuedTerms } from '../../test-support/term-days-migration.js';
import { IDLE_IN_TRANSACTION_MS, LOCK_BUCKETS, PgStore, connectionConfig } from './pg-store.js';
import { openStore } from '../open.js';
import { AppError } from '../../core/errors.js';
import { PG_SKIP, TEST_PG_URL, dropTestSchemas, freshSchema } from '../../test-support/postgres.js';
import { tcpRelay } from '../../test-support/tcp-relay.js';

const schemas: string[] = [];

/**
 * A fresh schema holding the migrations before 040 alone, applied by the migration runner itself, and a
 * client on it (the caller ends it).
 */
async function schemaBefore40(prefix: string): Promise<{ schema: string; client: pg.Client }> {
  const schema = freshSchema(prefix);
  schemas.push(schema);
  const older = mkdtempSync(join(tmpdir(), 'sada-pg-migrations-'));
  for (const f of readdirSync(PG_MIGRATIONS_DIR)) if (Number.parseInt(f, 10) < 40) copyFileSync(join(PG_MIGRATIONS_DIR, f), join(older, f));
  const client = new pg.Client({ connectionString: TEST_PG_URL, options: `-c search_path=${schema}` });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  try {
    await migratePg(client as unknown as pg.PoolClient, 1, older);
  } finally {
    rmSync(older, { recursive: true, force: true });
  }
  return { schema, client };
}
after(() => dropTestSchemas(schemas));

test('a schema adds its search path to the options a connection string already carries, after Sada\'s defaults', () => {
  const idle = `-c idle_in_transaction_session_timeout=${IDLE_IN_TRANSACTION_MS}`;
  assert.deepEqual(connectionConfig('postgres://u@h/db', undefined), { connectionString: 'postgres://u@h/db', options: idle });
  assert.deepEqual(connectionConfig('postgres://u@h/db', 'x'), { connectionString: 'postgres://u@h/db', options: `${idle} -c search_path=x` });
  assert.deepEqual(connectionConfig('postgres://u:p%40ss@h:5433/db?sslmode=disable&options=-c%20statement_timeout%3D4321', 'x'), {
    connectionString: 'postgres://u:p%40ss@h:5433/db?sslmode=disable',
    options: `${idle} -c statement_timeout=4321 -c search_path=x`,
  });
  assert.deepEqual(connectionConfig('postgres://u@h/db?options=-c%20idle_in_transaction_session_timeout%3D5s', undefined), {
    connectionString: 'postgres://u@h/db',
    options: `${idle} -c idle_in_transaction_session_timeout=5s`,
  });
});

if (PG_SKIP) {
  test('PostgreSQL store contract', { skip: PG_SKIP }, () => {});
} else {
  describeStoreContract('postgres', () => {
    const schema = freshSchema('contract');
    schemas.push(schema);
    return PgStore.open({ url: TEST_PG_URL, schema });
  });

  test('openStore selects PostgreSQL for postgres:// URLs and migrates once across concurrent opens', async () => {
    const schema = freshSchema('open');
    schemas.push(schema);
    const stores = await Promise.all([1, 2, 3].map(() => openStore(TEST_PG_URL, { schema })));
    assert.ok(stores.every((s) => s.dialect === 'postgres'));
    const source = await stores[0]!.ensureImportSource('x', 1);
    assert.equal((await stores[2]!.ensureImportSource('x', 2)).id, source.id);
    await Promise.all(stores.map((s) => s.close()));
  });

  test('openStore opens at most poolSize connections, however many transactions wait', async () => {
    const schema = freshSchema('pool');
    schemas.push(schema);
    const url = new URL(TEST_PG_URL);
    url.searchParams.set('application_name', schema);
    const store = await openStore(url.href, { schema, poolSize: 3 });
    const connections = async (): Promise<number> => {
      const admin = new pg.Client({ connectionString: TEST_PG_URL });
      await admin.connect();
      try {
        return (await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [schema])).rows[0]!.n;
      } finally {
        await admin.end();
      }
    };
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inside = 0;
    try {
      // five transactions that each hold their connection until the gate opens: three get one, two wait
      const held = [1, 2, 3, 4, 5].map(() =>
        store.transaction(async () => {
          await store.ping();
          inside++;
          await gate;
        }),
      );
      while (inside < 3) await delay(20);
      assert.equal(await connections(), 3);
      assert.equal(inside, 3, 'the other two wait for a connection');
      release();
      await Promise.all(held);
      assert.equal(inside, 5);
    } finally {
      release();
      await store.close();
    }
    await assert.rejects(openStore(TEST_PG_URL, { schema, poolSize: 0 }), (e: unknown) => e instanceof AppError && e.code === 'BAD_USAGE' && /invalid pool size 0/.test(e.message));
  });

  test('a failed migration is named, said to be rolled back whole, and leaves the database as it was; the URL shows no password', async () => {
    const { schema, client } = await schemaBefore40('failmig');
    try {
      // a table in the way of 040's third statement: its first two (a new column, a table dropped) ran by then
      await client.query('CREATE TABLE term_day_df (x int)');
      const url = new URL(TEST_PG_URL);
      url.password = 'hunter2secret'; // the test cluster trusts local connections
      await assert.rejects(PgStore.open({ url: url.href, schema }), (e: unknown) => {
        assert.ok(e instanceof AppError && e.code === 'STORAGE');
        assert.match(
          e.message,
          /^cannot migrate PostgreSQL database postgres:\/\/[^:@/]+:\*\*\*@\S+: migration 40 \(040_term_days\.sql\) failed and was rolled back whole, so the database is unchanged by it \(its schema stays at version 33\): relation "term_day_df" already exists$/,
        );
        assert.doesNotMatch(e.message, /hunter2secret/);
        return true;
      });
      const columns = await client.query("SELECT 1 FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'term_pending' AND column_name = 'day'", [schema]);
      assert.equal(columns.rowCount, 0, 'the column added by its first statement is gone');
      assert.equal((await client.query("SELECT to_regclass('term_df') IS NOT NULL AS kept")).rows[0].kept, true, 'the table its second statement dropped is back');
      assert.deepEqual((await client.query('SELECT max(version) AS v FROM schema_migrations')).rows[0].v, 33);
      assert.equal((await client.query('SELECT count(*)::int AS n FROM pg_locks WHERE locktype = \'advisory\'')).rows[0].n, 0, 'the migration lock is released');
    } finally {
      await client.end();
    }
  });

  test('a database from before term statistics were counted per day recounts them by day when opened', async () => {
    const { schema, client } = await schemaBefore40('termdays');
    try {
      await client.query(`INSERT INTO sources (id, slug, url, feed_url, kind, title, created_at) VALUES (1, 's', 'import:s', 'import:s', 'import', 's', 0)`);
      for (const a of OLD_TERM_STATS.articles) {
        await client.query(`INSERT INTO articles (id, source_id, url, canonical_url, title, text, ingested_at, sort_time, content_hash) VALUES ($1, 1, $2, $2, 't', 'x', 0, $3, $4)`, [
          a.id,
          `https://m.test/${a.id}`,
          a.sortTime,
          `h${a.id}`,
        ]);
        await client.query('INSERT INTO article_profiles (article_id, profile) VALUES ($1, $2)', [a.id, oldProfile(a.terms)]);
      }
      const queued = OLD_TERM_STATS.articles.find((a) => a.id === OLD_TERM_STATS.queued)!;
      await client.query('INSERT INTO term_pending (article_id, terms) VALUES ($1, $2)', [queued.id, oldQueuedTerms(queued.terms)]);
      for (const [term, df] of OLD_TERM_STATS.oldCounts) await client.query('INSERT INTO term_df (term, df, version) VALUES ($1, $2, 1)', [term, df]);
      await client.query('UPDATE term_stats SET docs = $1, version = $2 WHERE id = 1', [OLD_TERM_STATS.oldDocs, OLD_TERM_STATS.oldVersion]);
    } finally {
      await client.end();
    }
    const store = await PgStore.open({ url: TEST_PG_URL, schema });
    await assertRecountedByDay(store);
    await store.close();
  });

  test('a URL with options of its own still opens the store in its schema', async () => {
    const schema = freshSchema('urlopts');
    schemas.push(schema);
    const url = new URL(TEST_PG_URL);
    url.searchParams.set('options', '-c statement_timeout=4321');
    const store = await PgStore.open({ url: url.toString(), schema });
    await store.close();
    const client = new pg.Client({ connectionString: TEST_PG_URL });
    await client.connect();
    try {
      const { rows } = await client.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'articles'", [schema]);
      assert.equal(rows[0].n, 1, 'the tables are in the schema, not in public');
    } finally {
      await client.end();
    }
  });

  test('a session left idle inside a transaction is ended by the server, releasing its locks to the other writers', async () => {
    const schema = freshSchema('idletx');
    schemas.push(schema);
    const plain = await PgStore.open({ url: TEST_PG_URL, schema });
    const setting = await plain.transaction(async () => {
      const db = (plain as unknown as { db(): pg.PoolClient }).db();
      return (await db.query<{ v: string }>("SELECT current_setting('idle_in_transaction_session_timeout') AS v")).rows[0]!.v;
    });
    assert.equal(setting, `${IDLE_IN_TRANSACTION_MS / 60_000}min`);
    await plain.close();
    // The same with the timeout a URL sets (short, for the test): a writer frozen mid-transaction (a stopped
    // process, a machine cut off) no longer holds the others back until it returns.
    const url = new URL(TEST_PG_URL);
    url.searchParams.set('options', '-c idle_in_transaction_session_timeout=300');
    const [frozen, other] = await Promise.all([PgStore.open({ url: url.href, schema }), PgStore.open({ url: url.href, schema })]);
    try {
      const key = [{ space: 7, key: 41 }];
      let locked!: () => void;
      const holding = new Promise<void>((r) => (locked = r));
      const stalled = frozen.transaction(async (tx) => {
        await tx.lockKeys(key);
        locked();
        await delay(1500);
        await tx.ping();
      });
      await holding;
      await other.transaction((tx) => tx.lockKeys(key));
      await assert.rejects(stalled, (e: unknown) => e instanceof AppError && e.code === 'UNAVAILABLE');
      await frozen.ping();
    } finally {
      await Promise.all([frozen.close(), other.close()]);
    }
  });

  test('lockKeys serialises transactions that share a key and lets disjoint ones run', async () => {
    const schema = freshSchema('locks');
    schemas.push(schema);
    const [a, b] = await Promise.all([openStore(TEST_PG_URL, { schema }), openStore(TEST_PG_URL, { schema })]);
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const lockedSignal = new Promise<void>((r) => (locked = r));
    const first = a!.transaction(async (tx) => {
      await tx.lockKeys([{ space: 1, key: 7 }, { space: 2, key: 0xffffffff }]);
      order.push('first-locked');
      locked();
      await held;
      order.push('first-done');
    });
    await lockedSignal;
    const disjoint = b!.transaction(async (tx) => {
      await tx.lockKeys([{ space: 1, key: 8 }]);
      order.push('disjoint');
    });
    await disjoint;
    const overlapping = b!.transaction(async (tx) => {
      await tx.lockKeys([{ space: 2, key: 0xffffffff }]);
      order.push('overlapping');
    });
    await new Promise((r) => setTimeout(r, 100));
    release();
    await Promise.all([first, overlapping]);
    assert.deepEqual(order, ['first-locked', 'disjoint', 'first-done', 'overlapping']);
    await assert.rejects(a!.lockKeys([{ space: 1, key: 1 }]), /outside a transaction/);
    await a!.close();
    await b!.close();
  });

  test('lockKeys holds a bounded number of locks however many articles a transaction places (import batches)', async () => {
    const schema = freshSchema('manylocks');
    schemas.push(schema);
    const store = await PgStore.open({ url: TEST_PG_URL, schema });
    // 160 articles of 25 distinct keys each: a lock per key would hold 4,000 (a 1,000-article batch overflowed the lock table).
    const held = await store.transaction(async (tx) => {
      for (let i = 0; i < 160; i++) {
        await tx.lockKeys(Array.from({ length: 25 }, (_, j) => ({ space: 1 + (j % 2), key: ((i * 25 + j) * 2654435761) >>> 0 })));
      }
      const db = (tx as unknown as { db(): pg.PoolClient }).db();
      const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()");
      return rows[0]!.n;
    });
    assert.ok(held > 0 && held <= 2 * LOCK_BUCKETS, `${held} advisory locks held`);
    await store.close();
  });

  test('concurrent import-source creation from two stores yields one row', async () => {
    const schema = freshSchema('race');
    schemas.push(schema);
    const [a, b] = await Promise.all([openStore(TEST_PG_URL, { schema }), openStore(TEST_PG_URL, { schema })]);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a! : b!).ensureImportSource('same', i)));
    assert.equal(new Set(results.map((r) => r.id)).size, 1);
    await a!.close();
    await b!.close();
  });
}

if (!PG_SKIP) {
  // The server ending a session that a transaction holds between two statements (a restart with -m immediate,
  // an administrator's pg_terminate_backend) made node-postgres emit 'error' on the checked-out client with no
  // listener: an uncaught exception that killed the worker. Now the transaction fails and the next one runs.
  test('a session ended by the server inside a transaction fails that transaction, not the process', async () => {
    const schema = freshSchema('terminated');
    schemas.push(schema);
    const app = `sada_terminated_${process.pid}`;
    const store = await PgStore.open({ url: withApplicationName(TEST_PG_URL, app), schema });
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    try {
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.ping();
          const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()', [app]);
          await admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [rows.map((r) => r.pid)]);
          // until the backends are gone and their closing reached this process, the client idle in between
          while ((await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = ANY($1::int[])', [rows.map((r) => r.pid)])).rowCount) await delay(20);
          await delay(100);
          await tx.ping();
        }),
      );
      await store.ping();
      assert.equal((await store.transaction(async (tx) => (await tx.listSources()).length)), 0);
    } finally {
      await admin.end();
      await store.close();
    }
  });
}

if (!PG_SKIP) {
  // While the server is down every statement failed with the driver's error, which sada serve answered with
  // 500 "an internal error occurred": the outage now reads as UNAVAILABLE (503, try again), and the pool
  // reconnects by itself once the server answers again.
  test('a database out of reach is UNAVAILABLE, inside a transaction or not, and is used again once it answers', async () => {
    const schema = freshSchema('outage');
    schemas.push(schema);
    const target = new URL(TEST_PG_URL);
    const proxy = await tcpRelay(target.hostname, Number(target.port || 5432));
    const through = new URL(TEST_PG_URL);
    through.hostname = '127.0.0.1';
    through.port = String(proxy.port);
    const store = await PgStore.open({ url: through.href, schema });
    try {
      await store.ping();
      await proxy.stop();
      const unavailable = (e: unknown) => e instanceof AppError && e.code === 'UNAVAILABLE' && e.message === 'the database does not answer; try again shortly';
      await assert.rejects(store.listSources(), unavailable);
      await assert.rejects(store.ping(), unavailable);
      await assert.rejects(store.transaction(async (tx) => tx.ping()), unavailable);
      await proxy.start();
      assert.deepEqual(await store.listSources(), []);
      assert.equal(await store.transaction(async (tx) => (await tx.listSources()).length), 0);
    } finally {
      await store.close();
      await proxy.stop();
    }
  });
}

function withApplicationName(url: string, name: string): string {
  const u = new URL(url);
  u.searchParams.set('application_name', name);
  return u.toString();
}

test('an unreachable PostgreSQL gives a clear UNAVAILABLE error', async () => {
  await assert.rejects(
    openStore('postgres://nobody:secret@127.0.0.1:1/none'),
    (e: unknown) => e instanceof AppError && e.code === 'UNAVAILABLE' && !e.message.includes('secret'),
  );
});
