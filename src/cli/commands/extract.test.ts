import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, fixturePath } from '../../test-support/paths.js';

const sada = (args: string[]) => spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'sada.js'), ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });

test('sada extract --batch: one JSON line per page, gzip files, failures reported and skipped over', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sada-extract-'));
  try {
    const page = readFileSync(fixturePath('extract', 'graph-read-also', 'page.html'));
    writeFileSync(join(dir, 'a.html.gz'), gzipSync(page));
    // 40 MB of spaces after a page's start: 40 KB of gzip.
    writeFileSync(join(dir, 'bomb.html.gz'), gzipSync(Buffer.concat([Buffer.from('<html><body><p>'), Buffer.alloc(40 * 1024 * 1024, 0x20)])));
    const list = [
      JSON.stringify({ id: 'gz', file: join(dir, 'a.html.gz'), url: 'https://gulfnow.example/news/un-water-crisis-48211' }),
      JSON.stringify({ id: 'missing', file: join(dir, 'nope.html'), url: 'https://x.example/' }),
      '{not json',
      `{"id": "huge", "file": "${'x'.repeat(33 * 1024 * 1024)}"}`,
      JSON.stringify({ id: 'bomb', file: join(dir, 'bomb.html.gz'), url: 'https://x.example/bomb' }),
      JSON.stringify({ id: 'plain', file: fixturePath('extract', 'drupal-news', 'page.html'), url: 'https://sham-today.example/node/88213' }),
    ].join('\n');
    writeFileSync(join(dir, 'list.jsonl'), list);
    const r = sada(['extract', '--batch', join(dir, 'list.jsonl')]);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(lines.length, 6);
    assert.equal(lines[0]!.id, 'gz');
    assert.equal(lines[0]!.title, 'الأمم المتحدة تحذر من تفاقم أزمة المياه في المنطقة');
    assert.deepEqual(Object.keys(lines[0]!), ['id', 'url', 'canonical_url', 'title', 'text', 'published', 'modified', 'authors', 'lang', 'dir', 'image', 'site_name', 'section', 'tags', 'attribution', 'related_links']);
    assert.equal(lines[1]!.id, 'missing');
    assert.match(String(lines[1]!.error), /cannot read/);
    assert.match(String(lines[2]!.error), /not JSON/);
    assert.deepEqual(lines[3], { id: 4, error: `line of ${33 * 1024 * 1024 + 26} bytes, longer than the limit of ${32 * 1024 * 1024}: not read` });
    assert.equal(lines[4]!.id, 'bomb');
    assert.match(String(lines[4]!.error), /bomb\.html\.gz unpacks to more than the page limit/);
    assert.equal(lines[5]!.id, 'plain');
    assert.equal(lines[5]!.published, '2023-10-03');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sada extract FILE --json and --text --json print the contract fields', () => {
  const one = sada(['extract', fixturePath('extract', 'jannah-wordpress', 'page.html'), '--url', 'https://alwadi-news.example/?p=5521', '--json']);
  assert.equal(one.status, 0, one.stderr);
  const article = JSON.parse(one.stdout) as { attribution: { sources: string[] }; related_links: unknown[] };
  assert.deepEqual(article.attribution.sources, ['واس']);
  assert.equal(article.related_links.length, 1);
  const text = sada(['extract', '--text', fixturePath('extract', 'text-pages', 'wire-copy.txt'), '--json']);
  assert.equal(text.status, 0, text.stderr);
  assert.deepEqual(Object.keys(JSON.parse(text.stdout) as object), ['text', 'attribution', 'read_also', 'related_titles']);
});

test('sada extract: bad usage exits 2, an unreadable file exits 2, an unreachable URL exits 1', () => {
  assert.equal(sada(['extract']).status, 2);
  assert.equal(sada(['extract', 'x.html', '--text', 'y.txt']).status, 2);
  // an option the mode would ignore is refused, not dropped silently
  const seed = fixturePath('extract', 'drupal-news', 'page.html');
  for (const [args, reason] of [
    [['--batch', seed, '--url', 'https://x.example/'], /--url goes with FILE_OR_URL; each --batch line carries its own "url"/],
    [['--text', seed, '--url', 'https://x.example/'], /--url goes with FILE_OR_URL/],
    [['--text', seed, '--now', '2015-08-03T10:00:00Z'], /--now does not apply to --text/],
    // Date.parse read this as 2001-12-01
    [[seed, '--now', 'foo 12'], /--now is not an ISO date or date-time: foo 12/],
  ] as const) {
    const r = sada(['extract', ...args]);
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stdout, '');
    assert.match(r.stderr, reason);
  }
  const missing = sada(['extract', '/nonexistent/page.html']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /cannot read/);
  assert.equal(sada(['extract', 'https://example.com/']).status, 1);
});

