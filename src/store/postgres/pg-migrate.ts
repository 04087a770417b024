import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { AppError } from '../../core/errors.js';

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
export async function migratePg(client: pg.PoolClient, now: number, dir?: string): Promise<number[]> {
  const migrations = readPgMigrations(dir);
  if ((await pgSchemaState(client, migrations)).pending.length === 0) return [];
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
    // Read again under the lock: another process may have migrated meanwhile.
    const { pending } = await pgSchemaState(client, migrations);
    const done: number[] = [];
    for (const m of pending) {
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, now]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new AppError('STORAGE', `migration ${m.name} failed: ${(error as Error).message}`, { cause: error });
      }
      done.push(m.version);
    }
    return done;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}

/** The tables Sada's migrations create (some may have been dropped by later ones). */
export function pgTableNames(migrations: readonly PgMigration[] = readPgMigrations()): string[] {
  const names = new Set<string>();
  for (const m of migrations) for (const match of m.sql.matchAll(/\bCREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)/gi)) names.add(match[1]!.toLowerCase());
  return [...names].sort();
}
