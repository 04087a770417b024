import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { errorMessage, isAppError } from '../core/errors.js';
import { fitsKey, storableInput } from '../core/storable-text.js';
import { canonicalUrl as canonicalizeUrl } from '../dedup/canonical-url.js';
import type { Article, ArticleInput, Source, SourceFetchState } from '../core/types.js';
import { feedItemToArticleInput, parseFeed, type FeedItem, type ParsedFeed } from '../feeds/index.js';
import { decodeHtmlBytes, isPageBody } from '../extract/index.js';
import { cacheLifetimeMs, type Fetcher, type FetchResponse } from '../fetch/index.js';
import { indexDocumentFor } from '../search/index-document.js';
import type { Store } from '../store/store.js';
import type { ProcessArticle } from './import-files.js';
import { DEFAULT_SCHEDULE, scheduleAfterFailure, scheduleAfterSuccess, type ScheduleOptions } from './schedule.js';

/** Fields an extractor found on an article page; absent fields keep the feed's values. */
export type PageFields = Partial<Pick<ArticleInput, 'title' | 'text' | 'author' | 'image' | 'published' | 'lang' | 'tags'>>;

export interface RefreshDeps {
  store: Store;
  fetcher: Fetcher;
  /** The per-article pipeline (`createArticlePipeline`). */
  process: ProcessArticle;
  now: () => number;
  schedule?: ScheduleOptions;
  /**
   * Reads an article page fetched for an item whose feed holds only a summary. Until an extractor is wired
   * in, summaries are stored as they are and no page is fetched.
   */
  extractPage?: (html: string, url: string) => PageFields | null;
  /** Items handled per source and round, newest first (default 200). */
  maxItemsPerRound?: number;
  /** Sitemap entries older than this are ignored: sitemaps also list old pages (default 3 days). */
  sitemapMaxAgeMs?: number;
  /** Child sitemaps of an index read per round, most recently modified first (default 3). */
  maxChildSitemaps?: number;
  /** Called for each item that could not be stored, with the reason (logging). */
  onItemError?: (source: Source, url: string | null, reason: string) => void;
}

export type PolledSource = Source & SourceFetchState;

export interface RefreshResult {
  sourceId: number;
  /** `stopped`: the refresh was cancelled (shutdown) before it ended; nothing was recorded on the source. */
  status: 'fetched' | 'not-modified' | 'error' | 'stopped';
  /** Articles stored this round (including copies of earlier reports). */
  newArticles: number;
  /** Items already stored. */
  known: number;
  /** Items that failed (page fetch, storage) — the source itself succeeded. */
  itemErrors: number;
  error: string | null;
}

/**
 * Refreshes one source: conditional fetch → parse → each new item through the article pipeline (one
 * transaction per item, so one bad item loses nothing else) → fetch state and next check recorded. Never
 * throws for a failure of the source: the failure is recorded on it and returned.
 *
 * An abort of `signal` (shutdown) cancels the feed or page fetch in progress and handles no further item.
 * That is no failure of the source: nothing is recorded on it (no error, no back-off, no new validators), so
 * its next refresh fetches the feed again, skips the items already stored and reads the rest. Nor is a
 * database that stops answering (UNAVAILABLE): the refresh ends at the first item it fails, returned as an
 * error and recorded nowhere.
 */
export async function refreshSource(deps: RefreshDeps, source: PolledSource, signal?: AbortSignal): Promise<RefreshResult> {
  const schedule = deps.schedule ?? DEFAULT_SCHEDULE;
  const result: RefreshResult = { sourceId: source.id, status: 'fetched', newArticles: 0, known: 0, itemErrors: 0, error: null };
  try {
    const fetched = await deps.fetcher.fetch(source.feedUrl, { kind: 'feed', etag: source.etag, lastModified: source.lastModified, signal });
    await followMove(deps.store, source, fetched.movedTo);
    const now = deps.now();
    const lifetime = cacheLifetimeMs(fetched.headers, now);
    if (fetched.notModified) {
      result.status = 'not-modified';
      const patch = scheduleAfterSuccess(source, { now, itemDates: [], newArticles: 0, cacheLifetimeMs: lifetime, ttlMinutes: null }, schedule);
      await deps.store.updateFetchState(source.id, { ...patch, etag: fetched.etag ?? source.etag, lastModified: fetched.lastModified ?? source.lastModified });
      return result;
    }
    const feed = await readDocument(deps, fetched, signal);
    const items = selectItems(deps, feed, now);
    for (const item of items) {
      signal?.throwIfAborted();
      await handleItem(deps, source, item, result, signal);
      // Storing an item does no I/O that would let the event loop turn (SQLite answers synchronously), so a
      // feed's items ran back to back and `sada serve` answered no request until the whole feed was stored.
      await yieldToEventLoop();
    }
    const patch = scheduleAfterSuccess(
      source,
      { now: deps.now(), itemDates: feed.items.map((i) => i.published ?? i.updated).filter((d): d is number => d !== null), newArticles: result.newArticles, cacheLifetimeMs: lifetime, ttlMinutes: feed.ttlMinutes },
      schedule,
    );
    await deps.store.updateFetchState(source.id, { ...patch, etag: fetched.etag, lastModified: fetched.lastModified });
  } catch (error) {
    if (signal?.aborted) {
      result.status = 'stopped';
      return result;
    }
    result.status = 'error';
    result.error = `${isAppError(error) ? `${error.code}: ` : ''}${errorMessage(error)}`;
    // The source did not fail: nothing is recorded (no back-off, no validators that would answer the next
    // fetch 304 and skip the items not stored), and the next round reads it again.
    if (databaseUnavailable(error)) return result;
    const retryAfter = isAppError(error) ? error.details?.['retryAfterMs'] : null;
    const patch = scheduleAfterFailure(source, { now: deps.now(), message: result.error, retryAfterMs: typeof retryAfter === 'number' ? retryAfter : null }, schedule);
    await deps.store.updateFetchState(source.id, patch);
  }
  return result;
}

