import { parseAtomFeed, parseJsonFeed, parseRdfFeed, parseRssFeed } from 'feedsmith';
import { AppError, errorMessage, isAppError } from '../core/errors.js';
import { buildItem, type BuildContext } from './build-item.js';
import { decodeBytes } from './decode.js';
import { detectFormat } from './detect.js';
import { fromAtom } from './from-atom.js';
import { fromJson } from './from-json.js';
import { fromRdf, fromRss, type Adapted } from './from-rss.js';
import { fromSitemap, parseSitemapTree, sitemapRefs } from './from-sitemap.js';
import { EMPTY_META } from './feed-meta.js';
import type { FeedFormat, FeedItem, ParsedFeed, ParseFeedOptions } from './types.js';
import { prepareXml } from './xml-safety.js';

const DEFAULT_MAX_ITEMS = 50_000;
const DEFAULT_FULL_TEXT_MIN_CHARS = 500;

/**
 * Parses a feed (RSS 0.9x/2.0, RSS 1.0/RDF, Atom 0.3/1.0, JSON Feed 1.x) or a sitemap (standard, news,
 * index) into one normalised shape. `input` may be bytes (decoded with BOM, HTTP charset and the document's
 * declaration; see `decodeBytes`) or text. Throws AppError PARSE_FAILED for a document that is not a feed
 * or is malformed; a bad item is dropped with a warning and never loses the others.
 */
export function parseFeed(input: string | Uint8Array, options: ParseFeedOptions): ParsedFeed {
  const text = typeof input === 'string' ? input : decodeBytes(input, { contentType: options.contentType }).text;
  const format = detectFormat(text, options.contentType);
  const ctx: BuildContext = {
    defaultOffsetMinutes: options.defaultOffsetMinutes ?? 0,
    fullTextMinChars: options.fullTextMinChars ?? DEFAULT_FULL_TEXT_MIN_CHARS,
  };
  switch (format) {
    case 'html':
      throw new AppError('PARSE_FAILED', 'the document is an HTML page, not a feed (try autodiscovery)');
    case 'opml':
      throw new AppError('PARSE_FAILED', 'the document is an OPML subscription list, not a feed (use OPML import)');
    case 'unknown':
      throw new AppError('PARSE_FAILED', 'the document is not a recognised feed or sitemap');
    case 'sitemap-index': {
      const tree = parseSitemapTree(prepareXml(text));
      return { format, url: options.url, ...EMPTY_META, items: [], sitemaps: sitemapRefs(tree, options.url, ctx.defaultOffsetMinutes), warnings: [] };
    }
    case 'sitemap':
      return collect(format, fromSitemap(parseSitemapTree(prepareXml(text)), options.url), options, ctx);
    case 'json':
      return collect(format, fromJson(library(() => parseJsonFeed(JSON.parse(text))), options.url), options, ctx);
    case 'rss':
      return collect(format, fromRss(library(() => parseRssFeed(prepareXml(text))), options.url), options, ctx);
    case 'rdf':
      return collect(format, fromRdf(library(() => parseRdfFeed(prepareXml(text))), options.url), options, ctx);
    case 'atom':
      return collect(format, fromAtom(library(() => parseAtomFeed(prepareXml(text))), options.url), options, ctx);
  }
}

/** Runs the underlying parser and turns its failures into PARSE_FAILED. */
function library<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (isAppError(error)) throw error;
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    throw new AppError('PARSE_FAILED', `invalid feed: ${errorMessage(error)}${cause}`, { cause: error });
  }
}

function collect<T>(format: FeedFormat, adapted: Adapted<T>, options: ParseFeedOptions, ctx: BuildContext): ParsedFeed {
  const max = options.maxItems ?? DEFAULT_MAX_ITEMS;
  const warnings: string[] = [];
  const items: FeedItem[] = [];
  adapted.entries.forEach((entry, index) => {
    if (items.length >= max) return;
    try {
      const item = buildItem(adapted.toRawItem(entry), ctx);
      if (!item.link && !item.guid) warnings.push(`item ${index + 1}: no link and no id, skipped`);
      else if (!item.link && !item.title && !item.text) warnings.push(`item ${index + 1}: no http(s) link and no content, skipped`);
      else items.push(item);
    } catch (error) {
      warnings.push(`item ${index + 1}: ${errorMessage(error)}`);
    }
  });
  if (adapted.entries.length > max && items.length >= max) warnings.push(`only the first ${max} of ${adapted.entries.length} items were kept`);
  return { format, url: options.url, ...adapted.meta, items, sitemaps: [], warnings };
}
