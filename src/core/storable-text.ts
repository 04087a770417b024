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

/** The article's text fields made storable; the same object when none needs it (the usual case). */
export function storableInput(input: ArticleInput): ArticleInput {
  const fields = [input.url, input.source, input.title, input.text, input.author, input.summary, input.category, input.image, input.lang, input.externalId, ...(input.tags ?? [])];
  if (!fields.some((f) => typeof f === 'string' && needsCleaning(f))) return input;
  const clean = (value: string | null | undefined) => (typeof value === 'string' ? storableText(value) : value);
  return {
    url: storableText(input.url),
    source: storableText(input.source),
    title: storableText(input.title),
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