test('sada extract URL fetches the page with the normal fetcher (private addresses only with --allow-private)', async () => {
  const { startStaticServer } = await import('../../test-support/http-fixture.js');
  const { fixturePath } = await import('../../test-support/paths.js');
  const { runCliAsync } = await import('../../test-support/cli.js');
  const server = await startStaticServer(fixturePath('fetch', 'site'));
  const run = runCliAsync;
  try {
    const url = `${server.origin}/articles/market.html`;
    const ok = await run(['extract', url, '--json', '--allow-private']);
    assert.equal(ok.status, 0, ok.stderr);
    const page = JSON.parse(ok.stdout);
    assert.equal(page.url, url);
    assert.equal(page.title, 'افتتاح سوق المزارعين الأسبوعي');
    assert.ok(page.text.length > 40);
    const refused = await run(['extract', url, '--json']);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /private|loopback|refus/i);
  } finally {
    await server.close();
  }
});

test('sada extract URL refuses a body that is no page (a PDF link) instead of printing its bytes', async () => {
  const { startFixtureServer } = await import('../../test-support/http-fixture.js');
  const { runCliAsync } = await import('../../test-support/cli.js');
  const server = await startFixtureServer((req, res) => {
    if (req.url === '/report.pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      return res.end(Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from([0x80, 0xd8, 0xa7, 0x07, 0xff])]));
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return res.end('<!doctype html><html lang="ar"><head><title>خبر</title></head><body><article><h1>خبر</h1><p>افتتح المحافظ اليوم سوق المزارعين الأسبوعي في وسط المدينة بحضور عدد من المسؤولين والأهالي.</p></article></body></html>');
  });
  try {
    const pdf = await runCliAsync(['extract', `${server.origin}/report.pdf`, '--json', '--allow-private']);
    assert.equal(pdf.status, 2, pdf.stderr);
    assert.match(pdf.stderr, /report\.pdf is not an HTML page \(application\/pdf\)/);
    assert.equal(pdf.stdout, '');
    const page = await runCliAsync(['extract', `${server.origin}/news/1`, '--json', '--allow-private']);
    assert.equal(page.status, 0, page.stderr);
    assert.match(JSON.parse(page.stdout).text, /سوق المزارعين/);
  } finally {
    await server.close();
  }
});

test('sada extract URL answered 404 or 410 exits 2 (the URL holds no page, as for sources add); a server error, a refusal or no server exits 1', async () => {
  const { startFixtureServer } = await import('../../test-support/http-fixture.js');
  const { runCliAsync } = await import('../../test-support/cli.js');
  // `/STATUS/page.html` answers STATUS; retryable ones ask for no wait, so the retries take no time
  const server = await startFixtureServer((req, res) => {
    const status = Number(/^\/(\d{3})\//.exec(req.url ?? '')?.[1] ?? 404);
    res.writeHead(status, status >= 429 ? { 'retry-after': '0' } : {}).end();
  });
  const extract = (url: string) => runCliAsync(['extract', url, '--json', '--allow-private'], { SADA_HOST_DELAY_MS: '0' });
  try {
    for (const [status, meaning] of [[404, 'not found'], [410, 'gone']] as const) {
      const url = `${server.origin}/${status}/page.html`;
      const r = await extract(url);
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, `sada: ${url}: HTTP ${status} (${meaning}): no page to extract at this URL\n`);
    }
    for (const status of [500, 503, 401, 403, 429]) {
      const r = await extract(`${server.origin}/${status}/page.html`);
      assert.equal(r.status, 1, `${status}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`HTTP ${status}`));
    }
    const unreachable = await extract('http://127.0.0.1:9/page.html');
    assert.equal(unreachable.status, 1, unreachable.stderr);
  } finally {
    await server.close();
  }
});
