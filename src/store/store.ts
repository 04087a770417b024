import type {
  Article,
  Fingerprint,
  RelatedEntry,
  Source,
  SourceFetchState,
  SourceKind,
  SourceRecord,
  SourceWithStatus,
  Story,
} from '../core/types.js';
import type { IndexDocument, SearchIndexReader } from '../search/types.js';
import type { BuiltSegment } from './search-index-core.js';

/**
 * The storage interface every adapter (SQLite, PostgreSQL) implements. All methods are async so that
 * network databases fit; the SQLite adapter resolves immediately. Adapters pass the contract suite in
 * `contract.ts`.
 */
export interface Store extends SourceStore, ArticleStore, FingerprintStore, StoryStore, RelatedStore, SearchIndexStore, StoryEngineStore {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Null when the store can be written. Otherwise it was opened for reading only (`access: 'read'` on a
   * database this user or role cannot write): `snapshot` when changes made to the database later are not
   * seen, with why; every write fails.
   */
  readonly readOnly: { access: 'read-only' | 'snapshot'; reason: string } | null;
  /**
   * Runs `fn` in one transaction: everything it writes through `tx` commits together or not at all.
   * Transactions are serialised; a nested call joins the outer transaction.
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  /**
   * Inside a transaction: blocks until no other transaction holds any of these keys, then holds them until
   * this transaction ends. Story placement locks an article's candidate keys, LSH bands and content hash so
   * that two writers placing copies of one report serialise, while unrelated articles proceed in parallel.
   * Keys are unsigned 32-bit numbers with a small namespace number. A no-op where writers are already
   * serialised (SQLite).
   */
  lockKeys(keys: readonly { space: number; key: number }[]): Promise<void>;
  /** Resolves when the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface NewSource {
  slug: string;
  url: string;
  feedUrl: string;
  kind: SourceKind;
  title: string;
  homepage?: string | null;
  country?: string | null;
}

export interface SourceStore {
  /** Adds a source; CONFLICT when its feed URL or slug is already present. */
  addSource(source: NewSource, now: number): Promise<Source>;
  getSource(id: number): Promise<Source | null>;
  getSourceBySlug(slug: string): Promise<Source | null>;
  getSourceByFeedUrl(feedUrl: string): Promise<Source | null>;
  /** The source articles are imported under: created on first use (kind `import`). */
  ensureImportSource(slug: string, now: number): Promise<Source>;
  listSources(): Promise<SourceWithStatus[]>;
  /**
   * One source with its status by id or slug, also after it was removed (`removedAt` set): a removed outlet's
   * stored articles stay readable under its page, feed and API listing. Null only for a source never stored.
   */
  findSource(key: { id: number } | { slug: string }): Promise<SourceRecord | null>;
  /** Removes a source and its fetch state; its articles stay (they belong to stories). */
  removeSource(id: number): Promise<boolean>;
  /**
   * Points a source at the address its feed moved to for good (HTTP 301/308). False, changing nothing, when
   * another source (a removed one too: it keeps its address to be revived by) holds that address.
   */
  moveSourceFeed(id: number, feedUrl: string): Promise<boolean>;
  getFetchState(id: number): Promise<SourceFetchState | null>;
  updateFetchState(id: number, patch: Partial<SourceFetchState>): Promise<void>;
  /** Polled (non-import, not paused) sources whose next check is due at `now`, oldest first. */
  dueSources(now: number, limit: number): Promise<(Source & SourceFetchState)[]>;
  /**
   * Atomically leases up to `limit` due sources to `worker` until `now + leaseMs`. Sources leased by another
   * worker are skipped until their lease expires (a killed worker's sources come back that way); `worker`'s own
   * are claimable at once, as it claims only when none of its refreshes runs: a round that failed before
   * releasing them (the database went away) left them leased to it.
   * With `force`, every polled source is claimable regardless of `next_check` (`sada fetch --once`).
   */
  claimDueSources(now: number, limit: number, worker: string, leaseMs: number, options?: { force?: boolean; sourceId?: number }): Promise<(Source & SourceFetchState)[]>;
  /** Ends `worker`'s lease on a source (after its fetch state has been recorded). */
  releaseSource(id: number, worker: string): Promise<void>;
  /** Extends `worker`'s leases on these sources to `until` (a heartbeat while their refresh runs long). */
  renewLeases(ids: readonly number[], worker: string, until: number): Promise<void>;
  /**
   * Reserves the next request start to `host`, at least `spacingMs` after the previous reservation by any
   * process sharing this database. Returns how many ms the caller must wait before starting (0 if none).
   */
  reserveHostSlot(host: string, now: number, spacingMs: number): Promise<number>;
}

/** What the pipeline writes for a new article (ids and derived links are filled in later). */
export type NewArticle = Omit<Article, 'id' | 'storyId' | 'duplicateOf' | 'origin' | 'source'> & {
  duplicateOf?: number | null;
  origin?: string | null;
  storyId?: number | null;
};