/** Parses the fetched document; a sitemap index is followed into its most recent child sitemaps. */
async function readDocument(deps: RefreshDeps, fetched: FetchResponse, signal: AbortSignal | undefined): Promise<ParsedFeed> {
  const feed = parseFeed(fetched.body, { url: fetched.finalUrl, contentType: fetched.contentType });
  if (feed.format !== 'sitemap-index') return feed;
  const children = [...feed.sitemaps].sort((a, b) => (b.lastmod ?? 0) - (a.lastmod ?? 0)).slice(0, deps.maxChildSitemaps ?? 3);
  for (const child of children) {
    try {
      const response = await deps.fetcher.fetch(child.url, { kind: 'feed', signal });
      if (response.notModified) continue;
      const parsed = parseFeed(response.body, { url: response.finalUrl, contentType: response.contentType });
      feed.items.push(...parsed.items);
    } catch (error) {
      if (signal?.aborted) throw error;
      feed.warnings.push(`${child.url}: ${errorMessage(error)}`);
    }
  }
  return feed;
}

/** Newest first, old sitemap entries dropped, at most `maxItemsPerRound`. */
function selectItems(deps: RefreshDeps, feed: ParsedFeed, now: number): FeedItem[] {
  const date = (item: FeedItem): number | null => item.published ?? item.updated;
  const maxAge = deps.sitemapMaxAgeMs ?? 3 * 24 * 60 * 60 * 1000;
  const isSitemap = feed.format === 'sitemap' || feed.format === 'sitemap-index';
  const fresh = isSitemap ? feed.items.filter((item) => (date(item) ?? now) >= now - maxAge) : feed.items;
  return [...fresh].sort((a, b) => (date(b) ?? 0) - (date(a) ?? 0)).slice(0, deps.maxItemsPerRound ?? 200);
}

async function handleItem(deps: RefreshDeps, source: PolledSource, item: FeedItem, result: RefreshResult, signal: AbortSignal | undefined): Promise<void> {
  const received = feedItemToArticleInput(item, source.slug);
  if (!received) return;
  // As it will be stored (a NUL a space, a lone surrogate U+FFFD) before it is looked up, compared or used to
  // correct a stored article: PostgreSQL refused the lookup of an id holding a NUL, and a correction bypasses
  // the article pipeline that cleans new articles.
  const input = storableInput(received);
  try {
    const known = await findKnown(deps.store, source, input);
    if (known) {
      result.known++;
      await refreshMetadata(deps.store, known, input);
      if (carriesChangedText(item, input, known)) await deps.store.transaction((tx) => deps.process(tx, input));
      return;
    }
    const article = item.isPartial && deps.extractPage ? await withPage(deps, source, input, signal) : input;
    if (!article.title && !article.text) throw new Error('no title and no text');
    const outcome = await deps.store.transaction((tx) => deps.process(tx, article));
    if (outcome === 'exists') result.known++;
    else result.newArticles++;
  } catch (error) {
    // A cancelled page fetch is no failure of the item; it is read on the next refresh. Nor is a database
    // that does not answer: the items after it would fail alike, each logged, and the feed be recorded as read.
    if (signal?.aborted || databaseUnavailable(error)) throw error;
    result.itemErrors++;
    deps.onItemError?.(source, input.url, errorMessage(error));
  }
}

