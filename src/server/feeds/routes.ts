import type { Context, Hono, MiddlewareHandler } from 'hono';
import { AppError } from '../../core/errors.js';
import { parseWholeNumber } from '../../core/whole-number.js';
import type { Article } from '../../core/types.js';
import type { Store } from '../../store/store.js';
import { SearchQuery } from '../api/schemas.js';
import type { ArticleView, Reader } from '../read/reader.js';
import { sortTime } from '../read/reader.js';
import { outletName } from '../read/source-names.js';
import { lead } from '../read/text.js';
import { sourceSlugs, type SearchRequest, type SearchRunner } from '../search-runner.js';
import { sendCached } from '../http-cache.js';
import { renderAtom } from './atom.js';
import type { FeedDoc, FeedEntry } from './feed-doc.js';
import { feedAddress, type FeedFormat } from './feed-format.js';
import { renderRss } from './rss.js';

export interface FeedDeps {
  store: Store;
  reader: Reader;
  search: SearchRunner;
  searchLimit: MiddlewareHandler;
  /** The configured public origin (no trailing slash), or null: each request's own. */
  publicUrl: string | null;
}

const ENTRIES = 30;

/**
 * Feeds out: top stories, the newest reports, a saved search, one story as it echoes, one source's newest
 * articles. Each is Atom, or RSS 2.0 with `?format=rss` at the same address.
 */
export function mountFeeds(app: Hono, deps: FeedDeps): void {
  const { reader, store } = deps;

  app.get('/feeds/top.xml', async (c) => {
    const format = requestedFormat(c);
    const { cards } = await reader.topStories(0, ENTRIES);
    const base = origin(c, deps.publicUrl);
    const entries: FeedEntry[] = cards.map((card) => ({
      id: `${base}/story/${card.story.id}`,
      title: card.story.title,
      updated: card.story.lastSeen,
      published: card.story.firstSeen,
      link: `${base}/story/${card.story.id}`,
      authors: card.outlets.slice(0, 5).map((o) => o.name),
      summary: card.headline ? lead(card.headline.article.summary, card.headline.article.text, 400) : '',
    }));
    return send(c, format, { id: `${base}/`, title: 'صدى: أهم القصص', self: `${base}/feeds/top.xml`, alternate: `${base}/`, updated: newest(entries, 0), entries });
  });

  app.get('/feeds/search.xml', deps.searchLimit, async (c) => {
    const format = requestedFormat(c);
    // A saved search's feed lists what is new: the newest articles with every word, unless asked otherwise.
    const parsed = SearchQuery.safeParse({ sort: 'newest', ...c.req.query(), limit: String(ENTRIES) });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError('BAD_INPUT', `invalid query parameter ${issue?.path.join('.') ?? 'q'}: ${issue?.message ?? 'bad query'}`);
    }
    // A feed has nowhere to show a spelling suggestion: not asking saves the lookup.
    const result = await deps.search.run({ ...parsed.data, suggest: false });
    const query = searchFeedQuery(parsed.data);
    return articleFeed(c, format, result.hits.map((h) => h.article), {
      id: `/search?${query}`,
      title: searchFeedTitle(parsed.data),
      self: `/feeds/search.xml?${query}`,
      // the search page sorts by relevance unless told otherwise
      alternate: `/search?${searchFeedQuery(parsed.data, 'relevance')}`,
      emptyUpdated: 0,
    });
  });

  // Following one story: every outlet's article on it as it appears, copies included (each is an outlet
  // carrying the report), newest first.
  app.get('/feeds/story/:file', async (c) => {
    const format = requestedFormat(c);
    const id = feedId(c.req.param('file'));
    const story = await store.getStory(id);
    if (!story) throw new AppError('NOT_FOUND', `no story with id ${id}`);
    // Only the newest entries are read: a big story (a wire report carried by dozens of outlets over weeks)
    // would otherwise load every member's text to show 30.
    const newest = await store.storyMembers(id, ENTRIES);
    const articles = (await store.getArticles(newest.map((m) => m.id))).sort((a, b) => sortTime(b) - sortTime(a) || b.id - a.id);
    return articleFeed(c, format, articles, { id: `/feeds/story/${id}.xml`, title: `صدى: ${story.title}`, self: `/feeds/story/${id}.xml`, alternate: `/story/${id}`, emptyUpdated: story.lastSeen });
  });

  app.get('/feeds/source/:file', async (c) => {
    const format = requestedFormat(c);
    const id = feedId(c.req.param('file'));
    // also an outlet no longer followed: its page links here and its stored articles stay
    const source = await store.findSource({ id });
    if (!source) throw new AppError('NOT_FOUND', `no source with id ${id}`);
    const articles = await store.listArticles({ sourceId: id, limit: ENTRIES });
    const name = outletName(source.slug, source.title);
    return articleFeed(c, format, articles, { id: `/feeds/source/${id}.xml`, title: `صدى: ${name}`, self: `/feeds/source/${id}.xml`, alternate: `/source/${id}`, emptyUpdated: source.createdAt });
  });

  // Everything new, each report once (copies would repeat one wire text once per outlet carrying it).
  app.get('/feeds/latest.xml', async (c) => {
    const format = requestedFormat(c);
    const articles = await store.listArticles({ limit: ENTRIES, reportsOnly: true });
    return articleFeed(c, format, articles, { id: '/feeds/latest.xml', title: 'صدى: آخر الأخبار', self: '/feeds/latest.xml', alternate: '/latest', emptyUpdated: 0 });
  });

  /**
   * A feed of articles in the given order; `id`, `self` and `alternate` are paths on this server, `emptyUpdated`
   * the feed's <updated> while it has no entries.
   */
  async function articleFeed(c: Context, format: FeedFormat, articles: readonly Article[], head: { id: string; title: string; self: string; alternate: string; emptyUpdated: number }) {
    const base = origin(c, deps.publicUrl);
    const entries = (await Promise.all(articles.map((a) => reader.view(a)))).map((v) => articleEntry(base, v));
    return send(c, format, { id: base + head.id, title: head.title, self: base + head.self, alternate: base + head.alternate, updated: newest(entries, head.emptyUpdated), entries });
  }
}

