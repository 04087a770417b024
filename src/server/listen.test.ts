import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { Hono } from 'hono';
import { startServer } from './listen.js';

function app(): Hono {
  const hono = new Hono();
  hono.get('/api/v1/search', (c) => c.json({ q: c.req.query('q') ?? null }));
  return hono;
}

/** Sends raw bytes and returns everything the server writes back before it closes the connection. */
function raw(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    let out = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (out += d));
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
  });
}

test('a request too large for the HTTP parser (a 10,000-letter Arabic query) gets a JSON error, as every other error does', async () => {
  const server = await startServer(app(), { host: '127.0.0.1', port: 0 });
  try {
    const query = encodeURIComponent('مكة '.repeat(2_500));
    assert.ok(query.length > 16 * 1024, 'over the parser’s header limit');
    const res = await fetch(`${server.url}/api/v1/search?q=${query}`);
    assert.equal(res.status, 431);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'TOO_LARGE');
    assert.ok(body.error.message.length > 0);

    const garbled = await raw(server.url, 'NOT A REQUEST\r\n\r\n');
    assert.match(garbled, /^HTTP\/1\.1 400 /);
    assert.match(garbled, /\{"error":\{"code":"BAD_INPUT","message":"[^"]+"\}\}$/);

    // Arabic sent as raw UTF-8 instead of percent-encoded is refused by the parser, which says what to do
    const unencoded = await raw(server.url, `GET /api/v1/search?q=مكة HTTP/1.1\r\nHost: x\r\n\r\n`);
    assert.match(unencoded, /^HTTP\/1\.1 400 /);
    assert.match(unencoded, /"code":"BAD_INPUT","message":"[^"]*percent-encode/);

    const ok = await fetch(`${server.url}/api/v1/search?q=${encodeURIComponent('مكة')}`);
    assert.deepEqual(await ok.json(), { q: 'مكة' }, 'the server goes on answering');
  } finally {
    await server.close();
  }
});
