import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../core/errors.js';
import { Fetcher, type FetchResponse } from '../fetch/index.js';
import { startFixtureServer } from '../test-support/http-fixture.js';
import { testFetcherOptions } from '../test-support/fetch-options.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { resolveSource, storeSource, titleOfPage } from './add-source.js';
import { finishesWithin } from '../test-support/finishes.js';

const HOME = 'https://slow.example/';
const OTHER_FEED = 'https://cdn.example/wadi.xml';
const HOMEPAGE = `<!doctype html><html lang="ar"><head><title>بوابة الوادي</title>
<link rel="alternate" type="application/rss+xml" href="/feed">
<link rel="alternate" type="application/rss+xml" href="/news.rss">
<link rel="alternate" type="application/rss+xml" href="${OTHER_FEED}">
</head><body><p>أخبار الوادي</p></body></html>`;
const RSS = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>أخبار الوادي</title><link>${HOME}</link>
<item><title>افتتاح سوق المزارعين</title><link>${HOME}news/1</link></item></channel></rss>`;

function response(url: string, body: string, contentType: string): FetchResponse {
  const bytes = Buffer.from(body, 'utf8');
  return { url, finalUrl: url, redirects: [], movedTo: null, status: 200, headers: {}, etag: null, lastModified: null, notModified: false, body: bytes, contentType, text: () => body };
}

/** The homepage answers; every other URL on its host times out; the feed announced on another host answers. */
function slowSite(asked: string[]): Fetcher {
  const fetch = async (url: string) => {
    asked.push(url);
    if (url === HOME) return response(url, HOMEPAGE, 'text/html; charset=utf-8');
    if (url === OTHER_FEED) return response(url, RSS, 'application/rss+xml');
    throw new AppError('TIMEOUT', `${url}: no complete response within 30000 ms`);
  };
  return { fetch } as unknown as Fetcher;
}

test('discovery probes a host that timed out no more, and goes on to feeds announced elsewhere', async () => {
  const asked: string[] = [];
  const resolved = await resolveSource(slowSite(asked), HOME);
  assert.equal(resolved.feedUrl, OTHER_FEED);
  assert.equal(resolved.kind, 'homepage');
  assert.deepEqual(asked, [HOME, 'https://slow.example/feed', OTHER_FEED]);
});

test('when every candidate is on the slow host, one timeout ends the search with the reason', async () => {
  const asked: string[] = [];
  const fetcher = slowSite(asked);
  const page = HOMEPAGE.replace(`<link rel="alternate" type="application/rss+xml" href="${OTHER_FEED}">`, '');
  const only = { fetch: async (url: string) => (url === HOME ? response(url, page, 'text/html') : fetcher.fetch(url)) } as unknown as Fetcher;
  await assert.rejects(resolveSource(only, HOME), (e: unknown) => e instanceof AppError && e.code === 'BAD_INPUT' && /timed out before/.test(e.message));
  assert.deepEqual(asked, ['https://slow.example/feed'], 'one probe, not twelve');
});

test('a source is stored under a slug of at most 64 characters, and a feed URL too long to be a key is refused (PostgreSQL refused both in its unique index)', async () => {
  const store = await SqliteStore.open({ path: ':memory:' });
  try {
    // A feed's home_page_url names the host the slug is made of: any length the URL parser accepts.
    const host = `${'abcdefghij'.repeat(300)}.example`;
    const source = await storeSource(store, { url: 'https://feeds.example/a.json', feedUrl: 'https://feeds.example/a.json', kind: 'feed', title: 'موجز', homepage: `https://${host}/` }, {}, 0);
    assert.equal(source.slug, 'abcdefghij'.repeat(7).slice(0, 64));
    const again = await storeSource(store, { url: 'https://feeds.example/b.json', feedUrl: 'https://feeds.example/b.json', kind: 'feed', title: 'موجز', homepage: `https://${host}/` }, {}, 0);
    assert.equal(again.slug, `${'abcdefghij'.repeat(7).slice(0, 64)}-2`);
    const longFeed = `https://feeds.example/${'x'.repeat(3000)}.xml`;
    await assert.rejects(
      storeSource(store, { url: longFeed, feedUrl: longFeed, kind: 'feed', title: 'طويل', homepage: null }, {}, 0),
      (e: unknown) => e instanceof AppError && e.code === 'BAD_INPUT' && /longer than 2000/.test(e.message),
    );
    assert.equal((await store.listSources()).length, 2);
  } finally {
    await store.close();
  }
});