function articleEntry(base: string, v: ArticleView): FeedEntry {
  const a = v.article;
  return {
    id: `${base}/article/${a.id}`,
    title: a.title,
    updated: sortTime(a),
    published: a.published,
    link: `${base}/article/${a.id}`,
    authors: [v.origin ? `${v.outlet} (نقلاً عن ${v.origin})` : v.outlet],
    summary: lead(a.summary, a.text, 400),
    ...(a.category ? { categories: [a.category] } : {}),
  };
}

/**
 * The parameters that decide a search feed's entries, in a fixed order, for its self link and id: two
 * feeds that differ in a filter must not share an id, and a reader following the self link must get the same
 * feed. Paging, `limit` and whatever else the feed ignores stay out; source slugs are a set (sorted, each
 * once). The sort is named unless it is `defaultSort` where the address leads, so a plain query keeps the
 * id it always had (`/search?q=…`).
 */
function searchFeedQuery(search: SearchRequest, defaultSort: SearchRequest['sort'] = 'newest'): string {
  const params = new URLSearchParams({ q: search.q });
  const sources = feedSources(search);
  if (sources.length > 0) params.set('source', sources.join(','));
  if (search.from) params.set('from', search.from);
  if (search.to) params.set('to', search.to);
  // the search service sorts by relevance when no sort is named
  const sort = search.sort ?? 'relevance';
  if (sort !== defaultSort) params.set('sort', sort);
  return params.toString();
}

/** A search feed's sources, each once and in one order, as its address and title name them. */
function feedSources(search: SearchRequest): string[] {
  return [...new Set(sourceSlugs(search.source))].sort();
}

/** The feed's title names its filters too, so that a reader holding several such feeds can tell them apart. */
function searchFeedTitle(search: SearchRequest): string {
  let title = `صدى: بحث عن «${search.q}»`;
  const sources = feedSources(search);
  if (sources.length > 0) title += ` في ${sources.join('، ')}`;
  if (search.from) title += ` من ${search.from}`;
  if (search.to) title += ` حتى ${search.to}`;
  if ((search.sort ?? 'relevance') === 'relevance') title += '، الأكثر صلة أولاً';
  return title;
}

/**
 * The id in a feed's file name (`12.xml`). A name that is no `.xml` file is no feed; an id written other
 * than in plain digits (`01.xml`, `1e3.xml`, `okaz.xml`) is refused as the pages and the API refuse it.
 */
function feedId(file: string): number {
  if (!file.endsWith('.xml')) throw new AppError('NOT_FOUND', 'no such feed');
  const id = parseWholeNumber(file.slice(0, -'.xml'.length));
  if (id === null || id < 1 || id > Number.MAX_SAFE_INTEGER) throw new AppError('BAD_INPUT', 'invalid path parameter id: expected a whole number in plain digits');
  return id;
}

/**
 * The newest entry's time. An empty feed gets a fixed time (the source's creation, else the epoch), not the
 * time of the request: that changed the document, and so its ETag, on every poll.
 */
function newest(entries: FeedEntry[], whenEmpty: number): number {
  return entries.length > 0 ? Math.max(...entries.map((e) => e.updated)) : whenEmpty;
}

/** Where feed ids and links point: the configured public origin, else the request's own. */
function origin(c: Context, publicUrl: string | null): string {
  return publicUrl ?? new URL(c.req.url).origin;
}

const FORMATS: Record<FeedFormat, { render: (feed: FeedDoc) => string; contentType: string }> = {
  atom: { render: renderAtom, contentType: 'application/atom+xml; charset=utf-8' },
  rss: { render: renderRss, contentType: 'application/rss+xml; charset=utf-8' },
};

/**
 * The format a request asks for with `?format=`: Atom when it names none. A value that names no format (or
 * names two) is refused: ignoring it handed a reader that asked for RSS an Atom document it could not read.
 */
function requestedFormat(c: Context): FeedFormat {
  const values = c.req.queries('format');
  if (!values) return 'atom';
  const value = values[0];
  if (values.length === 1 && (value === 'atom' || value === 'rss')) return value;
  throw new AppError('BAD_INPUT', 'invalid query parameter format: expected "atom" (the default) or "rss"');
}

/** `feed.self` is the Atom address; the RSS document's own address asks for RSS. */
function send(c: Context, format: FeedFormat, feed: FeedDoc) {
  const { render, contentType } = FORMATS[format];
  return sendCached(c, render({ ...feed, self: feedAddress(feed.self, format) }), contentType);
}
