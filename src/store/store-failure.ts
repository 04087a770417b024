/**
 * Whether an error is the database failing as a whole (read-only file, disk full, corrupt file, lock
 * wait given up, connection lost) rather than one article's write being refused. A batch job retrying
 * article by article would otherwise record every article as bad input and carry on against a database
 * that refuses them all.
 */
const SQLITE_WHOLE = new Set(['SQLITE_READONLY', 'SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CANTOPEN', 'SQLITE_PERM', 'SQLITE_BUSY', 'SQLITE_LOCKED']);
/** SQLSTATE classes: connection exception, insufficient resources, operator intervention, system error. */
const PG_WHOLE_CLASSES = new Set(['08', '53', '57', '58']);
/** read_only_sql_transaction, insufficient_privilege. */
const PG_WHOLE = new Set(['25006', '42501']);
const SOCKET = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

export function isStoreFailure(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (code.startsWith('SQLITE_') && SQLITE_WHOLE.has(code.replace(/^(SQLITE_[A-Z]+).*$/, '$1'))) return true;
      if (/^[0-9A-Z]{5}$/.test(code) && (PG_WHOLE.has(code) || PG_WHOLE_CLASSES.has(code.slice(0, 2)))) return true;
      if (SOCKET.has(code)) return true;
    }
    // node-postgres reports a dropped connection without a code.
    if (/^Connection terminated|connection error and is not queryable/.test(e.message)) return true;
  }
  return false;
}

/** The commands that only read, named when a database refuses a command that writes. */
export const READING_COMMANDS = 'search, articles, stories, related, sources list, sources export-opml, serve --no-fetch';