/**
 * A feed that moved for good (301, 308) is polled at its new address from now on, as HTTP asks of clients that
 * can: otherwise every poll costs a redirect more, and the feed is lost when the old address stops
 * redirecting. Not when another source already polls that address (the two stay apart; the user decides).
 */
async function followMove(store: Store, source: Source, movedTo: string | null): Promise<void> {
  if (movedTo === null || movedTo === source.feedUrl || !fitsKey(movedTo)) return;
  await store.moveSourceFeed(source.id, movedTo);
}

/** The stored article for this item (by feed id, then URL): known items are skipped before any page fetch. */
async function findKnown(store: Store, source: Source, input: ArticleInput): Promise<Article | null> {
  const byId = input.externalId ? await store.getArticleByExternalId(source.id, input.externalId) : null;
  if (byId) return byId;
  const url = new URL(input.url);
  url.hash = '';
  return store.getArticleByCanonicalUrl(url.href);
}

/**
 * A feed that carries the full text of a stored item, changed (corrected or extended) at the same address:
 * the article pipeline replaces the text and what derives from it. Summaries never replace a text.
 */
function carriesChangedText(item: FeedItem, input: ArticleInput, known: Article): boolean {
  if (item.isPartial || known.source !== input.source || !input.text.trim() || input.text === known.text) return false;
  return canonicalizeUrl(input.url) === known.canonicalUrl;
}

/**
 * A feed that corrects a headline, summary, image or tags of a stored item updates them (a headline also in
 * the search index and as the title of the story it heads). The text is left alone: a changed text needs the
 * whole article pipeline (fingerprints, story) again.
 */
async function refreshMetadata(store: Store, article: Article, input: ArticleInput): Promise<void> {
  if (article.source !== input.source) return; // another outlet's copy of the URL is not ours to correct
  const patch: Parameters<Store['updateArticle']>[1] = {};
  if (input.title && input.title !== article.title) patch.title = input.title;
  if (input.summary && input.summary !== article.summary) patch.summary = input.summary;
  if (input.image && input.image !== article.image) patch.image = input.image;
  if (input.tags?.length && input.tags.join('\u0000') !== article.tags.join('\u0000')) patch.tags = input.tags;
  if (Object.keys(patch).length === 0) return;
  await store.transaction(async (tx) => {
    await tx.updateArticle(article.id, patch);
    // A story's title is a copy of its headline article's title, taken when that article was chosen: the
    // correction heads the story too (home page, story page, top-stories feed, API), not the article alone.
    const title = patch.title;
    if (title === undefined) return;
    // and search finds it by the corrected words (the document is replaced; the text is unchanged)
    await tx.indexDocument(indexDocumentFor(article.id, title, article.text));
    if (article.storyId === null) return;
    const story = await tx.getStory(article.storyId);
    if (story?.titleArticleId === article.id && story.title !== title) await tx.updateStory(story.id, { title });
  });
}

/**
 * Replaces the feed's summary with the page's text when the page can be fetched and read; otherwise the
 * summary is kept (and the reason reported), so a blocked or broken page never loses the item. A cancelled
 * fetch (shutdown) is not such a page: the item is left for the next refresh rather than stored as a summary.
 */
async function withPage(deps: RefreshDeps, source: Source, input: ArticleInput, signal: AbortSignal | undefined): Promise<ArticleInput> {
  let fields: PageFields | null;
  try {
    const page = await deps.fetcher.fetch(input.url, { kind: 'page', signal });
    if (!page.notModified && !isPageBody(page.contentType, page.body)) throw new Error(`${page.finalUrl}: not an HTML page (${page.contentType ?? 'no content type'})`);
    // Decoded as `sada extract` decodes pages (valid UTF-8 beats a server-wide charset default, broken
    // "UTF-8" that is really windows-1256 is recognised), not with the feed decoder's HTTP-first rule.
    fields = page.notModified ? null : deps.extractPage!(decodeHtmlBytes(page.body, page.contentType).html, page.finalUrl);
  } catch (error) {
    if (signal?.aborted) throw error;
    deps.onItemError?.(source, input.url, `page not read, feed summary kept: ${errorMessage(error)}`);
    return input;
  }
  if (!fields?.text) return input;
  const merged: ArticleInput = { ...input, summary: input.summary ?? (input.text || null) };
  for (const [key, value] of Object.entries(fields) as [keyof PageFields, unknown][]) {
    if (value === undefined || value === null || value === '') continue;
    // The feed's headline and date are the publisher's own; the page's only fill what the feed lacks.
    if ((key === 'title' || key === 'published') && input[key]) continue;
    (merged as unknown as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/** The store could not reach its database (PostgreSQL down or restarting): UNAVAILABLE, as the store reports it. */
function databaseUnavailable(error: unknown): boolean {
  return isAppError(error) && error.code === 'UNAVAILABLE';
}
