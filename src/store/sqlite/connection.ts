import { existsSync, readSync, openSync, closeSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { AppError } from '../../core/errors.js';

/** How a database that cannot be written was opened for reading. */
export type ReadOnlyAccess =
  /** A read-only connection that sees changes other processes commit (its WAL index could be opened). */
  | 'read-only'
  /** SQLite's `immutable` mode: the file is read as it stands, changes made to it later are not seen. */
  | 'snapshot';

/** Page size of the databases Sada creates. */
export const PAGE_SIZE = 16384;
/** Size the -wal file is cut back to after a checkpoint (SQLite's journal_size_limit). */
export const WAL_SIZE_LIMIT = 64 * 1024 * 1024;

/** A better-sqlite3 connection with a statement cache (preparing is the costly part of small queries). */
export class Connection {
  readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(db: Database.Database) {
    this.db = db;
  }

  static open(path: string, options: { readonly?: boolean } = {}): Connection {
    allowUriFilenames();
    const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
    db.pragma('busy_timeout = 10000');
    if (!options.readonly) {
      // A new database gets 16 KiB pages (an existing one keeps its own: SQLite ignores this once it holds
      // data). Its rows are mostly a few KB (texts, term profiles, search blocks), which 4 KiB pages split
      // into overflow chains. With 16 KiB pages an import makes about a quarter as many read and write
      // calls for the same bytes, and runs about 5% faster (docs/BENCHMARKS.md, "Import, stop 22").
      db.pragma(`page_size = ${PAGE_SIZE}`);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      // The -wal file keeps the size of the largest transaction it ever held (a search index merge writes
      // hundreds of MB at 200k articles) for as long as a process such as `sada serve` keeps the database
      // open; past this size it is cut back once a checkpoint has copied it into the database.
      db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
    }
    return Connection.configured(db);
  }

  /**
   * Opens a database this process may read but not write (a file owned by another user, a copy on
   * read-only media). A WAL database needs its `-shm` index to be read: when it exists or can be created,
   * the connection is an ordinary read-only one. In a directory this user cannot write, with no `-shm`,
   * SQLite cannot open the file that way; when no `-wal` file holds changes either, the file is the whole
   * database and is opened `immutable` (a snapshot). With changes in a `-wal` that cannot be indexed,
   * nothing correct can be read: STORAGE says why and what to do.
   */
  static openReadOnly(path: string): { connection: Connection; access: ReadOnlyAccess } {
    allowUriFilenames();
    try {
      const db = new Database(path, { readonly: true, fileMustExist: true });
      try {
        db.pragma('busy_timeout = 10000');
        db.prepare('SELECT count(*) FROM sqlite_schema').get(); // the WAL index is opened on the first read
      } catch (error) {
        db.close();
        throw error;
      }
      return { connection: Connection.configured(db), access: 'read-only' };
    } catch (error) {
      if (!cannotIndexWal(error) || existsSync(`${path}-shm`) || !isWalDatabase(path)) throw error;
      if (walHoldsChanges(path)) {
        throw new AppError(
          'STORAGE',
          `cannot read SQLite database ${path}: ${path}-wal holds changes not yet written into the database file, and SQLite cannot create ${path}-shm to read them because the directory is read-only for this user. Open the database once with write access to its directory (any sada command, or sqlite3 ${path} 'PRAGMA wal_checkpoint(TRUNCATE)'), or copy the database with its -wal file to a writable directory`,
          { cause: error },
        );
      }
      const db = new Database(`file:${encodeURI(path).replace(/[?#]/g, encodeURIComponent)}?immutable=1`, { readonly: true, fileMustExist: true });
      return { connection: Connection.configured(db), access: 'snapshot' };
    }
  }

  private static configured(db: Database.Database): Connection {
    db.pragma('foreign_keys = ON');
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    return new Connection(db);
  }

  prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  close(): void {
    this.statements.clear();
    if (this.db.open) this.db.close();
  }
}

/**
 * SQLite reads `file:` URIs (needed for `immutable`) only when enabled for the whole process, which
 * better-sqlite3 does from this variable when its native module loads, on the first connection.
 */
function allowUriFilenames(): void {
  process.env['SQLITE_USE_URI'] ??= '1';
}

/** The failures of a read-only open of a WAL database whose `-shm` file cannot be created. */
function cannotIndexWal(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY_DIRECTORY' || code === 'SQLITE_READONLY_CANTINIT';
}

/** Whether `PATH-wal` exists with at least one frame (a 32-byte header alone holds no change). */
function walHoldsChanges(path: string): boolean {
  const wal = `${path}-wal`;
  if (!existsSync(wal)) return false;
  return statSync(wal).size > 32;
}

/** Bytes 18-19 of the header (file format read and write versions) are 2 for a database in WAL mode. */
function isWalDatabase(path: string): boolean {
  const header = Buffer.alloc(20);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    return readSync(fd, header, 0, 20, 0) === 20 && header[18] === 2 && header[19] === 2;
  } finally {
    closeSync(fd);
  }
}
