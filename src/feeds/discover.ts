import { scanStartTags } from './html-tags.js';
import { resolveHttpUrl } from './urls.js';

/** A URL that may be a feed, found on a homepage or guessed from common paths, best first. */
export interface FeedCandidate {
  url: string;
  /** `link`: announced by the page with `<link rel="alternate">`; `guess`: a common path to probe. */
  origin: 'link' | 'guess';
  /** MIME type the page announced, when it did. */
  type: string | null;
  title: string | null;
}

const FEED_TYPES: Record<string, number> = {
  'application/rss+xml': 0,
  'application/atom+xml': 1,
  'application/rdf+xml': 2,
  'application/feed+json': 3,
  'application/json': 4,
  'application/xml': 5,
  'text/xml': 5,
};

/** Paths probed, in order, when the page announces no feed. */
export const COMMON_FEED_PATHS: readonly string[] = [
  '/feed', '/rss', '/feed/', '/rss.xml', '/atom.xml', '/index.xml', '/sitemap.xml', '/news-sitemap.xml',
];

/**
 * Feeds a homepage announces with `<link rel="alternate" type="...">` (also `rel="feed"`), resolved against
 * `<base href>` and the page URL, ordered RSS, Atom, RDF, JSON; comment feeds are put last.
 */
export function discoverFeedLinks(html: string, pageUrl: string): FeedCandidate[] {
  const head = html.slice(0, 512 * 1024);
  const tags = scanStartTags(head, new Set(['link', 'base']), 2000);
  const baseHref = tags.find((t) => t.name === 'base' && t.attrs['href'])?.attrs['href'];
  const base = resolveHttpUrl(baseHref, pageUrl) ?? pageUrl;
  const found: Array<FeedCandidate & { rank: number }> = [];
  const seen = new Set<string>();
  for (const tag of tags) {
    if (tag.name !== 'link') continue;
    const rel = (tag.attrs['rel'] ?? '').toLowerCase().split(/\s+/);
    const type = (tag.attrs['type'] ?? '').toLowerCase().split(';')[0]!.trim();
    const isFeed = (rel.includes('alternate') && type in FEED_TYPES) || rel.includes('feed');
    if (!isFeed) continue;
    const url = resolveHttpUrl(tag.attrs['href'], base);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    const title = tag.attrs['title']?.trim() || null;
    const comments = /comment|تعليق/i.test(`${title ?? ''} ${url}`);
    found.push({ url, origin: 'link', type: type || null, title, rank: (FEED_TYPES[type] ?? 6) + (comments ? 10 : 0) });
  }
  return found.sort((a, b) => a.rank - b.rank).map(({ rank: _rank, ...candidate }) => candidate);
}

/** The common feed and sitemap paths on the homepage's origin. */
export function commonFeedCandidates(pageUrl: string): FeedCandidate[] {
  const origin = new URL(pageUrl).origin;
  return COMMON_FEED_PATHS.map((path) => ({ url: `${origin}${path}`, origin: 'guess' as const, type: null, title: null }));
}

/**
 * Everything worth probing for a homepage, in order: announced feeds first, then the common paths
 * (without duplicates). `html` may be null when the page could not be fetched.
 */
export function feedCandidates(html: string | null, pageUrl: string): FeedCandidate[] {
  const announced = html ? discoverFeedLinks(html, pageUrl) : [];
  const seen = new Set(announced.map((c) => c.url));
  return [...announced, ...commonFeedCandidates(pageUrl).filter((c) => !seen.has(c.url))];
}
