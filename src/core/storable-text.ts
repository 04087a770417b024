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

const ELLIPSIS = '…';
const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const SPACE = /^\s/u;

/**
 * A title as stored: unchanged up to MAX_TITLE_LENGTH units, else cut before the last space that keeps at least
 * half of it (else at the last grapheme boundary: never inside a surrogate pair or between a letter and its
 * marks) and ended with "…". Pure and store-independent, so the title analysed is the title every store keeps.
 */
export function cappedTitle(title: string, max = MAX_TITLE_LENGTH): string {
  if (title.length <= max) return title;
  const room = max - ELLIPSIS.length;
  let cut = 0;
  let space = 0;
  // A boundary at `room` depends on what precedes it and the one unit after: two more are enough to look at.
  for (const { index, segment } of GRAPHEMES.segment(title.slice(0, room + 2))) {
    if (index > room) break;
    cut = index;
    if (index >= room / 2 && SPACE.test(segment)) space = index;
  }
  // One "grapheme" longer than the room (a letter under thousands of marks): cut between code points.
  if (cut === 0) cut = /[\ud800-\udbff]/.test(title[room - 1] ?? '') ? room - 1 : room;
  return `${title.slice(0, space || cut).trimEnd()}${ELLIPSIS}`;
}

/** The article's text fields made storable and its title capped; the same object when none needs it (the usual case). */
export function storableInput(input: ArticleInput): ArticleInput {
  const fields = [input.url, input.source, input.title, input.text, input.author, input.summary, input.category, input.image, input.lang, input.externalId, ...(input.tags ?? [])];
  const longTitle = typeof input.title === 'string' && input.title.length > MAX_TITLE_LENGTH;
  if (!longTitle && !fields.some((f) => typeof f === 'string' && needsCleaning(f))) return input;
  const clean = (value: string | null | undefined) => (typeof value === 'string' ? storableText(value) : value);
  return {
    url: storableText(input.url),
    source: storableText(input.source),
    title: cappedTitle(storableText(input.title)),
    text: storableText(input.text),
    published: input.published,
    author: clean(input.author),
    summary: clean(input.summary),
    category: clean(input.category),
    tags: input.tags?.map(storableText),
    image: clean(input.image),
    lang: clean(input.lang),
    externalId: clean(input.externalId),
  };
}

/**
 * The longest value, in UTF-8 bytes, a unique key holds: a canonical URL, a feed URL, a slug, an external id.
 * PostgreSQL's b-tree index refuses an entry past about 2,700 bytes where SQLite stores any length, so a longer
 * value is refused (or, for an optional key, not kept) on every store alike. The longest article URL of the
 * real datasets has 561 characters.
 */
export const MAX_KEY_BYTES = 2000;

export function fitsKey(value: string): boolean {
  // A UTF-16 unit is at most 3 UTF-8 bytes: short values (every real one) need no count.
  return value.length <= MAX_KEY_BYTES / 3 || Buffer.byteLength(value, 'utf8') <= MAX_KEY_BYTES;
}
