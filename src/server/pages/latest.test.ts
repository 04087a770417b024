import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../testing/test-app.js';
import { READER_CORPUS, readerAppForFile } from '../../test-support/reader-app.js';

const CORPUS = READER_CORPUS;
let t: TestApp;
readerAppForFile((app) => (t = app));

async function page(app: TestApp, path: string) {
  const res = await app.app.request(path);
  return { res, body: await res.text() };
}

/** Article ids in the order the page links them (each line links its article once). */
const articleIds = (body: string) => [...body.matchAll(/href="\/article\/(\d+)"/g)].map((m) => Number(m[1]));
const olderLink = (body: string) => /href="(\/[a-z0-9/]+\?before=[A-Za-z0-9_-]+)"/.exec(body)?.[1] ?? null;

test('/latest: every report once, newest first, with its full coverage when other outlets ran it', async () => {
  const { res, body } = await page(t, '/latest');
  assert.equal(res.status, 200);
  const keys = ['xss-hostile', 'rain-riyadh', 'rain-spa', 'phone-tech', 'phone-sky', 'phone-arabia', 'derby-sabq', 'derby-okaz', 'derby-riyadh', 'team-spa', 'budget'];
  assert.deepEqual(articleIds(body), keys.map((k) => t.fx.articles.get(k)), 'the three wire copies of the rain report are left out');
  assert.ok(body.includes(`<a href="/story/${t.fx.stories.get('rain')}">التغطية الكاملة: 5 مصادر</a>`));
  assert.ok(!body.includes(`href="/story/${t.fx.stories.get('team')}"`), 'a one-outlet story has no coverage link');
  assert.match(body, /<link rel="alternate" type="application\/atom\+xml" title="صدى: آخر الأخبار" href="\/feeds\/latest\.xml"\/>/);
  assert.equal(olderLink(body), null, 'everything fits one page');
  assert.match(body, /<a href="\/latest" aria-current="page">آخر الأخبار<\/a>/, 'the site navigation leads here, marked as the current section');
});

test('/latest pages by the older link without gaps or repeats; a forged position is refused', async () => {
  const big = await testApp(CORPUS);
  try {
    const sourceId = big.fx.sources.get('sabq')!;
    for (let i = 0; i < 25; i++) {
      const url = `https://sabq.example.com/wire/${i}`;
      // Two articles at each minute: the id breaks the tie, so a page boundary can fall between them.
      await big.store.insertArticle({
        sourceId, url, canonicalUrl: url, externalId: null, title: `موجز رقم ${i}`, text: `نص الموجز رقم ${i}`, summary: null, author: null,
        category: null, tags: [], image: null, lang: 'ar', published: big.fx.now - 10 * 60_000 - Math.floor((i + 1) / 2) * 60_000, ingestedAt: big.fx.now, contentHash: `wire-${i}`,
      });
    }
    const first = await page(big, '/latest');
    const older = olderLink(first.body);
    assert.ok(older?.startsWith('/latest?before='));
    const second = await page(big, older!);
    assert.equal(second.res.status, 200);
    assert.match(second.body, /<a href="\/latest">→ الأحدث<\/a>/);
    const shown = [...articleIds(first.body), ...articleIds(second.body)];
    assert.equal(articleIds(first.body).length, 20);
    assert.equal(shown.length, 25 + 11, 'the 25 new reports and the 11 of the fixture');
    assert.equal(new Set(shown).size, shown.length);
    const all = await big.store.listArticles({ limit: 100, reportsOnly: true });
    assert.deepEqual(shown, all.map((a) => a.id));
    assert.equal(all[19]!.published, all[20]!.published, 'the page boundary falls between two articles of one minute');
    for (const bad of ['x', 'eyJvIjozfQ', '%00']) assert.equal((await page(big, `/latest?before=${bad}`)).res.status, 400, bad);
  } finally {
    await big.store.close();
  }
});

test('/source/:id lists one outlet, its copies of wire reports included; outlet names lead there', async () => {
  const okaz = t.fx.sources.get('okaz')!;
  const { res, body } = await page(t, `/source/${okaz}`);
  assert.equal(res.status, 200);
  assert.match(body, /<h1 dir="rtl">عكاظ<\/h1>/);
  assert.deepEqual(articleIds(body), ['rain-okaz', 'derby-okaz'].map((k) => t.fx.articles.get(k)));
  assert.match(body, /نقلاً عن <bdi>واس<\/bdi>/);
  // the outlet is named once, by the heading, not again on every line
  assert.doesNotMatch(body.slice(body.indexOf('<ul class="plain links">')), /<bdi>عكاظ<\/bdi>/);
  assert.match((await page(t, '/latest')).body, /<bdi>عكاظ<\/bdi>/, 'the river of news names each line’s outlet');
  assert.ok(body.includes(`href="/feeds/source/${okaz}.xml"`));
  assert.match(body, /<p class="meta"><span>مقالان<\/span>/, "the outlet's article count");
  assert.equal((await page(t, '/source/999999')).res.status, 404);
  assert.equal((await page(t, '/source/abc')).res.status, 400);
  const sources = await page(t, '/sources');
  assert.ok(sources.body.includes(`<a href="/source/${okaz}"><bdi>عكاظ</bdi></a>`));
  const article = await page(t, `/article/${t.fx.articles.get('rain-okaz')}`);
  assert.ok(article.body.includes(`<a href="/source/${okaz}"><bdi>عكاظ</bdi></a>`));
});

