import type { ArticleInput } from '../core/types.js';
import { parseIsoLike } from '../core/time.js';
import { parseFeedDate } from '../feeds/dates.js';
import { decodeHTML } from 'entities';

/**
 * Turns one JSON line of an import file into an ArticleInput. Three formats are recognised per line:
 *  - Sada's own: `url, source, title, text, published` (+ optional `author, summary, category, tags, image, lang, external_id`)
 *  - SaudiNewsNet: `source, url, date_extracted, title, author, content`
 *  - ANT multi-source: `docno, url, source, category, title, published, author, abstract, content`
 */
export type ImportFormat = 'sada' | 'saudinewsnet' | 'ant';

export type RecordResult =
  | { ok: true; format: ImportFormat; article: ArticleInput }
  | { ok: false; reason: string; skip?: boolean };

export function parseImportLine(line: string): RecordResult {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'not a JSON object' };
  return recordToArticle(value as Record<string, unknown>);
}

export function detectFormat(r: Record<string, unknown>): ImportFormat | null {
  if ('docno' in r && 'content' in r) return 'ant';
  if ('content' in r && ('date_extracted' in r || !('text' in r))) return 'saudinewsnet';
  if ('text' in r) return 'sada';
  return null;
}

export function recordToArticle(r: Record<string, unknown>): RecordResult {
  const format = detectFormat(r);
  if (!format) return { ok: false, reason: 'unknown format: expected a `text` (Sada) or `content` (SaudiNewsNet/ANT) field' };
  const url = str(r.url);
  if (!url) return { ok: false, reason: 'missing `url`' };
  if (!isHttpUrl(url)) return { ok: false, reason: `\`url\` is not an absolute http(s) URL: ${url.slice(0, 200)}` };
  const source = str(r.source);
  if (!source) return { ok: false, reason: 'missing `source`' };
  const slug = sourceSlug(source);
  if (!slug) return { ok: false, reason: `\`source\` has no usable characters: ${source.slice(0, 100)}` };
  const title = scraped(format, str(r.title)) ?? '';
  const text = (format === 'sada' ? str(r.text) : str(r.content)) ?? '';
  if (!title.trim() && !text.trim()) return { ok: false, reason: 'neither title nor text', skip: true };

  // a `content` line without SaudiNewsNet's date_extracted is dated by its `published`, not left undated
  const dateField = format === 'saudinewsnet' && r.date_extracted !== undefined ? r.date_extracted : r.published;
  let published: number | null = null;
  if (typeof dateField === 'number') {
    // Epoch ms; beyond ±8.64e15 no Date holds it (and every place that shows the date would throw).
    if (!(Math.abs(dateField) <= MAX_DATE_MS)) return { ok: false, reason: `unreadable date: ${dateField}` };
    // Whole milliseconds, as a Date holds them (a stored fraction made every keyset cursor past it invalid).
    published = Math.trunc(dateField) + 0;
  } else if (typeof dateField === 'string' && dateField.trim()) {
    // ISO first (exact, any year), then every form feeds write (RFC 822 as ANT has it, Arabic month names …)
    published = parseIsoLike(dateField) ?? parseFeedDate(dateField);
    if (published === null) return { ok: false, reason: `unreadable date: ${dateField.slice(0, 80)}` };
  }

  const tags = Array.isArray(r.tags) ? r.tags.filter((t): t is string => typeof t === 'string' && t.trim() !== '') : [];
  return {
    ok: true,
    format,
    article: {
      url,
      source: slug,
      title: title.trim(),
      text,
      published,
      author: scraped(format, str(r.author))?.trim() || null,
      summary: (format === 'ant' ? str(r.abstract) : str(r.summary))?.trim() || null,
      category: str(r.category)?.trim() || null,
      tags,
      image: str(r.image) ?? null,
      lang: str(r.lang) ?? null,
      externalId: (format === 'ant' ? str(r.docno) : str(r.external_id)) ?? null,
    },
  };
}

/** Source names become lower-case slugs; Arabic letters are kept. */
export function sourceSlug(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .trim()
    .replace(/[\s/\\]+/g, '-')
    .replace(/[^\p{L}\p{N}._-]/gu, '')
    .slice(0, 64);
}

/** The largest distance from the epoch, in ms, that a JavaScript Date can represent. */
const MAX_DATE_MS = 8.64e15;

/**
 * SaudiNewsNet's titles and bylines were scraped from HTML and keep its character references
 * (`&#8220;موسوعة خطب الجمعة&#8221;`, `&nbsp;أ ف ب`): decoded, or the reader shows them as typed. Its
 * `content`, Sada's and ANT's fields are plain text and are not touched.
 */
function scraped(format: ImportFormat, value: string | null): string | null {
  return format === 'saudinewsnet' && value?.includes('&') ? decodeHTML(value) : value;
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