test('after a source is removed, another feed of the same outlet can be added (the removed one keeps its slug), and re-adding the removed feed revives it', async () => {
  const store = await SqliteStore.open({ path: ':memory:' });
  try {
    const feed = (path: string) => ({ url: 'https://okaz.example/', feedUrl: `https://okaz.example/${path}`, kind: 'feed' as const, title: 'عكاظ', homepage: 'https://okaz.example/' });
    const rss = await storeSource(store, feed('rss'), {}, 0);
    assert.equal(rss.slug, 'okaz');
    assert.equal(await store.removeSource(rss.id), true);
    // before, the slug of the removed source was offered again and refused: CONFLICT 'a source with slug "okaz" already exists'
    const atom = await storeSource(store, feed('atom'), {}, 0);
    assert.equal(atom.slug, 'okaz-2');
    const again = await storeSource(store, feed('rss'), {}, 0);
    assert.deepEqual([again.id, again.slug], [rss.id, 'okaz']);
  } finally {
    await store.close();
  }
});

test('a URL answered 404 or 410 is bad input (exit 2, API 400); a server error, a refusal or an unreachable host stays a failure to fetch', async () => {
  const server = await startFixtureServer((req, res) => {
    const status = Number(req.url?.slice(1, 4));
    res.writeHead(status).end();
  });
  const fetcher = new Fetcher(testFetcherOptions({ connectTimeoutMs: 500 }));
  const failure = async (url: string) => {
    try {
      await resolveSource(fetcher, url);
    } catch (error) {
      assert.ok(error instanceof AppError, String(error));
      return [error.code, error.exitCode, error.httpStatus, error.message];
    }
    return assert.fail(`${url} was resolved`);
  };
  try {
    assert.deepEqual(await failure(`${server.origin}/404/feed.xml`), ['BAD_INPUT', 2, 400, `${server.origin}/404/feed.xml: HTTP 404 (not found): nothing to poll at this URL`]);
    assert.deepEqual(await failure(`${server.origin}/410/feed.xml`), ['BAD_INPUT', 2, 400, `${server.origin}/410/feed.xml: HTTP 410 (gone): nothing to poll at this URL`]);
    for (const status of [500, 503, 403, 401, 429]) assert.deepEqual((await failure(`${server.origin}/${status}/feed.xml`)).slice(0, 2), ['FETCH_FAILED', 1], String(status));
    assert.equal((await failure('http://127.0.0.1:9/feed.xml'))[1], 1, 'nothing listening');
  } finally {
    await fetcher.close();
    await server.close();
  }
});

test("a homepage's title: the first <title> to the </title> after it; a page of unclosed ones is read in linear time", () => {
  assert.equal(titleOfPage('<html><TITLE lang="ar">بوابة &amp; الوادي</Title><title>b</title>'), 'بوابة &amp; الوادي');
  assert.equal(titleOfPage('x</title><title>y</title>'), 'y');
  assert.equal(titleOfPage('<title>no end'), undefined);
  assert.equal(titleOfPage('<p>no title</p>'), undefined);
  // 10 MB of `<title>`: hours before (each was read on to the end for a `</title>`)
  assert.equal(finishesWithin(10, () => titleOfPage('<title>'.repeat(1_500_000))), undefined);
});
