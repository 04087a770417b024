import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { testApp, type TestApp } from '../testing/test-app.js';
import { READER_CORPUS, readerAppForFile } from '../../test-support/reader-app.js';
import { htmlToText, parseFeed } from '../../feeds/index.js';
import { parseRss, RFC822 } from '../../test-support/parse-rss.js';
import { renderAtom } from './atom.js';
import { renderRss } from './rss.js';

const CORPUS = READER_CORPUS;
let t: TestApp;
readerAppForFile((app) => (t = app));

interface AtomDoc {
  feed: {
    '@_xmlns': string;
    id: string;
    title: { '#text': string };
    updated: string;
    link: { '@_rel': string; '@_href': string }[];
    author: { name: string };
    entry?: { id: string; title: { '#text': string }; updated: string; link: { '@_href': string }; summary?: { '#text': string }; author?: { name: string } | { name: string }[] }[];
  };
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Parses with a real XML parser and checks the Atom rules RFC 4287 makes mandatory. */
function parseAtom(xml: string): AtomDoc['feed'] {
  const valid = XMLValidator.validate(xml);
  assert.equal(valid, true, JSON.stringify(valid));
  const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' }).parse(xml) as AtomDoc;
  const feed = doc.feed;
  assert.equal(feed['@_xmlns'], 'http://www.w3.org/2005/Atom');
  assert.ok(feed.id && feed.title && RFC3339.test(feed.updated));
  const links = ([] as { '@_rel': string; '@_href': string }[]).concat(feed.link);
  assert.ok(links.some((l) => l['@_rel'] === 'self'));
  assert.ok(feed.author.name, 'a feed-level author covers every entry');
  const ids = new Set<string>();
  for (const e of feed.entry ?? []) {
    assert.ok(e.id && !ids.has(e.id), 'entry ids are present and unique');
    ids.add(e.id);
    assert.ok(RFC3339.test(e.updated));
    assert.ok(e.link['@_href'].startsWith('http://localhost/'));
  }
  return feed;
}

test('renderAtom output parses back, hostile text included', () => {
  const xml = renderAtom({
    id: 'http://localhost/',
    title: 'x <y> & z',
    updated: 0,
    self: 'http://localhost/feeds/top.xml?a=1&b=2',
    alternate: 'http://localhost/',
    entries: [{ id: 'http://localhost/article/1', title: ']]><evil/>\u0001', updated: 1, link: 'http://localhost/article/1', summary: '<script>x</script>', authors: ['"a"'] }],
  });
  const feed = parseAtom(xml);
  assert.equal(feed.title['#text'], 'x <y> & z');
  assert.equal(feed.entry?.[0]?.title['#text'], ']]><evil/>');
  assert.equal(feed.entry?.[0]?.summary?.['#text'], '<script>x</script>');
});

test('Sada’s own Atom and RSS read back by its parser: titles, names and categories with <, &, quotes and Arabic', () => {
  const entry = (n: number, title: string) => ({ id: `http://localhost/article/${n}`, title, updated: n * 60_000, link: `http://localhost/article/${n}` });
  const titles = [
    'سؤال & جواب: 5 < 7 و"اقتباس" و\'مفرد\'',
    'AT&T و R&D: 3<4 & 10 > 9',
    'Q&A: 5 < 7 and <b> tags',
    'نص &amp; كيان &lt;حرفي&gt;',
  ];
  const feed = {
    id: 'http://localhost/',
    title: 'صدى: بحث عن «<b> & "ق"»',
    updated: 0,
    self: 'http://localhost/feeds/top.xml',
    alternate: 'http://localhost/',
    entries: titles.map((title, i) => ({ ...entry(i + 1, title), authors: ['<فريق> & "شركاه"'], categories: ['أسئلة & <أجوبة>'], summary: `ملخص: ${title}` })),
  };
  // Atom says its titles are text (type="text"): every one reads back as written. This is what failed
  // before: the parser read them as HTML and dropped "<b>" (and read "&amp;" as "&").
  const atom = parseFeed(renderAtom(feed), { url: feed.self });
  assert.deepEqual(atom.warnings, []);
  assert.equal(atom.title, feed.title);
  assert.deepEqual(atom.items.map((i) => i.title), titles);
  assert.deepEqual(atom.items.map((i) => i.summary), feed.entries.map((e) => e.summary));
  for (const item of atom.items) {
    assert.deepEqual(item.authors, ['<فريق> & "شركاه"']);
    assert.deepEqual(item.categories, ['أسئلة & <أجوبة>']);
  }
  // RSS titles are read as HTML (most publishers escape them so): plain "<", "&", quotes and Arabic read
  // back as written, text that is itself markup or an entity does not.
  const rss = parseFeed(renderRss(feed), { url: `${feed.self}?format=rss` });
  assert.deepEqual(rss.warnings, []);
  assert.deepEqual(rss.items.map((i) => i.title), [titles[0], titles[1], 'Q&A: 5 < 7 and tags', 'نص & كيان <حرفي>']);
  assert.deepEqual(rss.items.map((i) => i.summary), feed.entries.map((e) => e.summary), 'the description is escaped as HTML');
});

test('renderAtom writes RFC 3339 dates for times outside years 0000-9999', () => {
  // Imports accept any time a Date holds; toISOString writes those years as -271821 or +010000, which no
  // Atom reader takes for a date.
  const times = [-8.64e15, Date.parse('-000050-01-01T00:00:00Z'), Date.parse('+010000-01-01T00:00:00Z'), 8.64e15];
  const xml = renderAtom({
    id: 'http://localhost/',
    title: 't',
    updated: 8.64e15,
    self: 'http://localhost/feeds/top.xml',
    alternate: 'http://localhost/',
    entries: times.map((time, i) => ({ id: `http://localhost/article/${i + 1}`, title: 'x', updated: time, published: time, link: `http://localhost/article/${i + 1}` })),
  });
  parseAtom(xml);
  const dates = [...xml.matchAll(/<(?:updated|published)>([^<]*)</g)].map((m) => m[1]!);
  assert.equal(dates.length, 9);
  for (const d of dates) assert.match(d, RFC3339);
  assert.deepEqual(dates.slice(1, 3), ['0000-01-01T00:00:00.000Z', '0000-01-01T00:00:00.000Z']);
  assert.equal(dates[0], '9999-12-31T23:59:59.999Z');
});

test('/feeds/top.xml lists the top stories in rank order', async () => {
  const res = await t.app.request('/feeds/top.xml');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/atom+xml; charset=utf-8');
  const feed = parseAtom(await res.text());
  assert.equal(feed.entry?.length, t.fx.stories.size);
  assert.equal(feed.entry?.[0]?.id, `http://localhost/story/${t.fx.stories.get('rain')}`);
  assert.ok(feed.entry?.some((e) => e.title['#text'] === '<img src=x onerror=alert(1)>'), 'hostile titles survive as text');
});

test('/feeds/story/:id.xml follows one story: every outlet, copies included, newest first', async () => {
  const rain = t.fx.stories.get('rain')!;
  const res = await t.app.request(`/feeds/story/${rain}.xml`);
  assert.equal(res.status, 200);
  const feed = parseAtom(await res.text());
  const links = ([] as { '@_rel': string; '@_href': string }[]).concat(feed.link);
  assert.ok(links.some((l) => l['@_rel'] === 'alternate' && l['@_href'].endsWith(`/story/${rain}`)));
  const ids = feed.entry?.map((e) => Number(e.link['@_href'].split('/').pop())) ?? [];
  assert.deepEqual(ids, ['rain-riyadh', 'rain-sabq', 'rain-madina', 'rain-okaz', 'rain-spa'].map((k) => t.fx.articles.get(k)));
  const updated = feed.entry?.map((e) => Date.parse(e.updated)) ?? [];
  assert.deepEqual(updated, [...updated].sort((a, b) => b - a));
  // The story page announces it.
  const page = await (await t.app.request(`/story/${rain}`)).text();
  assert.ok(page.includes(`<link rel="alternate" type="application/atom+xml" title="صدى: `) && page.includes(`href="/feeds/story/${rain}.xml"`));
});

test('/feeds/latest.xml: each report once, newest first', async () => {
  const res = await t.app.request('/feeds/latest.xml');
  assert.equal(res.status, 200);
  const feed = parseAtom(await res.text());
  const ids = feed.entry?.map((e) => Number(e.link['@_href'].split('/').pop())) ?? [];
  const keys = ['xss-hostile', 'rain-riyadh', 'rain-spa', 'phone-tech', 'phone-sky', 'phone-arabia', 'derby-sabq', 'derby-okaz', 'derby-riyadh', 'team-spa', 'budget'];
  assert.deepEqual(ids, keys.map((k) => t.fx.articles.get(k)), 'the wire copies of the rain report are left out');
  const links = ([] as { '@_rel': string; '@_href': string }[]).concat(feed.link);
  assert.ok(links.some((l) => l['@_rel'] === 'alternate' && l['@_href'].endsWith('/latest')));
});

test('/feeds/story/:id.xml of a big story lists its 30 newest articles', async () => {
  const big = await testApp(CORPUS);
  try {
    const sourceId = big.fx.sources.get('spa')!;
    const ids: number[] = [];
    const storyId = await big.store.transaction(async (tx) => {
      const story = await tx.createStory({ title: 'قصة كبيرة', titleArticleId: null, firstSeen: 0, lastSeen: 0, articles: 0, sources: 0, firstArticleId: null });
      // Inserted in shuffled time order, so the feed cannot rely on insertion order.
      for (const i of [...Array(35).keys()].sort((a, b) => ((a * 7) % 35) - ((b * 7) % 35))) {
        const url = `https://spa.example.com/big/${i}`;
        const { id } = await tx.insertArticle({
          sourceId, url, canonicalUrl: url, externalId: `big-${i}`, title: `خبر رقم ${i}`, text: `نص الخبر رقم ${i}`, summary: null,
          author: null, category: null, tags: [], image: null, lang: 'ar', published: big.fx.now - (35 - i) * 60_000,
          ingestedAt: big.fx.now, contentHash: `big-${i}`, storyId: story.id, origin: null, duplicateOf: null,
        });
        ids[i] = id;
      }
      await tx.updateStory(story.id, { titleArticleId: ids[0]!, firstArticleId: ids[0]!, firstSeen: big.fx.now - 35 * 60_000, lastSeen: big.fx.now - 60_000, articles: 35, sources: 1 });
      return story.id;
    });
    const feed = parseAtom(await (await big.app.request(`/feeds/story/${storyId}.xml`)).text());
    const shown = feed.entry?.map((e) => Number(e.link['@_href'].split('/').pop())) ?? [];
    assert.deepEqual(shown, ids.slice(5).reverse(), 'the 30 newest, newest first');
  } finally {
    await big.store.close();
  }
});

test('an empty feed keeps its ETag as time passes, so polling it gets 304', async () => {
  // With no entries, <updated> was the time of the request: every poll of a new source or of a saved search
  // that finds nothing yet downloaded the feed again.
  const app = await testApp(CORPUS);
  try {
    const quiet = await app.store.addSource({ slug: 'quiet', url: 'https://quiet.example/feed', feedUrl: 'https://quiet.example/feed', kind: 'feed', title: 'هادئ', homepage: null }, app.now());
    for (const path of [`/feeds/source/${quiet.id}.xml`, `/feeds/search.xml?q=${encodeURIComponent('كلمةلاتوجد')}`]) {
      const first = await app.app.request(path);
      assert.equal(first.status, 200, path);
      const feed = parseAtom(await first.text());
      assert.equal(feed.entry, undefined, path);
      app.advance(3_600_000);
      const again = await app.app.request(path, { headers: { 'if-none-match': first.headers.get('etag') ?? '' } });
      assert.equal(again.status, 304, path);
    }
  } finally {
    await app.store.close();
  }
});

test('/feeds/search.xml and /feeds/source/:id.xml', async () => {
  const search = await t.app.request(`/feeds/search.xml?q=${encodeURIComponent('iPhone')}`);
  assert.equal(search.status, 200);
  const feed = parseAtom(await search.text());
  assert.ok((feed.entry?.length ?? 0) >= 3);
  assert.match(feed.title['#text'], /iPhone/);
  const hostile = t.fx.sources.get('hostile');
  const source = await t.app.request(`/feeds/source/${hostile}.xml`);
  assert.equal(source.status, 200);
  const sourceFeed = parseAtom(await source.text());
  assert.ok(([] as { '@_rel': string; '@_href': string }[]).concat(sourceFeed.link).some((l) => l['@_rel'] === 'alternate' && l['@_href'].endsWith(`/source/${hostile}`)));
  assert.equal(sourceFeed.entry?.length, 1);
  assert.ok(sourceFeed.entry?.[0]?.summary?.['#text'].includes('<script>alert(2)</script>'));
  const missing = await t.app.request('/feeds/search.xml');
  assert.equal(missing.status, 400);
  assert.equal(((await missing.json()) as { error: { message: string } }).error.message, 'invalid query parameter q: q is required');
  // A saved search's feed lists the newest articles holding every word (the review lacks دبي) ...
  const titles = async (query: string) => parseAtom(await (await t.app.request(`/feeds/search.xml?${query}`)).text()).entry?.map((e) => e.title['#text']) ?? [];
  const newest = await titles(`q=${encodeURIComponent('iPhone دبي')}`);
  assert.deepEqual(newest, ['طوابير أمام متاجر Apple في دبي مع بدء بيع iPhone 17', 'شركة Apple تطلق هاتف iPhone 17 في دبي بسعر يبدأ من 3,999 درهماً']);
  // ... and the best matches first when asked.
  const relevance = await titles(`q=${encodeURIComponent('iPhone دبي')}&sort=relevance`);
  assert.equal(relevance.length, 3);
  assert.deepEqual(await titles(`q=iPhone&source=skynews`), ['طوابير أمام متاجر Apple في دبي مع بدء بيع iPhone 17']);
  assert.equal((await t.app.request('/feeds/source/9999.xml')).status, 404);
  assert.equal((await t.app.request('/feeds/story/9999.xml')).status, 404);
  assert.equal((await t.app.request('/feeds/story/9999.atom')).status, 404);
  // an id written other than in plain digits is a 400, as on the pages and in the API (it was a 404)
  for (const path of ['/feeds/story/x.xml', '/feeds/source/abc.xml', '/feeds/story/01.xml', '/feeds/source/1e3.xml', '/feeds/story/0.xml', '/feeds/story/9007199254740992.xml']) {
    const response = await t.app.request(path);
    assert.equal(response.status, 400, path);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'BAD_INPUT', path);
  }
});

