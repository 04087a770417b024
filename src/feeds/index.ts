/**
 * Feed and sitemap parsing (pure: no network, clock, config or files).
 *
 * - `parseFeed(bytesOrText, { url, contentType })` → `ParsedFeed` for RSS 0.9x/2.0, RSS 1.0/RDF, Atom
 *   0.3/1.0, JSON Feed 1.x, news/standard sitemaps and sitemap indexes. Throws AppError `PARSE_FAILED`.
 * - `detectFormat(text, contentType?)` tells feeds, sitemaps, OPML and HTML apart without parsing.
 * - `feedCandidates(html, pageUrl)` lists URLs to probe for a homepage (announced feeds, then common paths).
 * - `parseOpmlSubscriptions(bytesOrText)` / `buildOpml(entries, { title, now })` import and export OPML.
 * - `decodeBytes(bytes, { contentType })` decodes documents (BOM, HTTP charset, XML/HTML declaration,
 *   windows-1256 fallback).
 * - `parseFeedDate(text)` reads RFC 822, ISO 8601 and the broken dates of real feeds.
 * - `feedItemToArticleInput(item, sourceSlug)` maps an item to the pipeline's `ArticleInput`.
 */
export type { DetectedFormat, Enclosure, FeedFormat, FeedItem, ParsedFeed, ParseFeedOptions, SitemapRef } from './types.js';
export { parseFeed } from './parse.js';
export { detectFormat } from './detect.js';
export { COMMON_FEED_PATHS, commonFeedCandidates, discoverFeedLinks, feedCandidates, type FeedCandidate } from './discover.js';
export { buildOpml, parseOpmlSubscriptions, type OpmlEntry, type OpmlImport } from './opml.js';
export { charsetFromContentType, declaredEncoding, decodeBytes, type DecodedText, type DecodeOptions, type EncodingSource } from './decode.js';
export { parseFeedDate } from './dates.js';
export { htmlToText, firstImage } from './html-text.js';
export { resolveHttpUrl } from './urls.js';
export { feedItemToArticleInput } from './article-input.js';
