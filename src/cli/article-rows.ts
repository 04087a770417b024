import type { Article, RelatedEntry, Story } from '../core/types.js';
import { toIso } from '../core/time.js';
import { parseWholeNumber } from '../core/whole-number.js';

/** The JSON rows of `sada articles`, `sada stories` and `sada related` (CONTRACT.md). */

export function articleRow(a: Article) {
  return {
    id: a.id,
    url: a.url,
    canonical_url: a.canonicalUrl,
    title: a.title,
    source: a.source,
    published: toIso(a.published),
    text: a.text,
    origin: a.origin,
    story_id: a.storyId,
  };
}

/** An article in a reading list: no text, with why it is listed. */
export function listedRow(a: Article, entry: RelatedEntry) {
  return {
    id: a.id,
    url: a.url,
    title: a.title,
    source: a.source,
    published: toIso(a.published),
    origin: a.origin,
    story_id: a.storyId,
    duplicate_of: a.duplicateOf,
    score: Math.round(entry.score * 1e4) / 1e4,
  };
}

export function storyRow(s: Story) {
  return { id: s.id, title: s.title, articles: s.articles, sources: s.sources, first_seen: toIso(s.firstSeen), last_seen: toIso(s.lastSeen) };
}

/**
 * Stored text as one line of terminal output: control characters (escape sequences that retitle or clear a
 * terminal, line breaks that forge a line) become spaces, one for one, so highlight offsets still fit.
 */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
}

/** A count with its English noun for human output: `1 article`, `2 articles`, `1 copy`, `3 copies`. */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** A date for human output: `2015-08-03 20:17`. */
export function shortTime(ms: number | null): string {
  return ms === null ? '—' : new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

export function parseLimit(value: string, max = 10_000): number {
  const n = parseWholeNumber(value);
  if (n === null || n < 1 || n > max) throw new RangeError(`--limit must be an integer from 1 to ${max}, not ${value}`);
  return n;
}
