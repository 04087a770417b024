import { AsyncLocalStorage } from 'node:async_hooks';
import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Article, RelatedEntry, Source, SourceFetchState, SourceRecord, SourceWithStatus, Story } from '../../core/types.js';
import { AppError, errorMessage } from '../../core/errors.js';
import type {
  ArticleListQuery,
  ArticleProfileEntry,
  ArticleRef,
  CandidateQuery,
  GroupMember,
  StoryCandidate,
  TermFold,
  TermStatsSnapshot,
  Fingerprint,
  NewArticle,
  NewSource,
  Store,
  StoryListQuery,
} from '../store.js';
import { Connection, type ReadOnlyAccess } from './connection.js';
import { ArticleRefCache, copyRef } from './article-ref-cache.js';
import { CandidateKeyMirror } from './candidate-cache.js';
import { BandIndex } from './band-index.js';
import { assertCurrentSchema, migrate, readMigrations } from './migrate.js';
import * as sources from './sources-sql.js';
import * as articles from './articles-sql.js';
import * as stories from './stories-sql.js';
import { SqliteSearchTables } from './index-sql.js';
import { SearchIndexCore, type BuiltSegment } from '../search-index-core.js';
import type { IndexDocument, IndexStats, MoreKeys, PostingsPart, SearchDocInfo, SearchFilter, TimeCursor } from '../../search/types.js';
import * as engine from './engine-sql.js';
import { recountTermStats } from './engine-sql.js';
import { TERM_DAYS_MIGRATION } from '../engine-rows.js';
import { READING_COMMANDS } from '../store-failure.js';
import { dbLocationProblem } from '../db-location.js';

export interface SqliteStoreOptions {
  /**
   * File path, or `:memory:` for a private in-memory database (unit tests only: with a single connection,
   * reads outside a transaction see its uncommitted writes).
   */
  path: string;
  now?: number;
  /**
   * `read`: the caller only reads. A database this user cannot write (another user's file, a copy on
   * read-only media) is then opened read-only instead of refused, as long as its schema is current; writes
   * through the store fail with STORAGE. Default `write`: such a database is refused at once, saying why.
   */
  access?: 'write' | 'read';
  /** Told the migrations this open applied (none when the schema was current or another process applied them). */
  onMigrated?: (applied: readonly { version: number; name: string }[]) => void;
}

/**
 * SQLite adapter of the Store. One writer connection serialises all writes (a promise queue holds
 * transactions one at a time); reads outside a transaction use a second, read-only connection so that they
 * see only committed data (WAL lets readers run beside the writer).
 */
export class SqliteStore implements Store {
  readonly dialect = 'sqlite' as const;
  private readonly writer: Connection;
  private readonly reader: Connection;
  private readonly txContext = new AsyncLocalStorage<true>();
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly searchIndex = new SearchIndexCore();
  /** The articles' story keys in memory for lookups inside transactions (loaded on first use; see candidate-cache.ts). */
  private mirror: CandidateKeyMirror | null = null;
  private mirrorLoaded = false;
  /** The fingerprints' LSH bands in memory for near-duplicate lookups inside transactions (see band-index.ts). */
  private bands: BandIndex | null = null;
  /** Article references read or written inside the writer's transactions (see article-ref-cache.ts). */
  private readonly refs = new ArticleRefCache();
  /** term_stats's head as the open transaction last read or wrote it (null outside a transaction). */
  private statsHead: { version: number; docCount: number } | null = null;
  /** The writer's PRAGMA data_version when it last began a transaction: a change means another connection wrote. */
  private dataVersion = -1;
  readonly readOnly: Store['readOnly'];

  private constructor(writer: Connection, reader: Connection, readOnly: Store['readOnly'] = null) {
    this.writer = writer;
    this.reader = reader;
    this.readOnly = readOnly;
  }

