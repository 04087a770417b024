import { existsSync } from 'node:fs';
import { AppError, errorMessage } from '../core/errors.js';
import { dbLocationProblem, isPostgresUrl } from './db-location.js';

/** A schema migration as `sada migrate` names it: its number and its file's name without `.sql`. */
export interface MigrationName {
  version: number;
  name: string;
}

/** Where a database's schema stands against the migrations this Sada carries. */
export interface SchemaStatus {
  dialect: 'sqlite' | 'postgres';
  /** False when nothing of Sada's is there yet (no database file, or no schema_migrations table). */
  present: boolean;
  /** The newest version applied (0 when none). */
  version: number;
  /** The newest version this Sada knows. */
  latest: number;
  /** Migrations not yet applied, in order. */
  pending: MigrationName[];
}

/**
 * Reads where the schema of `db` stands without changing anything: a SQLite file that does not exist is not
 * created, a PostgreSQL database is asked with plain SELECTs (no lock, no DDL), so a role that may only read
 * can ask too. STORAGE when the database is newer than this Sada (the same error the stores open with).
 */
export async function schemaStatus(db: string): Promise<SchemaStatus> {
  const problem = dbLocationProblem(db);
  if (problem) throw new AppError('BAD_USAGE', `${db}: ${problem}`);
  if (isPostgresUrl(db)) {
    const [{ readPgSchemaState }, { readPgMigrations }] = await Promise.all([import('./postgres/pg-store.js'), import('./postgres/pg-migrate.js')]);
    const state = await readPgSchemaState(db);
    return { dialect: 'postgres', present: state.present, version: state.version, latest: newest(readPgMigrations()), pending: names(state.pending) };
  }
  const [{ readMigrations, sqliteSchemaState }, { Connection }] = await Promise.all([import('./sqlite/migrate.js'), import('./sqlite/connection.js')]);
  const migrations = readMigrations();
  if (db === ':memory:' || !existsSync(db)) return { dialect: 'sqlite', present: false, version: 0, latest: newest(migrations), pending: names(migrations) };
  let connection;
  try {
    connection = Connection.openReadOnly(db).connection;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('STORAGE', `cannot read SQLite database ${db}: ${errorMessage(error)}`, { cause: error });
  }
  try {
    const state = sqliteSchemaState(connection.db, migrations);
    return { dialect: 'sqlite', present: state.present, version: state.version, latest: newest(migrations), pending: names(state.pending) };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('STORAGE', `cannot read SQLite database ${db}: ${errorMessage(error)}`, { cause: error });
  } finally {
    connection.close();
  }
}

function names(migrations: readonly MigrationName[]): MigrationName[] {
  return migrations.map(({ version, name }) => ({ version, name }));
}

function newest(migrations: readonly MigrationName[]): number {
  return Math.max(0, ...migrations.map((m) => m.version));
}

/** The migrations this Sada carries for a dialect, in order. */
export async function knownMigrations(dialect: 'sqlite' | 'postgres'): Promise<MigrationName[]> {
  if (dialect === 'postgres') return names((await import('./postgres/pg-migrate.js')).readPgMigrations());
  return names((await import('./sqlite/migrate.js')).readMigrations());
}