test('a removed outlet keeps its page, feed and API listing of its stored articles, with a note that it is no longer followed', async () => {
  const app = await testApp(CORPUS, { adminToken: 'tok' });
  try {
    const techwire = app.fx.sources.get('techwire')!;
    const phone = app.fx.articles.get('phone-tech')!;
    const removed = await app.app.request(`/api/v1/sources/${techwire}`, { method: 'DELETE', headers: { authorization: 'Bearer tok' } });
    assert.equal(removed.status, 204);
    const { res, body } = await page(app, `/source/${techwire}`);
    assert.equal(res.status, 200, 'the article page links here: it must not be a dead end');
    assert.match(body, /<h1 dir="rtl">Tech Wire عربي<\/h1>/);
    assert.match(body, /لم يعد صدى يتابع هذا المصدر منذ .+: لا تصل منه مقالات جديدة، وهذه مقالاته المحفوظة\./);
    assert.ok(articleIds(body).includes(phone));
    const article = await page(app, `/article/${phone}`);
    assert.ok(article.body.includes(`<a href="/source/${techwire}"><bdi>Tech Wire عربي</bdi></a>`), 'the outlet keeps its name');
    const feed = await app.app.request(`/feeds/source/${techwire}.xml`);
    assert.equal(feed.status, 200);
    assert.ok((await feed.text()).includes(`/article/${phone}`));
    const listed = await app.app.request('/api/v1/articles?source=techwire');
    assert.equal(listed.status, 200);
    assert.ok(((await listed.json()) as { articles: { id: number }[] }).articles.some((a) => a.id === phone));
    assert.ok(!(await page(app, '/sources')).body.includes(`href="/source/${techwire}"`), 'no longer among the followed sources');
    assert.doesNotMatch((await page(app, `/source/${app.fx.sources.get('okaz')}`)).body, /لم يعد صدى يتابع/, 'a followed outlet has no such note');
    assert.equal((await page(app, '/source/999999')).res.status, 404, 'a source that never existed');
    assert.equal((await app.app.request('/feeds/source/999999.xml')).status, 404);
    assert.equal((await app.app.request('/api/v1/articles?source=never-stored')).status, 404);
  } finally {
    await app.store.close();
  }
});

test('/latest dates an article older than a week instead of «منذ سنة»', async () => {
  const app = await testApp(CORPUS);
  try {
    const url = 'https://sabq.example.com/archive/1';
    const published = app.fx.now - 400 * 86_400_000;
    await app.store.insertArticle({
      sourceId: app.fx.sources.get('sabq')!, url, canonicalUrl: url, externalId: null, title: 'خبر من الأرشيف', text: 'نص خبر من الأرشيف', summary: null, author: null,
      category: null, tags: [], image: null, lang: 'ar', published, ingestedAt: app.fx.now, contentHash: 'archive-1',
    });
    const { body } = await page(app, '/latest');
    const shown = new RegExp(`<time datetime="${new Date(published).toISOString()}"[^>]*>([^<]*)</time>`).exec(body)?.[1];
    assert.ok(shown, 'the archive article is listed with its time');
    assert.ok(!shown.includes('منذ'), shown);
    assert.match(shown, /20\d\d/);
    // Within the week the time stays relative.
    assert.match(body, /<time datetime="[^"]+"[^>]*>منذ [^<]+<\/time>/);
  } finally {
    await app.store.close();
  }
});

test('an address with a trailing slash is sent on to the one without it, on this host only', async () => {
  const story = t.fx.stories.get('rain');
  for (const [path, to] of [
    ['/latest/', '/latest'],
    [`/story/${story}/?from=feed`, `/story/${story}?from=feed`],
    ['/api/v1/sources/', '/api/v1/sources'],
  ] as const) {
    const res = await t.app.request(path);
    assert.equal(res.status, 301, path);
    assert.equal(res.headers.get('location'), to, path);
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/, 'security headers on the redirect too');
  }
  // Two leading slashes would make the Location another host's address: no redirect.
  for (const path of ['//evil.example/', '//evil.example/latest/']) assert.equal((await t.app.request(path)).status, 404, path);
  // Addresses that answer with the slash keep it; other methods are not redirected.
  assert.equal((await t.app.request('/')).status, 200);
  assert.notEqual((await t.app.request('/latest/', { method: 'POST' })).status, 301);
});
