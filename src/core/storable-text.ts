import type { ArticleInput } from './types.js';

const NUL = '\u0000';
/** Half of a surrogate pair without its other half. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text as every store can keep it. PostgreSQL refuses U+0000 in text and a lone surrogate in JSON (the whole
 * article was lost there while SQLite kept it). A NUL, which only broken or hostile input holds, becomes a
 * space, and a lone surrogate U+FFFD (what UTF-8 storage makes of it anyway): the same length and, like
 * what they replace, no letters, so words, the analyzer's offsets and search snippets are what they were.
 */
export function storableText(text: string): string {
  let out = text.includes(NUL) ? text.replaceAll(NUL, ' ') : text;
  if (!isWellFormed(out)) out = out.replace(LONE_SURROGATE, '\ufffd');
  return out;
}

/** String.prototype.isWellFormed (Node 20; not in the ES2023 typings). */
function isWellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}

function needsCleaning(text: string): boolean {
  return text.includes(NUL) || !isWellFormed(text);
}

/**
 * The longest title kept, in UTF-16 units. A headline is one line: the longest of the 52,190 in the shared
 * SaudiNewsNet and ANT data has 132. Past this a "title" is a page's text or an attack (a 1,000,000-character
 * og:title was stored and printed whole on every page listing it).
 */
export const MAX_TITLE_LENGTH = 300;

/**
 * The longest article text kept, in UTF-16 units: six times the longest of the 52,190 shared SaudiNewsNet and
 * ANT texts (33,687; half have fewer than 1,300). A text had no limit: a 32 MB import line took 1 GB while it was
 * stored, and then 3.6 s and a 32 MB page for `/article/ID` and half a second for every search that hit it.
 * Past this the "article" is a dump or an attack; the rest is cut like a title, at a word, with "…".
 */
export const MAX_TEXT_LENGTH = 200_000;

/**
 * The other short fields every listing shows (the API's article cards, the reader, the feeds out) were kept at
 * any length a feed, a page or an import file gave them. The figures, in UTF-16 units, leave the longest real
 * value of the shared data whole:
 * - author (one name or several joined by «، »): the longest byline of the 52,190 SaudiNewsNet and ANT
 *   articles has 255 (a crawl field holding a sentence of the text), 99% have at most 38; of the bylines the
 *   extractor reads from the ~2,000 shared pages only a scientific paper's 76 authors (874) are longer.
 * - summary: the longest ANT abstract has 853, 99% at most 382; readers see 220–400 of it.
 * - category (the outlet's section): the longest ANT category has 17; the longest section the extractor reads
 *   from the shared pages that names one section has 49 (longer ones, up to 475, are keyword lists).
 * - tags: the extractor keeps at most 50 of a page (and pages of the shared data reach it), none over 60
 *   units; a feed's <category> list and an import's `tags` had no limit. A tag is a name, a few words.
 */
export const MAX_AUTHOR_LENGTH = 300;
export const MAX_SUMMARY_LENGTH = 2000;
export const MAX_CATEGORY_LENGTH = 100;
export const MAX_TAG_LENGTH = 100;
export const MAX_TAGS = 50;

/**
 * Fields whose value is an identifier, which a cut would make wrong rather than shorter: past their limit they
 * are dropped (null), not cut.
 * - image (a URL): the longest lead image URL the extractor reads from the 1,969 shared extraction pages has
 *   475 UTF-16 units (a CDN proxy path); signed CDN URLs run longer. 2,000 is the length a URL key may have
 *   (MAX_KEY_BYTES); past it a "URL" is a data: URI or an attack, not an address to link to.
 * - externalId (a feed's guid, an ANT docno): the longest of the 25,822 ANT docnos has 34 units, but a guid
 *   is often the item's permalink, and the 52,190 SaudiNewsNet and ANT article URLs reach 399. A cut id could
 *   equal another item's cut id (a feed's ids share long prefixes and differ at the end), so a new item would
 *   be taken for a stored one; without its id an article is still found by its URL.
 */
export const MAX_IMAGE_URL_LENGTH = 2000;
export const MAX_EXTERNAL_ID_LENGTH = 1000;

/**
 * A language tag as BCP 47 (RFC 5646) writes it: a 2–3 letter language, then subtags of 1–8 letters or digits
 * (`ar`, `ar-SA`, `en-US`, `zh-Hant-TW`, `de-DE-formal`), at most 35 units (RFC 5646 §4.4.1 asks
 * implementations to keep tags that long). Anything else a page or feed puts there (`english`, `lang=`, a
 * sentence) is dropped: the field says what language the text is in, or nothing.
 */
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;
export const MAX_LANG_LENGTH = 35;

/**
 * The language as stored: the tag without surrounding space, or null when it is no language tag. A locale
 * written POSIX-style (`ar_SA`, as some feeds give it) is read as the tag it means.
 */
export function storableLang(lang: string): string | null {
  const tag = lang.trim().replace(/_/g, '-');
  return tag.length <= MAX_LANG_LENGTH && LANGUAGE_TAG.test(tag) ? tag : null;
}

const ELLIPSIS = '…';
const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const WHITESPACE = /\s/u;
/** Characters that join the one after them into their grapheme (Grapheme_Cluster_Break=Prepend), Arabic's among them. */
const PREPEND = /[\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2]/u;
const TRAILING_SPACE_OR_PREPEND = /[\s\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2]+$/u;
/**
 * How far before the cut a boundary between graphemes is looked for when there is no space to cut at. V8's
 * grapheme segmenter takes time quadratic in the length of what it segments (75,000 units: 51 s), so it is
 * never given more than this.
 */
const BOUNDARY_WINDOW = 1_000;