test('a search feed’s id and self link keep every parameter that decides its entries, and nothing else', async () => {
  // They kept only q: a feed filtered to one outlet claimed the id of the unfiltered one, and a reader
  // following its self link got the unfiltered feed.
  const head = (xml: string) => {
    const feed = parseAtom(xml);
    const link = (rel: string) => ([] as { '@_rel': string; '@_href': string }[]).concat(feed.link).find((l) => l['@_rel'] === rel)?.['@_href'];
    return { id: feed.id, title: feed.title['#text'], self: link('self')!, alternate: link('alternate'), entries: feed.entry?.map((e) => e.id) ?? [] };
  };
  const all = head(await (await t.app.request('/feeds/search.xml?q=iPhone')).text());
  const sky = head(await (await t.app.request('/feeds/search.xml?q=iPhone&source=skynews')).text());
  assert.equal(all.id, 'http://localhost/search?q=iPhone', 'a plain query keeps its id');
  assert.equal(all.self, 'http://localhost/feeds/search.xml?q=iPhone');
  assert.equal(sky.id, 'http://localhost/search?q=iPhone&source=skynews');
  assert.equal(sky.self, 'http://localhost/feeds/search.xml?q=iPhone&source=skynews');
  assert.equal(sky.alternate, 'http://localhost/search?q=iPhone&source=skynews&sort=newest', 'the page showing the same list');
  assert.ok(all.entries.length > sky.entries.length && sky.entries.length > 0);
  assert.equal(all.title, 'صدى: بحث عن «iPhone»');
  assert.equal(sky.title, 'صدى: بحث عن «iPhone» في skynews', 'a reader holding both feeds can tell them apart');
  const followed = head(await (await t.app.request(sky.self)).text());
  assert.deepEqual(followed, sky, 'the self link gives the same feed');

  // Every filter, in one order whatever order the request named them in, encoded; paging, limit,
  // suggestions and cache-busting left out; the default sort not named.
  const messy = `/feeds/search.xml?_=1712345678&sort=relevance&to=2100-01-01&utm_source=x&source=${encodeURIComponent(' skynews, alarabiya ,skynews,')}&cursor=abc&limit=3&suggest=true&from=2020-01-01&page=2&q=${encodeURIComponent('iPhone دبي')}`;
  const filtered = head(await (await t.app.request(messy)).text());
  const query = `q=iPhone+%D8%AF%D8%A8%D9%8A&source=alarabiya%2Cskynews&from=2020-01-01&to=2100-01-01&sort=relevance`;
  assert.equal(filtered.self, `http://localhost/feeds/search.xml?${query}`);
  assert.equal(filtered.id, `http://localhost/search?${query}`);
  assert.equal(filtered.alternate, `http://localhost/search?${query.replace('&sort=relevance', '')}`);
  assert.ok(filtered.entries.length > 0);
  assert.equal(filtered.title, 'صدى: بحث عن «iPhone دبي» في alarabiya، skynews من 2020-01-01 حتى 2100-01-01، الأكثر صلة أولاً');
  assert.deepEqual(head(await (await t.app.request(filtered.self)).text()), filtered);
  assert.equal(head(await (await t.app.request('/feeds/search.xml?q=iPhone&sort=newest&source=skynews')).text()).id, sky.id, 'newest is the feed’s own default');

  // The RSS document's self link is the same address asking for RSS, and following it gives the same items.
  const rssXml = await (await t.app.request('/feeds/search.xml?source=skynews&format=rss&q=iPhone&limit=1')).text();
  const rss = parseRss(rssXml);
  assert.equal(rss['atom:link']['@_href'], 'http://localhost/feeds/search.xml?q=iPhone&source=skynews&format=rss');
  const again = parseRss(await (await t.app.request(rss['atom:link']['@_href'])).text());
  assert.deepEqual(again.item?.map((i) => i.guid['#text']), sky.entries);
  assert.deepEqual(rss.item?.map((i) => i.guid['#text']), sky.entries);
});

