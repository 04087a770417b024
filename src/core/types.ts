/**
 * Domain types shared by every layer. Times are epoch milliseconds (UTC) inside the program and ISO 8601
 * strings at the edges (JSON output, API); `null` means unknown.
 */

export type SourceKind = 'feed' | 'sitemap' | 'homepage' | 'import';

/** A news outlet Sada reads from: a polled feed/sitemap, or the name articles were imported under. */
export interface Source {
  id: number;
  /** Short unique key used in filters (`source:okaz`) and imports (SaudiNewsNet's `source` field). */
  slug: string;
  /** What the user gave: homepage, feed or sitemap URL; for imported sources a synthetic `import:` URL. */
  url: string;
  /** The document that is polled (feed or sitemap); equals `url` unless discovered from a homepage. */
  feedUrl: string;
  kind: SourceKind;
  title: string;
  homepage: string | null;
  country: string | null;
  createdAt: number;
}

/** Fetch and schedule state of a polled source. */
export interface SourceFetchState {
  etag: string | null;
  lastModified: string | null;
  lastFetch: number | null;
  lastSuccess: number | null;
  lastError: string | null;
  consecutiveErrors: number;
  nextCheck: number | null;
  /** Seconds between checks, adapted to how often the source publishes. */
  intervalSeconds: number;
  paused: boolean;
}

export interface SourceWithStatus extends Source, SourceFetchState {
  articles: number;
}

/** A source as stored, also after it was removed: `removedAt` is when it stopped being followed (null while it is). */
export interface SourceRecord extends SourceWithStatus {
  removedAt: number | null;
}

/** An article as it enters the pipeline, from a feed, a page or an import file. */
export interface ArticleInput {
  url: string;
  /** Source slug (SaudiNewsNet `source`, ANT `source`, or the feed's source). */
  source: string;
  title: string;
  /** Article text exactly as received: paragraphs separated by newlines. Never altered for display. */
  text: string;
  published: number | null;
  author?: string | null;
  summary?: string | null;
  category?: string | null;
  tags?: string[];
  image?: string | null;
  lang?: string | null;
  /** Feed GUID, ANT `docno` or similar identifier of the item at its source. */
  externalId?: string | null;
}

/** A stored article. */
export interface Article {
  id: number;
  sourceId: number;
  source: string;
  url: string;
  canonicalUrl: string;
  externalId: string | null;
  title: string;
  text: string;
  summary: string | null;
  author: string | null;
  category: string | null;
  tags: string[];
  image: string | null;
  lang: string | null;
  published: number | null;
  /** When Sada stored it. */
  ingestedAt: number;
  /** Hash of the normalised text: equal hashes are exact copies. */
  contentHash: string;
  /** Id of the first stored article of the same report (its duplicate group), or null when this is the first. */
  duplicateOf: number | null;
  /** Who first reported it: an agency/outlet name from attribution, or the earliest copy's source. */
  origin: string | null;
  storyId: number | null;
}

export interface Story {
  id: number;
  title: string;
  /** Article the representative headline comes from. */
  titleArticleId: number | null;
  firstSeen: number;
  lastSeen: number;
  articles: number;
  sources: number;
  firstArticleId: number | null;
}

export type RelatedKind = 'same_story' | 'related';

export interface RelatedEntry {
  articleId: number;
  relatedId: number;
  kind: RelatedKind;
  rank: number;
  score: number;
}

/** Near-duplicate fingerprint of an article's text (src/dedup): MinHash over its word shingles. */
export interface Fingerprint {
  articleId: number;
  /** MinHash signature of the article's shingles. */
  minhash: Uint32Array;
  /** LSH band keys derived from the signature; articles sharing one are near-duplicate candidates. */
  bands: readonly number[];
  /** Number of distinct shingles (for containment estimates). */
  shingles: number;
}
