import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import zlib from 'node:zlib';
import type { ServerResponse } from 'node:http';
import { fixturePath } from '../test-support/paths.js';
import { startFixtureServer } from '../test-support/http-fixture.js';
import { Fetcher } from './fetcher.js';
import { testFetcherOptions as testOptions } from '../test-support/fetch-options.js';

const MB = 1024 * 1024;

/** Resolves when a response can take more data or has closed, without piling up listeners. */
function waitForDrain(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

const undeclared1256 = readFileSync(fixturePath('feeds', 'legacy-encodings', 'rss-undeclared.xml'));

test('a feed is fetched with an honest User-Agent; windows-1256 without a charset header decodes', async () => {
  const server = await startFixtureServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"', 'last-modified': 'Mon, 08 Jan 2024 07:20:00 GMT' });
    res.end(undeclared1256);
  });
  const fetcher = new Fetcher(testOptions());
  try {
    const result = await fetcher.fetch(`${server.origin}/rss.php`, { kind: 'feed' });
    assert.equal(result.notModified, false);
    if (result.notModified) return;
    assert.equal(result.status, 200);
    assert.equal(result.etag, '"v1"');
    assert.equal(result.lastModified, 'Mon, 08 Jan 2024 07:20:00 GMT');
    assert.ok(result.text().includes('عودة الحركة إلى مرفأ المدينة بعد العاصفة'));
    const seen = server.requests[0]!;
    assert.match(String(seen.headers['user-agent']), /^Sada\//);
    assert.match(String(seen.headers['accept-encoding']), /gzip/);
    assert.match(String(seen.headers['accept']), /application\/rss\+xml/);
  } finally {
    await fetcher.close();
    await server.close();
  }
});

test('conditional GET: matching ETag or Last-Modified gives a distinct not-modified result', async () => {
  const server = await startFixtureServer((req, res) => {
    if (req.headers['if-none-match'] === '"v1"' || req.headers['if-modified-since'] === 'Mon, 08 Jan 2024 07:20:00 GMT') {
      res.writeHead(304, { etag: '"v1"' });
      res.end();
      return;
    }
    res.writeHead(200, { etag: '"v1"', 'content-type': 'application/rss+xml; charset=utf-8' });
    res.end('<rss/>');
  });
  const fetcher = new Fetcher(testOptions());
  try {
    const first = await fetcher.fetch(`${server.origin}/feed`, { kind: 'feed' });
    assert.equal(first.notModified, false);
    const byEtag = await fetcher.fetch(`${server.origin}/feed`, { kind: 'feed', etag: first.etag });
    assert.equal(byEtag.notModified, true);
    assert.equal(byEtag.status, 304);
    assert.equal(byEtag.etag, '"v1"');
    const byDate = await fetcher.fetch(`${server.origin}/feed`, { kind: 'feed', lastModified: 'Mon, 08 Jan 2024 07:20:00 GMT' });
    assert.equal(byDate.notModified, true);
    assert.equal(server.requests[1]?.headers['if-none-match'], '"v1"');
  } finally {
    await fetcher.close();
    await server.close();
  }
});

test('gzip, zlib deflate, raw deflate and brotli bodies are decoded; a .gz document is unpacked', async () => {
  const text = 'نص عربي مضغوط '.repeat(500);
  const bodies: Record<string, [string, Buffer]> = {
    '/gzip': ['gzip', zlib.gzipSync(text)],
    '/deflate': ['deflate', zlib.deflateSync(text)],
    '/raw-deflate': ['deflate', zlib.deflateRawSync(text)],
    '/br': ['br', zlib.brotliCompressSync(text)],
    '/file.xml.gz': ['', zlib.gzipSync(text)],
  };
  const server = await startFixtureServer((req, res) => {
    const [encoding, body] = bodies[req.url ?? '']!;
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', ...(encoding ? { 'content-encoding': encoding } : {}) });
    res.end(body);
  });
  const fetcher = new Fetcher(testOptions());
  try {
    for (const path of Object.keys(bodies)) {
      const result = await fetcher.fetch(`${server.origin}${path}`, { kind: 'feed' });
      assert.ok(!result.notModified && result.text() === text, path);
    }
  } finally {
    await fetcher.close();
    await server.close();
  }
});

test('a gzip bomb is cut off at the decompressed-size cap', async () => {
  const bomb = zlib.gzipSync(Buffer.alloc(64 * MB), { level: 1 });
  assert.ok(bomb.length < MB, 'the bomb is small on the wire');
  const brotliBomb = zlib.brotliCompressSync(Buffer.alloc(64 * MB), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } });
  const server = await startFixtureServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/xml', 'content-encoding': req.url === '/br' ? 'br' : 'gzip' });
    res.end(req.url === '/br' ? brotliBomb : bomb);
  });
  const fetcher = new Fetcher(testOptions({ feedMaxBytes: 2 * MB }));
  try {
    for (const path of ['/gz', '/br']) {
      await assert.rejects(fetcher.fetch(`${server.origin}${path}`, { kind: 'feed' }), (error: { code?: string; message?: string }) => {
        assert.equal(error.code, 'TOO_LARGE');
        assert.match(error.message ?? '', /exceeds 2097152 bytes/);
        return true;
      });
    }
  } finally {
    await fetcher.close();
    await server.close();
  }
});