test('with a public URL, feed ids and links are the same whatever Host a request names', async () => {
  const app = await testApp(CORPUS, { publicUrl: 'https://news.example/' });
  try {
    for (const host of ['localhost', 'evil.example', '127.0.0.1:8080']) {
      const xml = await (await app.app.request('http://' + host + '/feeds/latest.xml')).text();
      assert.match(xml, /<id>https:\/\/news\.example\/feeds\/latest\.xml<\/id>/, host);
      assert.doesNotMatch(xml, new RegExp(host.replace(/\./g, '\\.')), host);
    }
  } finally {
    await app.store.close();
  }
  // Without one, a request's own origin (the address it came to).
  const own = await (await t.app.request('http://127.0.0.1:8080/feeds/latest.xml')).text();
  assert.match(own, /<id>http:\/\/127\.0\.0\.1:8080\/feeds\/latest\.xml<\/id>/);
});

/** Every feed the server writes, as its Atom address. */
const feedPaths = () => [
  '/feeds/top.xml',
  '/feeds/latest.xml',
  `/feeds/search.xml?q=${encodeURIComponent('أمطار')}`,
  `/feeds/story/${t.fx.stories.get('rain')}.xml`,
  `/feeds/source/${t.fx.sources.get('spa')}.xml`,
];
const asRss = (path: string) => `${path}${path.includes('?') ? '&' : '?'}format=rss`;

