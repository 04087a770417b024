import { AppError } from '../core/errors.js';
import { parseHtml, squashSpace, textContent, walkElements, type ElementNode } from './dom.js';
import { decodeHtmlBytes } from './decode.js';
import { collectMeta } from './meta.js';
import { findMainContent } from './content.js';
import { headingCandidates, pickTitle, similarTitles } from './title.js';
import { authors, canonicalUrl, cleanAuthorNames, language, leadImage, modifiedDate, publishedDate, resolveUrl, section, siteNames, tags } from './fields.js';
import { attributionOfParagraphs, withoutStandaloneAttribution } from './attribution.js';
import type { ExtractOptions, ExtractedArticle, RelatedLink } from './types.js';
import { MAX_PAGE_BYTES } from './limits.js';

/**
 * Extracts an article from one HTML page. Pure: no I/O, no clock (relative dates use `options.now`).
 * Accepts the page as a string or as bytes (then the charset comes from the BOM, `contentType`, the page's
 * own declaration, or a guess). Throws AppError BAD_INPUT for a bad URL, TOO_LARGE above `maxBytes`,
 * PARSE_FAILED for an empty page; any other page gives a result, possibly with empty text.
 */
export function extractArticle(input: string | Uint8Array, options: ExtractOptions): ExtractedArticle {
  const maxBytes = options.maxBytes ?? MAX_PAGE_BYTES;
  let url: string;
  try {
    url = new URL(options.url).href;
  } catch {
    throw new AppError('BAD_INPUT', `not an absolute URL: ${String(options.url).slice(0, 200)}`);
  }
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > maxBytes) throw new AppError('TOO_LARGE', `page is ${size} bytes, more than the limit of ${maxBytes}`);
  const html = typeof input === 'string' ? input : decodeHtmlBytes(input, options.contentType).html;
  if (!/\S/.test(html)) throw new AppError('PARSE_FAILED', 'page is empty');

  const doc = parseHtml(html, { maxDepth: options.maxDepth });
  const body = doc.body ?? doc.root;
  const meta = collectMeta(doc);
  const names = siteNames(meta);
  const title = pickTitle(meta, headingCandidates(body), names, url);
  const main = findMainContent(body);

  let paragraphs = (main?.blocks ?? []).map((b) => ({ text: b.text, tag: b.container.tag }));
  // The headline printed above the body is the title field, not text.
  paragraphs = paragraphs.filter((p, i) => !(title && (/^h[1-3]$/.test(p.tag) || i === 0) && similarTitles(p.text, title)));
  // A byline printed as the first line ("حوار: آسيا العتروس", "كتب محمد علي", "By Jane Doe") is an author.
  const bylines: string[] = [];
  while (paragraphs.length > 0 && bylines.length < 2 && BYLINE.test(paragraphs[0]!.text)) bylines.push(paragraphs.shift()!.text);
  const texts = paragraphs.map((p) => p.text);
  const attribution = attributionOfParagraphs(texts);
  const text = withoutStandaloneAttribution(texts, attribution).join('\n\n');

  const headline = findHeadlineElement(body, title);
  const published = publishedDate(meta, url, { now: options.now, container: main?.container ?? null, headlineArea: headline?.parent?.parent ?? null, headline });
  const modified = modifiedDate(meta);
  const { lang, dir } = language(meta, text || title);
  const canonical = canonicalUrl(meta, url);

  return {
    url,
    canonicalUrl: canonical,
    title,
    text,
    published: published?.ms ?? null,
    publishedIso: published?.iso ?? null,
    modified: modified?.ms ?? null,
    modifiedIso: modified?.iso ?? null,
    authors: mergeAuthors(authors(meta, main?.container ?? body), cleanAuthorNames(bylines)),
    lang,
    dir,
    image: leadImage(meta, url, main?.container ?? null),
    siteName: names[0] ?? null,
    section: section(meta),
    tags: tags(meta),
    attribution: { sources: attribution.sources, lines: attribution.lines },
    relatedLinks: relatedLinks(main?.relatedLinks ?? [], url, canonical),
  };
}

const BYLINE = /^(حوار|كتب|كتبت|بقلم|إعداد|اعداد|تقرير|تحرير|by)\s*[:：]?\s+[\p{L}.'’\s-]{3,50}$/iu;

function mergeAuthors(primary: string[], extra: string[]): string[] {
  const out = [...primary];
  for (const name of extra) if (!out.some((n) => n.toLowerCase() === name.toLowerCase())) out.push(name);
  return out;
}

function findHeadlineElement(body: ElementNode, title: string): ElementNode | null {
  if (!title) return null;
  let found: ElementNode | null = null;
  walkElements(body, (el) => {
    if (found) return false;
    if (el.tag === 'h1' || el.tag === 'h2') {
      if (similarTitles(squashSpace(textContent(el)), title)) found = el;
      return false;
    }
    return;
  });
  return found;
}

function relatedLinks(links: { href: string; text: string }[], base: string, canonical: string): RelatedLink[] {
  const out: RelatedLink[] = [];
  const seen = new Set<string>([base, canonical]);
  for (const link of links) {
    const url = resolveUrl(link.href, base);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    out.push({ title: squashSpace(link.text), url });
  }
  return out;
}
