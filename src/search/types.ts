import type { Article } from '../core/types.js';
import type { Terms } from '../text/index.js';

/**
 * Types shared by the search module and the stores that keep its index. The search layer is pure: it reads
 * postings and article metadata through `SearchIndexReader`, which each Store adapter implements.
 */

/**
 * The analyzer search uses: text → parallel arrays of norms, stems, offsets into the ORIGINAL text and
 * flags (src/text's `analyzeTerms`). Swappable so that tests and peers can run the engine with another one.
 */
export type AnalyzeTerms = (text: string) => Terms;

/** A term of one document: its index key and its positions (counted over non-stopword tokens) per field. */
export interface IndexTerm {
  key: string;
  title: number[];
  body: number[];
}

/** What the pipeline hands to the Store for one article: the analysed title and body as index terms. */
export interface IndexDocument {
  articleId: number;
  /** Non-stopword tokens in the title and body (the BM25 field lengths). */
  titleLength: number;
  bodyLength: number;
  /** One entry per key, in any order; a term with no positions is ignored. */
  terms: IndexTerm[];
}

/** Corpus statistics for BM25, and the version of the keys the index holds. */
export interface IndexStats {
  docs: number;
  titleTokens: number;
  bodyTokens: number;
  /** SEARCH_KEY_VERSION of the code that built the index (see index-keys.ts). */
  keyVersion: number;
}

/** The postings of one key in one segment, still encoded (see postings.ts). */
export interface PostingsPart {
  segment: number;
  /** Number of documents in the list. */
  df: number;
  bytes: Uint8Array;
  /** Articles whose postings in this segment are stale (removed or re-indexed since). */
  stale?: ReadonlySet<number>;
}

/** Keys to read after a first set of postings is known (e.g. the skeletons of the query's rare words). */
export type MoreKeys = (found: ReadonlyMap<string, readonly PostingsPart[]>) => readonly string[] | Promise<readonly string[]>;

/** Per-article facts the ranking needs beyond the text index. */
export interface SearchDocInfo {
  id: number;
  sourceId: number;
  /** Publication time, else ingestion time (epoch ms). */
  sortTime: number;
  /** The first stored article of the same report (the article itself when it is the first). */
  reportId: number;
}

/** An article's place in newest-first order. */
export interface TimeCursor {
  id: number;
  /** Publication time, else ingestion time (epoch ms). */
  sortTime: number;
}

export interface SearchFilter {
  /** Source ids allowed (any of them); undefined = all sources. */
  sourceIds?: readonly number[];
  /** Inclusive bounds on publication time (epoch ms). */
  from?: number;
  to?: number;
}

/** What the search engine needs from storage. All methods must be safe to call concurrently with writes. */
export interface SearchIndexReader {
  searchStats(): Promise<IndexStats>;
  /**
   * For each requested key, its encoded postings in every segment that holds it (keys not found are absent).
   * `more`, when given, names further keys once the first ones are read; they are read from the same
   * segments and added to the result.
   */
  searchPostings(keys: readonly string[], more?: MoreKeys): Promise<Map<string, PostingsPart[]>>;
  /** Facts about articles (ids not stored are absent). */
  searchDocInfo(ids: readonly number[]): Promise<Map<number, SearchDocInfo>>;
  /** Ids of the articles that pass a filter. */
  searchFilterIds(filter: SearchFilter): Promise<Set<number>>;
  /**
   * Stored articles newest first (publication time, else ingestion time; then the highest id), at most
   * `limit`, those after `before` in that order (null: from the newest).
   */
  searchNewest(before: TimeCursor | null, limit: number): Promise<TimeCursor[]>;
  /** Number of distinct sources that carry each report (reportId → outlets). */
  searchReportOutlets(reportIds: readonly number[]): Promise<Map<number, number>>;
  /** Source ids by slug (unknown slugs are absent). */
  searchSourceIds(slugs: readonly string[]): Promise<Map<string, number>>;
  /** Articles by id, for display, snippets and the copy test. */
  getArticles(ids: readonly number[]): Promise<Article[]>;
}