  static async open(options: SqliteStoreOptions): Promise<SqliteStore> {
    const memory = options.path === ':memory:';
    const forReading = options.access === 'read' && !memory;
    // Refused before the directory is made: `file:/srv/x.db` would create ./file:/srv (db-location.ts).
    const problem = memory ? null : dbLocationProblem(options.path);
    if (problem) throw new AppError('BAD_USAGE', `${options.path}: ${problem}`);
    let writer: Connection;
    try {
      if (!memory) mkdirSync(dirname(options.path), { recursive: true });
      if (!memory) assertFileWritable(options.path);
      writer = Connection.open(options.path);
    } catch (error) {
      if (forReading && refusesWrites(error) && existsSync(options.path)) return SqliteStore.openForReading(options.path, error);
      throw openFailure(options.path, error);
    }
    try {
      const migrations = readMigrations();
      const applied = migrate(writer.db, migrations, options.now ?? Date.now(), `SQLite database ${options.path}`);
      if (applied.includes(TERM_DAYS_MIGRATION)) recountTermStats(writer);
      options.onMigrated?.(migrations.filter((m) => applied.includes(m.version)).map(({ version, name }) => ({ version, name })));
    } catch (error) {
      writer.close();
      // a migration's failure carries the database's own error: a refused write is reported as such
      const underlying = error instanceof AppError ? (error.cause ?? error) : error;
      if (forReading && refusesWrites(underlying)) return SqliteStore.openForReading(options.path, underlying);
      if (refusesWrites(underlying)) throw openFailure(options.path, underlying);
      if (error instanceof AppError) throw error;
      throw new AppError('STORAGE', `cannot migrate ${options.path}: ${(error as Error).message}`, { cause: error });
    }
    const reader = memory ? writer : Connection.open(options.path, { readonly: true });
    return new SqliteStore(writer, reader);
  }

  /** One read-only connection for a database that refused to be opened for writing (`refused`). */
  private static openForReading(path: string, refused: unknown): SqliteStore {
    try {
      accessSync(path, constants.R_OK);
    } catch (error) {
      throw new AppError('STORAGE', `cannot open SQLite database ${path}: this user may neither write nor read it (${errorMessage(error)})`, { cause: error });
    }
    let opened: { connection: Connection; access: ReadOnlyAccess };
    try {
      opened = Connection.openReadOnly(path);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('STORAGE', `cannot read SQLite database ${path}: ${errorMessage(error)} (it cannot be written either: ${errorMessage(refused)})`, { cause: error });
    }
    try {
      assertCurrentSchema(opened.connection.db, readMigrations(), path);
    } catch (error) {
      opened.connection.close();
      throw error;
    }
    const why = errorMessage(refused);
    const reason =
      opened.access === 'snapshot'
        ? `${path} is read as a snapshot (changes made to it from now on are not seen): this user can write neither it (${why}) nor its directory, where SQLite would keep ${path}-shm to follow changes`
        : `${path} cannot be written by this user (${why}): it is open for reading only`;
    return new SqliteStore(opened.connection, opened.connection, { access: opened.access, reason });
  }

  // ---- connection handling ----

  private get inTransaction(): boolean {
    return this.txContext.getStore() === true;
  }

  /** Connection for a read: inside a transaction it must see the transaction's own writes. */
  private r(): Connection {
    this.assertOpen();
    return this.inTransaction ? this.writer : this.reader;
  }

  /** Runs a synchronous write, waiting for any transaction in progress unless called from inside it. */
  private async w<T>(fn: (c: Connection) => T): Promise<T> {
    this.assertOpen();
    this.assertWritable();
    if (this.inTransaction) return fn(this.writer);
    return this.transaction(async () => fn(this.writer));
  }

  private assertOpen(): void {
    if (this.closed) throw new AppError('STORAGE', 'the store is closed');
  }

