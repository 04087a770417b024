import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import { startFixtureServer } from '../test-support/http-fixture.js';
import { assertUrlAllowed, isBlockedAddress, type LookupFunction } from './address-guard.js';
import { Fetcher } from './fetcher.js';
import { testFetcherOptions as testOptions } from '../test-support/fetch-options.js';

test('blocked address ranges, IPv4 and IPv6, including IPv4 embedded in IPv6', () => {
  const blocked = [
    '127.0.0.1', '127.8.9.10', '10.0.0.1', '10.255.255.255', '172.16.0.1', '172.31.255.254', '192.168.1.1', '169.254.169.254',
    '169.254.0.1', '100.64.0.1', '100.127.255.255', '0.0.0.0', '0.1.2.3', '224.0.0.1', '239.255.255.250', '255.255.255.255', '240.0.0.1',
    '192.0.2.5', '198.18.0.1', '::1', '::', 'fe80::1', 'fe80::1%eth0', 'fc00::1', 'fd00:ec2::254', 'fd12:3456::1', 'ff02::1',
    '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:169.254.169.254', '64:ff9b::a00:1', '2002:7f00:1::1',
    '2002:c0a8:101::1', '[::1]', '2001:db8::1', 'not-an-ip',
  ];
  const allowed = ['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '169.253.1.1', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1'];
  for (const ip of blocked) assert.equal(isBlockedAddress(ip), true, `${ip} must be blocked`);
  for (const ip of allowed) assert.equal(isBlockedAddress(ip), false, `${ip} must be allowed`);
});

test('URL literals and localhost names are refused before any connection', () => {
  const refuse = (url: string) => assert.throws(() => assertUrlAllowed(new URL(url), { allowPrivate: false }), { code: 'BLOCKED_ADDRESS' });
  refuse('http://127.0.0.1:8080/');
  refuse('http://10.1.2.3/feed');
  refuse('http://2130706433/'); // 127.0.0.1 in decimal, normalised by the URL parser
  refuse('http://0x7f.1/');
  refuse('http://[::ffff:127.0.0.1]/');
  refuse('http://169.254.169.254/latest/meta-data/');
  refuse('http://localhost:3000/');
  refuse('http://api.localhost/');
  assert.doesNotThrow(() => assertUrlAllowed(new URL('http://127.0.0.1/'), { allowPrivate: true }));
  assert.doesNotThrow(() => assertUrlAllowed(new URL('https://news.example/'), { allowPrivate: false }));
});

/** A resolver that answers from a table (the test's own DNS). */
function tableLookup(table: Record<string, string[]>, calls: string[] = []): LookupFunction {
  return (hostname, _options, callback) => {
    calls.push(hostname);
    const addresses = table[hostname];
    if (!addresses?.length) return callback(Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
    const next = addresses.length > 1 ? addresses.shift()! : addresses[0]!;
    callback(null, [{ address: next, family: next.includes(':') ? 6 : 4 } satisfies LookupAddress]);
  };
}

test('without allowPrivate, a host name resolving to 127.0.0.1 is refused after DNS, and nothing is sent', async () => {
  const server = await startFixtureServer((_req, res) => res.end('secret'));
  const fetcher = new Fetcher(testOptions({ allowPrivate: false, retries: 0, lookup: tableLookup({ 'feeds.example': ['127.0.0.1'] }) }));
  try {
    await assert.rejects(fetcher.fetch(`http://feeds.example:${server.port}/feed`, { kind: 'feed' }), (error: { code?: string; message?: string }) => {
      assert.equal(error.code, 'BLOCKED_ADDRESS');
      assert.match(error.message ?? '', /feeds\.example.*127\.0\.0\.1/);
      return true;
    });
    await assert.rejects(fetcher.fetch(`${server.origin}/feed`, { kind: 'feed' }), { code: 'BLOCKED_ADDRESS' });
    assert.equal(server.requests.length, 0);
  } finally {
    await fetcher.close();
    await server.close();
  }
});

test('a redirect into a private address is refused on the hop, whatever form it takes', async () => {
  // 127.0.0.1 stands for a public server here (allowAddresses); every other private address stays blocked.
  const server = await startFixtureServer((req, res) => {
    const targets: Record<string, string> = {
      '/to-loopback': `http://127.0.0.2:${req.socket.localPort}/secret`,
      '/to-private': 'http://10.20.30.40/secret',
      '/to-metadata': 'http://169.254.169.254/latest/meta-data/',
      '/to-localhost': `http://localhost:${req.socket.localPort}/secret`,
      '/to-mapped': `http://[::ffff:127.0.0.2]:${req.socket.localPort}/secret`,
      '/to-name': `http://intranet.example:${req.socket.localPort}/secret`,
    };
    const location = targets[req.url ?? ''];
    res.writeHead(location ? 302 : 200, location ? { location } : {});
    res.end(location ? '' : 'public page');
  });
  const lookup = tableLookup({ 'public.example': ['127.0.0.1'], 'intranet.example': ['192.168.1.10'] });
  const fetcher = new Fetcher(testOptions({ allowPrivate: false, allowAddresses: ['127.0.0.1'], retries: 0, lookup }));
  try {
    const ok = await fetcher.fetch(`http://public.example:${server.port}/home`, { kind: 'feed' });
    assert.ok(!ok.notModified && ok.text() === 'public page');
    for (const path of ['/to-loopback', '/to-private', '/to-metadata', '/to-localhost', '/to-mapped', '/to-name']) {
      await assert.rejects(fetcher.fetch(`http://public.example:${server.port}${path}`, { kind: 'feed' }), { code: 'BLOCKED_ADDRESS' }, path);
    }
    assert.ok(server.requests.every((r) => r.path !== '/secret'));
  } finally {
    await fetcher.close();
    await server.close();
  }
});

test('DNS rebinding: each connection is checked on the address it connects to', async () => {
  const server = await startFixtureServer((_req, res) => {
    res.writeHead(200, { connection: 'close' });
    res.end('ok');
  });
  const calls: string[] = [];
  const lookup = tableLookup({ 'rebind.example': ['127.0.0.1', '10.0.0.5'] }, calls);
  const fetcher = new Fetcher(testOptions({ allowPrivate: false, allowAddresses: ['127.0.0.1'], retries: 0, lookup }));
  try {
    await fetcher.fetch(`http://rebind.example:${server.port}/a`, { kind: 'feed' });
    await assert.rejects(fetcher.fetch(`http://rebind.example:${server.port}/b`, { kind: 'feed' }), { code: 'BLOCKED_ADDRESS' });
    assert.equal(calls.length, 2);
    assert.deepEqual(server.requests.map((r) => r.path), ['/a']);
  } finally {
    await fetcher.close();
    await server.close();
  }
});
