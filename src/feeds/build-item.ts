import { parseFeedDate } from './dates.js';
import { contentLength, firstImage, htmlToText } from './html-text.js';
import type { Enclosure, FeedItem } from './types.js';
import { resolveHttpUrl } from './urls.js';

/** Fields of one item as a format adapter found them, before normalisation. */
export interface RawItem {
  /** Base URL for this item's links (feed URL with xml:base applied). */
  base: string;
  guid?: string | null | undefined;
  /** Candidate article links, best first. */
  links?: Array<string | null | undefined>;
  /** The guid may serve as the link (RSS isPermaLink, which defaults to true). */
  guidIsPermalink?: boolean;
  title?: string | null | undefined;
  published?: Array<string | null | undefined>;
  updated?: Array<string | null | undefined>;
  authors?: Array<string | null | undefined>;
  categories?: Array<string | null | undefined>;
  contentHtml?: string | null | undefined;
  /** Plain-text content (JSON Feed content_text): never parsed as HTML. */
  contentText?: string | null | undefined;
  summaryHtml?: string | null | undefined;
  images?: Array<string | null | undefined>;
  enclosures?: Array<{ url?: string | null | undefined; type?: string | null | undefined; length?: number | null | undefined }>;
  lang?: string | null | undefined;
  /** Sitemap entries never carry the article text. */
  alwaysPartial?: boolean;
}

export interface BuildContext {
  defaultOffsetMinutes: number;
  fullTextMinChars: number;
}

/** Endings that say the body is cut short: "…", "[...]", "read more", "اقرأ المزيد", ... */
const TRUNCATION_MARK = /(?:\.{3}|…|\[\s*(?:\.{3}|…)?\s*\]|read more|continue reading|اقرأ المزيد|إقرأ المزيد|قراءة المزيد|تابع القراءة|للمزيد|المزيد)\s*[»›>\]]?\s*$/i;

export function buildItem(raw: RawItem, ctx: BuildContext): FeedItem {
  const guid = clean(raw.guid);
  let link = firstHttpUrl(raw.links ?? [], raw.base);
  if (!link && guid && raw.guidIsPermalink !== false) link = resolveHttpUrl(guid, raw.base);

  const contentHtml = nonBlank(raw.contentHtml);
  const summaryHtml = nonBlank(raw.summaryHtml);
  const contentText = contentHtml ? htmlToText(contentHtml) : tidy(raw.contentText);
  const summaryText = summaryHtml ? htmlToText(summaryHtml) : '';
  const text = contentText || summaryText;
  const isPartial = raw.alwaysPartial === true || contentLength(text) < ctx.fullTextMinChars || TRUNCATION_MARK.test(text.slice(-40));

  return {
    guid: guid ?? link,
    link,
    title: plainTitle(raw.title),
    published: firstDate(raw.published, ctx),
    updated: firstDate(raw.updated, ctx),
    authors: unique((raw.authors ?? []).map(authorName)),
    categories: unique((raw.categories ?? []).map((c) => (c ? htmlToText(c).replace(/\n/g, ' ') : null))),
    contentHtml,
    summaryHtml,
    text,
    summary: summaryText || null,
    isPartial,
    image: pickImage(raw, contentHtml ?? summaryHtml),
    enclosures: enclosures(raw),
    lang: clean(raw.lang),
  };
}

function clean(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function nonBlank(html: string | null | undefined): string | null {
  return html && html.trim() ? html : null;
}

function tidy(text: string | null | undefined): string {
  return text ? htmlToText(text.replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;'))) : '';
}

function plainTitle(title: string | null | undefined): string | null {
  if (!title) return null;
  const text = htmlToText(title).replace(/\n/g, ' ');
  return text || null;
}

function firstHttpUrl(candidates: Array<string | null | undefined>, base: string): string | null {
  for (const candidate of candidates) {
    const url = resolveHttpUrl(candidate, base);
    if (url) return url;
  }
  return null;
}

function firstDate(values: Array<string | null | undefined> | undefined, ctx: BuildContext): number | null {
  for (const value of values ?? []) {
    const ms = parseFeedDate(value, { defaultOffsetMinutes: ctx.defaultOffsetMinutes });
    if (ms !== null) return ms;
  }
  return null;
}

/** Longest author field read as `address (name)`: five times the longest name kept (MAX_AUTHOR_LENGTH). */
const MAX_ADDRESS_BYLINE = 1500;

/** "editor@site.com (Jane Doe)" → "Jane Doe"; "Jane Doe <editor@site.com>" → "Jane Doe". */
export function authorName(value: string | null | undefined): string | null {
  if (!value) return null;
  let name = htmlToText(value).replace(/\n/g, ' ').trim();
  // `editor@site.com (Jane Doe)` is a short byline; read from a long field, the expression backtracked from
  // every `@` to the end (quadratic: a 1 MB author field of `x@x` took minutes)
  const parenthesised = name.length <= MAX_ADDRESS_BYLINE ? /^\S+@\S+\s*\((.+)\)$/.exec(name) : null;
  if (parenthesised?.[1]) name = parenthesised[1].trim();
  name = withoutTrailingAddress(name).trim();
  return name || null;
}

/**
 * The name without a trailing `<editor@site.com>`: what `/\s*<[^>]*@[^>]*>\s*$/` removes, found without a
 * regular expression, which took minutes from each `<` of an 8 KB author field of `<@` and backtracked over
 * every `@` after it (cubic: one feed item froze the process that read it).
 */
function withoutTrailingAddress(name: string): string {
  const end = name.trimEnd();
  if (!end.endsWith('>')) return name;
  const close = end.length - 1;
  // the earliest `<` the address can start at: the first after the `>` before the last one
  const open = end.indexOf('<', end.lastIndexOf('>', close - 1) + 1);
  if (open === -1 || open >= close || !end.slice(open, close).includes('@')) return name;
  return end.slice(0, open);
}

function unique(values: Array<string | null>): string[] {
  const seen = new Set<string>();
  for (const value of values) if (value) seen.add(value);
  return [...seen];
}

function enclosures(raw: RawItem): Enclosure[] {
  const out: Enclosure[] = [];
  for (const e of raw.enclosures ?? []) {
    const url = resolveHttpUrl(e.url, raw.base);
    if (!url) continue;
    const length = typeof e.length === 'number' && Number.isFinite(e.length) && e.length >= 0 ? e.length : null;
    out.push({ url, type: clean(e.type), length });
  }
  return out;
}

function pickImage(raw: RawItem, bodyHtml: string | null): string | null {
  const explicit = firstHttpUrl(raw.images ?? [], raw.base);
  if (explicit) return explicit;
  const enclosure = (raw.enclosures ?? []).find((e) => e.type?.toLowerCase().startsWith('image/'));
  const fromEnclosure = enclosure ? resolveHttpUrl(enclosure.url, raw.base) : null;
  return fromEnclosure ?? firstImage(bodyHtml, raw.base);
}
