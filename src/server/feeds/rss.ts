/**
 * RSS 2.0 documents of the same feeds, for readers and clients that take no Atom. Written as text with every
 * value escaped (see xml.ts). RSS says less than Atom about what its elements hold; this follows the RSS
 * Advisory Board's profile: titles, names and categories are plain text, an item's description is HTML (so
 * the plain summary is escaped as HTML first, then as XML), dates are RFC 822 with four-digit years.
 */

import type { FeedDoc } from './feed-doc.js';
import { writableTime, xmlEscape } from './xml.js';

const rfc822 = (ms: number) => writableTime(ms).toUTCString();

/** Plain text as HTML: a summary holding `<b>` must show those characters, not bold type. */
const htmlText = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function renderRss(feed: FeedDoc): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '  <channel>',
    `    <title>${xmlEscape(feed.title)}</title>`,
    `    <link>${xmlEscape(feed.alternate)}</link>`,
    // required; the feeds have no subtitle yet, and the title says what the channel is
    `    <description>${xmlEscape(feed.subtitle || feed.title)}</description>`,
    '    <language>ar</language>',
    `    <lastBuildDate>${rfc822(feed.updated)}</lastBuildDate>`,
    `    <atom:link rel="self" type="application/rss+xml" href="${xmlEscape(feed.self)}"/>`,
    '    <generator>Sada</generator>',
  ];
  for (const e of feed.entries) {
    out.push(
      '    <item>',
      `      <title>${xmlEscape(e.title || '—')}</title>`,
      `      <link>${xmlEscape(e.link)}</link>`,
      // every entry id is the page's own address today; an id that is not the link must not be followed
      `      <guid isPermaLink="${e.id === e.link}">${xmlEscape(e.id)}</guid>`,
      // one date per item: when it was published, else the time the lists sort it by
      `      <pubDate>${rfc822(e.published ?? e.updated)}</pubDate>`,
    );
    // RSS's <author> must be an e-mail address; Dublin Core's creator is a name
    for (const name of e.authors ?? []) if (name.trim()) out.push(`      <dc:creator>${xmlEscape(name)}</dc:creator>`);
    for (const term of e.categories ?? []) if (term.trim()) out.push(`      <category>${xmlEscape(term)}</category>`);
    if (e.summary) out.push(`      <description>${xmlEscape(htmlText(e.summary))}</description>`);
    out.push('    </item>');
  }
  out.push('  </channel>', '</rss>', '');
  return out.join('\n');
}
