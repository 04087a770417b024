import type { Store } from './store.js';

/** Opens the store named by `db`: a postgres:// URL selects PostgreSQL, anything else is a SQLite file path. */
export async function openStore(db: string, options: { now?: number; schema?: string } = {}): Promise<Store> {
  if (isPostgresUrl(db)) {
    const { PgStore } = await import('./postgres/pg-store.js');
    return PgStore.open({ url: db, ...options });
  }
  const { SqliteStore } = await import('./sqlite/sqlite-store.js');
  return SqliteStore.open({ path: db, ...(options.now === undefined ? {} : { now: options.now }) });
}

export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}