export interface ArticleListQuery {
  sourceId?: number;
  limit: number;
  /** Keyset pagination: only articles strictly older than this (published ?? ingested, id). */
  before?: { time: number; id: number };
  /** Leave copies out: each report once, as its duplicate group's root. */
  reportsOnly?: boolean;
  /**
   * False: `text` is left empty, not read — for lists that show titles (reading an Arabic text of a few
   * thousand characters costs more than the rest of its row). Default true.
   */
  withText?: boolean;
}

export interface ArticleStore {
  /**
   * Inserts an article unless its canonical URL is already stored. Returns the id and whether it was new.
   */
  insertArticle(article: NewArticle): Promise<{ id: number; inserted: boolean }>;
  updateArticle(id: number, patch: Partial<Pick<Article, 'title' | 'text' | 'summary' | 'author' | 'category' | 'tags' | 'image' | 'published' | 'contentHash' | 'duplicateOf' | 'origin' | 'storyId'>>): Promise<void>;
  getArticle(id: number): Promise<Article | null>;
  getArticles(ids: readonly number[]): Promise<Article[]>;
  getArticleByCanonicalUrl(canonicalUrl: string): Promise<Article | null>;
  /** Which of these canonical URLs are stored (one query for a batch). */
  storedCanonicalUrls(canonicalUrls: readonly string[]): Promise<Set<string>>;
  getArticleByExternalId(sourceId: number, externalId: string): Promise<Article | null>;
  listArticles(query: ArticleListQuery): Promise<Article[]>;
  countArticles(): Promise<number>;
  /** Ids of stored articles whose normalised-text hash equals `contentHash`, oldest first. */
  findByContentHash(contentHash: string): Promise<number[]>;
}

export type { Fingerprint } from '../core/types.js';

export interface FingerprintStore {
  putFingerprint(fingerprint: Fingerprint): Promise<void>;
  getFingerprints(articleIds: readonly number[]): Promise<Map<number, Fingerprint>>;
  /** Articles sharing at least one band key, excluding `excludeId`, limited to the most recent `limit`. */
  findBandCandidates(bands: readonly number[], excludeId: number | null, limit: number): Promise<number[]>;
}

export interface StoryListQuery {
  since?: number;
  limit: number;
  /** Keyset pagination over (lastSeen, id) descending. */
  before?: { time: number; id: number };
}

export interface StoryStore {
  createStory(story: Omit<Story, 'id'>): Promise<Story>;
  updateStory(id: number, patch: Partial<Omit<Story, 'id'>>): Promise<void>;
  getStory(id: number): Promise<Story | null>;
  listStories(query: StoryListQuery): Promise<Story[]>;
  /** Stories whose last article is at or after `since`: the candidate window of online clustering. */
  recentStories(since: number, limit: number): Promise<Story[]>;
  storyArticleIds(storyId: number): Promise<number[]>;
  /** Opaque per-story state of the clustering algorithm (e.g. a centroid), kept beside the story. */
  getStoryState(storyIds: readonly number[]): Promise<Map<number, Uint8Array>>;
  putStoryState(storyId: number, state: Uint8Array): Promise<void>;
}

export interface RelatedStore {
  /** Replaces the stored related list of one kind for an article. */
  replaceRelated(articleId: number, kind: RelatedEntry['kind'], entries: readonly Omit<RelatedEntry, 'articleId' | 'kind'>[]): Promise<void>;
  getRelated(articleId: number): Promise<RelatedEntry[]>;
}

export type { IndexDocument } from '../search/types.js';

/** A light reference to a stored article: what story assignment and related reading need. */
export interface ArticleRef {
  id: number;
  sourceId: number;
  storyId: number | null;
  /** Root of its duplicate group, or null when it is a root. */
  duplicateOf: number | null;
  /** Published time, else ingestion time (the order of every list). */
  time: number;
  contentHash: string;
}

/** What the story engine stores beside a new or changed article (see src/stories). */
export interface ArticleProfileEntry {
  articleId: number;
  /** Opaque term profile (src/stories/profile-codec.ts). */
  profile: Uint8Array;
  /** Candidate keys the article is filed under (32-bit term hashes), replacing any earlier ones. */
  keys: readonly number[];
  /** The article's time: for the candidate window, and the day its terms are counted under. */
  time: number;
  /** Distinct term hashes to count into the corpus statistics at the next fold (omit on a text update). */
  terms?: Uint32Array;
  /** The agency or outlet the article's own text names as its source, if any (provenance). */
  attribution?: string | null;
}

/** A member of a duplicate group as provenance needs it. */
export interface GroupMember extends ArticleRef {
  /** Source slug. */
  source: string;
  origin: string | null;
  /** What the article's own text names as its source (ArticleProfileEntry.attribution). */
  attribution: string | null;
}

export interface CandidateQuery {
  keys: readonly number[];
  /** Only articles filed under at least this many of the keys. */
  minShared: number;
  /** Time window, inclusive. */
  from: number;
  to: number;
  limit: number;
  excludeId?: number | null;
}

