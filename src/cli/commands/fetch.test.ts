import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCliAsync, startCli } from '../../test-support/cli.js';
import { fixturePath } from '../../test-support/paths.js';
import { startFixtureServer, startStaticServer } from '../../test-support/http-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'sada-fetch-cli-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const cli = runCliAsync;

/** The fixture site with ETags: a conditional request for an unchanged file gets 304. */
const serveSite = () => startStaticServer(fixturePath('fetch', 'site'), { etags: true });

test('sources add (homepage) + fetch --once stores Arabic articles; the second round is not modified', async () => {
  const server = await serveSite();
  const db = join(dir, 'site.db');
  try {
    const added = await cli(['sources', 'add', `${server.origin}/`, '--json', '--db', db, '--allow-private']);
    assert.equal(added.status, 0, added.stderr);
    const source = JSON.parse(added.stdout);
    assert.deepEqual(Object.keys(source), ['id', 'slug', 'url', 'feed_url', 'title', 'kind']);
    assert.equal(source.kind, 'homepage');
    assert.equal(source.feed_url, `${server.origin}/feed.xml`);
    assert.equal(source.title, 'بوابة الوادي');

    const first = await cli(['fetch', '--once', '--allow-private', '--json', '--db', db]);
    assert.equal(first.status, 0, first.stderr);
    const summary = JSON.parse(first.stdout);
    assert.equal(summary.sources, 1);
    assert.equal(summary.fetched, 1);
    assert.equal(summary.new_articles, 3);
    assert.equal(summary.errors, 0);

    const raw = new Database(db, { readonly: true, fileMustExist: true });
    const stored = raw.prepare('SELECT url, title, t.text, published FROM articles a JOIN article_texts t ON t.article_id = a.id ORDER BY url').all() as Array<{ url: string; title: string; text: string; published: number }>;
    raw.close();
    assert.deepEqual(stored.map((a) => a.title), ['تدشين محطة لتحلية المياه في الوادي', 'افتتاح سوق المزارعين الأسبوعي', 'صفحة محجوبة عن الزواحف']);
    // The feed holds only summaries: the article pages were fetched and their clean text stored.
    assert.match(stored[0]?.text ?? '', /^دشن محافظ الوادي صباح الاثنين محطة جديدة لتحلية المياه[^]*خلال العام الأول من تشغيلها\.$/);
    assert.doesNotMatch(stored[0]?.text ?? '', /<|تدشين محطة/);
    // robots.txt disallows the third page: its feed summary is kept.
    assert.equal(stored[2]?.text, 'مسودة');
    assert.equal(stored[0]?.published, Date.parse('2024-01-08T06:00:00Z'));

    const second = await cli(['fetch', '--once', '--allow-private', '--json', '--db', db]);
    assert.equal(second.status, 0, second.stderr);
    assert.deepEqual(JSON.parse(second.stdout), { sources: 1, fetched: 0, not_modified: 1, new_articles: 0, errors: 0, failures: [] });

    const list = await cli(['sources', 'list', '--json', '--db', db]);
    const [row] = JSON.parse(list.stdout);
    assert.equal(row.articles, 3);
    assert.equal(row.last_error, null);
    assert.ok(Date.parse(row.next_check) > Date.parse(row.last_fetch));
    for (const key of ['last_fetch', 'last_error', 'articles', 'next_check']) assert.ok(key in row, key);
  } finally {
    await server.close();
  }
});

test('without --allow-private a local source is refused and the failure is recorded on it', async () => {
  const server = await serveSite();
  const db = join(dir, 'private.db');
  try {
    const refused = await cli(['sources', 'add', `${server.origin}/feed.xml`, '--db', db]);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /private or reserved address/);

    const opml = join(dir, 'local.opml');
    writeFileSync(opml, `<?xml version="1.0"?><opml version="2.0"><head><title>محلي</title></head><body><outline text="الوادي" xmlUrl="${server.origin}/feed.xml"/></body></opml>`);
    const imported = await cli(['sources', 'import-opml', opml, '--json', '--db', db]);
    assert.deepEqual(JSON.parse(imported.stdout), { added: 1, existing: 0, errors: 0 });
    const round = await cli(['fetch', '--json', '--db', db]);
    assert.equal(round.status, 0, round.stderr);
    const summary = JSON.parse(round.stdout);
    assert.equal(summary.errors, 1);
    assert.match(summary.failures[0].error, /BLOCKED_ADDRESS/);
    const [row] = JSON.parse((await cli(['sources', 'list', '--json', '--db', db])).stdout);
    assert.match(row.last_error, /private or reserved address/);
    assert.equal(row.consecutive_errors, 1);
    assert.equal(server.requests.length, 0);
  } finally {
    await server.close();
  }
});

