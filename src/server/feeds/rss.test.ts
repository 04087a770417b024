import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFeed } from '../../feeds/index.js';
import type { FeedDoc } from './feed-doc.js';
import { renderRss } from './rss.js';
import { parseRss } from '../../test-support/parse-rss.js';

const FEED: FeedDoc = {
  id: 'http://localhost/',
  title: 'صدى: أهم القصص',
  updated: Date.parse('2024-03-10T09:30:00Z'),
  self: 'http://localhost/feeds/top.xml?format=rss',
  alternate: 'http://localhost/',
  entries: [
    {
      id: 'http://localhost/article/7',
      title: 'أمطار غزيرة على الرياض وتعليق الدراسة',
      updated: Date.parse('2024-03-10T09:30:00Z'),
      published: Date.parse('2024-03-10T08:15:00Z'),
      link: 'http://localhost/article/7',
      authors: ['واس', 'سبق (نقلاً عن واس)'],
      summary: 'هطلت أمطار غزيرة على مدينة الرياض صباح اليوم، وأعلنت وزارة التعليم تعليق الدراسة الحضورية.',
      categories: ['محليات'],
    },
    { id: 'http://localhost/article/3', title: 'خبر بلا ملخص', updated: Date.parse('2024-03-09T23:59:59Z'), link: 'http://localhost/article/3' },
  ],
};

test('renderRss: Sada’s own feed parser reads back titles, links, dates, names, categories and Arabic text', () => {
  const xml = renderRss(FEED);
  const channel = parseRss(xml);
  assert.equal(channel['atom:link']['@_href'], FEED.self);
  assert.equal(channel.lastBuildDate, 'Sun, 10 Mar 2024 09:30:00 GMT');
  const parsed = parseFeed(xml, { url: 'http://localhost/feeds/top.xml?format=rss' });
  assert.equal(parsed.format, 'rss');
  assert.equal(parsed.title, FEED.title);
  assert.equal(parsed.homepage, 'http://localhost/');
  assert.equal(parsed.selfUrl, FEED.self);
  assert.equal(parsed.language, 'ar');
  assert.equal(parsed.updated, FEED.updated);
  assert.deepEqual(parsed.warnings, []);
  assert.deepEqual(
    parsed.items.map((i) => ({ guid: i.guid, link: i.link, title: i.title, published: i.published, authors: i.authors, categories: i.categories, summary: i.summary })),
    [
      { guid: 'http://localhost/article/7', link: 'http://localhost/article/7', title: FEED.entries[0]!.title, published: FEED.entries[0]!.published, authors: ['واس', 'سبق (نقلاً عن واس)'], categories: ['محليات'], summary: FEED.entries[0]!.summary },
      // no publication date known: the time the feed sorts it by
      { guid: 'http://localhost/article/3', link: 'http://localhost/article/3', title: 'خبر بلا ملخص', published: FEED.entries[1]!.updated, authors: [], categories: [], summary: null },
    ],
  );
  assert.equal(channel.item?.[0]?.guid['@_isPermaLink'], 'true');
});

test('renderRss: an id that is not the page’s address is no permalink', () => {
  const channel = parseRss(renderRss({ ...FEED, entries: [{ ...FEED.entries[1]!, id: 'tag:sada,2024:3' }] }));
  assert.deepEqual(channel.item?.[0]?.guid, { '#text': 'tag:sada,2024:3', '@_isPermaLink': 'false' });
});

test('renderRss: hostile text stays well-formed text, never markup', () => {
  const xml = renderRss({
    ...FEED,
    title: 'x <y> & z',
    self: 'http://localhost/feeds/search.xml?q=a&b=%3C&format=rss',
    entries: [
      {
        id: 'http://localhost/article/1',
        title: ']]><evil/>\u0001<img src=x onerror=alert(1)>',
        updated: 1,
        link: 'http://localhost/article/1?a=1&b=2',
        summary: '<script>alert(2)</script> ]]>\u000B\uFFFE\uD800 &amp;',
        authors: ['"a" <b@c>'],
        categories: ['<i>x</i>'],
      },
    ],
  });
  assert.doesNotMatch(xml, /<evil|<img|<script|<i>|<!\[CDATA\[/, 'no markup gets through as elements or sections');
  const channel = parseRss(xml);
  assert.equal(channel.title, 'x <y> & z');
  assert.equal(channel['atom:link']['@_href'], 'http://localhost/feeds/search.xml?q=a&b=%3C&format=rss');
  const item = channel.item![0]!;
  assert.equal(item.title, ']]><evil/><img src=x onerror=alert(1)>', 'plain text, the control character removed');
  assert.equal(item.link, 'http://localhost/article/1?a=1&b=2');
  assert.deepEqual(item['dc:creator'], ['"a" <b@c>']);
  assert.deepEqual(item.category, ['<i>x</i>']);
  // The description is HTML: the summary's characters are escaped once more, so a reader shows them.
  assert.equal(item.description, '&lt;script&gt;alert(2)&lt;/script&gt; ]]&gt; &amp;amp;');
  const parsed = parseFeed(xml, { url: 'http://localhost/' });
  assert.equal(parsed.items[0]?.summary, '<script>alert(2)</script> ]]> &amp;');
  assert.equal(parsed.items[0]?.link, 'http://localhost/article/1?a=1&b=2');
});

test('renderRss writes RFC 822 dates with four-digit years for any time', () => {
  const times = [-8.64e15, Date.parse('-000050-01-01T00:00:00Z'), Date.parse('0050-03-01T00:00:00Z'), Date.parse('+010000-01-01T00:00:00Z'), 8.64e15];
  const xml = renderRss({
    ...FEED,
    updated: 8.64e15,
    entries: times.map((time, i) => ({ id: `http://localhost/article/${i + 1}`, title: 'x', updated: time, published: time, link: `http://localhost/article/${i + 1}` })),
  });
  const channel = parseRss(xml);
  assert.equal(channel.lastBuildDate, 'Fri, 31 Dec 9999 23:59:59 GMT');
  assert.deepEqual(
    channel.item?.map((i) => i.pubDate),
    ['Sat, 01 Jan 0000 00:00:00 GMT', 'Sat, 01 Jan 0000 00:00:00 GMT', 'Tue, 01 Mar 0050 00:00:00 GMT', 'Fri, 31 Dec 9999 23:59:59 GMT', 'Fri, 31 Dec 9999 23:59:59 GMT'],
  );
});
