import { AppError, errorMessage, isAppError } from '../core/errors.js';
import { cappedTitle, fitsKey, MAX_KEY_BYTES, storableText } from '../core/storable-text.js';
import type { Source, SourceKind } from '../core/types.js';
import { detectFormat, feedCandidates, htmlToText, parseFeed, type FeedFormat, type ParsedFeed } from '../feeds/index.js';
import { nothingThere, type Fetcher, type FetchResponse } from '../fetch/index.js';
import type { Store } from '../store/store.js';

export interface ResolvedSource {
  url: string;
  feedUrl: string;
  kind: Exclude<SourceKind, 'import'>;
  title: string;
  homepage: string | null;
  /** Items (or child sitemaps) the document held when it was resolved; absent for sources not fetched. */
  entries?: number;
}

/**
 * The text of a page's `<title>`: from the first `<title…>` to the first `</title>` after it. The expression
 * `/<title[^>]*>([\s\S]*?)<\/title>/i` did this but, on a page of unclosed `<title>`, read on from each one to
 * the end of the page (quadratic: 280 KB of them took 2.5 s, a 10 MB homepage hours).
 */
export function titleOfPage(html: string): string | undefined {
  const open = html.search(/<title/i);
  const openEnd = open === -1 ? -1 : html.indexOf('>', open);
  if (openEnd === -1) return undefined;
  const close = html.slice(openEnd + 1).search(/<\/title>/i);
  return close === -1 ? undefined : html.slice(openEnd + 1, openEnd + 1 + close);
}

/** Candidates probed at most when a homepage announces no feed that works. */
const MAX_PROBES = 12;

/**
 * Finds what to poll for a URL: a feed or sitemap is used as it is; a homepage is searched for the feeds it
 * announces (`<link rel="alternate">`), then for common paths (`/feed`, `/rss`, `/sitemap.xml`, ...); the
 * first candidate that parses as a feed or sitemap wins. BAD_INPUT (the URL serves nothing to poll: an empty
 * body, a malformed feed, another kind of document, a page announcing no working feed) says what was found;
 * a failure to fetch the URL at all is reported as such (FETCH_FAILED, TIMEOUT, ...). A valid feed without
 * items is accepted (`entries` is 0): outlets start empty, and it is polled like any other.
 */
export async function resolveSource(fetcher: Fetcher, url: string): Promise<ResolvedSource> {
  const first = await fetchDocument(fetcher, url).catch((error: unknown) => {
    throw nothingThere(error, 'nothing to poll at this URL') ?? error;
  });
  const text = first.text();
  if (!/\S/.test(text)) throw new AppError('BAD_INPUT', `${url} answered with an empty body (${describe(first)}): not a feed, a sitemap or a page`);
  const format = detectFormat(text, first.contentType);
  if (format === 'opml') throw new AppError('BAD_INPUT', `${url} is an OPML subscription list: use \`sada sources import-opml\``);
  if (format !== 'html' && format !== 'unknown') {
    let feed: ParsedFeed;
    try {
      feed = parseFeed(first.body, { url: first.finalUrl, contentType: first.contentType });
    } catch (error) {
      // The document is of a feed format but broken: the URL given is unusable as it stands (bad input),
      // unlike a site that cannot be reached.
      if (isAppError(error) && error.code === 'PARSE_FAILED') throw new AppError('BAD_INPUT', `${url} is not a valid ${FORMAT_NAMES[format]}: ${errorMessage(error)}`, { cause: error });
      throw error;
    }
    return { url, feedUrl: first.finalUrl, kind: kindOf(feed), title: feed.title ?? hostOf(first.finalUrl), homepage: feed.homepage, entries: feed.items.length + feed.sitemaps.length };
  }
  if (format === 'unknown' && /rss|atom|rdf|feed\+json/i.test(first.contentType ?? '')) {
    throw new AppError('BAD_INPUT', `${url} is served as a feed (${describe(first)}) but is not one: ${whyNotAFeed(text)}`);
  }
  if (format === 'unknown' && !/html/i.test(first.contentType ?? '')) {
    throw new AppError('BAD_INPUT', `${url} is neither a feed, a sitemap nor an HTML page (${describe(first)})`);
  }
  const pageTitle = titleOfPage(text);
  const tried: string[] = [];
  // A host that let one probe time out is not probed again: each try waits the whole fetch timeout, and
  // twelve of them kept `sources add` (and the reader's form) waiting for minutes.
  const slowHosts = new Set<string>();
  for (const candidate of feedCandidates(text, first.finalUrl).slice(0, MAX_PROBES)) {
    const host = hostOf(candidate.url);
    if (slowHosts.has(host)) {
      tried.push(`${candidate.url} (not tried: ${host} timed out before)`);
      continue;
    }
    try {
      const response = await fetchDocument(fetcher, candidate.url);
      const feed = parseFeed(response.body, { url: response.finalUrl, contentType: response.contentType });
      return {
        url,
        feedUrl: response.finalUrl,
        kind: 'homepage',
        title: feed.title || (pageTitle ? htmlToText(pageTitle).replace(/\n/g, ' ') : '') || hostOf(first.finalUrl),
        homepage: first.finalUrl,
        entries: feed.items.length + feed.sitemaps.length,
      };
    } catch (error) {
      if (isAppError(error) && error.code === 'TIMEOUT') slowHosts.add(host);
      tried.push(`${candidate.url} (${errorMessage(error)})`);
    }
  }
  throw new AppError('BAD_INPUT', `no feed or sitemap found for ${url}; tried: ${tried.join('; ')}`);
}

