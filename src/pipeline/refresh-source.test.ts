import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer } from '../test-support/http-fixture.js';
import { testFetcherOptions } from '../test-support/fetch-options.js';
import { Fetcher } from '../fetch/index.js';
import { SearchEngine } from '../search/engine.js';
import { openStore } from '../store/open.js';
import type { ArticleInput } from '../core/types.js';
import { createArticlePipeline } from './process-article.js';
import { runFetchRound } from './refresh-round.js';
import { refreshSource, type RefreshDeps } from './refresh-source.js';
import { AppError } from '../core/errors.js';
import { addSource, storeSource } from './add-source.js';
import { cappedText, cappedTitle, MAX_AUTHOR_LENGTH, MAX_CATEGORY_LENGTH, MAX_SUMMARY_LENGTH, MAX_TAG_LENGTH, MAX_TAGS, MAX_TITLE_LENGTH } from '../core/storable-text.js';
import { PG_SKIP, TEST_PG_URL, dropTestSchemas, freshSchema } from '../test-support/postgres.js';

const rss = (items: string) => `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>اختبار</title><link>/</link>${items}</channel></rss>`;
const item = (n: number, extra = '') =>
  `<item><title>خبر رقم ${n}</title><link>/news/${n}</link><guid>g-${n}</guid><pubDate>Mon, 08 Jan 2024 ${String(n % 24).padStart(2, '0')}:00:00 +0300</pubDate><description>ملخص الخبر ${n}</description>${extra}</item>`;

let headline2 = 'خبر رقم 2';

test('a round: new items stored once, a bad source and a bad item recorded, pages read when an extractor is given', async () => {
  const server = await startFixtureServer((req, res) => {
    if (req.url === '/good.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      return res.end(rss(item(1) + item(2).replace('خبر رقم 2', headline2) + item(3) + '<item><title>بلا رابط</title></item>'));
    }
    if (req.url === '/broken.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      return res.end('<rss version="2.0"><channel><item><title>x</titl></item></channel></rss>');
    }
    if (req.url?.startsWith('/news/')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(`<html><body><article>النص الكامل للخبر ${req.url.slice(6)}</article></body></html>`);
    }
    res.writeHead(404);
    return res.end();
  });
  const store = await openStore(':memory:');
  const fetcher = new Fetcher(testFetcherOptions());
  const now = Date.now();
  const processed: ArticleInput[] = [];
  const pipeline = createArticlePipeline({ now: () => now });
  const deps: RefreshDeps = {
    store,
    fetcher,
    now: () => now,
    process: async (tx, input) => {
      processed.push(input);
      if (input.title === 'خبر رقم 3') throw new Error('storage refused this one');
      return pipeline(tx, input);
    },
    extractPage: (html) => ({ text: /<article>(.*)<\/article>/.exec(html)?.[1] ?? '' }),
  };
  try {
    const good = await storeSource(store, { url: `${server.origin}/good.xml`, feedUrl: `${server.origin}/good.xml`, kind: 'feed', title: 'جيد', homepage: null }, {}, now);
    await storeSource(store, { url: `${server.origin}/broken.xml`, feedUrl: `${server.origin}/broken.xml`, kind: 'feed', title: 'معطوب', homepage: null }, {}, now);
    const summary = await runFetchRound(deps, { once: true, concurrency: 2 });
    assert.equal(summary.sources, 2);
    assert.equal(summary.fetched, 1);
    assert.equal(summary.new_articles, 2);
    assert.equal(summary.errors, 2, 'one failed source and one failed item');
    assert.match(summary.failures[0]?.error ?? '', /PARSE_FAILED: malformed XML/);
    assert.equal(processed.find((p) => p.title === 'خبر رقم 1')?.text, 'النص الكامل للخبر 1');
    assert.equal(processed.find((p) => p.title === 'خبر رقم 1')?.summary, 'ملخص الخبر 1');

    headline2 = 'خبر رقم 2 (محدث)';
    const again = await runFetchRound(deps, { once: true, concurrency: 2 });
    assert.equal(again.new_articles, 0, 'stored items are not stored again');
    const updated = await store.getArticleByExternalId(good.id, 'g-2');
    assert.equal(updated?.title, 'خبر رقم 2 (محدث)', 'a corrected headline updates the stored article');
    const pagesFetched = server.requests.filter((r) => r.path === '/news/1').length;
    assert.equal(pagesFetched, 1, 'known items are skipped before their page is fetched');
    const state = await store.getFetchState(good.id);
    assert.equal(state?.lastError, null);
    assert.ok((state?.nextCheck ?? 0) > now);
  } finally {
    await fetcher.close();
    await store.close();
    await server.close();
  }
});