test('?format=rss: every feed as RSS 2.0 with the Atom feed’s items, in its order, read back by Sada’s own parser', async () => {
  for (const path of feedPaths()) {
    const res = await t.app.request(asRss(path));
    assert.equal(res.status, 200, path);
    assert.equal(res.headers.get('content-type'), 'application/rss+xml; charset=utf-8', path);
    const xml = await res.text();
    const channel = parseRss(xml);
    assert.equal(channel['atom:link']['@_href'], `http://localhost${asRss(path)}`, `${path}: its own address, asking for RSS`);
    const atomXml = await (await t.app.request(path)).text();
    const atom = parseAtom(atomXml);
    assert.equal(channel.title, atom.title['#text'], path);
    assert.equal(Date.parse(channel.lastBuildDate), Math.floor(Date.parse(atom.updated) / 1000) * 1000, path);
    const rss = parseFeed(xml, { url: `http://localhost${asRss(path)}` });
    const back = parseFeed(atomXml, { url: `http://localhost${path}` });
    assert.equal(rss.format, 'rss');
    assert.equal(rss.language, 'ar');
    assert.ok(rss.items.length > 0, path);
    assert.deepEqual(rss.warnings, [], path);
    const seconds = (ms: number | null) => (ms === null ? null : Math.floor(ms / 1000) * 1000);
    const fields = (feed: typeof rss, read: (text: string) => string | null) =>
      feed.items.map((i) => ({ guid: i.guid, link: i.link, title: i.title && read(i.title), published: seconds(i.published ?? i.updated), authors: i.authors.map(read), categories: i.categories.map(read), summary: i.summary }));
    // Atom's titles, names and categories are text and read back as written. RSS says nothing, and its
    // titles usually come HTML-escaped, so Sada reads them as HTML: the hostile title `<img …>` is no text there.
    const asHtml = (text: string) => htmlToText(text).replace(/\n/g, ' ') || null;
    assert.deepEqual(fields(rss, (text) => text), fields(back, asHtml), `${path}: the same items, in the same order`);
  }
  // Arabic text and dates as stored.
  const rain = await t.app.request(asRss(`/feeds/story/${t.fx.stories.get('rain')}.xml`));
  const items = parseFeed(await rain.text(), { url: 'http://localhost/' }).items;
  const spa = items.find((i) => i.link === `http://localhost/article/${t.fx.articles.get('rain-spa')}`);
  assert.equal(spa?.title, 'أمطار غزيرة على مكة المكرمة والدفاع المدني يدعو إلى الحذر');
  assert.equal(spa?.published, t.fx.now - 130 * 60_000);
  assert.ok(spa?.summary?.startsWith('شهدت مكة المكرمة مساء اليوم'));
  assert.deepEqual(spa?.authors, ['واس']);
});

