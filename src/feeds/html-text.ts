import { decodeHTML } from 'entities';
import { replaceTags, scanStartTags, withoutOpaqueBlocks } from './html-tags.js';
import { resolveHttpUrl } from './urls.js';

/**
 * Plain text of an HTML fragment from a feed (description, content:encoded): block elements become line
 * breaks, other tags disappear, entities are decoded, and spaces are collapsed within each line. Letters are
 * never changed — Arabic text keeps its diacritics, tatweel and punctuation exactly as published.
 */
export function htmlToText(html: string | null | undefined): string {
  if (!html) return '';
  if (!/[<&]/.test(html)) return tidyLines(html);
  let text = withoutOpaqueBlocks(html);
  text = replaceTags(text, /<\/?(?:p|div|br|li|ul|ol|h[1-6]|blockquote|tr|table|section|article|figure|figcaption|header|footer|pre|hr|dd|dt|dl)\b[^>]*>/gi, '\n');
  // no `<` outside quotes inside a tag: a tag that never ends (an unclosed quote) was otherwise read again from
  // each `<` in it, to its end (quadratic: a feed description of `<x…<x…'>` kept a process busy for minutes)
  text = replaceTags(text, /<\/?[A-Za-z][^<>"']*(?:(?:"[^"]*"|'[^']*')[^<>"']*)*>/g, '');
  text = replaceTags(text, /<[!?][^>]*>/g, '');
  return tidyLines(decodeHTML(text));
}

/** Collapses horizontal whitespace (including no-break space) in each line and drops empty lines. */
function tidyLines(text: string): string {
  return text
    .split(/\r?\n|\r|\u2028|\u2029/)
    .map((line) => line.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** Number of letters and digits, a length measure that ignores markup-like leftovers and spacing. */
export function contentLength(text: string): number {
  return text.replace(/[^\p{L}\p{N}]+/gu, '').length;
}

/** URL of the first real image in an HTML fragment (no data: URIs, no 1×1 tracking pixels). */
export function firstImage(html: string | null | undefined, base: string): string | null {
  if (!html || !/<img/i.test(html)) return null;
  for (const tag of scanStartTags(html, new Set(['img']), 50)) {
    const { width, height } = tag.attrs;
    if (width === '1' || height === '1') continue;
    const src = tag.attrs['src'] ?? tag.attrs['data-src'];
    const url = src ? resolveHttpUrl(src, base) : null;
    if (url) return url;
  }
  return null;
}

/**
 * Plain text as HTML that reads back as the same text: for fields a format defines as text (Atom's
 * type="text", JSON Feed's summary), which the item builder reads as HTML like RSS's.
 */
export function textAsHtml(value: string): string;
export function textAsHtml(value: string | undefined): string | undefined;
export function textAsHtml(value: string | undefined): string | undefined {
  return value?.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/**
 * Text that should be plain but often carries HTML entities (JSON Feed titles, names and tags: WordPress
 * writes `&#8217;` into them): a `<` stays text, so «5 < 7 و<b>» keeps its tag-like words, while entities
 * still decode as the publisher meant.
 */
export function textWithEntities(value: string): string;
export function textWithEntities(value: string | undefined): string | undefined;
export function textWithEntities(value: string | undefined): string | undefined {
  return value?.replace(/</g, '&lt;');
}
