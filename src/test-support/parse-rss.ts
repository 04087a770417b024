import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** RFC 822 as RSS 2.0 uses it: four-digit years, GMT. */
export const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

export interface RssItem {
  title: string;
  link: string;
  guid: { '#text': string; '@_isPermaLink': string };
  pubDate: string;
  description?: string;
  'dc:creator'?: string[];
  category?: string[];
}

export interface RssChannel {
  title: string;
  link: string;
  description: string;
  language: string;
  lastBuildDate: string;
  'atom:link': { '@_rel': string; '@_type': string; '@_href': string };
  item?: RssItem[];
}

/** Parses with a real XML parser and checks what RSS 2.0 requires of a channel and its items. */
export function parseRss(xml: string): RssChannel {
  const valid = XMLValidator.validate(xml);
  assert.equal(valid, true, JSON.stringify(valid));
  const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, parseAttributeValue: false, isArray: (name) => ['item', 'dc:creator', 'category'].includes(name) });
  const doc = parser.parse(xml) as { rss: { '@_version': string; '@_xmlns:atom': string; channel: RssChannel } };
  assert.equal(doc.rss['@_version'], '2.0');
  assert.equal(doc.rss['@_xmlns:atom'], 'http://www.w3.org/2005/Atom');
  const channel = doc.rss.channel;
  assert.ok(channel.title && channel.link && channel.description);
  assert.equal(channel.language, 'ar');
  assert.match(channel.lastBuildDate, RFC822);
  assert.equal(channel['atom:link']['@_rel'], 'self');
  assert.equal(channel['atom:link']['@_type'], 'application/rss+xml');
  const guids = new Set<string>();
  for (const item of channel.item ?? []) {
    assert.ok(item.title, 'every item has a title');
    assert.ok(!guids.has(item.guid['#text']), 'guids are unique');
    guids.add(item.guid['#text']);
    assert.match(item.pubDate, RFC822);
  }
  return channel;
}
