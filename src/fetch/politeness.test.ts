import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer } from '../test-support/http-fixture.js';
import { testFetcherOptions } from '../test-support/fetch-options.js';
import { Fetcher } from './fetcher.js';
import { backoffDelay, parseRetryAfter } from './retry.js';
import { cacheLifetimeMs } from './cache-headers.js';

/** A sleep that records what was asked and returns at once. */
function recordingSleep(): { sleep: (ms: number) => Promise<void>; asked: number[] } {
  const asked: number[] = [];
  return { asked, sleep: async (ms) => void asked.push(ms) };
}

test('robots.txt is obeyed for pages (cached per host), not for feeds', async () => {
  const server = await startFixtureServer((req, res) => {
    if (req.url === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('User-agent: *\nDisallow: /private/\n\nUser-agent: Sada\nDisallow: /no-sada/\nCrawl-delay: 1\n');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<p>صفحة</p>');
  });
  const { sleep, asked } = recordingSleep();
  const fetcher = new Fetcher(testFetcherOptions({ sleep }));
  try {
    await assert.rejects(fetcher.fetch(`${server.origin}/no-sada/article`), (error: { code?: string; message?: string }) => {
      assert.equal(error.code, 'FORBIDDEN');
      assert.match(error.message ?? '', /robots\.txt disallows \/no-sada\/article for Sada/);
      return true;
    });
    const page = await fetcher.fetch(`${server.origin}/news/1`);
    assert.ok(!page.notModified && page.text() === '<p>صفحة</p>');
    await fetcher.fetch(`${server.origin}/news/2`);
    const feed = await fetcher.fetch(`${server.origin}/no-sada/feed.xml`, { kind: 'feed' });
    assert.equal(feed.status, 200);
    assert.equal(server.requests.filter((r) => r.path === '/robots.txt').length, 1);
    assert.ok(asked.some((ms) => ms >= 900), 'the crawl-delay spaces page requests to the host');
  } finally {
    await fetcher.close();
    await server.close();
  }
});

test('a fractional crawl-delay spaces requests by whole milliseconds (PostgreSQL refused 1000.9999999999999 as a host slot, so no page of the host was read)', async () => {
  const server = await startFixtureServer((req, res) => {
    if (req.url === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end('User-agent: *\nCrawl-delay: 1.001\n');
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return res.end('<p>صفحة</p>');
  });
  const spacings: number[] = [];
  const fetcher = new Fetcher(testFetcherOptions({ sharedHostGate: async (_host, spacingMs) => (spacings.push(spacingMs), 0) }));
  try {
    await fetcher.fetch(`${server.origin}/news/1`);
    assert.deepEqual(spacings, [1001]);
  } finally {
    await fetcher.close();
    await server.close();
  }
});

test('robots.txt: 404 allows everything, 5xx disallows pages for a while', async () => {
  let robotsStatus = 404;
  const server = await startFixtureServer((req, res) => {
    res.writeHead(req.url === '/robots.txt' ? robotsStatus : 200);
    res.end('x');
  });
  try {
    const open = new Fetcher(testFetcherOptions());
    await open.fetch(`${server.origin}/a`);
    await open.close();
    robotsStatus = 503;
    const closed = new Fetcher(testFetcherOptions({ retries: 0 }));
    await assert.rejects(closed.fetch(`${server.origin}/a`), /robots\.txt answered HTTP 503/);
    await closed.close();
  } finally {
    await server.close();
  }
});

test('429 with Retry-After is waited for; a Retry-After too long fails at once with the delay in details', async () => {
  let calls = 0;
  const server = await startFixtureServer((req, res) => {
    calls++;
    if (req.url === '/busy' && calls === 1) {
      res.writeHead(429, { 'retry-after': '7' });
      return res.end();
    }
    if (req.url === '/closed') {
      res.writeHead(429, { 'retry-after': '3600' });
      return res.end();
    }
    res.writeHead(200);
    return res.end('ok');
  });
  const { sleep, asked } = recordingSleep();
  const fetcher = new Fetcher(testFetcherOptions({ sleep }));
  try {
    const result = await fetcher.fetch(`${server.origin}/busy`, { kind: 'feed' });
    assert.equal(result.status, 200);
    assert.deepEqual(asked, [7000]);
    calls = 0;
    await assert.rejects(fetcher.fetch(`${server.origin}/closed`, { kind: 'feed' }), (error: { code?: string; details?: Record<string, unknown> }) => {
      assert.equal(error.code, 'FETCH_FAILED');
      assert.equal(error.details?.['status'], 429);
      assert.equal(error.details?.['retryAfterMs'], 3_600_000);
      return true;
    });
    assert.equal(calls, 1);
  } finally {
    await fetcher.close();
    await server.close();
  }
});

test('5xx is retried with exponential backoff; 4xx is not', async () => {
  const counts: Record<string, number> = {};
  const server = await startFixtureServer((req, res) => {
    const path = req.url ?? '';
    counts[path] = (counts[path] ?? 0) + 1;
    if (path === '/flaky' && counts[path]! < 3) res.writeHead(503);
    else if (path === '/broken') res.writeHead(500);
    else if (path === '/gone') res.writeHead(404);
    else res.writeHead(200);
    res.end('x');
  });
  const { sleep, asked } = recordingSleep();
  const fetcher = new Fetcher(testFetcherOptions({ sleep, retries: 2, retryBaseDelayMs: 100 }));
  try {
    assert.equal((await fetcher.fetch(`${server.origin}/flaky`, { kind: 'feed' })).status, 200);
    assert.equal(counts['/flaky'], 3);
    assert.equal(asked.length, 2);
    // base × 2^attempt × a jitter in [0.5, 1.5), rounded: the upper end itself is reachable.
    assert.ok(asked[0]! >= 50 && asked[0]! <= 150 && asked[1]! >= 100 && asked[1]! <= 300, `backoff ${asked.join(', ')}`);
    await assert.rejects(fetcher.fetch(`${server.origin}/broken`, { kind: 'feed' }), /HTTP 500/);
    assert.equal(counts['/broken'], 3);
    await assert.rejects(fetcher.fetch(`${server.origin}/gone`, { kind: 'feed' }), (error: { details?: Record<string, unknown> }) => error.details?.['status'] === 404);
    assert.equal(counts['/gone'], 1);
  } finally {
    await fetcher.close();
    await server.close();
  }
});

test('a refused connection is retried, then reported as FETCH_FAILED', async () => {
  const server = await startFixtureServer(() => undefined);
  const port = server.port;
  await server.close();
  const { sleep, asked } = recordingSleep();
  const fetcher = new Fetcher(testFetcherOptions({ sleep, retries: 1 }));
  try {
    await assert.rejects(fetcher.fetch(`http://127.0.0.1:${port}/`, { kind: 'feed' }), (error: { code?: string; message?: string }) => {
      assert.equal(error.code, 'FETCH_FAILED');
      assert.match(error.message ?? '', /ECONNREFUSED/);
      return true;
    });
    assert.equal(asked.length, 1);
  } finally {
    await fetcher.close();
  }
});

test('per-host concurrency limit and pause between requests', async () => {
  const server = await startFixtureServer(async (_req, res) => {
    await new Promise((resolve) => setTimeout(resolve, 30));
    res.end('x');
  });
  const fetcher = new Fetcher(testFetcherOptions({ hostConcurrency: 2 }));
  const spaced = new Fetcher(testFetcherOptions({ hostConcurrency: 4, hostDelayMs: 40 }));
  try {
    await Promise.all(Array.from({ length: 6 }, (_, i) => fetcher.fetch(`${server.origin}/c${i}`, { kind: 'feed' })));
    assert.equal(server.inFlight.max, 2);
    server.requests.length = 0;
    await Promise.all(Array.from({ length: 4 }, (_, i) => spaced.fetch(`${server.origin}/d${i}`, { kind: 'feed' })));
    const starts = server.requests.map((r) => r.at).sort((a, b) => a - b);
    // Server-side arrival times jitter with load and connection set-up (client and server share this process);
    // exact spacing is checked with a fake clock in host-limiter.test.ts. Here: the pauses happen at all.
    const span = starts.at(-1)! - starts[0]!;
    assert.ok(span >= 60, `4 requests spread over only ${span} ms`);
  } finally {
    await fetcher.close();
    await spaced.close();
    await server.close();
  }
});

test('Retry-After, backoff and cache lifetime helpers', () => {
  const now = Date.parse('2024-01-07T10:00:00Z');
  assert.equal(parseRetryAfter('120', now), 120_000);
  assert.equal(parseRetryAfter('Sun, 07 Jan 2024 10:01:00 GMT', now), 60_000);
  assert.equal(parseRetryAfter('soon', now), null);
  // not HTTP dates, though Date.parse's legacy reading makes dates of them (retry at once)
  assert.equal(parseRetryAfter('1 2', now), null);
  assert.equal(parseRetryAfter('2 hours', now), null);
  assert.equal(backoffDelay(3, 1000, () => 0.5), 8000);
  assert.equal(cacheLifetimeMs({ 'cache-control': 'public, max-age=600' }, now), 600_000);
  assert.equal(cacheLifetimeMs({ 'cache-control': 'no-cache' }, now), 0);
  assert.equal(cacheLifetimeMs({ expires: 'Sun, 07 Jan 2024 11:00:00 GMT', date: 'Sun, 07 Jan 2024 10:30:00 GMT' }, now), 1_800_000);
  assert.equal(cacheLifetimeMs({}, now), null);
  // an Expires that is no date means expired; a Date that is none leaves the lifetime counted from now
  assert.equal(cacheLifetimeMs({ expires: '0' }, now), 0);
  assert.equal(cacheLifetimeMs({ expires: 'Sun, 07 Jan 2024 11:00:00 GMT', date: '10 30' }, now), 3_600_000);
});

test('a shared host gate spaces requests across fetchers (workers sharing one database)', async () => {
  const server = await startFixtureServer(async (_req, res) => res.end('x'));
  // The gate stands in for Store.reserveHostSlot: one timeline of request starts per host for every fetcher.
  // The clock is frozen and sleeps are recorded, so the test does not depend on this machine's load.
  const nextAt = new Map<string, number>();
  const asked: Array<{ host: string; spacing: number }> = [];
  const waits: number[] = [];
  const gate = async (host: string, spacing: number) => {
    asked.push({ host, spacing });
    const start = Math.max(0, nextAt.get(host) ?? 0);
    nextAt.set(host, start + spacing);
    waits.push(start);
    return start;
  };
  const slept: number[] = [];
  const clock = { now: () => 0, sleep: async (ms: number) => void slept.push(ms) };
  const a = new Fetcher(testFetcherOptions({ hostConcurrency: 4, hostDelayMs: 60, sharedHostGate: gate, ...clock }));
  const b = new Fetcher(testFetcherOptions({ hostConcurrency: 4, hostDelayMs: 60, sharedHostGate: gate, ...clock }));
  try {
    await Promise.all([a, b, a, b].map((f, i) => f.fetch(`${server.origin}/g${i}`, { kind: 'feed' })));
    assert.equal(server.requests.length, 4);
    assert.deepEqual(asked.map((x) => x.spacing), [60, 60, 60, 60]);
    assert.ok(asked.every((x) => x.host === `127.0.0.1:${server.port}`));
    assert.deepEqual([...waits].sort((x, y) => x - y), [0, 60, 120, 180], 'three reserved gaps of 60 ms');
    for (const wait of waits.filter((w) => w > 0)) assert.ok(slept.includes(wait), `the fetcher waited the ${wait} ms the gate asked for`);
  } finally {
    await a.close();
    await b.close();
    await server.close();
  }
});