test('the scheduler loop fetches due sources and stops when its signal aborts', async () => {
  const server = await startFixtureServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(rss(item(5)));
  });
  const store = await openStore(':memory:');
  const fetcher = new Fetcher(testFetcherOptions());
  const controller = new AbortController();
  const { runScheduler } = await import('./schedule-loop.js');
  try {
    await storeSource(store, { url: `${server.origin}/f.xml`, feedUrl: `${server.origin}/f.xml`, kind: 'feed', title: 'حلقة', homepage: null }, {}, Date.now());
    const rounds: number[] = [];
    await runScheduler(
      { store, fetcher, now: Date.now, process: createArticlePipeline({ now: Date.now }) },
      { signal: controller.signal, concurrency: 2, idleMs: 5, onRound: (s) => (rounds.push(s.new_articles), rounds.length >= 3 && controller.abort()) },
    );
    assert.deepEqual(rounds, [1, 0, 0], 'the source is fetched once, then not due');
    assert.equal(await store.countArticles(), 1);
  } finally {
    await fetcher.close();
    await store.close();
    await server.close();
  }
});

test('a round cancelled mid page fetch records nothing on the source, keeps no summary and releases it for the next round', { timeout: 30_000 }, async () => {
  let holdPages = true;
  const server = await startFixtureServer((req, res) => {
    if (req.url === '/held.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      return res.end(rss(item(7) + item(8)));
    }
    if (req.url?.startsWith('/news/')) {
      if (holdPages) return undefined; // a slow site: the page is never answered
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(`<html><body><article>النص الكامل للخبر ${req.url.slice(6)}</article></body></html>`);
    }
    res.writeHead(404);
    return res.end();
  });
  const store = await openStore(':memory:');
  // Without cancellation the held page would take this long to give up on.
  const fetcher = new Fetcher(testFetcherOptions({ fetchTimeoutMs: 120_000 }));
  const deps: RefreshDeps = {
    store,
    fetcher,
    now: Date.now,
    process: createArticlePipeline({ now: Date.now }),
    extractPage: (html) => ({ text: /<article>(.*)<\/article>/.exec(html)?.[1] ?? '' }),
  };
  try {
    const source = await storeSource(store, { url: `${server.origin}/held.xml`, feedUrl: `${server.origin}/held.xml`, kind: 'feed', title: 'بطيء', homepage: null }, {}, Date.now());
    const before = await store.getFetchState(source.id);
    const stop = new AbortController();
    const outcomes: string[] = [];
    const round = runFetchRound(deps, { concurrency: 2, worker: 'w1', leaseMs: 600_000, signal: stop.signal, cancel: stop.signal, onSourceDone: (_s, r) => outcomes.push(r.status) });
    while (!server.requests.some((r) => r.path.startsWith('/news/'))) await new Promise((r) => setTimeout(r, 10));
    stop.abort();
    const summary = await round;
    assert.deepEqual(outcomes, ['stopped']);
    assert.deepEqual({ sources: summary.sources, errors: summary.errors, new_articles: summary.new_articles }, { sources: 0, errors: 0, new_articles: 0 });
    assert.equal(await store.countArticles(), 0, 'the item is not stored as its feed summary');
    assert.deepEqual(await store.getFetchState(source.id), before, 'no error, no back-off, no validators recorded');

    // Released: another worker claims it at once, and the next round reads both pages.
    holdPages = false;
    const next = await runFetchRound(deps, { concurrency: 2, worker: 'w2' });
    assert.equal(next.sources, 1);
    assert.equal(next.new_articles, 2);
    assert.equal((await store.getArticleByExternalId(source.id, 'g-7'))?.text, 'النص الكامل للخبر 7');
  } finally {
    await fetcher.close();
    await store.close();
    await server.close();
  }
});

