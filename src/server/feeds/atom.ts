/** Atom 1.0 (RFC 4287) documents written as text with every value escaped (see xml.ts). */

import type { FeedDoc } from './feed-doc.js';
import { writableTime, xmlEscape } from './xml.js';

const iso = (ms: number) => writableTime(ms).toISOString();

export function renderAtom(feed: FeedDoc): string {
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
