import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturePath } from '../test-support/paths.js';
import { startFixtureServer, startStaticServer } from '../test-support/http-fixture.js';
import { testFetcherOptions } from '../test-support/fetch-options.js';
import { feedCandidates, parseFeed } from '../feeds/index.js';
import { Fetcher } from './fetcher.js';

const serveSite = () => startStaticServer(fixturePath('fetch', 'site'));

test('homepage autodiscovery, then a feed whose items link to article pages fetched politely', async () => {
  const server = await serveSite();
  const fetcher = new Fetcher(testFetcherOptions());
  try {
    const home = await fetcher.fetch(`${server.origin}/`);
    assert.ok(!home.notModified);
    if (home.notModified) return;
    assert.match(home.text(), /بوابة الوادي/, 'windows-1256 homepage decoded from <meta charset>');
    const [candidate] = feedCandidates(home.text(), home.finalUrl);
    assert.equal(candidate?.url, `${server.origin}/feed.xml`);

    const feedResult = await fetcher.fetch(candidate!.url, { kind: 'feed' });
    assert.ok(!feedResult.notModified);
    if (feedResult.notModified) return;
    const feed = parseFeed(feedResult.body, { url: feedResult.finalUrl, contentType: feedResult.contentType });
    assert.equal(feed.title, 'بوابة الوادي');
    assert.deepEqual(feed.items.map((i) => i.link), [
      `${server.origin}/articles/desalination.html`,
      `${server.origin}/articles/market.html`,
      `${server.origin}/private/draft.html`,
    ]);
    assert.ok(feed.items.every((i) => i.isPartial), 'teasers only: the pages must be fetched');

    const pages = await Promise.allSettled(feed.items.map((i) => fetcher.fetch(i.link!, { kind: 'page' })));
    const texts = pages.map((p) => (p.status === 'fulfilled' && !p.value.notModified ? p.value.text() : null));
    assert.match(texts[0] ?? '', /محطة جديدة لتحلية المياه بطاقة إنتاجية/);
    assert.match(texts[1] ?? '', /يفتح سوق المزارعين أبوابه كل جمعة/, 'windows-1256 page decoded from <meta http-equiv>');
    assert.equal(pages[2]?.status, 'rejected', 'robots.txt disallows /private/');
    assert.equal(server.requests.filter((r) => r.path === '/robots.txt').length, 1);
    assert.ok(!server.requests.some((r) => r.path.startsWith('/private/')));
  } finally {
    await fetcher.close();
    await server.close();
  }
});

test('hostile feeds over HTTP: billion laughs stays small, malformed XML fails with PARSE_FAILED', async () => {
  const hostile = fixturePath('feeds', 'hostile');
  const server = await startFixtureServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/xml' });
    res.end(readFileSync(join(hostile, req.url === '/lol' ? 'billion-laughs.xml' : 'truncated.xml')));
  });
  const fetcher = new Fetcher(testFetcherOptions());
  try {
    const lol = await fetcher.fetch(`${server.origin}/lol`, { kind: 'feed' });
    assert.ok(!lol.notModified);
    if (lol.notModified) return;
    const feed = parseFeed(lol.body, { url: lol.finalUrl, contentType: lol.contentType });
    assert.ok(JSON.stringify(feed).length < 5000);
    const broken = await fetcher.fetch(`${server.origin}/broken`, { kind: 'feed' });
    assert.ok(!broken.notModified);
    if (broken.notModified) return;
    assert.throws(() => parseFeed(broken.body, { url: broken.finalUrl }), { code: 'PARSE_FAILED' });
  } finally {
    await fetcher.close();
    await server.close();
  }
});
