import { squashSpace, textContent, walkElements, type ElementNode } from './dom.js';
import { stringValue } from './json-ld.js';
import { firstMeta, type PageMeta } from './meta.js';

/**
 * The article's headline, not the site's: `<title>` and og:title usually carry " - Site name" or
 * "Site | Section | Headline". The visible <h1> is the best witness when it agrees with the metadata.
 */

/** Comparison form: letters and digits only, lower case, no Arabic diacritics or alef variants. */
export function titleKey(text: string): string {
  return text
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[إأآٱ]/g, 'ا')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const SEPARATORS = /\s+[|\-–—:·•»«/~]\s+|\s*[|•»«]\s*|\s+::\s+/;

function hostWords(url: string): string[] {
  try {
    const host = new URL(url).hostname.replace(/^www\d?\./, '');
    const parts = host.split('.');
    return [host, parts[0] ?? ''].filter((w) => w.length > 1);
  } catch {
    return [];
  }
}

function looksLikeSiteName(segment: string, siteNames: string[], url: string): boolean {
  const key = titleKey(segment);
  if (!key) return true;
  const compact = key.replace(/\s+/g, '');
  for (const name of siteNames) {
    const nk = titleKey(name);
    if (!nk) continue;
    if (key === nk || compact === nk.replace(/\s+/g, '')) return true;
  }
  for (const word of hostWords(url)) {
    const w = word.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
    if (w && (compact === w || compact === `${w}com` || compact.replace(/com$|net$|org$/, '') === w)) return true;
  }
  return false;
}

/** Removes site-name segments; keeps the longest remaining segment when the title has several parts. */
export function cleanTitle(raw: string, siteNames: string[], url: string): string {
  const title = squashSpace(raw);
  const segments = title.split(SEPARATORS).map((s) => s.trim()).filter(Boolean);
  if (segments.length <= 1) return title;
  const kept = segments.filter((s) => !looksLikeSiteName(s, siteNames, url));
  if (kept.length === 0) return title;
  if (kept.length === segments.length) {
    // No part is known as the site name: drop a short last (or first) part, the usual brand position.
    const last = segments[segments.length - 1]!;
    const first = segments[0]!;
    const rest = title.slice(0, title.length - last.length).replace(/[\s|\-–—:·•»«/~]+$/, '');
    if (last.split(/\s+/).length <= 3 && rest.length > last.length * 2) return rest;
    if (first.split(/\s+/).length <= 2 && segments.length > 2) return title.slice(first.length).replace(/^[\s|\-–—:·•»«/~]+/, '');
    return title;
  }
  // Rejoin the parts that are not the site name, in order, with their original separators.
  const start = title.indexOf(kept[0]!);
  const lastKept = kept[kept.length - 1]!;
  const end = title.lastIndexOf(lastKept) + lastKept.length;
  return start >= 0 && end > start ? title.slice(start, end) : kept.join(' - ');
}

/** Visible top-level headings, in document order (at most a few). */
export function headingCandidates(root: ElementNode): string[] {
  const out: string[] = [];
  walkElements(root, (el) => {
    if (out.length >= 8) return false;
    if (el.tag === 'script' || el.tag === 'style' || el.tag === 'nav' || el.tag === 'footer') return false;
    if (el.tag === 'h1' || el.tag === 'h2') {
      const text = squashSpace(textContent(el));
      if (text.length >= 4 && text.length <= 400) out.push(`${el.tag}:${text}`);
      return false;
    }
    return;
  });
  return out;
}

export function similarTitles(a: string, b: string): boolean {
  const ka = titleKey(a);
  const kb = titleKey(b);
  if (!ka || !kb) return false;
  if (ka === kb) return true;
  const [short, long] = ka.length < kb.length ? [ka, kb] : [kb, ka];
  return short.length >= 10 && long.includes(short) && short.length >= long.length * 0.5;
}

export function pickTitle(meta: PageMeta, headings: string[], siteNames: string[], url: string): string {
  const article = meta.article;
  const structured = [
    article ? stringValue(article.headline) ?? stringValue(article.name) : null,
    firstMeta(meta, 'og:title', 'twitter:title', 'title', 'dc.title', 'headline', 'sailthru.title', 'parsely-title'),
    meta.docTitle,
  ].filter((t): t is string => Boolean(t && t.trim()));
  const cleaned = structured.map((t) => cleanTitle(t, siteNames, url));
  const h1s = headings.filter((h) => h.startsWith('h1:')).map((h) => h.slice(3));
  const h2s = headings.filter((h) => h.startsWith('h2:')).map((h) => h.slice(3));
  // The visible headline wins when the metadata confirms it (it is what the reader sees, without brand).
  for (const h of [...h1s, ...h2s]) if (cleaned.some((c) => similarTitles(c, h)) || structured.some((c) => similarTitles(c, h))) return h;
  if (cleaned.length > 0) return cleaned[0]!;
  return h1s[0] ?? '';
}
