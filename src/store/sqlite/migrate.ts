import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { AppError } from '../../core/errors.js';

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

/** Applies every migration not yet recorded, each in its own transaction. Returns the versions applied. */
export function migrate(db: Database.Database, migrations: Migration[], now: number): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const applied = appliedVersions(db, migrations);
  const done: number[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, now);
    })();
    done.push(m.version);
  }
  return done;
}

/**
 * For a database that cannot be written: STORAGE unless its schema is exactly the one this Sada knows
 * (a missing migration cannot be applied, and reading an older schema would fail query by query).
 */
export function assertCurrentSchema(db: Database.Database, migrations: Migration[], path: string): void {
  const table = db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'`).get();
  if (!table) throw new AppError('STORAGE', `${path} is not a Sada database (it has no schema_migrations table), and it cannot be set up because it is read-only for this user`);
  const applied = appliedVersions(db, migrations);
  const pending = migrations.filter((m) => !applied.has(m.version));
  if (pending.length > 0) {
    throw new AppError(
      'STORAGE',
      `${path} was written by an older Sada (schema version ${Math.max(0, ...applied)}; this one needs ${pending.at(-1)!.version}), and the upgrade cannot be written because the database is read-only for this user: run any sada command on it once with write access (for instance \`sada sources list\` as its owner)`,
    );
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
