import type { DetectedFormat } from './types.js';

/**
 * Recognises a document from its first element (or its JSON shape) without parsing it: feeds, sitemaps,
 * OPML and HTML pages. Prolog items (BOM, XML declaration, comments, processing instructions, DOCTYPE)
 * are skipped. `contentType` only breaks ties (HTML served without a doctype).
 */
export function detectFormat(text: string, contentType?: string | null): DetectedFormat {
  const head = text.slice(0, 64 * 1024).replace(/^\uFEFF/, '');
  const trimmed = head.trimStart();
  if (trimmed.startsWith('{')) return looksLikeJsonFeed(text) ? 'json' : 'unknown';
  const root = rootElement(trimmed);
  if (root === null) return /html/i.test(contentType ?? '') && /<html|<body|<head/i.test(head) ? 'html' : 'unknown';
  const local = root.includes(':') ? root.slice(root.indexOf(':') + 1) : root;
  switch (local) {
    case 'rss':
      return 'rss';
    case 'rdf':
      return 'rdf';
    case 'feed':
      return 'atom';
    case 'urlset':
      return 'sitemap';
    case 'sitemapindex':
      return 'sitemap-index';
    case 'opml':
      return 'opml';
    case 'html':
    case 'head':
    case 'body':
      return 'html';
    default:
      return 'unknown';
  }
}

/** Lower-case name of the first element after the prolog, `html` for an HTML doctype, or null. */
function rootElement(text: string): string | null {
  let i = 0;
  for (let guard = 0; guard < 1000; guard++) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i);
      if (end < 0) return null;
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i);
      if (end < 0) return null;
      i = end + 3;
    } else if (/^<!doctype/i.test(text.slice(i, i + 9))) {
      if (/^<!doctype\s+html/i.test(text.slice(i, i + 20))) return 'html';
      const end = doctypeEnd(text, i);
      if (end < 0) return null;
      i = end;
    } else {
      const m = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(i, i + 200));
      return m ? m[1]!.toLowerCase() : null;
    }
  }
  return null;
}

function doctypeEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '[') depth++;
    else if (ch === ']') depth--;
    else if (ch === '>' && depth <= 0) return i + 1;
  }
  return -1;
}

function looksLikeJsonFeed(text: string): boolean {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const record = value as Record<string, unknown>;
    const version = typeof record['version'] === 'string' ? record['version'] : '';
    return version.includes('jsonfeed.org') || (Array.isArray(record['items']) && typeof record['title'] === 'string');
  } catch {
    return false;
  }
}
