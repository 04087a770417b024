/**
 * JSON-LD as pages really ship it: one object, an array, an `@graph`, nested `mainEntity`, several scripts,
 * and often broken JSON (trailing commas, raw newlines in strings, HTML comments, two objects glued together).
 */

export type JsonObject = Record<string, unknown>;

const ARTICLE_TYPES = /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|BlogPosting|LiveBlogPosting|SocialMediaPosting|TechArticle|ScholarlyArticle|Report|WebPage|ItemPage|AboutPage|Recipe|VideoObject|Review|HowTo)$/;
const ARTICLE_PRIORITY = ['NewsArticle', 'ReportageNewsArticle', 'AnalysisNewsArticle', 'OpinionNewsArticle', 'BackgroundNewsArticle', 'ReviewNewsArticle', 'Article', 'BlogPosting', 'LiveBlogPosting', 'TechArticle', 'ScholarlyArticle', 'Report', 'SocialMediaPosting', 'Recipe', 'Review', 'HowTo', 'VideoObject', 'ItemPage', 'WebPage', 'AboutPage'];

/** Parses one script's text, repairing common breakage; returns [] when nothing can be recovered. */
export function parseJsonLdText(raw: string): unknown[] {
  const text = raw.replace(/^\s*<!--/, '').replace(/-->\s*$/, '').replace(/^\s*\/\/<!\[CDATA\[/, '').replace(/\/\/\]\]>\s*$/, '').trim();
  if (!text) return [];
  const attempts = [
    text,
    // raw control characters inside strings and trailing commas
    text.replace(/[\u0000-\u001f]+/g, ' ').replace(/,\s*([}\]])/g, '$1'),
    // two top-level objects glued together: wrap into an array
    `[${text.replace(/[\u0000-\u001f]+/g, ' ').replace(/,\s*([}\]])/g, '$1').replace(/}\s*{/g, '},{')}]`,
  ];
  for (const attempt of attempts) {
    try {
      const value: unknown = JSON.parse(attempt);
      return Array.isArray(value) ? value : [value];
    } catch {
      // try the next repair
    }
  }
  return [];
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function typesOf(node: JsonObject): string[] {
  const t = node['@type'];
  if (typeof t === 'string') return [t.replace(/^https?:\/\/schema\.org\//, '')];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^https?:\/\/schema\.org\//, ''));
  return [];
}

/** Every object node, flattening arrays, @graph and mainEntity (bounded, so cyclic or huge data cannot hang). */
export function flattenJsonLd(values: unknown[]): JsonObject[] {
  const out: JsonObject[] = [];
  const stack = [...values];
  let budget = 5000;
  while (stack.length > 0 && budget-- > 0) {
    const value = stack.shift();
    if (Array.isArray(value)) {
      stack.unshift(...value);
      continue;
    }
    if (!isObject(value)) continue;
    out.push(value);
    for (const key of ['@graph', 'mainEntity', 'mainEntityOfPage', 'itemListElement']) {
      const inner = value[key];
      if (Array.isArray(inner) || isObject(inner)) stack.push(inner);
    }
  }
  return out;
}

/** The node that describes the article: the most specific article type, ties broken by document order. */
export function pickArticleNode(nodes: JsonObject[]): JsonObject | null {
  let best: JsonObject | null = null;
  let bestRank = Infinity;
  for (const node of nodes) {
    for (const type of typesOf(node)) {
      if (!ARTICLE_TYPES.test(type)) continue;
      const rank = ARTICLE_PRIORITY.indexOf(type);
      // A WebPage only counts when it carries article fields.
      if (rank >= ARTICLE_PRIORITY.indexOf('ItemPage') && !('headline' in node) && !('datePublished' in node)) continue;
      if (rank < bestRank) {
        best = node;
        bestRank = rank;
      }
    }
  }
  return best;
}

/** A string from a value that may be a string, a number, an object with name/@value/url, or an array of those. */
export function stringValue(value: unknown, key: 'name' | 'url' = 'name'): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    for (const v of value) {
      const s = stringValue(v, key);
      if (s) return s;
    }
    return null;
  }
  if (isObject(value)) {
    const v = value[key] ?? value['@value'] ?? value['@id'];
    return typeof v === 'string' ? v.trim() || null : null;
  }
  return null;
}

/** All names from a value such as `author` (string, object, array of either; comma lists split later). */
export function stringList(value: unknown, key: 'name' | 'url' = 'name'): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => stringList(v, key));
  const s = stringValue(value, key);
  return s ? [s] : [];
}

/** Looks up a node referenced by `@id` (publisher, author in @graph pages). */
export function resolveRef(value: unknown, nodes: JsonObject[]): unknown {
  if (isObject(value) && typeof value['@id'] === 'string' && Object.keys(value).length === 1) {
    return nodes.find((n) => n['@id'] === value['@id'] && Object.keys(n).length > 1) ?? value;
  }
  if (Array.isArray(value)) return value.map((v) => resolveRef(v, nodes));
  return value;
}