test('?format=rss keeps the hostile titles and summaries of the top and source feeds as text', async () => {
  const top = parseRss(await (await t.app.request('/feeds/top.xml?format=rss')).text());
  assert.equal(top.item?.length, t.fx.stories.size);
  assert.equal(top.item?.[0]?.link, `http://localhost/story/${t.fx.stories.get('rain')}`);
  assert.ok(top.item?.some((i) => i.title === '<img src=x onerror=alert(1)>'), 'hostile titles survive as text');
  const xml = await (await t.app.request(`/feeds/source/${t.fx.sources.get('hostile')}.xml?format=rss`)).text();
  assert.doesNotMatch(xml, /<script|<img|<b>/);
  const source = parseRss(xml);
  assert.equal(source.item?.length, 1);
  assert.match(source.item?.[0]?.description ?? '', /&lt;script&gt;alert\(2\)&lt;\/script&gt;/, 'escaped as HTML too: a reader shows it, never runs it');
  for (const item of top.item ?? []) assert.match(item.pubDate, RFC822);
});

test('?format= naming no format is refused with 400, not answered with Atom', async () => {
  for (const path of feedPaths()) {
    for (const bad of ['format=json', 'format=RSS', 'format=', 'format=rss&format=atom']) {
      const res = await t.app.request(`${path}${path.includes('?') ? '&' : '?'}${bad}`);
      assert.equal(res.status, 400, `${path} ${bad}`);
      assert.deepEqual(await res.json(), { error: { code: 'BAD_INPUT', message: 'invalid query parameter format: expected "atom" (the default) or "rss"' } }, `${path} ${bad}`);
    }
    // Atom stays the default, and may be asked for by name.
    const atom = await t.app.request(`${path}${path.includes('?') ? '&' : '?'}format=atom`);
    assert.equal(atom.status, 200, path);
    assert.equal(atom.headers.get('content-type'), 'application/atom+xml; charset=utf-8');
    assert.equal(await atom.text(), await (await t.app.request(path)).text(), path);
  }
  // The format is checked first: a missing feed asked for in an unknown format is still a bad request.
  assert.equal((await t.app.request('/feeds/source/9999.xml?format=html')).status, 400);
  assert.equal((await t.app.request('/feeds/source/9999.xml?format=rss')).status, 404);
  assert.equal((await t.app.request('/feeds/search.xml?format=rss')).status, 400, 'q is still required');
});

