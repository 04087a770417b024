import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { AppError, errorMessage } from '../../core/errors.js';
import { migrationFailed } from '../migration-failure.js';
import { unavailableOr } from './pg-unavailable.js';

export const PG_MIGRATIONS_DIR = fileURLToPath(new URL('../../../../migrations/postgres/', import.meta.url));

/** An arbitrary constant: the advisory lock that keeps two processes from migrating at once. */
const MIGRATION_LOCK = 0x5ada_0001;

export interface PgMigration {
  version: number;
  name: string;
  sql: string;
}

export function readPgMigrations(dir: string = PG_MIGRATIONS_DIR): PgMigration[] {
  return readdirSync(dir)
    .filter((f) => /^\d+_[\w-]+\.sql$/.test(f))
    .map((file) => ({ version: Number.parseInt(file, 10), name: file.replace(/\.sql$/, ''), sql: readFileSync(`${dir}/${file}`, 'utf8') }))
    .sort((a, b) => a.version - b.version);
}

/** Where the database's schema stands against `migrations`. */
export interface PgSchemaState {
  /** False when the database has no schema_migrations table (in the search path): nothing of Sada's is there. */
  present: boolean;
  /** The newest version applied (0 when none). */
  version: number;
  /** Migrations not yet applied, in order. */
  pending: PgMigration[];
}

/**
 * Reads the applied versions with plain SELECTs (no lock, no DDL), so that a role that may only read can
 * tell whether the schema is current. STORAGE when the database is newer than this Sada.
 */
export async function pgSchemaState(client: Pick<pg.PoolClient, 'query'>, migrations: readonly PgMigration[] = readPgMigrations()): Promise<PgSchemaState> {
  const [table] = (await client.query<{ present: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS present")).rows;
  const applied = table?.present ? new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version)) : new Set<number>();
  const version = Math.max(0, ...applied);
  const known = Math.max(0, ...migrations.map((m) => m.version));
  if (version > known) throw new AppError('STORAGE', `the database has schema version ${version}, newer than this Sada knows (${known}); upgrade Sada`);
  return { present: table?.present ?? false, version, pending: migrations.filter((m) => !applied.has(m.version)) };
}

/**
 * Applies pending migrations under an advisory lock, each in its own transaction. A current schema is
 * recognised first with plain reads: neither the lock nor any DDL is needed then, so a role allowed only to
 * read and write rows (not to change the schema) can open a current database.
 */
export async function migratePg(client: pg.PoolClient, now: number, dir?: string, where = 'the PostgreSQL database'): Promise<number[]> {
  const migrations = readPgMigrations(dir);
  if ((await pgSchemaState(client, migrations)).pending.length === 0) return [];
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
    // Read again under the lock: another process may have migrated meanwhile.
    const { pending } = await pgSchemaState(client, migrations);
    const done: number[] = [];
    for (const m of pending) {
      let committing = false;
      try {
        await client.query('BEGIN');
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, now]);
        committing = true;
        await client.query('COMMIT');
      } catch (error) {
        // A COMMIT that failed on the server rolled back; one whose connection was lost may have committed.
        if (committing && lostConnection(error)) {
          throw new AppError(
            'STORAGE',
            `cannot migrate ${where}: the connection was lost while migration ${m.version} (${m.name}.sql) was being committed, so whether it was applied is unknown (\`sada migrate --check\` tells): ${errorMessage(error)}`,
            { cause: error },
          );
        }
        // Failing before COMMIT, it was never committed: rolled back here, or by the server if the session is gone.
        await client.query('ROLLBACK').catch(() => undefined);
        const stays = await client
          .query<{ v: number }>('SELECT coalesce(max(version), 0) AS v FROM schema_migrations')
          .then((r) => r.rows[0]?.v ?? null)
          .catch(() => null);
        throw migrationFailed(where, m, stays, done, error);
      }
      done.push(m.version);
    }
    return done;
  } finally {
    // A session that is gone holds no lock; failing here would hide why the migration stopped.
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
  }
}

/** The tables Sada's migrations create (some may have been dropped by later ones). */
export function pgTableNames(migrations: readonly PgMigration[] = readPgMigrations()): string[] {
  const names = new Set<string>();
  for (const m of migrations) for (const match of m.sql.matchAll(/\bCREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)/gi)) names.add(match[1]!.toLowerCase());
  return [...names].sort();
}

function lostConnection(error: unknown): boolean {
  return unavailableOr(error) !== error;
}
