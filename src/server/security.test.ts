import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from './testing/test-app.js';
import { READER_CORPUS, readerAppForFile } from '../test-support/reader-app.js';
import { checkAdminToken, bearerToken } from './auth.js';
import type { AppError } from '../core/errors.js';

const CORPUS = READER_CORPUS;
let t: TestApp;
readerAppForFile((app) => (t = app), { adminToken: 'tok', rateLimit: { apiPerMinute: 5, searchPerMinute: 2 }, limits: { maxBodyBytes: 256, maxUrlLength: 300 } });

test('strict security headers on pages, API, assets and errors', async () => {
  for (const path of ['/', '/api/v1/sources', '/nowhere', '/healthz']) {
    const res = await t.app.request(path);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/, path);
    assert.match(csp, /script-src 'none'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
  }
});

test('the API rate limit answers 429 with Retry-After and refills with time', async () => {
  t.advance(120_000);
  const statuses: number[] = [];
  for (let i = 0; i < 7; i++) statuses.push((await t.app.request('/api/v1/sources')).status);
  assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429]);
  const limited = await t.app.request('/api/v1/sources');
  assert.equal(limited.status, 429);
  assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  assert.equal(((await limited.json()) as { error: { code: string } }).error.code, 'RATE_LIMITED');
  t.advance(12_000);
  assert.equal((await t.app.request('/api/v1/sources')).status, 200, 'one token back after 12 s at 5/min');
});

test('search has its own, stricter limit (page and API share it)', async () => {
  t.advance(120_000);
  assert.equal((await t.app.request('/search?q=x')).status, 200);
  assert.equal((await t.app.request('/api/v1/search?q=x')).status, 200);
  const page = await t.app.request('/search?q=x');
  assert.equal(page.status, 429);
  const text = await page.text();
  assert.match(text, /طلبات كثيرة/);
  // what to do, not only «تعذر تنفيذ الطلب» (the limit's own message is English, for API clients)
  assert.match(text, /انتظر دقيقة ثم حاول مرة أخرى/);
});

test('request size limits: body', async () => {
  t.advance(120_000);
  const big = await t.app.request('/api/v1/sources', { method: 'POST', headers: { authorization: 'Bearer tok', 'content-type': 'application/json' }, body: JSON.stringify({ url: `https://a.example/${'x'.repeat(400)}` }) });
  assert.equal(big.status, 413);
  assert.equal(((await big.json()) as { error: { code: string } }).error.code, 'TOO_LARGE');
});

test('a request URL over the limit is 414 URI Too Long (not 413: no body was sent), as JSON for the API and an Arabic page for readers', async () => {
  t.advance(120_000);
  const api = await t.app.request(`/api/v1/search?q=${'a'.repeat(400)}`);
  assert.equal(api.status, 414);
  assert.match(api.headers.get('content-type') ?? '', /^application\/json/);
  const body = (await api.json()) as { error: { code: string; message: string } };
  assert.equal(body.error.code, 'URI_TOO_LONG');
  assert.match(body.error.message, /longer than 300 characters/);
  const page = await t.app.request(`/search?q=${'a'.repeat(400)}`);
  assert.equal(page.status, 414);
  assert.equal(page.headers.get('cache-control'), 'no-store');
  const html = await page.text();
  assert.match(html, /<html lang="ar" dir="rtl">/);
  assert.match(html, /الرابط أطول من المسموح/);
  assert.match(html, /الرابط أطول من 300 حرفاً/);
  assert.equal((await t.app.request(`/?${'a'.repeat(250)}`)).status, 200, 'a URL within the limit is served');
});

test('admin token checks', () => {
  assert.throws(() => checkAdminToken('', 'x'), (e: AppError) => e.code === 'FORBIDDEN');
  assert.throws(() => checkAdminToken('secret', null), (e: AppError) => e.code === 'UNAUTHORIZED');
  assert.throws(() => checkAdminToken('secret', 'secreT'), (e: AppError) => e.code === 'UNAUTHORIZED');
  assert.doesNotThrow(() => checkAdminToken('secret', 'secret'));
  // A server whose database cannot be written refuses even the right token: the change could only fail.
  assert.throws(() => checkAdminToken('secret', 'secret', { readOnly: true }), (e: AppError) => e.code === 'FORBIDDEN' && /cannot write/.test(e.message));
  assert.equal(bearerToken('Bearer abc'), 'abc');
  assert.equal(bearerToken('bearer   abc  '), 'abc');
  assert.equal(bearerToken('Basic abc'), null);
  assert.equal(bearerToken('Bearer a b'), null);
});

test('/healthz pings the store; /metrics exposes HTTP latency and pipeline counters', async () => {
  const ok = await t.app.request('/healthz');
  assert.equal(ok.status, 200);
  assert.deepEqual(await ok.json(), { status: 'ok' });
  t.metrics.fetchOutcomes.inc({ outcome: 'ok' });
  t.metrics.articlesIngested.inc(3);
  const text = await (await t.app.request('/metrics')).text();
  assert.match(text, /sada_http_request_duration_seconds_bucket\{.*route="\/healthz".*\}/);
  assert.match(text, /sada_fetch_outcomes_total\{outcome="ok"\} 1/);
  assert.match(text, /sada_articles_ingested_total 3/);
  assert.match(text, /sada_fetch_queue_lag_seconds 0\n/, 'no source is overdue in the fixture');
  const feed = t.fx.sources.get('spa')!;
  await t.store.updateFetchState(feed, { nextCheck: t.now() - 90_000 });
  const later = await (await t.app.request('/metrics')).text();
  assert.match(later, /sada_fetch_queue_lag_seconds 90\n/);
});

test('/healthz answers 503 when the database is gone', async () => {
  const broken = await testApp(CORPUS);
  await broken.store.close();
  const res = await broken.app.request('/healthz');
  assert.equal(res.status, 503);
  assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'UNAVAILABLE');
});

test('assets are served with immutable caching; unknown assets are 404', async () => {
  const home = await (await t.app.request('/')).text();
  const css = /href="(\/assets\/sada\.[0-9a-f]+\.css)"/.exec(home)?.[1];
  assert.ok(css);
  const res = await t.app.request(css);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('cache-control') ?? '', /immutable/);
  const body = await res.text();
  const font = /url\((\/assets\/fonts\/[^)]+\.woff2)\)/.exec(body)?.[1];
  assert.ok(font, 'the stylesheet points at a self-hosted font');
  const fontRes = await t.app.request(font);
  assert.equal(fontRes.status, 200);
  assert.equal(fontRes.headers.get('content-type'), 'font/woff2');
  assert.ok((await fontRes.arrayBuffer()).byteLength > 1000);
  assert.equal((await t.app.request('/assets/../package.json')).status, 404);
  assert.equal((await t.app.request('/assets/fonts/x.woff2')).status, 404);
});

test('over a real socket the limit is kept per client address', async () => {
  const { startServer } = await import('./listen.js');
  const limited = await testApp(CORPUS, { rateLimit: { apiPerMinute: 1, searchPerMinute: 1 } });
  const server = await startServer(limited.app, { host: '127.0.0.1', port: 0 });
  try {
    assert.equal((await fetch(`${server.url}/api/v1/sources`)).status, 200);
    assert.equal((await fetch(`${server.url}/api/v1/sources`)).status, 429);
    assert.equal((await fetch(`${server.url}/`)).status, 200, 'pages outside search are not limited');
  } finally {
    await server.close();
    await limited.store.close();
  }
});
