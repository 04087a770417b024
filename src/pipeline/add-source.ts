import { AppError, errorMessage, isAppError } from '../core/errors.js';
import { fitsKey, MAX_KEY_BYTES, storableText } from '../core/storable-text.js';
import type { Source, SourceKind } from '../core/types.js';
import { detectFormat, feedCandidates, htmlToText, parseFeed, type ParsedFeed } from '../feeds/index.js';
import type { Fetcher, FetchResponse } from '../fetch/index.js';
import type { Store } from '../store/store.js';

export interface ResolvedSource {
  url: string;
  feedUrl: string;
  kind: Exclude<SourceKind, 'import'>;
  title: string;
  homepage: string | null;
}

/** Candidates probed at most when a homepage announces no feed that works. */
const MAX_PROBES = 12;

/**
 * Finds what to poll for a URL: a feed or sitemap is used as it is; a homepage is searched for the feeds it
 * announces (`<link rel="alternate">`), then for common paths (`/feed`, `/rss`, `/sitemap.xml`, ...); the
 * first candidate that parses as a feed or sitemap wins. BAD_INPUT when nothing is found.
 */
export async function resolveSource(fetcher: Fetcher, url: string): Promise<ResolvedSource> {
  const first = await fetchDocument(fetcher, url);
  const text = first.text();
  const format = detectFormat(text, first.contentType);
  if (format === 'opml') throw new AppError('BAD_INPUT', `${url} is an OPML subscription list: use \`sada sources import-opml\``);
  if (format !== 'html' && format !== 'unknown') {
    const feed = parseFeed(first.body, { url: first.finalUrl, contentType: first.contentType });
    return { url, feedUrl: first.finalUrl, kind: kindOf(feed), title: feed.title ?? hostOf(first.finalUrl), homepage: feed.homepage };
  }
  if (format === 'unknown' && !/html/i.test(first.contentType ?? '')) {
    throw new AppError('BAD_INPUT', `${url} is neither a feed, a sitemap nor an HTML page`);
  }
  const pageTitle = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1];
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
      };
    } catch (error) {
      if (isAppError(error) && error.code === 'TIMEOUT') slowHosts.add(host);
      tried.push(`${candidate.url} (${errorMessage(error)})`);
    }
  }
  throw new AppError('BAD_INPUT', `no feed or sitemap found for ${url}; tried: ${tried.join('; ')}`);
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
      title: storableText(options.title?.trim() || resolved.title || slug),
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
 * `https://www.alsahel.example/ar/` → `alsahel`; `127.0.0.1:8080` → `127-0-0-1-8080`; `-2`, `-3` ... when taken.
 * A removed source keeps its slug (its articles carry it): it is taken, except for that source's own feed,
 * which re-adding revives under its old slug.
 */
export async function uniqueSlug(store: Store, url: string, feedUrl?: string): Promise<string> {
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
    const holder = await store.getSourceBySlug(slug, { includeRemoved: true });
    if (!holder || (feedUrl !== undefined && holder.feedUrl === feedUrl)) return slug;
  }
}
