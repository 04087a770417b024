import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { AppError } from '../../core/errors.js';
import { redactUrlPasswords } from '../../core/redact-url.js';
import type { Store } from '../store.js';
import { migratePg, pgSchemaState, pgTableNames, readPgMigrations, type PgSchemaState } from './pg-migrate.js';
import { pgSchemaChangeRefusal, pgWriteRefusal } from './pg-access.js';
import { READING_COMMANDS } from '../store-failure.js';
import { TERM_DAYS_MIGRATION } from '../engine-rows.js';
import { PgQueries, type Db } from './pg-queries.js';
import { unavailableOr } from './pg-unavailable.js';

export interface PgStoreOptions {
  /** postgres:// connection URL. */
  url: string;
  /** Schema to use (created when missing); tests give each store its own. Default: the server's search_path. */
  schema?: string;
  /** The most connections the pool opens (default 10; SADA_PG_POOL_SIZE). */
  poolSize?: number;
  now?: number;
  /**
   * `read`: the caller only reads. A connection that may not write (a role granted SELECT only, read-only
   * sessions, a standby) then opens a database whose schema is current for reading only: nothing is written
   * (no migration, no lock), and writes through the store fail. Default `write`: such a connection is refused
   * at once, saying why. Either way a role that may write applies pending migrations.
   */
  access?: 'write' | 'read';
  /** Told the migrations this open applied (none when the schema was current or another process applied them). */
  onMigrated?: (applied: readonly { version: number; name: string }[]) => void;
}

/** BIGINT columns hold epoch milliseconds and ids, all far below 2^53: read them as numbers, not strings. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

/**
 * Lock buckets per key space of `lockKeys`: a transaction holds at most this many advisory locks per space,
 * far below the lock table of a default server (max_locks_per_transaction 64 × 100 connections).
 */
export const LOCK_BUCKETS = 512;

/**
 * PostgreSQL adapter of the Store. Unlike SQLite, transactions run concurrently (one pooled client each);
 * the transaction's client travels in AsyncLocalStorage so that every call made inside `fn` uses it.
 */
export class PgStore extends PgQueries implements Store {
  readonly dialect = 'postgres' as const;
  readonly readOnly: Store['readOnly'];
  private readonly pool: pg.Pool;
  private readonly txClient = new AsyncLocalStorage<pg.PoolClient>();
  private closed = false;

  private constructor(pool: pg.Pool, readOnly: Store['readOnly']) {
    super();
    this.pool = pool;
    this.readOnly = readOnly;
  }

  static async open(options: PgStoreOptions): Promise<PgStore> {
    if (options.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) throw new AppError('BAD_USAGE', `invalid schema name ${options.schema}`);
    if (options.poolSize !== undefined && !(Number.isInteger(options.poolSize) && options.poolSize >= 1)) throw new AppError('BAD_USAGE', `invalid pool size ${options.poolSize} (a whole number from 1)`);
    // Once the store is known to be read-only, every session the pool opens refuses writes, so that none can
    // slip through a path that was thought to only read (the pool waits for this hook before handing it out).
    let readOnlySessions = false;
    const onConnect = (c: pg.ClientBase): Promise<unknown> | undefined => (readOnlySessions ? c.query('SET default_transaction_read_only = on') : undefined);
    const pool = new pg.Pool({
      ...connectionConfig(options.url, options.schema),
      max: options.poolSize ?? 10,
      types,
      connectionTimeoutMillis: 10_000,
      onConnect,
    });
    pool.on('error', () => {
      // An idle client lost its connection; the pool replaces it on next use.
    });
    // A client checked out for a transaction (or for opening) that loses its connection between two statements
    // (a server restart, pg_terminate_backend) emits 'error' on itself, which the pool does not listen to while
    // it is out: unheard, it ended the process. Its next statement fails instead, the transaction rolls back,
    // and the pool drops the client when it is released.
    pool.on('connect', (client) => {
      client.on('error', () => undefined);
    });
    let client: pg.PoolClient;
    let prepared: { applied: number[]; readOnly: Store['readOnly'] };
    try {
      client = await pool.connect();
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw new AppError('UNAVAILABLE', `cannot connect to PostgreSQL at ${redactUrlPasswords(options.url)}: ${(error as Error).message}`, { cause: error });
    }
    try {
      prepared = await prepare(client, options);
      if (prepared.readOnly) {
        readOnlySessions = true;
        await onConnect(client);
      }
    } catch (error) {
      client.release();
      await pool.end().catch(() => undefined);
      throw error instanceof AppError ? error : new AppError('STORAGE', `cannot prepare PostgreSQL: ${(error as Error).message}`, { cause: error });
    }
    client.release();
    if (options.onMigrated) {
      const names = new Map(readPgMigrations().map((m) => [m.version, m.name]));
      options.onMigrated(prepared.applied.map((version) => ({ version, name: names.get(version)! })));
    }
    const store = new PgStore(pool, prepared.readOnly);
    // The migration to per-day term statistics queued every stored article again: count them now.
    if (prepared.applied.includes(TERM_DAYS_MIGRATION)) while ((await store.foldTermStats(20_000)).folded > 0);
    return store;
  }

