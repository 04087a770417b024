import { AppError } from '../core/errors.js';
import type { Store } from './store.js';

/** Opens the store named by `db`: a postgres:// URL selects PostgreSQL, anything else is a SQLite file path. */
export async function openStore(db: string, options: { now?: number } = {}): Promise<Store> {
  if (/^postgres(ql)?:\/\//i.test(db)) {
    throw new AppError('UNAVAILABLE', 'the PostgreSQL adapter is not available in this version of Sada');
  }
  const { SqliteStore } = await import('./sqlite/sqlite-store.js');
  return SqliteStore.open({ path: db, ...options });
}
