import { squashSpace, textContent, walkElements, type ElementNode, type ParsedDocument } from './dom.js';
import { flattenJsonLd, parseJsonLdText, pickArticleNode, type JsonObject } from './json-ld.js';

/**
 * Everything the page says about itself outside the article text: <meta> (name, property, itemprop,
 * http-equiv), microdata/RDFa elements carrying dates and authors, <link rel>, <time>, <html lang dir>
 * and JSON-LD. Keys are lower-cased.
 */
export interface PageMeta {
  /** meta name/property/itemprop → contents in document order. */
  values: Map<string, string[]>;
  links: Map<string, string[]>;
  jsonLdNodes: JsonObject[];
  article: JsonObject | null;
  htmlLang: string | null;
  htmlDir: string | null;
  docTitle: string | null;
  /** `<time>` elements: their datetime attribute (or text) and the element. */
  times: { value: string; element: ElementNode }[];
}

const ITEMPROP_TEXT = new Set(['datepublished', 'datemodified', 'datecreated', 'author', 'headline', 'articlesection', 'dc:date', 'dc:created', 'dcterms:created', 'dcterms:modified', 'article:published_time']);

function add(map: Map<string, string[]>, key: string, value: string | undefined): void {
  if (value === undefined) return;
  const clean = value.trim();
  if (!clean) return;
  const k = key.toLowerCase().trim();
  const list = map.get(k);
  if (list) list.push(clean);
  else map.set(k, [clean]);
}

export function collectMeta(doc: ParsedDocument): PageMeta {
  const values = new Map<string, string[]>();
  const links = new Map<string, string[]>();
  const times: { value: string; element: ElementNode }[] = [];
  let docTitle: string | null = null;
  walkElements(doc.root, (el) => {
    const a = el.attrs;
    switch (el.tag) {
      case 'script':
      case 'style':
      case 'svg':
        return false;
      case 'meta': {
        const content = a.content ?? a.value;
        for (const key of [a.name, a.property, a.itemprop, a['http-equiv']]) {
          if (key) for (const k of key.split(/\s+/)) add(values, k, content);
        }
        return;
      }
      case 'link':
        if (a.rel && a.href) for (const rel of a.rel.toLowerCase().split(/\s+/)) add(links, rel, a.href);
        if (a.itemprop && a.href) add(values, a.itemprop, a.href);
        return;
      case 'title':
        if (docTitle === null && !hasAncestor(el, 'svg')) docTitle = squashSpace(textContent(el));
        return;
      case 'time':
        times.push({ value: a.datetime ?? squashSpace(textContent(el)), element: el });
        break;
    }
    const prop = a.itemprop ?? a.property;
    if (prop) {
      for (const k of prop.toLowerCase().split(/\s+/)) {
        if (!ITEMPROP_TEXT.has(k)) continue;
        const value = a.content ?? a.datetime ?? (k === 'author' ? authorText(el) : squashSpace(textContent(el)).slice(0, 300));
        add(values, k, value);
      }
    }
    return;
  });
  const jsonLdNodes = flattenJsonLd(doc.jsonLd.flatMap((raw) => parseJsonLdText(raw)));
  return {
    values,
    links,
    jsonLdNodes,
    article: pickArticleNode(jsonLdNodes),
    htmlLang: doc.html?.attrs.lang ?? doc.html?.attrs['xml:lang'] ?? null,
    htmlDir: doc.html?.attrs.dir ?? doc.body?.attrs.dir ?? null,
    docTitle,
    times,
  };
}

function hasAncestor(el: ElementNode, tag: string): boolean {
  for (let n = el.parent; n; n = n.parent) if (n.tag === tag) return true;
  return false;
}

/** itemprop=author often wraps a Person with itemprop=name inside. */
function authorText(el: ElementNode): string {
  let name: string | null = null;
  walkElements(el, (child) => {
    if (name === null && child !== el && child.attrs.itemprop === 'name') name = child.attrs.content ?? squashSpace(textContent(child));
  });
  return (name ?? squashSpace(textContent(el))).slice(0, 200);
}

/** First value among the keys, in key order. */
export function firstMeta(meta: PageMeta, ...keys: string[]): string | null {
  for (const key of keys) {
    const v = meta.values.get(key);
    if (v && v.length > 0) return v[0]!;
  }
  return null;
}

export function allMeta(meta: PageMeta, ...keys: string[]): string[] {
  return keys.flatMap((k) => meta.values.get(k) ?? []);
}
