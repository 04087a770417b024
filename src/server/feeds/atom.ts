/**
 * Atom 1.0 (RFC 4287) documents written as text with every value escaped. Strings from feeds and pages are
 * hostile: characters XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE/FFFF) are removed before
 * escaping, so the output always parses.
 */

export interface AtomEntry {
  /** Permanent IRI identifying the entry. */
  id: string;
  title: string;
  /** Epoch ms. */
  updated: number;
  published?: number | null;
  /** The page the entry points to. */
  link: string;
  authors?: string[];
  summary?: string;
  categories?: string[];
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  updated: number;
  /** This document's own URL. */
  self: string;
  /** The HTML page showing the same list. */
  alternate: string;
  entries: AtomEntry[];
}

const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlEscape(value: string): string {
  return value
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** RFC 3339 has four-digit years only: earlier or later times are written as the nearest it can say. */
const FIRST_MS = Date.parse('0000-01-01T00:00:00.000Z');
const LAST_MS = Date.parse('9999-12-31T23:59:59.999Z');
const iso = (ms: number) => new Date(Math.min(LAST_MS, Math.max(FIRST_MS, ms))).toISOString();

export function renderAtom(feed: AtomFeed): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">',
    `  <id>${xmlEscape(feed.id)}</id>`,
    `  <title type="text">${xmlEscape(feed.title)}</title>`,
  ];
  if (feed.subtitle) out.push(`  <subtitle type="text">${xmlEscape(feed.subtitle)}</subtitle>`);
  out.push(
    `  <updated>${iso(feed.updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(feed.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(feed.alternate)}"/>`,
    '  <author><name>صدى</name></author>',
    '  <generator>Sada</generator>',
  );
  for (const e of feed.entries) {
    out.push(
      '  <entry>',
      `    <id>${xmlEscape(e.id)}</id>`,
      `    <title type="text">${xmlEscape(e.title || '—')}</title>`,
      `    <updated>${iso(e.updated)}</updated>`,
    );
    if (e.published != null) out.push(`    <published>${iso(e.published)}</published>`);
    out.push(`    <link rel="alternate" type="text/html" href="${xmlEscape(e.link)}"/>`);
    for (const name of e.authors ?? []) if (name.trim()) out.push(`    <author><name>${xmlEscape(name)}</name></author>`);
    for (const term of e.categories ?? []) if (term.trim()) out.push(`    <category term="${xmlEscape(term)}"/>`);
    if (e.summary) out.push(`    <summary type="text">${xmlEscape(e.summary)}</summary>`);
    out.push('  </entry>');
  }
  out.push('</feed>', '');
  return out.join('\n');
}