  /** The pool, its failures to reach the database reported as such (see unavailableOr). */
  private readonly poolDb: Db = {
    query: ((...args: Parameters<pg.Pool['query']>) =>
      (this.pool.query as (...a: unknown[]) => Promise<unknown>)(...args).catch((error: unknown) => {
        throw unavailableOr(error);
      })) as pg.Pool['query'],
  };

  protected db(): Db {
    if (this.closed) throw new AppError('STORAGE', 'the store is closed');
    return this.txClient.getStore() ?? this.poolDb;
  }

  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.closed) throw new AppError('STORAGE', 'the store is closed');
    if (this.readOnly) throw new AppError('STORAGE', `cannot write to the database: ${this.readOnly.reason}`);
    if (this.txClient.getStore()) return fn(this);
    const client = await this.pool.connect().catch((error: unknown) => {
      throw unavailableOr(error);
    });
    try {
      await client.query('BEGIN');
      const result = await this.txClient.run(client, () => fn(this));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw unavailableOr(error);
    } finally {
      client.release();
    }
  }

  async lockKeys(keys: readonly { space: number; key: number }[]): Promise<void> {
    if (!this.txClient.getStore()) throw new AppError('INTERNAL', 'lockKeys outside a transaction');
    if (keys.length === 0) return;
    // One 64-bit lock id per key bucket (namespace in the high half), taken in ascending order so that two
    // transactions locking overlapping sets cannot deadlock on each other within one call. Buckets, not
    // keys: an import batch places a thousand articles in one transaction, and a lock per key (some 25 an
    // article) overflowed the server's lock table ("out of shared memory"), rolling the batch back. Sharing
    // a bucket only serialises two writers that did not need it; copies still meet on their common keys.
    const ids = [...new Set(keys.map((k) => BigInt(k.space) * 4294967296n + BigInt((k.key >>> 0) % LOCK_BUCKETS)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    await this.db().query('SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) WITH ORDINALITY AS t(k, n) ORDER BY n', [ids.map(String)]);
  }

  async ping(): Promise<void> {
    await this.db().query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  /** Runs `fn` with a session-level advisory lock held (cross-process mutual exclusion on `key`). */
  async withAdvisoryLock<T>(key: number, fn: () => Promise<T>): Promise<T> {
    return this.transaction(async () => {
      await this.db().query('SELECT pg_advisory_xact_lock($1)', [key]);
      return fn();
    });
  }
}

/**
 * Where the schema at `url` stands, read with plain SELECTs on one connection: nothing is created, locked or
 * written (`sada migrate --check`). STORAGE when the database is newer than this Sada.
 */
export async function readPgSchemaState(url: string): Promise<PgSchemaState> {
  const client = new pg.Client({ ...connectionConfig(url, undefined), connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new AppError('UNAVAILABLE', `cannot connect to PostgreSQL at ${redactUrlPasswords(url)}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return await pgSchemaState(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Brings the schema up to date when it is not (and the connection may change it), and finds whether the
 * connection may write: `readOnly` for a reading caller that may not, a refusal for a writing one.
 */
async function prepare(client: pg.PoolClient, options: PgStoreOptions): Promise<{ applied: number[]; readOnly: Store['readOnly'] }> {
  const db = redactUrlPasswords(options.url);
  if (options.schema && !(await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [options.schema])).rowCount) {
    // Concurrent opens may race to create the schema; losing that race is fine. (Asked only when it is
    // missing: creating a schema needs CREATE on the database, even with IF NOT EXISTS.)
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`).catch((error: { code?: string }) => {
      if (error.code !== '23505' && error.code !== '42P06') throw error;
    });
  }
  const migrations = readPgMigrations();
  const state = await pgSchemaState(client, migrations);
  const cannotWrite = await pgWriteRefusal(client, pgTableNames(migrations));
  if (state.pending.length > 0) {
    const refusal = cannotWrite ?? (await pgSchemaChangeRefusal(client));
    if (refusal) {
      throw new AppError(
        'STORAGE',
        state.present
          ? `PostgreSQL database ${db} was written by an older Sada (schema version ${state.version}; this one needs ${state.pending.at(-1)!.version}), and this connection cannot upgrade it: ${refusal}. Run \`sada migrate\` once with a role that may change its schema (its owner, say)`
          : `PostgreSQL database ${db} holds no Sada schema (no schema_migrations table in its search path), and this connection cannot create one: ${refusal}. Run \`sada migrate\` once with a role that may create tables there`,
      );
    }
    return { applied: await migratePg(client, options.now ?? Date.now(), undefined, `PostgreSQL database ${db}`), readOnly: null };
  }
  if (!cannotWrite) return { applied: [], readOnly: null };
  if (options.access !== 'read') {
    throw new AppError('STORAGE', `cannot open PostgreSQL database ${db} for writing: ${cannotWrite}; commands that only read (${READING_COMMANDS}) can use it as it is`);
  }
  return { applied: [], readOnly: { access: 'read-only', reason: `${db} cannot be written with this connection, ${cannotWrite}: it is open for reading only` } };
}

/**
 * How long a session may sit inside a transaction between two statements before the server ends it. Sada's
 * transactions run statement after statement (CPU work between them takes far less); a session idle that long
 * belongs to a process that froze or a machine cut off mid-transaction, whose locks (article keys, the search
 * index) otherwise stopped every writer of the deployment until it came back, or until TCP keepalive gave up
 * on it (two hours by default). A URL's own `options=-c idle_in_transaction_session_timeout=…` wins.
 */
export const IDLE_IN_TRANSACTION_MS = 120_000;

/**
 * The pool's connection string and session options. node-postgres lets a connection string's own `options`
 * parameter replace the `options` setting whole, so a URL carrying `?options=-c statement_timeout=…` dropped
 * the schema's search path and the store opened in `public`; the URL's options are kept, after Sada's
 * defaults (so that they override them) and before the search path.
 */
export function connectionConfig(url: string, schema: string | undefined): { connectionString: string; options: string } {
  const defaults = `-c idle_in_transaction_session_timeout=${IDLE_IN_TRANSACTION_MS}`;
  const searchPath = schema ? ` -c search_path=${schema}` : '';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { connectionString: url, options: `${defaults}${searchPath}` };
  }
  const fromUrl = parsed.searchParams.get('options');
  if (fromUrl === null) return { connectionString: url, options: `${defaults}${searchPath}` };
  parsed.searchParams.delete('options');
  return { connectionString: parsed.toString(), options: `${defaults} ${fromUrl.trim()}${searchPath}`.trim() };
}
