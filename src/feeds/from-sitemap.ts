import { XMLParser } from 'fast-xml-parser';
import { decodeHTML } from 'entities';
import type { RawItem } from './build-item.js';
import { EMPTY_META } from './feed-meta.js';
import type { Adapted } from './from-rss.js';
import { parseFeedDate } from './dates.js';
import type { SitemapRef } from './types.js';
import { resolveHttpUrl } from './urls.js';

/**
 * Standard sitemaps (`<urlset>`), Google News sitemaps (the news: and image: extensions inside `<url>`) and
 * sitemap indexes (`<sitemapindex>`). Entities are never processed by the XML parser (the document was
 * prepared by `prepareXml`); text values are decoded here with the HTML entity table.
 */
const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (name) => ['url', 'sitemap', 'image', 'news'].includes(name),
  transformTagName: (name) => name.toLowerCase(),
});

type Node = Record<string, unknown>;

interface SitemapUrl {
  loc?: unknown;
  lastmod?: unknown;
  news?: Node[];
  image?: Node[];
}

export function parseSitemapTree(xml: string): Node {
  return parser.parse(xml) as Node;
}

export function fromSitemap(tree: Node, url: string): Adapted<SitemapUrl> {
  const urlset = (tree['urlset'] ?? {}) as Node;
  return {
    meta: { ...EMPTY_META },
    entries: Array.isArray(urlset['url']) ? (urlset['url'] as SitemapUrl[]) : [],
    toRawItem: (entry): RawItem => {
      const news = (entry.news?.[0] ?? {}) as Node;
      const publication = (news['publication'] ?? {}) as Node;
      const keywords = value(news['keywords']);
      return {
        base: url,
        guid: value(entry.loc),
        links: [value(entry.loc)],
        title: value(news['title']),
        published: [value(news['publication_date'])],
        updated: [value(entry.lastmod)],
        categories: keywords ? keywords.split(/[,،]/).map((k) => k.trim()) : [],
        images: (entry.image ?? []).map((image) => value(image['loc'])),
        lang: value(publication['language']),
        alwaysPartial: true,
      };
    },
  };
}

/** Child sitemaps of a `<sitemapindex>`; entries without a valid http(s) loc are skipped. */
export function sitemapRefs(tree: Node, url: string, defaultOffsetMinutes: number): SitemapRef[] {
  const index = (tree['sitemapindex'] ?? {}) as Node;
  const entries = Array.isArray(index['sitemap']) ? (index['sitemap'] as Node[]) : [];
  const refs: SitemapRef[] = [];
  for (const entry of entries) {
    const loc = resolveHttpUrl(value(entry['loc']), url);
    if (loc) refs.push({ url: loc, lastmod: parseFeedDate(value(entry['lastmod']), { defaultOffsetMinutes }) });
  }
  return refs;
}

/** Text of a node: strings as they are, CDATA unwrapped, entities decoded. */
function value(node: unknown): string | null {
  if (node === undefined || node === null) return null;
  if (typeof node === 'object') return value((node as Node)['#text']);
  let text = String(node);
  text = text.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1');
  text = text.includes('&') ? decodeHTML(text) : text;
  return text.trim() || null;
}
