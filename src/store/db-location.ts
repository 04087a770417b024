/**
 * What `--db` / SADA_DB may name: a SQLite file path or a postgres:// URL. Anything else is refused before a
 * store is opened, so that nothing is created for it.
 *
 * A SQLite URI filename (`file:/srv/sada.db?mode=ro`) is refused rather than supported. Whether SQLite reads
 * such a string as a URI depends on a process-wide switch that the first connection fixes (SQLITE_USE_URI), so
 * the same string opened either the file meant or a new database at the relative path `file:/srv/sada.db?mode=ro`;
 * and Sada works on the path itself (it creates the parent directory, checks the file and its -wal and -shm
 * files for write access, falls back to a read-only open), which a URI's query parameters would silently
 * bypass. Read-only access needs no `mode=ro`: commands that only read open a database this user cannot write
 * read-only by themselves.
 */
export function dbLocationProblem(db: string): string | null {
  if (/^file:/i.test(db)) {
    const path = uriPath(db);
    return `SQLite URI filenames are not supported: give the database file's path${path ? ` (${path})` : ''} or a postgres:// URL; commands that only read need no mode=ro, they open a database this user cannot write read-only`;
  }
  // `sqlite:///x.db`, `mysql://…`, a mistyped `postgress://…`: not a path (it would become directories named
  // after the scheme) and not a URL Sada connects to.
  const scheme = /^([a-z][a-z0-9+.-]+):\/\//i.exec(db)?.[1];
  if (scheme !== undefined && !isPostgresUrl(db)) return `${scheme}:// is not a database Sada opens: give a SQLite file path or a postgres:// URL`;
  return null;
}

export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

/** The file a `file:` URI names, to suggest as the path to give (null when it names none). */
function uriPath(uri: string): string | null {
  const rest = uri.slice('file:'.length).replace(/[?#].*$/s, '');
  const path = rest.startsWith('//') ? rest.replace(/^\/\/(localhost)?(?=\/)/i, '') : rest;
  if (!path || path.startsWith('//')) return null;
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}
