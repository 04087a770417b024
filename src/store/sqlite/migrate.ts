import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { AppError } from '../../core/errors.js';
import { migrationFailed } from '../migration-failure.js';

/** Numbered SQL files `NNN_name.sql`; compiled code lives in dist/src/store/sqlite/, the files at the repo root. */
export const SQLITE_MIGRATIONS_DIR = fileURLToPath(new URL('../../../../migrations/sqlite/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function readMigrations(dir: string = SQLITE_MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => /^\d+_[\w-]+\.sql$/.test(f))
    .map((file) => ({ version: Number.parseInt(file, 10), name: file.replace(/\.sql$/, ''), sql: readFileSync(`${dir}/${file}`, 'utf8') }))
    .sort((a, b) => a.version - b.version);
  const seen = new Set<number>();
  for (const m of migrations) {
    if (seen.has(m.version)) throw new AppError('STORAGE', `two migrations share version ${m.version} in ${dir}`);
    seen.add(m.version);
  }
  return migrations;
}

/**
 * Applies every migration not yet recorded, each in its own transaction. Returns the versions applied.
 *
 * Each is applied inside an IMMEDIATE transaction (SQLite's write lock, taken at BEGIN) after reading again
 * whether it is recorded: two processes opening a database at once (`sada migrate` beside a starting worker,
 * several workers) both found a migration missing, and the second failed on the first's tables ("table
 * sources already exists"). Now the second waits for the lock and skips what the first applied.
 */
export function migrate(db: Database.Database, migrations: Migration[], now: number, where = 'the SQLite database'): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const applied = appliedVersions(db, migrations);
  const done: number[] = [];
  const recorded = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    let ran: boolean;
    try {
      ran = db
        .transaction(() => {
          if (recorded.get(m.version)) return false;
          db.exec(m.sql);
          record.run(m.version, m.name, now);
          return true;
        })
        .immediate();
    } catch (error) {
      throw migrationFailed(where, m, schemaVersion(db), done, error);
    }
    if (ran) done.push(m.version);
  }
  return done;
}

/** Where a database's schema stands against `migrations` (the same shape as PostgreSQL's PgSchemaState). */
export interface SqliteSchemaState {
  /** False when the database has no schema_migrations table: nothing of Sada's is there. */
  present: boolean;
  /** The newest version applied (0 when none). */
  version: number;
  /** Migrations not yet applied, in order. */
  pending: Migration[];
}

/** Reads the applied versions only (no write, no lock). STORAGE when the database is newer than this Sada. */
export function sqliteSchemaState(db: Database.Database, migrations: Migration[]): SqliteSchemaState {
  const table = db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'`).get();
  if (!table) return { present: false, version: 0, pending: migrations };
  const applied = appliedVersions(db, migrations);
  return { present: true, version: Math.max(0, ...applied), pending: migrations.filter((m) => !applied.has(m.version)) };
}

/**
 * For a database that cannot be written: STORAGE unless its schema is exactly the one this Sada knows
 * (a missing migration cannot be applied, and reading an older schema would fail query by query).
 */
export function assertCurrentSchema(db: Database.Database, migrations: Migration[], path: string): void {
  const state = sqliteSchemaState(db, migrations);
  if (!state.present) throw new AppError('STORAGE', `${path} is not a Sada database (it has no schema_migrations table), and it cannot be set up because it is read-only for this user`);
  if (state.pending.length > 0) {
    throw new AppError(
      'STORAGE',
      `${path} was written by an older Sada (schema version ${state.version}; this one needs ${state.pending.at(-1)!.version}), and the upgrade cannot be written because the database is read-only for this user: run \`sada migrate\` on it once with write access (as its owner, say)`,
    );
  }
}

/** The newest version recorded, read again (another process may have migrated meanwhile); null when it cannot be read. */
function schemaVersion(db: Database.Database): number | null {
  try {
    return (db.prepare('SELECT coalesce(max(version), 0) AS v FROM schema_migrations').get() as { v: number }).v;
  } catch {
    return null;
  }
}

/** The versions recorded; STORAGE when the database is newer than this Sada. */
function appliedVersions(db: Database.Database, migrations: Migration[]): Set<number> {
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  const newest = Math.max(0, ...applied);
  const known = Math.max(0, ...migrations.map((m) => m.version));
  if (newest > known) {
    throw new AppError('STORAGE', `the database has schema version ${newest}, newer than this Sada knows (${known}); upgrade Sada`);
  }
  return applied;
}