  private assertWritable(): void {
    if (this.readOnly) throw new AppError('STORAGE', `cannot write to the database: ${this.readOnly.reason}`);
  }

  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    this.assertOpen();
    this.assertWritable();
    if (this.inTransaction) return fn(this);
    const run = async (): Promise<T> => {
      this.writer.db.exec('BEGIN IMMEDIATE');
      this.statsHead = null;
      const version = this.writer.db.pragma('data_version', { simple: true }) as number;
      if (version !== this.dataVersion) this.dropMirror();
      this.dataVersion = version;
      try {
        const result = await this.txContext.run(true, () => fn(this));
        this.writer.db.exec('COMMIT');
        this.statsHead = null;
        return result;
      } catch (error) {
        this.statsHead = null;
        this.dropMirror();
        if (this.writer.db.inTransaction) this.writer.db.exec('ROLLBACK');
        throw error;
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private dropMirror(): void {
    this.mirror = null;
    this.mirrorLoaded = false;
    this.bands = null;
    this.refs.clear();
  }

  /** Article references inside a transaction come from the cache where it has them. */
  private articleRefs(ids: readonly number[]): ArticleRef[] {
    return this.articleRefsWith(ids, copyRef);
  }

  /** References in the order of `ids` (unknown ids left out), each made by `copy` from the cache's or a read one. */
  private articleRefsWith<T>(ids: readonly number[], copy: (ref: ArticleRef, index: number) => T): T[] {
    if (!this.inTransaction) return engine.getArticleRefs(this.r(), ids).map(copy);
    const refs: (ArticleRef | undefined)[] = ids.map((id) => this.refs.get(id));
    const missing = ids.filter((_, i) => refs[i] === undefined);
    if (missing.length > 0) {
      const read = engine.getArticleRefs(this.writer, missing);
      this.refs.remember(read);
      const byId = new Map(read.map((r) => [r.id, r]));
      for (let i = 0; i < ids.length; i++) refs[i] ??= byId.get(ids[i]!);
    }
    const out: T[] = [];
    for (let i = 0; i < refs.length; i++) if (refs[i] !== undefined) out.push(copy(refs[i]!, i));
    return out;
  }

  /** The story-key mirror, inside a transaction only (it holds the transaction's own writes). */
  private candidateMirror(): CandidateKeyMirror | null {
    if (!this.inTransaction) return null;
    if (!this.mirrorLoaded) {
      this.mirror = CandidateKeyMirror.load(this.writer);
      this.mirrorLoaded = true;
    }
    return this.mirror;
  }

  async lockKeys(): Promise<void> {
    // Every write already runs under the one writer connection's serialised transactions.
  }

  async ping(): Promise<void> {
    this.r().prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue;
    this.closed = true;
    if (this.reader !== this.writer) this.reader.close();
    try {
      if (!this.readOnly) this.writer.db.pragma('optimize');
    } catch {
      // optimisation is best effort
    }
    this.writer.close();
  }

  // ---- sources ----

  addSource(source: NewSource, now: number): Promise<Source> {
    return this.w((c) => sources.addSource(c, source, now));
  }
  async getSource(id: number): Promise<Source | null> {
    return sources.getSource(this.r(), 'id', id);
  }
  async getSourceBySlug(slug: string): Promise<Source | null> {
    return sources.getSource(this.r(), 'slug', slug);
  }
  async getSourceByFeedUrl(feedUrl: string): Promise<Source | null> {
    return sources.getSource(this.r(), 'feed_url', feedUrl);
  }
  ensureImportSource(slug: string, now: number): Promise<Source> {
    const existing = sources.getSource(this.r(), 'slug', slug, true);
    if (existing) return Promise.resolve(existing);
    return this.w((c) => sources.ensureImportSource(c, slug, now));
  }
  async listSources(): Promise<SourceWithStatus[]> {
    return sources.listSources(this.r());
  }
  async findSource(key: { id: number } | { slug: string }): Promise<SourceRecord | null> {
    return sources.findSource(this.r(), key);
  }
  removeSource(id: number): Promise<boolean> {
    return this.w((c) => sources.removeSource(c, id, Date.now()));
  }
  moveSourceFeed(id: number, feedUrl: string): Promise<boolean> {
    return this.w((c) => sources.moveSourceFeed(c, id, feedUrl));
  }
  async getFetchState(id: number): Promise<SourceFetchState | null> {
    return sources.getFetchState(this.r(), id);
  }
  updateFetchState(id: number, patch: Partial<SourceFetchState>): Promise<void> {
    return this.w((c) => sources.updateFetchState(c, id, patch));
  }
  async dueSources(now: number, limit: number): Promise<(Source & SourceFetchState)[]> {
    return sources.dueSources(this.r(), now, limit);
  }
  claimDueSources(now: number, limit: number, worker: string, leaseMs: number, options?: { force?: boolean; sourceId?: number }) {
    return this.w((c) => sources.claimDueSources(c, now, limit, worker, leaseMs, options));
  }
  releaseSource(id: number, worker: string): Promise<void> {
    return this.w((c) => sources.releaseSource(c, id, worker));
  }
  renewLeases(ids: readonly number[], worker: string, until: number): Promise<void> {
    return this.w((c) => sources.renewLeases(c, ids, worker, until));
  }
  reserveHostSlot(host: string, now: number, spacingMs: number): Promise<number> {
    return this.w((c) => sources.reserveHostSlot(c, host, now, spacingMs));
  }

  // ---- articles ----

  insertArticle(article: NewArticle): Promise<{ id: number; inserted: boolean }> {
    return this.w((c) => {
      const result = articles.insertArticle(c, article);
      if (result.inserted) this.refs.inserted(result.id, article);
      return result;
    });
  }
  updateArticle(id: number, patch: Parameters<Store['updateArticle']>[1]): Promise<void> {
    return this.w((c) => {
      articles.updateArticle(c, id, patch);
      this.refs.updated(id, patch);
    });
  }
  async getArticle(id: number): Promise<Article | null> {
    return articles.getArticles(this.r(), [id])[0] ?? null;
  }
  async getArticles(ids: readonly number[]): Promise<Article[]> {
    return articles.getArticles(this.r(), ids);
  }
  async getArticleByCanonicalUrl(canonicalUrl: string): Promise<Article | null> {
    return articles.getArticleBy(this.r(), 'a.canonical_url = ?', [canonicalUrl]);
  }
  async storedCanonicalUrls(canonicalUrls: readonly string[]): Promise<Set<string>> {
    return articles.storedCanonicalUrls(this.r(), canonicalUrls);
  }
  async getArticleByExternalId(sourceId: number, externalId: string): Promise<Article | null> {
    return articles.getArticleBy(this.r(), 'a.source_id = ? AND a.external_id = ?', [sourceId, externalId]);
  }
  async listArticles(query: ArticleListQuery): Promise<Article[]> {
    return articles.listArticles(this.r(), query);
  }
  async countArticles(): Promise<number> {
    return (this.r().prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
  }
  async findByContentHash(contentHash: string): Promise<number[]> {
    return articles.findByContentHash(this.r(), contentHash);
  }

  // ---- fingerprints ----

  putFingerprint(fingerprint: Fingerprint): Promise<void> {
    return this.w((c) => {
      const before = this.bands ? articles.fingerprintBands(c, fingerprint.articleId) : [];
      try {
        articles.putFingerprint(c, fingerprint);
      } catch (error) {
        this.dropMirror();
        throw error;
      }
      this.bands?.replace(fingerprint.articleId, before, fingerprint.bands);
    });
  }
  async getFingerprints(articleIds: readonly number[]): Promise<Map<number, Fingerprint>> {
    return articles.getFingerprints(this.r(), articleIds);
  }
  async findBandCandidates(bands: readonly number[], excludeId: number | null, limit: number): Promise<number[]> {
    if (!this.inTransaction) return articles.findBandCandidates(this.r(), bands, excludeId, limit);
    this.bands ??= BandIndex.load(this.writer);
    return this.bands.find(bands, excludeId, limit);
  }

  // ---- stories ----

  createStory(story: Omit<Story, 'id'>): Promise<Story> {
    return this.w((c) => stories.createStory(c, story));
  }
  updateStory(id: number, patch: Partial<Omit<Story, 'id'>>): Promise<void> {
    return this.w((c) => stories.updateStory(c, id, patch));
  }
  async getStory(id: number): Promise<Story | null> {
    return stories.getStory(this.r(), id);
  }
  async listStories(query: StoryListQuery): Promise<Story[]> {
    return stories.listStories(this.r(), query);
  }
  async recentStories(since: number, limit: number): Promise<Story[]> {
    return stories.listStories(this.r(), { since, limit });
  }
  async storyArticleIds(storyId: number): Promise<number[]> {
    return stories.storyArticleIds(this.r(), storyId);
  }
  async getStoryState(storyIds: readonly number[]): Promise<Map<number, Uint8Array>> {
    return stories.getStoryState(this.r(), storyIds);
  }
  putStoryState(storyId: number, state: Uint8Array): Promise<void> {
    return this.w((c) => stories.putStoryState(c, storyId, state));
  }

  // ---- related ----

  replaceRelated(articleId: number, kind: RelatedEntry['kind'], entries: readonly Omit<RelatedEntry, 'articleId' | 'kind'>[]): Promise<void> {
    return this.w((c) => stories.replaceRelated(c, articleId, kind, entries));
  }
  async getRelated(articleId: number): Promise<RelatedEntry[]> {
    return stories.getRelated(this.r(), articleId);
  }

  // ---- story engine ----

  putArticleProfile(entry: ArticleProfileEntry): Promise<void> {
    return this.w((c) => {
      try {
        engine.putArticleProfile(c, entry);
      } catch (error) {
        // Part of the entry may be written even if the caller goes on: the mirror no longer knows the table.
        this.dropMirror();
        throw error;
      }
      if (this.mirrorLoaded) this.mirror?.put(entry.articleId, entry.keys, entry.time);
    });
  }
  async getArticleProfiles(articleIds: readonly number[]): Promise<Map<number, Uint8Array>> {
    return engine.getArticleProfiles(this.r(), articleIds);
  }
  async findStoryCandidates(query: CandidateQuery): Promise<StoryCandidate[]> {
    const mirror = this.candidateMirror();
    if (!mirror) return engine.findStoryCandidates(this.r(), query);
    const found = mirror.find(query);
    return this.articleRefsWith(
      found.map((f) => f.id),
      (r, i) => ({ id: r.id, sourceId: r.sourceId, storyId: r.storyId, duplicateOf: r.duplicateOf, time: r.time, contentHash: r.contentHash, shared: found[i]!.shared }),
    );
  }
  async getArticleRefs(articleIds: readonly number[]): Promise<ArticleRef[]> {
    return this.articleRefs(articleIds);
  }
  async storyMembers(storyId: number, limit: number): Promise<ArticleRef[]> {
    if (!this.inTransaction) return engine.storyMembers(this.r(), storyId, limit);
    // The ids from the story's index alone, the references from the cache where it has them.
    return this.articleRefs(engine.storyMemberIds(this.writer, storyId, limit));
  }
  async duplicateGroup(rootId: number, limit: number): Promise<GroupMember[]> {
    return engine.duplicateGroup(this.r(), rootId, limit);
  }
  async getRelatedLists(articleIds: readonly number[], kind: RelatedEntry['kind']): Promise<Map<number, RelatedEntry[]>> {
    return engine.getRelatedLists(this.r(), articleIds, kind);
  }
  async termStatsVersion(): Promise<{ version: number; docCount: number }> {
    if (!this.inTransaction) return engine.termStatsVersion(this.r());
    // While the writer's transaction is open no other connection can fold: the head it read or wrote last
    // holds (the pipeline asks once per article).
    this.statsHead ??= engine.termStatsVersion(this.writer);
    return { version: this.statsHead.version, docCount: this.statsHead.docCount };
  }
  async loadTermStats(sinceVersion: number, days: { from: number; to: number }): Promise<TermStatsSnapshot> {
    return engine.loadTermStats(this.r(), sinceVersion, days);
  }
  foldTermStats(limit: number): Promise<TermFold> {
    return this.w((c) => {
      const fold = engine.foldTermStats(c, limit);
      this.statsHead = { version: fold.version, docCount: fold.docCount };
      return fold;
    });
  }
  async pendingTermCount(): Promise<number> {
    return engine.pendingTermCount(this.r());
  }

  // ---- search index ----

  async indexDocument(doc: IndexDocument): Promise<void> {
    await this.indexDocuments([doc]);
  }
  async indexDocuments(docs: readonly IndexDocument[]): Promise<void> {
    await this.w((c) => this.searchIndex.indexDocuments(new SqliteSearchTables(c), docs));
  }
  async indexSegment(segment: BuiltSegment, mergeFactor?: number): Promise<void> {
    await this.w((c) => this.searchIndex.indexSegment(new SqliteSearchTables(c), segment, mergeFactor));
  }
  async removeDocument(articleId: number): Promise<void> {
    await this.w((c) => this.searchIndex.removeDocument(new SqliteSearchTables(c), articleId));
  }
  async optimizeSearchIndex(): Promise<void> {
    // A whole-index merge needs memory that the in-memory indexes of the story engine hold; they are
    // rebuilt from the tables when a transaction needs them again.
    this.dropMirror();
    await this.w((c) => this.searchIndex.optimize(new SqliteSearchTables(c)));
  }
  async resetSearchIndex(): Promise<void> {
    await this.w((c) => this.searchIndex.reset(new SqliteSearchTables(c)));
  }
  async unindexedArticleIds(afterId: number, limit: number): Promise<number[]> {
    return new SqliteSearchTables(this.r()).unindexed(afterId, limit);
  }
  async searchStats(): Promise<IndexStats> {
    return new SqliteSearchTables(this.r()).stats();
  }
  async searchPostings(keys: readonly string[], more?: MoreKeys): Promise<Map<string, PostingsPart[]>> {
    return this.searchIndex.postings(new SqliteSearchTables(this.r()), keys, !this.inTransaction, more);
  }
  async searchDocInfo(ids: readonly number[]): Promise<Map<number, SearchDocInfo>> {
    return new SqliteSearchTables(this.r()).docInfo(ids);
  }
  async searchFilterIds(filter: SearchFilter): Promise<Set<number>> {
    return new SqliteSearchTables(this.r()).filterIds(filter);
  }
  async searchNewest(before: TimeCursor | null, limit: number): Promise<TimeCursor[]> {
    return new SqliteSearchTables(this.r()).newest(before, limit);
  }
  async searchReportOutlets(reportIds: readonly number[]): Promise<Map<number, number>> {
    return new SqliteSearchTables(this.r()).reportOutlets(reportIds);
  }
  async searchSourceIds(slugs: readonly string[]): Promise<Map<string, number>> {
    return new SqliteSearchTables(this.r()).sourceIds(slugs);
  }
}

/**
 * A database file that exists but that this process may not write. SQLite opens such a file read-only without
 * a word (it retries a refused read-write open read-only), so a writing command only failed at its first
 * write, with "attempt to write a readonly database". The same open SQLite tries (read-write, effective
 * user, nothing created or truncated) says it first: EACCES for another user's file, EROFS for a read-only
 * mount, EPERM for an immutable file. Root may write any file but these last two. The -wal and -shm files are
 * checked alike: a reader that may not write the database leaves an -shm as read-only as the file was, and a
 * writer then fails the same way even once the database itself is writable again.
 */
function assertFileWritable(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    let fd: number;
    try {
      fd = openSync(file, 'r+');
    } catch (error) {
      if (refusesWrites(error)) throw new FileNotWritable(file, error);
      continue; // no file yet (SQLite creates it), or another problem SQLite reports itself
    }
    closeSync(fd);
  }
}

/** The refusal of one of the database's files (its directory may be writable), with the system's code. */
class FileNotWritable extends Error {
  readonly code: unknown;
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(errorMessage(cause), { cause });
    this.code = (cause as { code?: unknown }).code;
  }
}

/** SQLite or the file system refusing to write: a read-only file, directory or file system, or no permission. */
function refusesWrites(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return false;
  return /^SQLITE_(READONLY|CANTOPEN|PERM|AUTH)/.test(code) || code === 'EROFS' || code === 'EACCES' || code === 'EPERM';
}

function openFailure(path: string, error: unknown): AppError {
  const reason = errorMessage(error);
  if (error instanceof FileNotWritable) {
    return new AppError(
      'STORAGE',
      `cannot open SQLite database ${path} for writing: ${reason}. Nothing was changed: ${error.file === path ? 'the file' : error.file} cannot be written by this user; commands that only read (${READING_COMMANDS}) can use it as it is`,
      { cause: error },
    );
  }
  if (!existsSync(path)) return new AppError('STORAGE', `cannot create SQLite database ${path}: ${reason}`, { cause: error });
  if (!refusesWrites(error)) return new AppError('STORAGE', `cannot open SQLite database ${path}: ${reason}`, { cause: error });
  return new AppError(
    'STORAGE',
    `cannot open SQLite database ${path} for writing: ${reason}. The file or its directory cannot be written by this user; commands that only read (${READING_COMMANDS}) can use it as it is`,
    { cause: error },
  );
}