test('OPML export lists the sources; remove stops polling; bad usage exits 2', async () => {
  const db = join(dir, 'opml.db');
  const imported = await cli(['sources', 'import-opml', fixturePath('feeds', 'opml', 'subscriptions.opml'), '--json', '--db', db]);
  assert.equal(imported.status, 0, imported.stderr);
  assert.deepEqual(JSON.parse(imported.stdout), { added: 3, existing: 0, errors: 3 });
  const exported = await cli(['sources', 'export-opml', '--db', db]);
  assert.match(exported.stdout, /xmlUrl="https:\/\/alnakheel\.example\/rss\.rdf"/);
  const removed = await cli(['sources', 'remove', 'alnakheel', '--json', '--db', db]);
  assert.equal(removed.status, 0, removed.stderr);
  const list = JSON.parse((await cli(['sources', 'list', '--json', '--db', db])).stdout);
  assert.equal(list.length, 2);
  // a source named on the command line that does not exist is bad input, as for `articles --source` and `related`
  for (const args of [['sources', 'remove', '999'], ['sources', 'remove', 'alnakheel'], ['fetch', '--source', 'nowhere']]) {
    const r = await cli([...args, '--db', db]);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /^sada: no source "[^"]+"\n$/);
  }
  assert.equal((await cli(['sources', 'add', '--db', db])).status, 2);
  assert.equal((await cli(['sources', 'add', 'https://x.example/', '--slug', 'Bad Slug', '--db', db])).status, 2);
  // a file that is no OPML is bad input, as a malformed feed is for `sources add`, and adds nothing
  const notOpml = join(dir, 'not.opml');
  writeFileSync(notOpml, '<opml><body><outline text="x"></body></opml>');
  const badOpml = await cli(['sources', 'import-opml', notOpml, '--db', db]);
  assert.equal(badOpml.status, 2, badOpml.stderr);
  assert.match(badOpml.stderr, /^sada: .*not\.opml is not a valid OPML subscription list: /);
  assert.equal(JSON.parse((await cli(['sources', 'list', '--json', '--db', db])).stdout).length, 2);
  // stored and listed as given, so a country that is no code is refused before anything is fetched
  const country = await cli(['sources', 'add', 'https://x.example/', '--country', 'Saudi Arabia', '--db', db]);
  assert.equal(country.status, 2);
  assert.match(country.stderr, /--country must be a two-letter ISO 3166 code such as SA, not "Saudi Arabia"/);
});

