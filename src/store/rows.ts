import type { Article, Source, SourceFetchState, SourceKind, SourceRecord, SourceWithStatus, Story } from '../core/types.js';

/** Row shapes as the SQL adapters return them, and their mapping to domain objects (shared by SQLite and PostgreSQL). */

export interface SourceRow {
  id: number;
  slug: string;
  url: string;
  feed_url: string;
  kind: string;
  title: string;
  homepage: string | null;
  country: string | null;
  created_at: number;
  etag: string | null;
  last_modified: string | null;
  last_fetch: number | null;
  last_success: number | null;
  last_error: string | null;
  consecutive_errors: number;
  next_check: number | null;
  interval_seconds: number;
  paused: number | boolean;
  removed_at?: number | null;
  articles?: number;
}

export function toSource(r: SourceRow): Source {
  return {
    id: r.id,
    slug: r.slug,
    url: r.url,
    feedUrl: r.feed_url,
    kind: r.kind as SourceKind,
    title: r.title,
    homepage: r.homepage,
    country: r.country,
    createdAt: r.created_at,
  };
}

export function toFetchState(r: SourceRow): SourceFetchState {
  return {
    etag: r.etag,
    lastModified: r.last_modified,
    lastFetch: r.last_fetch,
    lastSuccess: r.last_success,
    lastError: r.last_error,
    consecutiveErrors: r.consecutive_errors,
    nextCheck: r.next_check,
    intervalSeconds: r.interval_seconds,
    paused: Boolean(r.paused),
  };
}

export function toSourceWithStatus(r: SourceRow): SourceWithStatus {
  return { ...toSource(r), ...toFetchState(r), articles: r.articles ?? 0 };
}

export function toSourceRecord(r: SourceRow): SourceRecord {
  return { ...toSourceWithStatus(r), removedAt: r.removed_at ?? null };
}

export const FETCH_STATE_COLUMNS: Record<keyof SourceFetchState, string> = {
  etag: 'etag',
  lastModified: 'last_modified',
  lastFetch: 'last_fetch',
  lastSuccess: 'last_success',
  lastError: 'last_error',
  consecutiveErrors: 'consecutive_errors',
  nextCheck: 'next_check',
  intervalSeconds: 'interval_seconds',
  paused: 'paused',
};

export interface ArticleRow {
  id: number;
  source_id: number;
  source: string;
  url: string;
  canonical_url: string;
  external_id: string | null;
  title: string;
  text: string;
  summary: string | null;
  author: string | null;
  category: string | null;
  tags: string | unknown[];
  image: string | null;
  lang: string | null;
  published: number | null;
  ingested_at: number;
  content_hash: string;
  duplicate_of: number | null;
  origin: string | null;
  story_id: number | null;
}

export const ARTICLE_SELECT = `SELECT a.id, a.source_id, s.slug AS source, a.url, a.canonical_url, a.external_id, a.title, a.text,
  a.summary, a.author, a.category, a.tags, a.image, a.lang, a.published, a.ingested_at, a.content_hash, a.duplicate_of,
  a.origin, a.story_id FROM articles a JOIN sources s ON s.id = a.source_id`;

/** The same columns with an empty text, for lists that show titles (ArticleListQuery.withText false). */
export const ARTICLE_SELECT_WITHOUT_TEXT = ARTICLE_SELECT.replace(' a.text,', " '' AS text,");

export function toArticle(r: ArticleRow): Article {
  return {
    id: r.id,
    sourceId: r.source_id,
    source: r.source,
    url: r.url,
    canonicalUrl: r.canonical_url,
    externalId: r.external_id,
    title: r.title,
    text: r.text,
    summary: r.summary,
    author: r.author,
    category: r.category,
    tags: parseTags(r.tags),
    image: r.image,
    lang: r.lang,
    published: r.published,
    ingestedAt: r.ingested_at,
    contentHash: r.content_hash,
    duplicateOf: r.duplicate_of,
    origin: r.origin,
    storyId: r.story_id,
  };
}

function parseTags(value: string | unknown[]): string[] {
  try {
    const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
    return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

/** Columns an article patch may touch, mapped to SQL (tags are stored as JSON). */
export const ARTICLE_PATCH_COLUMNS = {
  title: 'title',
  text: 'text',
  summary: 'summary',
  author: 'author',
  category: 'category',
  tags: 'tags',
  image: 'image',
  published: 'published',
  contentHash: 'content_hash',
  duplicateOf: 'duplicate_of',
  origin: 'origin',
  storyId: 'story_id',
} as const;

export interface StoryRow {
  id: number;
  title: string;
  title_article_id: number | null;
  first_seen: number;
  last_seen: number;
  articles: number;
  sources: number;
  first_article_id: number | null;
}

export const STORY_COLUMNS = 'id, title, title_article_id, first_seen, last_seen, articles, sources, first_article_id';

export function toStory(r: StoryRow): Story {
  return {
    id: r.id,
    title: r.title,
    titleArticleId: r.title_article_id,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    articles: r.articles,
    sources: r.sources,
    firstArticleId: r.first_article_id,
  };
}

export const STORY_PATCH_COLUMNS: Record<keyof Omit<Story, 'id'>, string> = {
  title: 'title',
  titleArticleId: 'title_article_id',
  firstSeen: 'first_seen',
  lastSeen: 'last_seen',
  articles: 'articles',
  sources: 'sources',
  firstArticleId: 'first_article_id',
};
