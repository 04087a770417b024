import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { canonicalUrl } from './canonical-url.js';
import { AppError } from '../core/errors.js';

const same = (a: string, b: string) => assert.equal(canonicalUrl(a), canonicalUrl(b), `${a} vs ${b}`);

test('tracking parameters are removed and the rest sorted', () => {
  assert.equal(
    canonicalUrl('https://www.example.com/news/123?utm_source=tw&b=2&fbclid=XYZ&a=1&gclid=1&utm_campaign=x'),
    'https://example.com/news/123?a=1&b=2',
  );
  same('https://example.com/a?id=5', 'https://example.com/a?id=5&mc_cid=1&_ga=2&msclkid=3&igshid=4');
  assert.equal(canonicalUrl('https://example.com/a?utm_medium=rss'), 'https://example.com/a');
});

test('AMP and mobile variants map to the article page', () => {
  const base = 'https://example.com/world/2018/07/09/story';
  for (const variant of [
    'https://example.com/world/2018/07/09/story/amp',
    'https://example.com/world/2018/07/09/story/amp/',
    'https://example.com/world/2018/07/09/story.amp',
    'https://example.com/amp/world/2018/07/09/story',
    'https://amp.example.com/world/2018/07/09/story',
    'https://m.example.com/world/2018/07/09/story',
    'https://mobile.example.com/world/2018/07/09/story?amp',
    'https://www.example.com/world/2018/07/09/story?amp=1',
    'https://example.com/world/2018/07/09/story?outputType=amp',
    'https://example-com.cdn.ampproject.org/c/s/example.com/world/2018/07/09/story',
  ]) {
    same(variant, base);
  }
});

test('host case, default port, fragment, trailing slash, duplicate slashes and index files', () => {
  same('HTTP://WWW.Example.COM:80/a/b/#comments', 'http://example.com/a/b');
  same('https://example.com:443//a//b/index.html', 'https://example.com/a/b');
  assert.equal(canonicalUrl('https://example.com'), 'https://example.com/');
  assert.equal(canonicalUrl('https://example.com/'), 'https://example.com/');
  // A port that is not the default is part of the identity.
  assert.equal(canonicalUrl('http://example.com:8080/a'), 'http://example.com:8080/a');
});

test('raw and percent-encoded Arabic paths are the same page, shown readable', () => {
  const raw = 'http://www.3alyoum.com/culture/a/مكتبة-الملك-عبدالعزيز/';
  const upper = `http://www.3alyoum.com/culture/a/${encodeURIComponent('مكتبة-الملك-عبدالعزيز')}/`;
  const lower = upper.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
  assert.equal(canonicalUrl(raw), 'http://3alyoum.com/culture/a/مكتبة-الملك-عبدالعزيز');
  same(raw, upper);
  same(raw, lower);
});

test('reserved characters stay encoded so the path keeps its meaning', () => {
  assert.equal(canonicalUrl('https://example.com/a%2Fb/c%20d'), 'https://example.com/a%2Fb/c%20d');
  assert.equal(canonicalUrl('https://example.com/x?q=%D9%85%D8%B5%D8%B1+%26+%D9%84%D9%8A%D8%A8%D9%8A%D8%A7'), 'https://example.com/x?q=مصر%20%26%20ليبيا');
});

test('query parameters that identify the article are kept', () => {
  assert.equal(
    canonicalUrl('http://www.alwatan.com.sa/Economy/News_Detail.aspx?ArticleID=230979&CategoryID=2'),
    'http://alwatan.com.sa/Economy/News_Detail.aspx?ArticleID=230979&CategoryID=2',
  );
  assert.notEqual(canonicalUrl('https://example.com/a?id=1'), canonicalUrl('https://example.com/a?id=2'));
});

test('bad input is refused with a clear error', () => {
  for (const bad of ['', 'not a url', '/relative/path', 'ftp://example.com/a', 'javascript:alert(1)', 'mailto:a@b.c']) {
    assert.throws(() => canonicalUrl(bad), (e: unknown) => e instanceof AppError && e.code === 'BAD_INPUT');
  }
});

test('canonicalisation is idempotent', () => {
  fc.assert(
    fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
      const once = canonicalUrl(url);
      assert.equal(canonicalUrl(once), once);
    }),
    { numRuns: 1000 },
  );
});

test('empty query parameters leave no dangling question mark', () => {
  assert.equal(canonicalUrl('http://a.example/?='), 'http://a.example/');
  assert.equal(canonicalUrl('http://a.example/x?&&'), 'http://a.example/x');
});
