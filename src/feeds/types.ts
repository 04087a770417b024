/** Normalised output of the feed and sitemap parsers. Times are epoch milliseconds (UTC); `null` is unknown. */

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json' | 'sitemap' | 'sitemap-index';

/** What a document looks like before parsing: a feed format, OPML, an HTML page or nothing known. */
export type DetectedFormat = FeedFormat | 'opml' | 'html' | 'unknown';

export interface Enclosure {
  url: string;
  type: string | null;
  length: number | null;
}

export interface FeedItem {
  /** The item's id at its source (RSS guid, Atom id, RDF about, JSON id, sitemap loc); falls back to the link. */
  guid: string | null;
  /** Absolute http(s) URL of the article page, resolved against xml:base and the feed URL. */
  link: string | null;
  /** Plain text (markup and entities removed). */
  title: string | null;
  published: number | null;
  updated: number | null;
  authors: string[];
  categories: string[];
  /** Full article HTML when the feed carries it (content:encoded, Atom content, JSON content_html). */
  contentHtml: string | null;
  /** Summary HTML as given (RSS description, Atom summary, JSON summary). */
  summaryHtml: string | null;
  /** Plain text of the best body available: paragraphs separated by newlines; '' when there is none. */
  text: string;
  /** Plain-text summary, when the feed gives one separately from the body. */
  summary: string | null;
  /**
   * True when the feed holds only a summary (or nothing) for this item: the pipeline should fetch the page.
   * Sitemap entries are always partial.
   */
  isPartial: boolean;
  /** Lead image: media:content/thumbnail, image enclosure, JSON image, or the first image in the body. */
  image: string | null;
  enclosures: Enclosure[];
  lang: string | null;
}

export interface SitemapRef {
  url: string;
  lastmod: number | null;
}

export interface ParsedFeed {
  format: FeedFormat;
  /** The URL the document was fetched from (base for relative links). */
  url: string;
  title: string | null;
  description: string | null;
  /** The site's homepage as the feed names it. */
  homepage: string | null;
  /** The feed's own canonical URL (atom:link rel=self, JSON feed_url), when given. */
  selfUrl: string | null;
  language: string | null;
  image: string | null;
  updated: number | null;
  /** Publisher's hint of how long the feed may be cached (RSS ttl, sy:updatePeriod), in minutes. */
  ttlMinutes: number | null;
  items: FeedItem[];
  /** Child sitemaps of a sitemap index (empty for other formats). */
  sitemaps: SitemapRef[];
  /** Items dropped or fields ignored, each with a reason. Parsing never stops for one bad item. */
  warnings: string[];
}

export interface ParseFeedOptions {
  /** The document's URL: base for relative links. */
  url: string;
  /** HTTP Content-Type header, used for the charset when `input` is bytes. */
  contentType?: string | null;
  /** Items kept at most (sitemaps may list 50 000 URLs); further items are dropped with a warning. */
  maxItems?: number;
  /** Offset from UTC (minutes) assumed for dates without a zone. Default 0 (UTC). */
  defaultOffsetMinutes?: number;
  /** A body with less plain text than this is a summary, not the full article. Default 500. */
  fullTextMinChars?: number;
}
