import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestApp } from '../testing/test-app.js';
import { readerAppForFile } from '../../test-support/reader-app.js';

let t: TestApp;
readerAppForFile((app) => (t = app), { adminToken: 'tok' });

const ORIGIN = { Origin: 'https://news-app.example' };

test('the API and the feeds may be read from pages of other origins', async () => {
  for (const path of ['/api/v1/stories', '/api/v1/search?q=%D9%85%D9%83%D8%A9', `/api/v1/articles/${t.fx.articles.get('rain-okaz')}`, '/api/openapi.json', '/feeds/top.xml', '/feeds/latest.xml?format=rss', '/api/v1/articles/999999']) {
    const res = await t.app.request(path, { headers: ORIGIN });
    assert.equal(res.headers.get('access-control-allow-origin'), '*', path);
    assert.equal(res.headers.get('cross-origin-resource-policy'), 'cross-origin', path);
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /ETag/, path);
    // the other security headers stay
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/, path);
  }
});

test('reader pages and admin calls stay same-origin', async () => {
  for (const path of ['/', `/story/${t.fx.stories.get('rain')}`, '/sources']) {
    const res = await t.app.request(path, { headers: ORIGIN });
    assert.equal(res.headers.get('access-control-allow-origin'), null, path);
    assert.equal(res.headers.get('cross-origin-resource-policy'), 'same-origin', path);
  }
  const add = await t.app.request('/api/v1/sources', { method: 'POST', headers: { ...ORIGIN, Authorization: 'Bearer tok', 'Content-Type': 'application/json' }, body: '{"url":"not a url"}' });
  assert.equal(add.headers.get('access-control-allow-origin'), null, 'an admin answer is not readable by another origin');
  const remove = await t.app.request('/api/v1/sources/1', { method: 'DELETE', headers: ORIGIN });
  assert.equal(remove.headers.get('access-control-allow-origin'), null);
});

test('a preflight is granted for reading only', async () => {
  const read = await t.app.request('/api/v1/articles', { method: 'OPTIONS', headers: { ...ORIGIN, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'if-none-match' } });
  assert.equal(read.status, 204);
  assert.equal(read.headers.get('access-control-allow-origin'), '*');
  assert.match(read.headers.get('access-control-allow-methods') ?? '', /^GET, HEAD$/);
  assert.match(read.headers.get('access-control-allow-headers') ?? '', /If-None-Match/);
  const feed = await t.app.request('/feeds/top.xml', { method: 'OPTIONS', headers: { ...ORIGIN, 'Access-Control-Request-Method': 'GET' } });
  assert.equal(feed.status, 204);
  for (const method of ['POST', 'DELETE']) {
    const write = await t.app.request('/api/v1/sources', { method: 'OPTIONS', headers: { ...ORIGIN, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': 'authorization, content-type' } });
    assert.notEqual(write.status, 204, method);
    assert.equal(write.headers.get('access-control-allow-origin'), null, `no preflight grant for ${method}`);
  }
  // A plain OPTIONS (no preflight) is answered as before: 405 with Allow.
  const plain = await t.app.request('/api/v1/articles', { method: 'OPTIONS' });
  assert.equal(plain.status, 405);
});