test('a database that stops answering mid-feed ends the refresh at once, with nothing recorded on the source', async () => {
  const server = await startFixtureServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v2"' });
    res.end(rss([1, 2, 3, 4, 5].map((n) => item(n)).join('')));
  });
  const store = await openStore(':memory:');
  const fetcher = new Fetcher(testFetcherOptions());
  const now = Date.now();
  const itemErrors: string[] = [];
  let stores = 0;
  const deps: RefreshDeps = {
    store,
    fetcher,
    now: () => now,
    // what a PostgreSQL store reports while its server restarts
    process: () => {
      stores++;
      throw new AppError('UNAVAILABLE', 'the database does not answer; try again shortly');
    },
    onItemError: (_source, _url, reason) => itemErrors.push(reason),
  };
  try {
    await storeSource(store, { url: `${server.origin}/feed.xml`, feedUrl: `${server.origin}/feed.xml`, kind: 'feed', title: 'اختبار', homepage: null }, {}, now);
    const [source] = await store.claimDueSources(now, 1, 'w', 60_000, { force: true });
    const result = await refreshSource(deps, source!);
    assert.equal(result.status, 'error');
    assert.equal(result.error, 'UNAVAILABLE: the database does not answer; try again shortly');
    assert.equal(stores, 1, 'no further item is tried');
    assert.deepEqual(itemErrors, [], 'one failure of the source, not one per item');
    const [after] = await store.listSources();
    assert.deepEqual([after?.lastFetch, after?.consecutiveErrors, after?.etag], [null, 0, null], 'neither a success (its validators would skip the items next time) nor a back-off');
  } finally {
    await fetcher.close();
    await store.close();
    await server.close();
  }
});

test('a full-text feed that corrects a stored article replaces its text; a summary never does', async () => {
  const paragraph = 'أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة بسعة مئتي سرير لخدمة سكان الأحياء الشمالية والقرى المجاورة. ';
  let body = paragraph.repeat(6);
  let partial = false;
  const server = await startFixtureServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    const content = partial ? '<description>ملخص قصير</description>' : `<content:encoded><![CDATA[<p>${body}</p>]]></content:encoded>`;
    res.end(
      `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>كامل</title><link>/</link>` +
        `<item><title>افتتاح مستشفى جديد</title><link>/news/hospital</link><guid>h-1</guid><pubDate>Mon, 08 Jan 2024 09:00:00 +0300</pubDate>${content}</item></channel></rss>`,
    );
  });
  const store = await openStore(':memory:');
  const fetcher = new Fetcher(testFetcherOptions());
  const now = Date.now();
  const deps: RefreshDeps = { store, fetcher, now: () => now, process: createArticlePipeline({ now: () => now }) };
  try {
    const source = await storeSource(store, { url: `${server.origin}/full.xml`, feedUrl: `${server.origin}/full.xml`, kind: 'feed', title: 'كامل', homepage: null }, {}, now);
    assert.equal((await runFetchRound(deps, { once: true, concurrency: 1 })).new_articles, 1);
    const first = await store.getArticleByExternalId(source.id, 'h-1');
    assert.ok(first);

    body = `${paragraph.repeat(6)}وأضافت الوزارة أن المستشفى سيضم قسماً للطوارئ يعمل على مدار الساعة.`;
    const again = await runFetchRound(deps, { once: true, concurrency: 1 });
    assert.equal(again.new_articles, 0);
    assert.equal(again.errors, 0);
    const corrected = await store.getArticleByExternalId(source.id, 'h-1');
    assert.equal(corrected?.id, first.id, 'the same article, not a new one');
    assert.match(corrected?.text ?? '', /قسماً للطوارئ/);
    assert.notEqual(corrected?.contentHash, first.contentHash);
    assert.equal(await store.countArticles(), 1);

    partial = true;
    await runFetchRound(deps, { once: true, concurrency: 1 });
    const kept = await store.getArticleByExternalId(source.id, 'h-1');
    assert.match(kept?.text ?? '', /قسماً للطوارئ/, 'a summary-only item keeps the stored full text');
  } finally {
    await fetcher.close();
    await store.close();
    await server.close();
  }
});

