import type { Store } from './store.js';

/**
 * Opens the store named by `db`: a postgres:// URL selects PostgreSQL, anything else is a SQLite file path.
 * `access: 'read'` (commands that only read) also opens, read-only, a SQLite database this user cannot write
 * or a PostgreSQL database this connection may not write (a role granted SELECT only).
 */
export async function openStore(db: string, options: { now?: number; schema?: string; access?: 'write' | 'read' } = {}): Promise<Store> {
  if (isPostgresUrl(db)) {
    const { PgStore } = await import('./postgres/pg-store.js');
    return PgStore.open({
      url: db,
      ...(options.now === undefined ? {} : { now: options.now }),
      ...(options.schema === undefined ? {} : { schema: options.schema }),
      ...(options.access === undefined ? {} : { access: options.access }),
    });
  }
  const { SqliteStore } = await import('./sqlite/sqlite-store.js');
  return SqliteStore.open({ path: db, ...(options.now === undefined ? {} : { now: options.now }), ...(options.access === undefined ? {} : { access: options.access }) });
}

export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}