/**
 * Text as stored in a capped field: unchanged up to `max` units, else cut before the last space that keeps at
 * least half of it (else at the last grapheme boundary: never inside a surrogate pair or between a letter and
 * its marks) and ended with "…". Pure and store-independent, so what is analysed is what every store keeps.
 */
export function cappedText(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = max - ELLIPSIS.length;
  const space = lastSpaceBreak(text, room);
  if (space > 0) return `${withoutTrailingSpace(text.slice(0, space))}${ELLIPSIS}`;
  // A boundary at `room` depends on what precedes it and the one unit after: two more are enough to look at.
  const from = Math.max(0, room - BOUNDARY_WINDOW);
  let cut = 0;
  for (const { index } of GRAPHEMES.segment(text.slice(from, room + 2))) {
    if (from + index > room) break;
    cut = from + index;
  }
  // One "grapheme" longer than the room (a letter under thousands of marks): cut between code points.
  if (cut === 0 || cut === from) cut = /[\ud800-\udbff]/.test(text[room - 1] ?? '') ? room - 1 : room;
  return `${withoutTrailingSpace(text.slice(0, cut))}${ELLIPSIS}`;
}

/**
 * The kept part without the white space it ends with, nor a prepended mark left with nothing to join (a
 * number sign before the spaces dropped): either would leave the cut inside a grapheme.
 */
function withoutTrailingSpace(kept: string): string {
  return kept.replace(TRAILING_SPACE_OR_PREPEND, '');
}

/**
 * The last index in [room / 2, room] where a grapheme starts with white space, or 0. A grapheme break comes
 * before every white-space character except a line feed after a carriage return (the two are one grapheme)
 * and a space after a prepended mark such as the Arabic number sign (a line break or tab still breaks there).
 */
function lastSpaceBreak(text: string, room: number): number {
  for (let i = room; i >= room / 2 && i > 0; i--) {
    const c = text[i]!;
    if (!WHITESPACE.test(c)) continue;
    if (c === '\n' && text[i - 1] === '\r') return i - 1;
    if (PREPEND.test(text[i - 1]!) && !/[\t\n\v\f\r\x85\u2028\u2029]/.test(c)) continue;
    return i;
  }
  return 0;
}

/** A title as stored: cappedText at MAX_TITLE_LENGTH. */
export function cappedTitle(title: string, max = MAX_TITLE_LENGTH): string {
  return cappedText(title, max);
}

function tooLong(value: string | null | undefined, max: number): boolean {
  return typeof value === 'string' && value.length > max;
}

function overCap(input: ArticleInput): boolean {
  const tags = input.tags ?? [];
  return (
    tooLong(input.title, MAX_TITLE_LENGTH) ||
    tooLong(input.text, MAX_TEXT_LENGTH) ||
    tooLong(input.author, MAX_AUTHOR_LENGTH) ||
    tooLong(input.summary, MAX_SUMMARY_LENGTH) ||
    tooLong(input.category, MAX_CATEGORY_LENGTH) ||
    tags.length > MAX_TAGS ||
    tags.some((t) => tooLong(t, MAX_TAG_LENGTH)) ||
    tooLong(input.image, MAX_IMAGE_URL_LENGTH) ||
    tooLong(input.externalId, MAX_EXTERNAL_ID_LENGTH) ||
    (typeof input.lang === 'string' && storableLang(input.lang) !== input.lang)
  );
}

/**
 * The article's text fields made storable and capped (its text, title, author, summary, category, each
 * tag, the number of tags: the first MAX_TAGS are kept); an image URL or external id past its limit, and a
 * `lang` that is no language tag, dropped (null); the same object when none needs it (the usual case).
 */
export function storableInput(input: ArticleInput): ArticleInput {
  const fields = [input.url, input.source, input.title, input.text, input.author, input.summary, input.category, input.image, input.lang, input.externalId, ...(input.tags ?? [])];
  if (!overCap(input) && !fields.some((f) => typeof f === 'string' && needsCleaning(f))) return input;
  const clean = (value: string | null | undefined) => (typeof value === 'string' ? storableText(value) : value);
  const capped = (value: string | null | undefined, max: number) => (typeof value === 'string' ? cappedText(storableText(value), max) : value);
  return {
    url: storableText(input.url),
    source: storableText(input.source),
    title: cappedTitle(storableText(input.title)),
    text: cappedText(storableText(input.text), MAX_TEXT_LENGTH),
    published: input.published,
    author: capped(input.author, MAX_AUTHOR_LENGTH),
    summary: capped(input.summary, MAX_SUMMARY_LENGTH),
    category: capped(input.category, MAX_CATEGORY_LENGTH),
    tags: input.tags?.slice(0, MAX_TAGS).map((tag) => cappedText(storableText(tag), MAX_TAG_LENGTH)),
    image: tooLong(input.image, MAX_IMAGE_URL_LENGTH) ? null : clean(input.image),
    lang: typeof input.lang === 'string' ? storableLang(input.lang) : input.lang,
    externalId: tooLong(input.externalId, MAX_EXTERNAL_ID_LENGTH) ? null : clean(input.externalId),
  };
}

/**
 * The longest value, in UTF-8 bytes, a unique key holds: a canonical URL, a feed URL, a slug, an external id.
 * PostgreSQL's b-tree index refuses an entry past about 2,700 bytes where SQLite stores any length, so a longer
 * value is refused (or, for an optional key, not kept) on every store alike. The longest article URL of the
 * shared import records has 399 characters as written and 561 once parsed (Arabic percent-encoded).
 */
export const MAX_KEY_BYTES = 2000;

export function fitsKey(value: string): boolean {
  // A UTF-16 unit is at most 3 UTF-8 bytes: short values (every real one) need no count.
  return value.length <= MAX_KEY_BYTES / 3 || Buffer.byteLength(value, 'utf8') <= MAX_KEY_BYTES;
}