test('an article page with a wrong HTTP charset is read as `sada extract` reads it, not as mojibake', async () => {
  const { default: iconv } = await import('iconv-lite');
  const { pageFieldsFromHtml } = await import('./page-fields.js');
  const sentence = (n: string) => `<p>أعلنت بلدية المدينة اليوم عن خطة لتوسيع الحدائق العامة في الأحياء الشمالية، والمقال رقم ${n}.</p>`;
  const html = (n: string, meta = '') => `<!doctype html><html lang="ar" dir="rtl"><head>${meta}<title>خطة الحدائق ${n}</title></head><body><article><h1>خطة الحدائق ${n}</h1>${sentence(n).repeat(5)}</article></body></html>`;
  const pages: Record<string, { type: string; body: Buffer }> = {
    // UTF-8 bytes (and a UTF-8 meta) under a server-wide legacy default.
    '/news/u8': { type: 'text/html; charset=windows-1256', body: Buffer.from(html('u8', '<meta charset="utf-8">')) },
    // Legacy bytes, no meta, under a server-wide UTF-8 default.
    '/news/legacy': { type: 'text/html; charset=utf-8', body: iconv.encode(html('legacy'), 'windows-1256') },
    // Legacy bytes under a server-wide ISO-8859-1 default, and under a template's windows-1252 meta.
    '/news/latin1': { type: 'text/html; charset=ISO-8859-1', body: iconv.encode(html('latin1'), 'windows-1256') },
    '/news/meta1252': { type: 'text/html', body: iconv.encode(html('meta1252', '<meta charset="windows-1252">'), 'windows-1256') },
    // A genuine French page under the same label stays windows-1252.
    '/news/fr': { type: 'text/html; charset=ISO-8859-1', body: iconv.encode(`<!doctype html><html lang="fr"><head><title>Les jardins</title></head><body><article><h1>Les jardins</h1>${"<p>À la mairie, l'Élysée a annoncé aujourd'hui l'élargissement des jardins publics des quartiers du nord, près de l'Hôtel de Ville.</p>".repeat(5)}</article></body></html>`, 'windows-1252') },
  };
  const server = await startFixtureServer((req, res) => {
    const page = pages[req.url ?? ''];
    if (page) {
      res.writeHead(200, { 'content-type': page.type });
      return res.end(page.body);
    }
    if (req.url === '/feed.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      return res.end(rss(Object.keys(pages).map((path, i) => `<item><title>عنوان ${i}</title><link>${path}</link><description>ملخص</description></item>`).join('')));
    }
    res.writeHead(404);
    return res.end();
  });
  const store = await openStore(':memory:');
  const fetcher = new Fetcher(testFetcherOptions());
  const now = Date.now();
  const deps: RefreshDeps = { store, fetcher, now: () => now, process: createArticlePipeline({ now: () => now }), extractPage: (page, url) => pageFieldsFromHtml(page, url, now) };
  try {
    await storeSource(store, { url: `${server.origin}/feed.xml`, feedUrl: `${server.origin}/feed.xml`, kind: 'feed', title: 'ترميز', homepage: null }, {}, now);
    assert.equal((await runFetchRound(deps, { once: true, concurrency: 1 })).new_articles, 5);
    for (const name of ['u8', 'legacy', 'latin1', 'meta1252']) {
      const stored = await store.getArticleByCanonicalUrl(`${server.origin}/news/${name}`);
      assert.match(stored?.text ?? '', new RegExp(`^أعلنت بلدية المدينة اليوم عن خطة لتوسيع الحدائق العامة في الأحياء الشمالية، والمقال رقم ${name}\\.`), name);
    }
    const french = await store.getArticleByCanonicalUrl(`${server.origin}/news/fr`);
    assert.match(french?.text ?? '', /^À la mairie, l'Élysée a annoncé aujourd'hui l'élargissement des jardins publics/);
  } finally {
    await fetcher.close();
    await store.close();
    await server.close();
  }
});

test('a page whose og:title has a million characters gives its title-less feed item a title cut at MAX_TITLE_LENGTH; a feed title is capped too', async () => {
  const { pageFieldsFromHtml } = await import('./page-fields.js');
  const huge = `${'عنوان '.repeat(170_000)}نهاية`;
  const page = `<!doctype html><html lang="ar"><head><meta property="og:title" content="${huge}"></head><body><article>${'<p>أعلنت البلدية اليوم افتتاح سوق المزارعين في وسط المدينة بعد أعمال استمرت عاماً.</p>'.repeat(5)}</article></body></html>`;
  const server = await startFixtureServer((req, res) => {
    if (req.url === '/news/long') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(page);
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
    return res.end(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${'موجز '.repeat(100_000)}</title><link>/</link><item><link>/news/long</link><description>ملخص</description></item></channel></rss>`);
  });
  const store = await openStore(':memory:');
  const fetcher = new Fetcher(testFetcherOptions());
  const now = Date.now();
  const deps: RefreshDeps = { store, fetcher, now: () => now, process: createArticlePipeline({ now: () => now }), extractPage: (html, url) => pageFieldsFromHtml(html, url, now) };
  try {
    const source = await addSource({ store, fetcher, now: () => now }, `${server.origin}/feed.xml`);
    assert.equal(source.title, cappedTitle(`${'موجز '.repeat(100_000)}`.trim()), "the feed's <title> names the source, capped");
    assert.equal((await runFetchRound(deps, { once: true, concurrency: 1 })).new_articles, 1);
    const stored = await store.getArticleByCanonicalUrl(`${server.origin}/news/long`);
    assert.equal(stored?.title, cappedTitle(huge));
    assert.ok(stored!.title.length <= MAX_TITLE_LENGTH);
  } finally {
    await fetcher.close();
    await store.close();
    await server.close();
  }
});

test('a feed item and an article page with author, summary and categories of hundreds of kilobytes are stored capped', async () => {
  const { pageFieldsFromHtml } = await import('./page-fields.js');
  const words = (word: string, n: number) => `${word} `.repeat(n).trim();
  const letters = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';
  // 20,000 different author names of two words, as a page's author meta may list them
  const names = Array.from({ length: 20_000 }, (_, i) => `كاتب ${letters[i % 28]}${letters[Math.floor(i / 28) % 28]}${letters[Math.floor(i / 784) % 28]}`);
  const body = '<p>أعلنت البلدية اليوم افتتاح سوق المزارعين في وسط المدينة بعد أعمال استمرت عاماً.</p>'.repeat(5);
  const hugeSummary = words('ملخص', 50_000);
  const hugeCreator = words('محرر', 20_000);
  const hugeCategory = words('قسم', 20_000);
  const categories = [hugeCategory, ...Array.from({ length: 1000 }, (_, i) => `وسم${i}`)];
  const server = await startFixtureServer((req, res) => {
    if (req.url?.startsWith('/news/')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      const meta = req.url === '/news/2' ? `<meta name="author" content="${names.join('، ')}">` : '';
      return res.end(`<!doctype html><html lang="ar"><head>${meta}<title>خبر</title></head><body><article>${body}</article></body></html>`);
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
    const extra = `<dc:creator>${hugeCreator}</dc:creator>${categories.map((c) => `<category>${c}</category>`).join('')}`;
    return res.end(
      `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>اختبار</title><link>/</link>` +
        `<item><title>خبر 1</title><link>/news/1</link><description>${hugeSummary}</description>${extra}</item>` +
        `<item><title>خبر 2</title><link>/news/2</link><description>ملخص</description></item></channel></rss>`,
    );
  });
  const store = await openStore(':memory:');
  const fetcher = new Fetcher(testFetcherOptions());
  const now = Date.now();
  const deps: RefreshDeps = { store, fetcher, now: () => now, process: createArticlePipeline({ now: () => now }), extractPage: (html, url) => pageFieldsFromHtml(html, url, now) };
  try {
    await addSource({ store, fetcher, now: () => now }, `${server.origin}/feed.xml`);
    assert.equal((await runFetchRound(deps, { once: true, concurrency: 1 })).new_articles, 2);
    const fromFeed = await store.getArticleByCanonicalUrl(`${server.origin}/news/1`);
    const fromPage = await store.getArticleByCanonicalUrl(`${server.origin}/news/2`);
    // lengths first: a failed comparison of long strings takes minutes to print
    assert.deepEqual([fromFeed!.summary!.length <= MAX_SUMMARY_LENGTH, fromFeed!.author!.length <= MAX_AUTHOR_LENGTH, fromFeed!.category!.length <= MAX_CATEGORY_LENGTH, fromFeed!.tags.length, fromPage!.author!.length <= MAX_AUTHOR_LENGTH], [true, true, true, MAX_TAGS, true]);
    assert.equal(fromFeed?.summary, cappedText(hugeSummary, MAX_SUMMARY_LENGTH));
    assert.equal(fromFeed?.author, cappedText(hugeCreator, MAX_AUTHOR_LENGTH));
    assert.equal(fromFeed?.category, cappedText(hugeCategory, MAX_CATEGORY_LENGTH));
    assert.deepEqual(fromFeed?.tags, [cappedText(hugeCategory, MAX_TAG_LENGTH), ...categories.slice(1, MAX_TAGS)]);
    assert.equal(fromPage?.author, cappedText(names.join('، '), MAX_AUTHOR_LENGTH), "the page's author list, capped");
  } finally {
    await fetcher.close();
    await store.close();
    await server.close();
  }
});

test('an item linking to a PDF or an image keeps its feed summary: binary bodies are not extracted as text', async () => {
  const { pageFieldsFromHtml } = await import('./page-fields.js');
  const binary = (head: number[]) => Buffer.concat([Buffer.from(head), Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 131 + 7) % 256))]);
  const files: Record<string, { type: string; body: Buffer }> = {
    '/files/statement.pdf': { type: 'application/pdf', body: Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n'), binary([])]) },
    '/files/photo.jpg': { type: 'image/jpeg', body: binary([0xff, 0xd8, 0xff, 0xe0]) },
  };
  const server = await startFixtureServer((req, res) => {
    const file = files[req.url ?? ''];
    if (file) {
      res.writeHead(200, { 'content-type': file.type });
      return res.end(file.body);
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
    return res.end(rss(Object.keys(files).map((path, i) => `<item><title>بيان رقم ${i}</title><link>${path}</link><description>ملخص البيان ${i}</description></item>`).join('')));
  });
  const store = await openStore(':memory:');
  const fetcher = new Fetcher(testFetcherOptions());
  const now = Date.now();
  const reasons: string[] = [];
  const deps: RefreshDeps = {
    store,
    fetcher,
    now: () => now,
    process: createArticlePipeline({ now: () => now }),
    extractPage: (page, url) => pageFieldsFromHtml(page, url, now),
    onItemError: (_source, _url, reason) => reasons.push(reason),
  };
  try {
    await storeSource(store, { url: `${server.origin}/feed.xml`, feedUrl: `${server.origin}/feed.xml`, kind: 'feed', title: 'ملفات', homepage: null }, {}, now);
    assert.equal((await runFetchRound(deps, { once: true, concurrency: 1 })).new_articles, 2);
    for (const [i, path] of Object.keys(files).entries()) {
      assert.equal((await store.getArticleByCanonicalUrl(`${server.origin}${path}`))?.text, `ملخص البيان ${i}`, path);
    }
    assert.equal(reasons.length, 2);
    assert.match(reasons[0] ?? '', /feed summary kept: .*not an HTML page \(application\/pdf\)/);
  } finally {
    await fetcher.close();
    await store.close();
    await server.close();
  }
});

test('a feed’s items are stored with the event loop turning between them, so a server answers requests meanwhile', async () => {
  const server = await startFixtureServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(rss(Array.from({ length: 30 }, (_, n) => item(n)).join('')));
  });
  const store = await openStore(':memory:');
  const fetcher = new Fetcher(testFetcherOptions());
  const pipeline = createArticlePipeline({ now: Date.now, index: null });
  let stored = 0;
  let storedWhenTheLoopTurned: number | null = null;
  // SQLite answers synchronously: without a turn between items, a callback queued at the first item ran only
  // after all 30 (a `sada serve` answered no request while a big feed was stored)
  const process: typeof pipeline = async (tx, input) => {
    if (stored === 0) setImmediate(() => (storedWhenTheLoopTurned = stored));
    const outcome = await pipeline(tx, input);
    stored++;
    return outcome;
  };
  try {
    await storeSource(store, { url: `${server.origin}/f.xml`, feedUrl: `${server.origin}/f.xml`, kind: 'feed', title: 'موجز', homepage: null }, {}, Date.now());
    const summary = await runFetchRound({ store, fetcher, now: Date.now, process }, { once: true, concurrency: 1 });
    assert.equal(summary.new_articles, 30);
    assert.equal(storedWhenTheLoopTurned, 1);
  } finally {
    await fetcher.close();
    await store.close();
    await server.close();
  }
});

const schemas: string[] = [];
after(() => dropTestSchemas(schemas));

for (const adapter of [
  { name: 'sqlite', open: () => openStore(':memory:'), skip: false as const },
  { name: 'postgres', open: () => openStore(TEST_PG_URL, { schema: (schemas.push(freshSchema('refresh')), schemas.at(-1)!) }), skip: PG_SKIP },
]) {
  test(`a feed item's NUL and lone surrogate are made storable before it is looked up or corrected (${adapter.name})`, { skip: adapter.skip }, async () => {
    // A JSON feed carries any code point: a NUL in the id, and on the second round in the corrected headline
    // and tags. PostgreSQL refused the id lookup (the item was lost) and the correction; SQLite stored the NUL.
    let round = 1;
    const server = await startFixtureServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/feed+json' });
      const title = round === 1 ? 'افتتاح مستشفى جديد' : 'افتتاح مستشفى جديد\u0000 (محدث)';
      const tags = round === 1 ? ['صحة'] : ['صحة\u0000', 'مستشفى\ud800'];
      res.end(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'موجز', items: [{ id: 'h\u00001', url: '/news/hospital', title, tags, content_text: 'أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد.', date_published: '2024-01-08T09:00:00Z' }] }));
    });
    const store = await adapter.open();
    const fetcher = new Fetcher(testFetcherOptions());
    const now = Date.now();
    const deps: RefreshDeps = { store, fetcher, now: () => now, process: createArticlePipeline({ now: () => now }) };
    try {
      const source = await storeSource(store, { url: `${server.origin}/f.json`, feedUrl: `${server.origin}/f.json`, kind: 'feed', title: 'موجز', homepage: null }, {}, now);
      const first = await runFetchRound(deps, { once: true, concurrency: 1 });
      assert.deepEqual([first.new_articles, first.errors], [1, 0]);
      const stored = await store.getArticleByExternalId(source.id, 'h 1');
      assert.equal(stored?.title, 'افتتاح مستشفى جديد');

      round = 2;
      const second = await runFetchRound(deps, { once: true, concurrency: 1 });
      assert.deepEqual([second.new_articles, second.errors], [0, 0]);
      const corrected = await store.getArticle(stored!.id);
      assert.equal(corrected?.title, 'افتتاح مستشفى جديد  (محدث)');
      assert.deepEqual(corrected?.tags, ['صحة ', 'مستشفى\ufffd']);
      assert.equal(await store.countArticles(), 1);
    } finally {
      await fetcher.close();
      await store.close();
      await server.close();
    }
  });

  test(`a feed moved for good (301, 308) is polled at its new address; a temporary move is not followed (${adapter.name})`, { skip: adapter.skip }, async () => {
    const moves: Record<string, [number, string]> = {
      '/old.xml': [301, '/new.xml'],
      '/old308.xml': [308, '/stage.xml'],
      '/stage.xml': [301, '/final.xml'],
      '/temp.xml': [302, '/today.xml'],
      '/mixed.xml': [301, '/mixed-next.xml'],
      '/mixed-next.xml': [307, '/mixed-today.xml'],
      '/taken.xml': [301, '/held.xml'],
    };
    const server = await startFixtureServer((req, res) => {
      const move = moves[req.url ?? ''];
      if (move) {
        res.writeHead(move[0], { location: move[1] });
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(rss(`<item><title>خبر من ${req.url}</title><link>${req.url}/1</link></item>`));
    });
    const store = await adapter.open();
    const fetcher = new Fetcher(testFetcherOptions());
    const now = Date.now();
    const deps: RefreshDeps = { store, fetcher, now: () => now, process: createArticlePipeline({ now: () => now, index: null }) };
    try {
      const add = (path: string, slug: string) => storeSource(store, { url: `${server.origin}${path}`, feedUrl: `${server.origin}${path}`, kind: 'feed', title: slug, homepage: null }, { slug }, now);
      const ids = [await add('/old.xml', 'a'), await add('/old308.xml', 'b'), await add('/temp.xml', 'c'), await add('/mixed.xml', 'd'), await add('/taken.xml', 'e'), await add('/held.xml', 'f')].map((s) => s.id);
      await runFetchRound(deps, { once: true, concurrency: 1 });
      const feeds = async () => Promise.all(ids.map(async (id) => (await store.getSource(id))!.feedUrl.slice(server.origin.length)));
      // 301 → new; 308 then 301 → the end of both; 302 stays; 301 then 307 → the 301's target only; a move onto
      // an address another source polls is not made
      assert.deepEqual(await feeds(), ['/new.xml', '/final.xml', '/temp.xml', '/mixed-next.xml', '/taken.xml', '/held.xml']);
      const before = server.requests.length;
      await runFetchRound(deps, { once: true, concurrency: 1 });
      const asked = server.requests.slice(before).map((r) => r.path);
      assert.ok(asked.includes('/new.xml') && !asked.includes('/old.xml'), asked.join(' '));
      assert.ok(asked.includes('/final.xml') && !asked.includes('/old308.xml') && !asked.includes('/stage.xml'), asked.join(' '));
      assert.ok(asked.includes('/temp.xml'), 'a temporary move is asked at the old address again');
      assert.equal(await store.getArticleByCanonicalUrl(`${server.origin}/new.xml/1`).then((a) => a?.title), 'خبر من /new.xml');
    } finally {
      await fetcher.close();
      await store.close();
      await server.close();
    }
  });

  test(`a corrected headline retitles the story it heads: home page, story page, top-stories feed and API show the story title (${adapter.name})`, { skip: adapter.skip }, async () => {
    let headline = 'وزير المالية يعلن ميزانية العام المقبل بعجز أقل من المتوقع';
    const server = await startFixtureServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(rss(`<item><title>${headline}</title><link>/news/budget</link><guid>budget</guid><description>أعلن وزير المالية اليوم ميزانية العام المقبل بعجز أقل من المتوقع مع ارتفاع أسعار النفط</description></item>`));
    });
    const store = await adapter.open();
    const fetcher = new Fetcher(testFetcherOptions());
    const now = Date.now();
    const deps: RefreshDeps = { store, fetcher, now: () => now, process: createArticlePipeline({ now: () => now }) };
    try {
      const source = await storeSource(store, { url: `${server.origin}/f.xml`, feedUrl: `${server.origin}/f.xml`, kind: 'feed', title: 'مصدر', homepage: null }, {}, now);
      await runFetchRound(deps, { once: true, concurrency: 1 });
      headline += ' (محدث)';
      await runFetchRound(deps, { once: true, concurrency: 1 });
      const article = await store.getArticleByExternalId(source.id, 'budget');
      assert.equal(article?.title, headline);
      const story = article?.storyId != null ? await store.getStory(article.storyId) : null;
      assert.equal(story?.titleArticleId, article?.id, 'the story is headed by this article');
      assert.equal(story?.title, headline, 'the story title follows the correction');
      // search finds the article by the corrected words, and once (the old document is replaced)
      const found = await new SearchEngine(store).search({ query: 'محدث', now });
      assert.deepEqual(found.hits.map((h) => h.article.id), [article!.id]);
      assert.equal((await new SearchEngine(store).search({ query: 'ميزانية', now })).total, 1);
    } finally {
      await fetcher.close();
      await store.close();
      await server.close();
    }
  });
}
