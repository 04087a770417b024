import { squashSpace, textContent, walkElements, type ElementNode } from './dom.js';
import { resolveRef, stringList, stringValue, typesOf } from './json-ld.js';
import { allMeta, firstMeta, type PageMeta } from './meta.js';
import { dateFromUrl, parseMachineDate, parseTextDate, type ParsedDate } from './dates.js';

/** Metadata fields other than the title, each from the most reliable source the page offers. */

export function resolveUrl(href: string | null | undefined, base: string): string | null {
  if (!href) return null;
  const clean = href.trim();
  if (!clean || /^(javascript|data|mailto|tel):/i.test(clean)) return null;
  try {
    const u = new URL(clean, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export function canonicalUrl(meta: PageMeta, url: string): string {
  const article = meta.article;
  const candidates = [
    meta.links.get('canonical')?.[0],
    firstMeta(meta, 'og:url', 'twitter:url'),
    article ? stringValue(article.url, 'url') ?? stringValue(article.mainEntityOfPage, 'url') : null,
  ];
  for (const c of candidates) {
    const resolved = resolveUrl(c, url);
    if (resolved) return resolved.replace(/#.*$/, '');
  }
  return url;
}

const PUBLISHED_KEYS = [
  'article:published_time', 'article:published', 'og:published_time', 'datepublished', 'publishdate', 'publish-date',
  'publish_date', 'pubdate', 'dc.date.issued', 'dcterms.issued', 'dc.date', 'dcterms.date', 'dc:date', 'dcterms.created',
  'dc:created', 'dcterms:created', 'datecreated', 'sailthru.date', 'parsely-pub-date', 'article.published', 'date',
  'originalpublicationdate', 'publication_date', 'release_date', 'cxenseparse:recs:publishtime', 'og:article:published_time',
];
const MODIFIED_KEYS = ['article:modified_time', 'og:updated_time', 'datemodified', 'dcterms.modified', 'dcterms:modified', 'last-modified', 'article.updated', 'og:article:modified_time', 'lastmod'];

/** Classes and ids of elements that print the article's date. */
const DATE_CLASS = /(date|time|publish|posted|updated|byline|meta|info|تاريخ)/i;

export interface DateOptions {
  now?: number;
  /** Where to look for a visible date first (the article container). */
  container?: ElementNode | null;
  /** Elements around the headline, where templates print the date. */
  headlineArea?: ElementNode | null;
  /** The headline element: short texts right after it are where the date line usually is. */
  headline?: ElementNode | null;
}

function visibleDate(root: ElementNode | null | undefined, now: number | undefined): ParsedDate | null {
  if (!root) return null;
  let found: ParsedDate | null = null;
  let checked = 0;
  walkElements(root, (el) => {
    if (found || checked > 400) return false;
    if (el.tag === 'script' || el.tag === 'style' || el.tag === 'nav' || el.tag === 'a') return false;
    const names = `${el.attrs.class ?? ''} ${el.attrs.id ?? ''}`;
    if (el.tag === 'time' || DATE_CLASS.test(names)) {
      checked++;
      const text = squashSpace(textContent(el));
      if (text.length > 0 && text.length < 300) found = parseMachineDate(el.attrs.datetime) ?? parseTextDate(text, now);
      if (found) return false;
    }
    return;
  });
  return found;
}

export function publishedDate(meta: PageMeta, url: string, options: DateOptions): ParsedDate | null {
  const article = meta.article;
  const fromLd = article ? parseMachineDate(stringValue(article.datePublished) ?? stringValue(article.dateCreated) ?? stringValue(article.uploadDate)) : null;
  if (fromLd) return fromLd;
  for (const key of PUBLISHED_KEYS) {
    for (const v of meta.values.get(key) ?? []) {
      const d = parseMachineDate(v);
      if (d) return d;
    }
  }
  // <time> inside the article or marked as the publication time
  const marked = meta.times.find((t) => t.element.attrs.pubdate !== undefined || /publish|posted|created/i.test(`${t.element.attrs.class ?? ''} ${t.element.attrs.itemprop ?? ''}`));
  const timeInArticle = options.container ? meta.times.find((t) => isInside(t.element, options.container!)) : undefined;
  for (const t of [marked, timeInArticle, meta.times[0]]) {
    const d = t ? parseMachineDate(t.value) ?? parseTextDate(t.value, options.now) : null;
    if (d) return d;
  }
  return visibleDate(options.headlineArea, options.now) ?? dateAfterHeadline(options.headline, options.now) ?? visibleDate(options.container, options.now) ?? dateFromUrl(url);
}

/** Looks at the few short elements that follow the headline (and its parent): the usual place of the date line. */
function dateAfterHeadline(headline: ElementNode | null | undefined, now: number | undefined): ParsedDate | null {
  for (let el = headline, level = 0; el && el.parent && level < 2; el = el.parent, level++) {
    const siblings = el.parent.children;
    let seen = 0;
    for (let i = siblings.indexOf(el) + 1; i < siblings.length && seen < 5; i++) {
      const sibling = siblings[i]!;
      const text = squashSpace(sibling.kind === 3 ? sibling.text : textContent(sibling));
      if (!text) continue;
      seen++;
      if (text.length > 300) continue;
      const found = parseTextDate(text, now);
      if (found) return found;
    }
  }
  return null;
}

export function modifiedDate(meta: PageMeta): ParsedDate | null {
  const article = meta.article;
  const fromLd = article ? parseMachineDate(stringValue(article.dateModified)) : null;
  if (fromLd) return fromLd;
  for (const key of MODIFIED_KEYS) {
    for (const v of meta.values.get(key) ?? []) {
      const d = parseMachineDate(v);
      if (d) return d;
    }
  }
  return null;
}

function isInside(node: ElementNode, ancestor: ElementNode): boolean {
  for (let n: ElementNode | null = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

const BYLINE_PREFIX = /^(by|from|written by|بقلم|كتب|كتبت|كتبه|إعداد|اعداد|تقرير|تحرير|حوار|ترجمة|من)\s*[:：]?\s+/iu;

/** Splits "A, B and C" lists; Arabic names joined by و are left whole (و also starts names such as وليد). */
export function cleanAuthorNames(raw: string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const value of raw) {
    for (const part of value.split(/\s*(?:,|،|;|\band\b|&|\|)\s*/i)) {
      let name = squashSpace(part).replace(BYLINE_PREFIX, '').trim();
      if (!name || /^https?:\/\//.test(name) || name.length > 80 || /\d{3,}/.test(name)) continue;
      if (name.split(/\s+/).length > 6) continue;
      name = name.replace(/^@/, '');
      const key = name.toLowerCase();
      if (!seen.has(key)) {
        seen.add(key);
        out.push(name);
      }
    }
  }
  return out;
}

export function authors(meta: PageMeta, root: ElementNode): string[] {
  const article = meta.article;
  if (article) {
    const names = stringList(resolveRef(article.author, meta.jsonLdNodes)).concat(stringList(resolveRef(article.creator, meta.jsonLdNodes)));
    const clean = cleanAuthorNames(names);
    if (clean.length > 0) return clean;
  }
  const fromMeta = cleanAuthorNames(allMeta(meta, 'author', 'article:author', 'byl', 'parsely-author', 'sailthru.author', 'dc.creator', 'dcterms.creator', 'citation_author'));
  if (fromMeta.length > 0) return fromMeta;
  let byline: string | null = null;
  walkElements(root, (el) => {
    if (byline !== null) return false;
    if (el.tag === 'script' || el.tag === 'style') return false;
    const rel = el.attrs.rel;
    const names = `${el.attrs.class ?? ''} ${el.attrs.id ?? ''}`;
    if (rel === 'author' || /(^|[\s_-])(byline|author|author-name|writer)([\s_-]|$)/i.test(names)) {
      const text = squashSpace(textContent(el));
      if (text.length >= 3 && text.length <= 80) byline = text;
      return false;
    }
    return;
  });
  return byline ? cleanAuthorNames([byline]) : [];
}

export function leadImage(meta: PageMeta, url: string, container: ElementNode | null): string | null {
  const article = meta.article;
  const ldImage = article ? stringValue(resolveRef(article.image, meta.jsonLdNodes), 'url') ?? stringValue(article.thumbnailUrl, 'url') : null;
  const candidates = [firstMeta(meta, 'og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'twitter:image:src'), ldImage, meta.links.get('image_src')?.[0], firstMeta(meta, 'image', 'thumbnailurl')];
  for (const c of candidates) {
    const resolved = resolveUrl(c, url);
    if (resolved) return resolved;
  }
  // The body container often excludes the lead image printed just above it: look a few levels up.
  let img: string | null = null;
  for (let scope = container, level = 0; scope && !img && level < 4 && scope.tag !== 'body'; scope = scope.parent, level++) {
    walkElements(scope, (el) => {
      if (img) return false;
      if (el.tag === 'img') img = resolveUrl(el.attrs['data-src'] ?? el.attrs.src, url);
      return;
    });
  }
  return img;
}

export function siteNames(meta: PageMeta): string[] {
  const publisher = meta.article ? resolveRef(meta.article.publisher, meta.jsonLdNodes) : null;
  const org = meta.jsonLdNodes.find((n) => typesOf(n).some((t) => t === 'Organization' || t === 'NewsMediaOrganization' || t === 'WebSite'));
  return [
    firstMeta(meta, 'og:site_name'),
    stringValue(publisher),
    org ? stringValue(org.name) : null,
    firstMeta(meta, 'application-name', 'apple-mobile-web-app-title', 'twitter:site'),
  ].filter((s): s is string => Boolean(s)).map((s) => s.replace(/^@/, ''));
}

export function section(meta: PageMeta): string | null {
  const article = meta.article;
  const fromLd = article ? stringValue(article.articleSection) : null;
  return fromLd ?? firstMeta(meta, 'article:section', 'articlesection', 'section', 'parsely-section', 'sailthru.section', 'category', 'og:section');
}

export function tags(meta: PageMeta): string[] {
  const article = meta.article;
  const raw: string[] = allMeta(meta, 'article:tag', 'news_keywords', 'parsely-tags', 'sailthru.tags');
  if (article) {
    const kw = article.keywords;
    if (typeof kw === 'string') raw.push(kw);
    else raw.push(...stringList(kw));
  }
  if (raw.length === 0) raw.push(...allMeta(meta, 'keywords'));
  const out: string[] = [];
  const seen = new Set<string>();
  for (const value of raw) {
    for (const part of value.split(/\s*[,،;]\s*/)) {
      const tag = squashSpace(part);
      if (!tag || tag.length > 60 || seen.has(tag.toLowerCase())) continue;
      seen.add(tag.toLowerCase());
      out.push(tag);
    }
  }
  return out.slice(0, 50);
}

const RTL_LANGS = new Set(['ar', 'fa', 'ur', 'he', 'iw', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb', 'ku-arab']);

/** Share of letters that are Arabic script, from a sample. */
function arabicShare(text: string): number {
  let arabic = 0;
  let letters = 0;
  const sample = text.slice(0, 4000);
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c >= 0x0600 && c <= 0x06ff) || (c >= 0x0750 && c <= 0x077f) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff)) {
      arabic++;
      letters++;
    } else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c < 0x0600)) letters++;
  }
  return letters ? arabic / letters : 0;
}

export function language(meta: PageMeta, text: string): { lang: string | null; dir: 'rtl' | 'ltr' | null } {
  const article = meta.article;
  const locale = firstMeta(meta, 'og:locale')?.replace('_', '-') ?? null;
  const declared = meta.htmlLang ?? firstMeta(meta, 'content-language', 'language', 'dc.language') ?? (article ? stringValue(article.inLanguage) : null) ?? locale;
  let lang = declared ? declared.trim().split(/[\s,;]/)[0]!.replace('_', '-') : null;
  const share = arabicShare(text);
  // Many Arabic sites ship an English template default (lang="en"); the text decides then.
  if (share > 0.6 && (!lang || !RTL_LANGS.has(lang.toLowerCase().split('-')[0]!))) lang = 'ar';
  if (!lang && text.length > 0) lang = null;
  const declaredDir = meta.htmlDir?.toLowerCase();
  const base = lang?.toLowerCase().split('-')[0];
  const dir = declaredDir === 'rtl' || declaredDir === 'ltr' ? declaredDir : base ? (RTL_LANGS.has(base) ? 'rtl' : 'ltr') : share > 0.6 ? 'rtl' : null;
  return { lang, dir: share > 0.6 ? 'rtl' : dir };
}
