import type { RdfFeed, RssFeed } from 'feedsmith';
import type { RawItem } from './build-item.js';
import { mediaImages, ttlMinutes, type FeedMeta } from './feed-meta.js';
import { resolveBase, resolveHttpUrl } from './urls.js';
import { parseFeedDate } from './dates.js';
import { htmlToText } from './html-text.js';

/** What every format adapter gives `parseFeed`: feed fields, and the entries with a mapping to RawItem. */
export interface Adapted<T> {
  meta: FeedMeta;
  entries: T[];
  toRawItem(entry: T): RawItem;
}

type RssItem = RssFeed.Item<string>;
type RdfItem = RdfFeed.Item<string>;

/** RSS 0.9x and 2.0 (feedsmith's RssFeed) with the dc, content, media, atom and itunes extensions. */
export function fromRss(feed: RssFeed.Feed<string>, url: string): Adapted<RssItem> {
  const base = resolveBase(feed.xml?.base, url);
  const self = feed.atom?.links?.find((l) => l.rel === 'self')?.href;
  return {
    meta: {
      title: text(feed.title ?? feed.dc?.titles?.[0]),
      description: text(feed.description),
      homepage: resolveHttpUrl(feed.link, base),
      selfUrl: resolveHttpUrl(self, base),
      language: feed.language?.trim() || feed.dc?.languages?.[0]?.trim() || null,
      image: resolveHttpUrl(feed.image?.url ?? feed.itunes?.image, base),
      updated: parseFeedDate(feed.lastBuildDate ?? feed.pubDate ?? feed.dc?.dates?.[0]),
      ttlMinutes: ttlMinutes(feed.ttl, feed.sy),
    },
    entries: feed.items ?? [],
    toRawItem: (item) => {
      const itemBase = resolveBase(item.xml?.base, base);
      const alternate = item.atom?.links?.find((l) => !l.rel || l.rel === 'alternate')?.href;
      return {
        base: itemBase,
        guid: item.guid?.value,
        guidIsPermalink: item.guid?.isPermaLink !== false,
        links: [item.link, alternate],
        title: item.title ?? item.dc?.titles?.[0],
        published: [item.pubDate, ...(item.dc?.dates ?? []), ...(item.dcterms?.issued ?? []), item.atom?.published],
        updated: [item.atom?.updated, ...(item.dcterms?.modified ?? [])],
        authors: [...(item.authors ?? []).map((a) => a.name ?? a.email), ...(item.dc?.creators ?? []), item.itunes?.author],
        categories: [...(item.categories ?? []).map((c) => c.name), ...(item.dc?.subjects ?? [])],
        contentHtml: item.content?.encoded,
        summaryHtml: item.description ?? item.dc?.descriptions?.[0],
        images: [...mediaImages(item.media), item.itunes?.image],
        enclosures: item.enclosures ?? [],
        lang: item.dc?.languages?.[0] ?? item.xml?.lang ?? feed.language,
      };
    },
  };
}

/** RSS 1.0 (RDF): items carry rdf:about as their id. */
export function fromRdf(feed: RdfFeed.Feed<string>, url: string): Adapted<RdfItem> {
  const base = resolveBase(feed.xml?.base, url);
  const language = feed.dc?.languages?.[0]?.trim() || null;
  return {
    meta: {
      title: text(feed.title ?? feed.dc?.titles?.[0]),
      description: text(feed.description),
      homepage: resolveHttpUrl(feed.link, base),
      selfUrl: resolveHttpUrl(feed.atom?.links?.find((l) => l.rel === 'self')?.href, base),
      language,
      image: resolveHttpUrl(feed.image?.url, base),
      updated: parseFeedDate(feed.dc?.dates?.[0]),
      ttlMinutes: ttlMinutes(undefined, feed.sy),
    },
    entries: feed.items ?? [],
    toRawItem: (item) => ({
      base: resolveBase(item.xml?.base, base),
      guid: item.rdf?.about,
      links: [item.link, item.rdf?.about],
      title: item.title ?? item.dc?.titles?.[0],
      published: [...(item.dc?.dates ?? []), ...(item.dcterms?.issued ?? [])],
      updated: [...(item.dcterms?.modified ?? [])],
      authors: item.dc?.creators ?? [],
      categories: item.dc?.subjects ?? [],
      contentHtml: item.content?.encoded,
      summaryHtml: item.description ?? item.dc?.descriptions?.[0],
      images: mediaImages(item.media),
      lang: item.dc?.languages?.[0] ?? language,
    }),
  };
}

export function text(value: string | null | undefined): string | null {
  const plain = htmlToText(value).replace(/\n/g, ' ');
  return plain || null;
}
