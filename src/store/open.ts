import { AppError } from '../core/errors.js';
import type { Store } from './store.js';

/** Opens the store named by `db`: a postgres:// URL selects PostgreSQL, anything else is a SQLite file path. */
export async function openStore(db: string): Promise<Store> {
  throw new AppError('UNAVAILABLE', `no storage adapter for ${db} yet`);
}