/** A candidate article with the number of keys it shares with the query. */
export interface StoryCandidate extends ArticleRef {
  shared: number;
}

/** One UTC day's articles in the document frequencies (day = epoch ms / 86,400,000, rounded down: `utcDay`). */
export interface DayTermCounts {
  day: number;
  /** Articles of the day counted. */
  docs: number;
  /** Articles of the day holding each term. */
  counts: Array<[term: number, df: number]>;
}

/** Document frequencies of a range of days: each day whose counts changed after the version asked for, with its changed terms. */
export interface TermStatsSnapshot {
  version: number;
  /** Articles counted in the whole corpus. */
  docCount: number;
  days: DayTermCounts[];
}

/** What a fold did: the version it made from `previousVersion`, and what it added to each day's counts. */
export interface TermFold {
  previousVersion: number;
  version: number;
  docCount: number;
  folded: number;
  /** Articles added per day, and to each term's count of that day (empty when nothing was folded). */
  added: ReadonlyMap<number, { docs: number; counts: ReadonlyMap<number, number> }>;
}

/**
 * Storage of the story engine: term profiles, the candidate-key index, light article references and the
 * corpus term statistics, counted per day of publication. Term statistics change only by folds: each article queues its terms in its own
 * transaction, and a fold (under a lock in multi-process adapters) counts queued articles exactly once
 * and bumps the version, so every process weighs with the same numbers at a given version.
 */
export interface StoryEngineStore {
  putArticleProfile(entry: ArticleProfileEntry): Promise<void>;
  getArticleProfiles(articleIds: readonly number[]): Promise<Map<number, Uint8Array>>;
  /** Articles sharing at least `minShared` keys inside the window: most keys first, then newest; at most `limit`. */
  findStoryCandidates(query: CandidateQuery): Promise<StoryCandidate[]>;
  /** References of the given articles (missing ids skipped), in the order of `ids`. */
  getArticleRefs(articleIds: readonly number[]): Promise<ArticleRef[]>;
  /** A story's articles, oldest first; when it has more than `limit`, the most recent `limit`. */
  storyMembers(storyId: number, limit: number): Promise<ArticleRef[]>;
  /** The root article and the articles whose `duplicateOf` is the root, oldest first: the first `limit`. */
  duplicateGroup(rootId: number, limit: number): Promise<GroupMember[]>;
  /** Stored lists of one kind for several articles, each ordered by rank. */
  getRelatedLists(articleIds: readonly number[], kind: RelatedEntry['kind']): Promise<Map<number, RelatedEntry[]>>;
  termStatsVersion(): Promise<{ version: number; docCount: number }>;
  /**
   * The days `from`..`to` (UTC day numbers, inclusive) whose counts changed after `sinceVersion` (0: every
   * stored day of the range), with the current version and document count, in one consistent read.
   */
  loadTermStats(sinceVersion: number, days: { from: number; to: number }): Promise<TermStatsSnapshot>;
  /**
   * Counts up to `limit` queued articles into the document frequencies of their days (oldest first), removes them from the
   * queue and bumps the version when anything was counted. Returns the new version and document count, and
   * the counts added: a process that held `previousVersion` brings itself to `version` without reading back.
   */
  foldTermStats(limit: number): Promise<TermFold>;
  /** Articles queued for the next fold (stored, not yet counted into the document frequencies). */
  pendingTermCount(): Promise<number>;
}

/**
 * The search index: the write side is called by the pipeline for every stored article; the read side
 * (SearchIndexReader, defined by src/search) serves the search engine.
 */
export interface SearchIndexStore extends SearchIndexReader {
  /** Indexes an article, replacing its previous version if it was indexed before. */
  indexDocument(doc: IndexDocument): Promise<void>;
  /**
   * Indexes several articles at once (one new segment). Cheaper than one call per article: a batch of 200
   * makes the index write about half as much over its merges.
   */
  indexDocuments(docs: readonly IndexDocument[]): Promise<void>;
  /**
   * Indexes documents the caller encoded as one segment (`encodeSegment`), as `indexDocuments` would.
   * A bulk load that ends with `optimizeSearchIndex` passes a larger `mergeFactor` (BULK_MERGE_FACTOR).
   */
  indexSegment(segment: BuiltSegment, mergeFactor?: number): Promise<void>;
  /** Takes an article out of the index (no-op when it is not indexed). */
  removeDocument(articleId: number): Promise<void>;
  /** Merges the whole index into one segment; worth it after a bulk import, never needed for correctness. */
  optimizeSearchIndex(): Promise<void>;
  /** Stored articles that are not in the index, by increasing id after `afterId` (for re-indexing). */
  unindexedArticleIds(afterId: number, limit: number): Promise<number[]>;
  /** Empties the index so that it can be rebuilt with the current keys (every article becomes unindexed). */
  resetSearchIndex(): Promise<void>;
}