const FORMAT_NAMES: Record<FeedFormat, string> = {
  rss: 'RSS feed',
  rdf: 'RSS 1.0 (RDF) feed',
  atom: 'Atom feed',
  json: 'JSON Feed',
  sitemap: 'sitemap',
  'sitemap-index': 'sitemap index',
};

/** Why a document served with a feed's content type was not recognised as one. */
function whyNotAFeed(text: string): string {
  const start = text.trimStart();
  if (start.startsWith('{')) {
    try {
      JSON.parse(start);
      return 'JSON without the version and items of a JSON Feed';
    } catch (error) {
      return `invalid JSON: ${errorMessage(error)}`;
    }
  }
  return `it starts with ${JSON.stringify(start.slice(0, 60))}, not with an RSS, Atom or sitemap element`;
}

/** `HTTP 200, content type image/png, 1234 bytes`: what the URL answered, for an error message. */
function describe(response: FetchResponse): string {
  return `HTTP ${response.status}, content type ${response.contentType ?? 'none'}, ${response.body.length} bytes`;
}

export interface AddSourceOptions {
  title?: string | null;
  country?: string | null;
  slug?: string | null;
}

/** Resolves `url` and stores the source; CONFLICT when its feed is already a source. */
export async function addSource(deps: { store: Store; fetcher: Fetcher; now: () => number }, url: string, options: AddSourceOptions = {}): Promise<Source> {
  const resolved = await resolveSource(deps.fetcher, url);
  return storeSource(deps.store, resolved, options, deps.now());
}

/** Stores an already resolved source (OPML import, built-in list) under a unique slug. */
export async function storeSource(store: Store, resolved: ResolvedSource, options: AddSourceOptions, now: number): Promise<Source> {
  if (!fitsKey(resolved.feedUrl)) throw new AppError('BAD_INPUT', `feed URL longer than ${MAX_KEY_BYTES} bytes: ${resolved.feedUrl.slice(0, 200)}…`);
  const existing = await store.getSourceByFeedUrl(resolved.feedUrl);
  if (existing) throw new AppError('CONFLICT', `${resolved.feedUrl} is already source #${existing.id} (${existing.slug})`);
  const slug = options.slug ?? (await uniqueSlug(store, resolved.homepage ?? resolved.url, resolved.feedUrl));
  return store.addSource(
    {
      slug,
      url: resolved.url,
      feedUrl: resolved.feedUrl,
      kind: resolved.kind,
      // a feed's <title> is any length the feed gives: capped as article titles are
      title: cappedTitle(storableText(options.title?.trim() || resolved.title || slug)),
      homepage: resolved.homepage,
      country: options.country ?? null,
    },
    now,
  );
}

async function fetchDocument(fetcher: Fetcher, url: string): Promise<FetchResponse> {
  const response = await fetcher.fetch(url, { kind: 'feed' });
  if (response.notModified) throw new AppError('FETCH_FAILED', `${url}: unexpected 304 without a conditional request`);
  return response;
}

function kindOf(feed: ParsedFeed): ResolvedSource['kind'] {
  return feed.format === 'sitemap' || feed.format === 'sitemap-index' ? 'sitemap' : 'feed';
}

function hostOf(url: string): string {
  return new URL(url).hostname;
}

/**
 * Whether a new source of `feedUrl` may take `slug`. A removed source keeps its slug (its stored articles are
 * filed and listed under it), so only its own feed, re-added, takes it back.
 */
export async function slugFree(store: Store, slug: string, feedUrl: string): Promise<boolean> {
  const holder = await store.findSource({ slug });
  return !holder || (holder.removedAt !== null && holder.feedUrl === feedUrl);
}

/** `https://www.alsahel.example/ar/` → `alsahel`; `127.0.0.1:8080` → `127-0-0-1-8080`; `-2`, `-3` ... when taken. */
export async function uniqueSlug(store: Store, url: string, feedUrl: string): Promise<string> {
  const { hostname, port } = new URL(url);
  const host = hostname.replace(/^www\d?\./, '').replace(/^\[|\]$/g, '');
  const labels = host.split('.');
  const isAddress = /^[\d.]+$/.test(host) || host.includes(':');
  const base = (isAddress ? `${host}${port ? `-${port}` : ''}` : labels.length > 1 ? labels.slice(0, -1).join('-') : host)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    // A host name may be thousands of characters long: a slug is a short key (PostgreSQL's index refused it).
    .slice(0, 64)
    .replace(/-+$/, '') || 'source';
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (await slugFree(store, slug, feedUrl)) return slug;
  }
}
