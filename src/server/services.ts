import type { Article, Source } from '../core/types.js';

/**
 * What the server needs from the rest of the program, injected by `createServer` (Orama-style swappable
 * components). The composition root (`cli/commands/serve.ts`) wires the real implementations; tests pass their own.
 */

export interface SearchFilters {
  /** Source slugs; an article matches when its source is one of them. */
  sources?: string[];
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, inclusive. */
  to?: number;
  limit: number;
  /** Number of hits to skip (the API turns it into an opaque cursor). */
  offset?: number;
  /** `newest`: the articles holding every query word, newest first (default `relevance`). */
  sort?: 'relevance' | 'newest';
  /** Also offer the query with a likely typo corrected (`SearchResult.suggestion`). */
  suggest?: boolean;
}

/** A highlighted part of a snippet: `[start, end)` offsets into `text`. */
export interface SnippetSpan {
  start: number;
  end: number;
}

export interface SearchHit {
  article: Article;
  score: number;
  /** An excerpt of the original (never normalised) text around the matches. */
  snippet: string;
  highlights: SnippetSpan[];
  /** Highlighted parts of the title: `[start, end)` offsets into the article's title. */
  titleHighlights: SnippetSpan[];
  /** Other outlets that carry the same report, collapsed into this hit. */
  alsoIn: number;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  /** "Did you mean": the query with a likely typo corrected, when asked for and found. */
  suggestion?: string;
  /** Why the query was read otherwise than typed (an unknown source, only common words …), for the reader. */
  warnings?: string[];
}

/** Full-text search over stored articles (the `src/search` module, wired over the store). */
export interface SearchService {
  search(query: string, filters: SearchFilters): Promise<SearchResult>;
}

/**
 * Adds a source from what a user typed: a feed, sitemap or homepage URL (feed discovery lives in the
 * pipeline). Throws AppError (BAD_INPUT, CONFLICT, FETCH_FAILED …) on failure.
 */
export type AddSource = (url: string) => Promise<Source>;

/** Hooks into the fetch scheduler when `sada serve` runs one (absent with `--no-fetch`). */
export interface SchedulerHooks {
  /** Starts polling; resolved once the first round is scheduled. */
  start(): Promise<void> | void;
  /** Stops polling and waits for fetches in flight. */
  stop(): Promise<void>;
  /** Asks for an early round (e.g. after a source is added). */
  wake?(): void;
}

/** Injected wall clock: relative times and rate limits depend on it, so tests pin it. */
export type Clock = () => number;
