import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/open.js';
import { fixturePath, REPO_ROOT } from '../test-support/paths.js';

const SADA = join(REPO_ROOT, 'bin', 'sada.js');

/** Starts `sada serve` and resolves with its URL once it logs that it is listening. */
function startServe(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [SADA, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SADA_LOG_LEVEL: 'info', ...env } });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    let log = '';
    child.stderr!.on('data', (d: Buffer) => {
      log += d.toString();
      const match = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (match) resolve(match[1]!);
    });
    void exited.then((code) => reject(new Error(`serve exited early (${code}): ${log}`)));
  });
  return { child, exited, url };
}

/** `sada import` of the server fixture's four articles into `db`; its JSON summary. */
function importFixture(db: string): { inserted: number } {
  const imported = spawnSync(process.execPath, [SADA, 'import', fixturePath('server', 'import', 'articles.jsonl'), '--db', db, '--json'], { encoding: 'utf8' });
  assert.equal(imported.status, 0, imported.stderr);
  return JSON.parse(imported.stdout) as { inserted: number };
}

test('`sada serve` with fetching: a feed added through the API is fetched at once and counted in /metrics', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sada-serve-fetch-'));
  const rss = readFileSync(fixturePath('server', 'feed', 'rss.xml'));
  const feeds = createHttpServer((req, res) => {
    if (req.url === '/feed.xml') res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(rss);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => feeds.listen(0, '127.0.0.1', resolve));
  const address = feeds.address();
  const feedUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/feed.xml`;
  const serve = startServe(['--db', join(dir, 'sada.db')], { SADA_ALLOW_PRIVATE: '1', SADA_ADMIN_TOKEN: 'tok' });
  try {
    const url = await serve.url;
    const added = await fetch(`${url}/api/v1/sources`, { method: 'POST', headers: { authorization: 'Bearer tok', 'content-type': 'application/json' }, body: JSON.stringify({ url: feedUrl }) });
    assert.equal(added.status, 201, await added.clone().text());
    const source = (await added.json()) as { id: number; feed_url: string };
    assert.equal(source.feed_url, feedUrl);
    let home = '';
    for (let i = 0; i < 100 && !home.includes('مهرجان للتمور'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      home = await (await fetch(`${url}/`)).text();
    }
    assert.match(home, /افتتاح مكتبة عامة جديدة في وسط المدينة/, 'the scheduler fetched the new feed');
    const metrics = await (await fetch(`${url}/metrics`)).text();
    assert.match(metrics, /sada_fetch_outcomes_total\{outcome="fetched"\} 1/);
    assert.match(metrics, /sada_articles_ingested_total 2/);
    const sources = (await (await fetch(`${url}/api/v1/sources`)).json()) as { sources: { id: number; articles: number; last_fetch: string | null }[] };
    const row = sources.sources.find((s) => s.id === source.id);
    assert.equal(row?.articles, 2);
    assert.ok(row?.last_fetch);
  } finally {
    serve.child.kill('SIGTERM');
    feeds.close();
  }
  assert.equal(await serve.exited, 0);
  rmSync(dir, { recursive: true, force: true });
});

test('`sada serve` stopped by SIGTERM while a feed fetch is held open exits promptly, records no failure and frees the lease', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sada-serve-stop-'));
  const db = join(dir, 'sada.db');
  const rss = readFileSync(fixturePath('server', 'feed', 'rss.xml'));
  let feedRequests = 0;
  // The feed answers once (when the source is added), then holds every later request open.
  const feeds = createHttpServer((req, res) => {
    if (req.url !== '/feed.xml') return void res.writeHead(404).end();
    if (++feedRequests === 1) res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(rss);
  });
  await new Promise<void>((resolve) => feeds.listen(0, '127.0.0.1', resolve));
  const address = feeds.address();
  const feedUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/feed.xml`;
  const serve = startServe(['--db', db], { SADA_ALLOW_PRIVATE: '1', SADA_ADMIN_TOKEN: 'tok', SADA_FETCH_TIMEOUT_MS: '60000', SADA_LEASE_SECONDS: '600' });
  try {
    const url = await serve.url;
    const added = await fetch(`${url}/api/v1/sources`, { method: 'POST', headers: { authorization: 'Bearer tok', 'content-type': 'application/json' }, body: JSON.stringify({ url: feedUrl }) });
    assert.equal(added.status, 201, await added.clone().text());
    for (let i = 0; i < 200 && feedRequests < 2; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(feedRequests, 2, 'the scheduler is fetching the feed');
    serve.child.kill('SIGTERM');
    const code = await Promise.race([serve.exited, new Promise<string>((resolve) => setTimeout(() => resolve('still running'), 10_000).unref())]);
    if (code === 'still running') serve.child.kill('SIGKILL');
    assert.equal(code, 0, 'serve exits within seconds of SIGTERM');
    const store = await openStore(db);
    try {
      const [source] = await store.listSources();
      assert.ok(source);
      assert.deepEqual({ error: source.lastError, errors: source.consecutiveErrors }, { error: null, errors: 0 });
      assert.equal((await store.claimDueSources(Date.now(), 10, 'next', 60_000)).length, 1, 'free and due: the next run fetches it at once');
    } finally {
      await store.close();
    }
  } finally {
    if (serve.child.exitCode === null) serve.child.kill('SIGKILL');
    feeds.closeAllConnections();
    feeds.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('`sada import` then `sada serve --no-fetch`: the real CLI serves the imported articles and stops on SIGTERM', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sada-serve-'));
  const db = join(dir, 'sada.db');
  try {
    assert.equal(importFixture(db).inserted, 4);

    const { child: server, exited, url: listening } = startServe(['--db', db, '--no-fetch']);
    try {
      const url = await listening;
      const home = await (await fetch(`${url}/`)).text();
      assert.match(home, /<html lang="ar" dir="rtl">/);
      assert.match(home, /مجلس الوزراء يوافق على نظام النقل العام الجديد/);
      assert.ok(home.includes('&lt;img src=x onerror=alert(1)&gt;'));
      // The front page lists stories (the import placed each article in one); the story page links the article.
      const storyId = /href="\/story\/(\d+)" dir="rtl">Google/.exec(home)?.[1];
      assert.ok(storyId, 'the home page links the stories of the imported articles');
      const storyPage = await (await fetch(`${url}/story/${storyId}`)).text();
      const id = /href="\/article\/(\d+)" dir="rtl">Google/.exec(storyPage)?.[1];
      assert.ok(id, 'the story page links the imported article');
      const article = await (await fetch(`${url}/article/${id}`)).text();
      assert.match(article, /<h1 dir="rtl">Google تطلق خدمة Gemini باللغة العربية في 12 دولة<\/h1>/);
      assert.match(article, /<bdi>techwire<\/bdi>/);
      const api = (await (await fetch(`${url}/api/v1/articles/${id}`)).json()) as { source: string; published: string };
      assert.deepEqual([api.source, api.published], ['techwire', '2026-03-09T10:00:00.000Z']);
      assert.equal((await fetch(`${url}/healthz`)).status, 200);
    } finally {
      server.kill('SIGTERM');
    }
    assert.equal(await exited, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('`sada serve` indexes stored articles the search index lacks (an import killed between batches) before it listens', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sada-serve-repair-'));
  const db = join(dir, 'sada.db');
  try {
    importFixture(db);
    // What a kill -9 between two batches leaves: articles stored, their segment never indexed.
    const store = await openStore(db);
    try {
      await store.resetSearchIndex();
      assert.equal((await store.unindexedArticleIds(0, 100)).length, 4);
    } finally {
      await store.close();
    }

    const { child: server, exited, url: listening } = startServe(['--db', db, '--no-fetch']);
    try {
      const url = await listening;
      const found = (await (await fetch(`${url}/api/v1/search?q=${encodeURIComponent('Gemini العربية')}`)).json()) as { hits: { title: string }[] };
      assert.ok(found.hits.some((h) => h.title.includes('Gemini')), JSON.stringify(found));
    } finally {
      server.kill('SIGTERM');
    }
    assert.equal(await exited, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('`sada serve --port` refuses an invalid port with exit code 2', () => {
  const result = spawnSync(process.execPath, [SADA, 'serve', '--port', 'x', '--db', ':memory:'], { encoding: 'utf8' });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /invalid --port/);
});