test('sources add: a URL serving no usable feed, or answering 404 or 410, exits 2 with what it served; an empty feed is added with a note', async () => {
  const empty = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>قناة جديدة</title><link>http://127.0.0.1/</link><description>d</description></channel></rss>';
  const docs: Record<string, [string, string]> = {
    '/broken.xml': ['application/rss+xml', '<rss version="2.0"><channel><title>خبر</titl></channel></rss>'],
    '/broken.atom': ['application/atom+xml', '<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><entry></feed>'],
    '/broken.json': ['application/feed+json', '{"version":"https://jsonfeed.org/version/1.1","title":'],
    '/page.html': ['text/html; charset=utf-8', '<!doctype html><html><head><title>صفحة</title></head><body>لا روابط</body></html>'],
    '/blank': ['application/rss+xml', '  \n'],
    '/logo.png': ['image/png', '\x89PNG\r\n\x1a\n'],
    '/empty.xml': ['application/rss+xml', empty],
  };
  const server = await startFixtureServer((req, res) => {
    const doc = docs[req.url ?? ''];
    if (!doc) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': doc[0] }).end(doc[1]);
  });
  const db = join(dir, 'add-cases.db');
  const add = (path: string) => cli(['sources', 'add', `${server.origin}${path}`, '--db', db, '--allow-private'], { SADA_HOST_DELAY_MS: '0' });
  try {
    const refused: Array<[string, RegExp]> = [
      ['/broken.xml', /broken\.xml is not a valid RSS feed: malformed XML at line 1/],
      ['/broken.atom', /broken\.atom is not a valid Atom feed: malformed XML/],
      ['/broken.json', /broken\.json is served as a feed \(HTTP 200, content type application\/feed\+json, \d+ bytes\) but is not one: invalid JSON/],
      ['/page.html', /no feed or sitemap found for \S+\/page\.html; tried: \S+\/feed \(\S+: HTTP 404\)/],
      ['/blank', /blank answered with an empty body \(HTTP 200, content type application\/rss\+xml, 3 bytes\)/],
      ['/logo.png', /logo\.png is neither a feed, a sitemap nor an HTML page \(HTTP 200, content type image\/png/],
    ];
    for (const [path, reason] of refused) {
      const r = await add(path);
      assert.equal(r.status, 2, `${path}: ${r.stderr}`);
      assert.match(r.stderr, reason);
      assert.equal(r.stderr.trim().split('\n').length, 1, `${path}: one line on stderr`);
    }
    // A URL the site answers 404 (or 410) for is bad input, like a mistyped file path (5xx: add-source.test.ts)
    const missing = await add('/gone.xml');
    assert.equal(missing.status, 2, missing.stderr);
    assert.match(missing.stderr, /^sada: \S+\/gone\.xml: HTTP 404 \(not found\): nothing to poll at this URL\n$/);
    const added = await add('/empty.xml');
    assert.equal(added.status, 0, added.stderr);
    assert.match(added.stderr, /note: \S+\/empty\.xml is a valid feed with no entries yet/);
    const list = JSON.parse((await cli(['sources', 'list', '--json', '--db', db])).stdout) as unknown[];
    assert.equal(list.length, 1, 'only the valid feed was added');
  } finally {
    await server.close();
  }
});

test('fetch --once stopped by SIGTERM or SIGINT releases the sources it did not refresh: the next run fetches them all', async () => {
  let slow = false;
  const words = ['الحكومة', 'الاقتصاد', 'الرياض', 'الجامعة', 'الطاقة', 'المنتخب', 'السوق', 'المطر'];
  const server = await startFixtureServer((req, res) => {
    const n = Number(/^\/feed(\d+)\.xml$/.exec(req.url ?? '')?.[1] ?? -1);
    if (n < 0) return void res.writeHead(404).end();
    const text = Array.from({ length: 80 }, (_, i) => words[(i * (n + 3)) % words.length]).join(' ');
    const body = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>مصدر ${n}</title><link>http://127.0.0.1/</link><description>d</description><item><title>خبر المصدر ${n}</title><link>http://127.0.0.1/a/${n}</link><guid>a${n}</guid><pubDate>Mon, 02 Mar 2026 08:00:00 GMT</pubDate><description>${text}</description></item></channel></rss>`;
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(body), slow ? 600 : 0);
  });
  const env = { SADA_HOST_DELAY_MS: '0', SADA_FETCH_CONCURRENCY: '1' };
  try {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      slow = false;
      const db = join(dir, `interrupted-${signal}.db`);
      for (let n = 0; n < 4; n++) {
        const added = await runCliAsync(['sources', 'add', `${server.origin}/feed${n}.xml`, '--db', db, '--allow-private'], env);
        assert.equal(added.status, 0, added.stderr);
      }
      slow = true;
      const asked = server.requests.length;
      const child = startCli(['fetch', '--once', '--json', '--db', db, '--allow-private'], env);
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const code = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
      while (server.requests.length === asked) await new Promise((r) => setTimeout(r, 20));
      child.kill(signal);
      assert.equal(await code, signal === 'SIGINT' ? 130 : 143, stderr);
      const raw = new Database(db, { readonly: true });
      const leased = (raw.prepare('SELECT count(*) AS n FROM sources WHERE lease_owner IS NOT NULL').get() as { n: number }).n;
      raw.close();
      assert.equal(leased, 0);
      slow = false;
      const again = await runCliAsync(['fetch', '--once', '--json', '--db', db, '--allow-private'], env);
      assert.equal(again.status, 0, again.stderr);
      assert.equal(JSON.parse(again.stdout).sources, 4);
    }
  } finally {
    await server.close();
  }
});