test('?format=rss: conditional GET with its own ETag', async () => {
  for (const path of feedPaths()) {
    const atom = await t.app.request(path);
    const rss = await t.app.request(asRss(path));
    const tag = rss.headers.get('etag');
    assert.ok(tag, path);
    assert.notEqual(tag, atom.headers.get('etag'), `${path}: a cache holding the Atom document is not told it holds the RSS one`);
    const again = await t.app.request(asRss(path), { headers: { 'if-none-match': tag } });
    assert.equal(again.status, 304, path);
    assert.equal(await again.text(), '');
    const stale = await t.app.request(asRss(path), { headers: { 'if-none-match': atom.headers.get('etag') ?? '' } });
    assert.equal(stale.status, 200, path);
  }
  // An empty feed's document does not change as time passes.
  const app = await testApp(CORPUS);
  try {
    const quiet = await app.store.addSource({ slug: 'quiet', url: 'https://quiet.example/feed', feedUrl: 'https://quiet.example/feed', kind: 'feed', title: 'هادئ', homepage: null }, app.now());
    const first = await app.app.request(`/feeds/source/${quiet.id}.xml?format=rss`);
    assert.equal(parseRss(await first.text()).item, undefined);
    app.advance(3_600_000);
    assert.equal((await app.app.request(`/feeds/source/${quiet.id}.xml?format=rss`, { headers: { 'if-none-match': first.headers.get('etag') ?? '' } })).status, 304);
  } finally {
    await app.store.close();
  }
});

test('?format=rss with a public URL: links and the self address use it whatever Host a request names', async () => {
  const app = await testApp(CORPUS, { publicUrl: 'https://news.example/' });
  try {
    const channel = parseRss(await (await app.app.request('http://evil.example/feeds/latest.xml?format=rss')).text());
    assert.equal(channel['atom:link']['@_href'], 'https://news.example/feeds/latest.xml?format=rss');
    assert.equal(channel.link, 'https://news.example/latest');
    assert.ok(channel.item?.every((i) => i.link.startsWith('https://news.example/article/') && i.guid['#text'] === i.link && i.guid['@_isPermaLink'] === 'true'));
  } finally {
    await app.store.close();
  }
});
