import type { Store } from './store.js';
import { AppError } from '../core/errors.js';
import { dbLocationProblem, isPostgresUrl } from './db-location.js';

export interface OpenStoreOptions {
  now?: number;
  schema?: string;
  access?: 'write' | 'read';
  /** PostgreSQL: the most connections the store's pool opens (default 10); SQLite ignores it. */
  poolSize?: number;
  /** Told the migrations the open applied (an empty list when there were none to apply). */
  onMigrated?: (applied: readonly { version: number; name: string }[]) => void;
}

/**
 * Opens the store named by `db`: a postgres:// URL selects PostgreSQL, a file path SQLite; anything else
 * (a SQLite `file:` URI, another scheme) is BAD_USAGE before anything is created (see db-location.ts).
 * `access: 'read'` (commands that only read) also opens, read-only, a SQLite database this user cannot write
 * or a PostgreSQL database this connection may not write (a role granted SELECT only).
 */
export async function openStore(db: string, options: OpenStoreOptions = {}): Promise<Store> {
  const problem = dbLocationProblem(db);
  if (problem) throw new AppError('BAD_USAGE', `${db}: ${problem}`);
  if (isPostgresUrl(db)) {
    const { PgStore } = await import('./postgres/pg-store.js');
    return PgStore.open({
      url: db,
      ...(options.now === undefined ? {} : { now: options.now }),
      ...(options.schema === undefined ? {} : { schema: options.schema }),
      ...(options.access === undefined ? {} : { access: options.access }),
      ...(options.poolSize === undefined ? {} : { poolSize: options.poolSize }),
      ...(options.onMigrated === undefined ? {} : { onMigrated: options.onMigrated }),
    });
  }
  const { SqliteStore } = await import('./sqlite/sqlite-store.js');
  return SqliteStore.open({
    path: db,
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.access === undefined ? {} : { access: options.access }),
    ...(options.onMigrated === undefined ? {} : { onMigrated: options.onMigrated }),
  });
}