test('a 50 MB body is refused: at once with Content-Length, after the cap without it', async () => {
  let bytesSent = 0;
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const server = await startFixtureServer(async (req, res) => {
    const declared = req.url === '/declared';
    res.writeHead(200, { 'content-type': 'text/html', ...(declared ? { 'content-length': String(50 * MB) } : {}) });
    for (let sent = 0; sent < 50 * MB && !res.destroyed; sent += chunk.length) {
      if (!res.write(chunk)) await waitForDrain(res);
      bytesSent += chunk.length;
    }
    res.end();
  });
  const fetcher = new Fetcher(testOptions({ respectRobots: false }));
  try {
    await assert.rejects(fetcher.fetch(`${server.origin}/declared`), { code: 'TOO_LARGE' });
    bytesSent = 0;
    await assert.rejects(fetcher.fetch(`${server.origin}/chunked`), { code: 'TOO_LARGE' });
    assert.ok(bytesSent < 20 * MB, `the transfer stopped early (${bytesSent} bytes sent)`);
  } finally {
    await fetcher.close();
    await server.close();
  }
});

test('a stalling server is cut off by the total timeout', async () => {
  const server = await startFixtureServer((req, res) => {
    if (req.url === '/silent') return undefined; // accepts the request, never answers
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.write('<rss version="2.0"><channel>'); // then stalls mid-body
  });
  const fetcher = new Fetcher(testOptions({ fetchTimeoutMs: 300, retries: 0 }));
  try {
    await assert.rejects(fetcher.fetch(`${server.origin}/silent`, { kind: 'feed' }), { code: 'TIMEOUT' });
    await assert.rejects(fetcher.fetch(`${server.origin}/trickle`, { kind: 'feed' }), { code: 'TIMEOUT' });
  } finally {
    await fetcher.close();
    await server.close();
  }
});

test('a cancelled request rejects at once as cancelled, whether on the wire or queued for its host', { timeout: 20_000 }, async () => {
  let hold = true;
  const server = await startFixtureServer((_req, res) => {
    if (hold) return undefined; // accepts the request, never answers
    res.writeHead(200, { 'content-type': 'text/plain' });
    return res.end('ok');
  });
  // One connection per host: the second request waits in the host's queue behind the first.
  const fetcher = new Fetcher(testOptions({ fetchTimeoutMs: 120_000, hostConcurrency: 1, retries: 2 }));
  try {
    const stop = new AbortController();
    const onWire = fetcher.fetch(`${server.origin}/a`, { kind: 'feed', signal: stop.signal });
    const queued = fetcher.fetch(`${server.origin}/b`, { kind: 'feed', signal: stop.signal });
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 10));
    stop.abort();
    const cancelled = { code: 'FETCH_FAILED', message: /request cancelled/, details: { cancelled: true } };
    await assert.rejects(onWire, cancelled);
    await assert.rejects(queued, cancelled);
    assert.deepEqual(server.requests.map((r) => r.path), ['/a'], 'neither retried nor sent once cancelled');
    await assert.rejects(fetcher.fetch(`${server.origin}/c`, { signal: stop.signal }), cancelled, 'an already cancelled request is not sent');
    hold = false;
    const after = await fetcher.fetch(`${server.origin}/d`, { kind: 'feed' });
    assert.equal(after.notModified ? '' : after.text(), 'ok', 'the host slot was given back');
  } finally {
    await fetcher.close();
    await server.close();
  }
});

test('a page request cancelled while robots.txt is still loading rejects at once; close() ends the robots.txt fetch', { timeout: 20_000 }, async () => {
  const server = await startFixtureServer(() => undefined); // robots.txt never answers
  const fetcher = new Fetcher(testOptions({ fetchTimeoutMs: 120_000 }));
  try {
    const stop = new AbortController();
    const page = fetcher.fetch(`${server.origin}/page`, { kind: 'page', signal: stop.signal });
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 10));
    assert.equal(server.requests[0]?.path, '/robots.txt');
    stop.abort();
    await assert.rejects(page, { details: { cancelled: true } });
  } finally {
    // Left running, the shared robots.txt request would hold close() (and the process) until its timeout.
    await fetcher.close();
    await server.close();
  }
});

test('redirects are followed (relative too) up to 5 hops, then refused', async () => {
  const server = await startFixtureServer((req, res) => {
    const hop = /^\/hop\/(\d+)$/.exec(req.url ?? '');
    if (hop) {
      const n = Number(hop[1]);
      res.writeHead(n % 2 ? 301 : 307, { location: n > 0 ? `/hop/${n - 1}` : '/final' });
      res.end();
      return;
    }
    if (req.url === '/loop') {
      res.writeHead(302, { location: '/loop' });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('وصلت');
  });
  const fetcher = new Fetcher(testOptions());
  try {
    const result = await fetcher.fetch(`${server.origin}/hop/4`, { kind: 'feed' });
    assert.equal(result.finalUrl, `${server.origin}/final`);
    assert.equal(result.redirects.length, 5);
    assert.ok(!result.notModified && result.text() === 'وصلت');
    await assert.rejects(fetcher.fetch(`${server.origin}/hop/5`, { kind: 'feed' }), /more than 5 redirects/);
    await assert.rejects(fetcher.fetch(`${server.origin}/loop`, { kind: 'feed' }), { code: 'FETCH_FAILED' });
  } finally {
    await fetcher.close();
    await server.close();
  }
});

test('bad URLs and schemes are refused before any request', async () => {
  const fetcher = new Fetcher(testOptions());
  try {
    await assert.rejects(fetcher.fetch('not a url'), { code: 'BAD_INPUT' });
    await assert.rejects(fetcher.fetch('file:///etc/passwd'), /unsupported URL scheme/);
    await assert.rejects(fetcher.fetch('ftp://127.0.0.1/x'), /unsupported URL scheme/);
  } finally {
    await fetcher.close();
  }
});
