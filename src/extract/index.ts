/**
 * Article extraction (pure layer): HTML page → article fields; plain-text page → article, attribution,
 * read-also items and related headlines; attribution parsing for any article text.
 *
 *   extractArticle(html | bytes, { url, now?, contentType? }): ExtractedArticle
 *   segmentTextPage(text): SegmentedTextPage
 *   parseAttribution(text): AttributionResult   (sources: canonical agency/outlet names, lines, found[])
 *   canonicalAgency(name): string | null        ("أ.ف.ب" → "فرانس برس")
 *   toExtractJson(article) / toTextPageJson(page): the JSON shapes of CONTRACT.md
 */
export { extractArticle } from './extract-article.js';
export { segmentTextPage } from './text-page.js';
export { bylineAgencies, parseAttribution, type AttributionLine, type AttributionResult } from './attribution.js';
export { canonicalAgency, knownAgencies } from './agencies.js';
export { decodeHtmlBytes, isPageBody, type DecodedHtml } from './decode.js';
export { parseTextDate, parseMachineDate, hijriToGregorian, type ParsedDate } from './dates.js';
export { toExtractJson, toTextPageJson, type ExtractJson, type TextPageJson } from './json.js';
export type { Attribution, ExtractOptions, ExtractedArticle, ReadAlsoItem, RelatedLink, SegmentedTextPage } from './types.js';
