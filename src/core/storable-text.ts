import type { ArticleInput } from './types.js';

const NUL = '\u0000';

/**
 * Text as every store can keep it: PostgreSQL refuses U+0000 in text (the whole article was lost there
 * while SQLite kept it). A NUL, which only broken or hostile input holds, becomes a space: the same length
 * and, like NUL, no letter, so words, the analyzer's offsets and search snippets are what they were.
 */
export function storableText(text: string): string {
  return text.includes(NUL) ? text.replaceAll(NUL, ' ') : text;
}

/** The article's text fields made storable; the same object when none holds a NUL (the usual case). */
export function storableInput(input: ArticleInput): ArticleInput {
  const fields = [input.url, input.source, input.title, input.text, input.author, input.summary, input.category, input.image, input.lang, input.externalId, ...(input.tags ?? [])];
  if (!fields.some((f) => typeof f === 'string' && f.includes(NUL))) return input;
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
