import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import pg from 'pg';
import { runCli, runCliAsync, startCli } from '../../test-support/cli.js';
import { fixturePath } from '../../test-support/paths.js';
import { startFixtureServer, startStaticServer } from '../../test-support/http-fixture.js';
import { startSyntheticFeeds } from '../../test-support/synthetic-feeds.js';
import { PG_SKIP, TEST_PG_URL } from '../../test-support/postgres.js';

const dir = mkdtempSync(join(tmpdir(), 'sada-worker-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const WORKER_ENV = { SADA_HOST_DELAY_MS: '0', SADA_LEASE_SECONDS: '3', SADA_FETCH_CONCURRENCY: '4', SADA_LOG_LEVEL: 'warn' };

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('sada worker --idle-seconds takes seconds written as digits; anything else is bad usage before the database is opened', () => {
  // Number() read '' and ' ' as 0 (no pause between idle polls) and 1e2 as 100
  for (const value of ['', ' ', '1e2', '0x10', '-1', '86401', 'soon']) {
    const r = runCli(['worker', '--db', join(dir, 'never.db'), '--idle-seconds', value]);
    assert.equal(r.status, 2, JSON.stringify(value));
    assert.match(r.stderr, /invalid --idle-seconds: ".*" \(seconds from 0 to 86400, such as 30 or 0\.5\)/, JSON.stringify(value));
  }
  assert.ok(!existsSync(join(dir, 'never.db')));
});

test('sada worker fetches due sources and stops cleanly on SIGTERM, releasing its leases', async () => {
  const server = await startStaticServer(fixturePath('fetch', 'site'), { etags: true });
  const db = join(dir, 'worker.db');
  try {
    const added = await runCliAsync(['sources', 'add', `${server.origin}/feed.xml`, '--db', db, '--allow-private']);
    assert.equal(added.status, 0, added.stderr);
    const worker = startCli(['worker', '--db', db, '--allow-private', '--idle-seconds', '1'], WORKER_ENV);
    let stderr = '';
    worker.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const count = () => {
      const raw = new Database(db, { readonly: true });
      try {
        return (raw.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
      } finally {
        raw.close();
      }
    };
    await waitFor('the worker to store the feed', () => count() === 3, 20_000);
    worker.kill('SIGTERM');
    assert.equal(await exited(worker), 0, stderr);
    const raw = new Database(db, { readonly: true });
    const leased = raw.prepare('SELECT count(*) AS n FROM sources WHERE lease_owner IS NOT NULL').get() as { n: number };
    raw.close();
    assert.equal(leased.n, 0);
  } finally {
    await server.close();
  }
});

/** Resolves with the exit code, or with 'still running' if the process has not exited within `ms`. */
function exitedWithin(child: ChildProcess, ms: number): Promise<number | null | 'still running'> {
  return Promise.race([exited(child), new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), ms).unref())]);
}

test('sada worker stopped by SIGTERM mid page fetch cancels it: prompt exit, no failure recorded, no summary stored, lease free', { timeout: 60_000 }, async () => {
  const server = await startFixtureServer((req, res) => {
    if (req.url === '/feed.xml') {
      const items = [1, 2].map((n) => `<item><title>خبر بطيء ${n}</title><link>http://127.0.0.1/slow/${n}</link><guid>slow-${n}</guid><pubDate>Mon, 02 Mar 2026 08:00:00 GMT</pubDate><description>ملخص قصير ${n}</description></item>`);
      const body = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>موقع بطيء</title><link>http://127.0.0.1/</link><description>d</description>${items.join('')}</channel></rss>`;
      return res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(body.replaceAll('http://127.0.0.1/slow/', `http://127.0.0.1:${server.port}/slow/`));
    }
    if (req.url?.startsWith('/slow/')) return undefined; // the article pages are never answered
    return res.writeHead(404).end();
  });
  const db = join(dir, 'worker-slow.db');
  try {
    const added = await runCliAsync(['sources', 'add', `${server.origin}/feed.xml`, '--db', db, '--allow-private']);
    assert.equal(added.status, 0, added.stderr);
    // A fetch left to time out would hold the worker for a minute per page.
    const worker = startCli(['worker', '--db', db, '--allow-private', '--idle-seconds', '1'], { ...WORKER_ENV, SADA_LEASE_SECONDS: '600', SADA_FETCH_TIMEOUT_MS: '60000' });
    let stderr = '';
    worker.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    await waitFor('the worker to request an article page', () => server.requests.some((r) => r.path.startsWith('/slow/')), 20_000);
    worker.kill('SIGTERM');
    const code = await exitedWithin(worker, 10_000);
    if (code === 'still running') worker.kill('SIGKILL');
    assert.equal(code, 0, `exit after SIGTERM: ${stderr}`);
    const raw = new Database(db, { readonly: true });
    const row = raw.prepare('SELECT last_error, consecutive_errors, lease_owner, last_fetch, next_check FROM sources').get() as Record<string, unknown>;
    const articles = (raw.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
    raw.close();
    assert.deepEqual({ error: row['last_error'], errors: row['consecutive_errors'], lease: row['lease_owner'], fetched: row['last_fetch'] }, { error: null, errors: 0, lease: null, fetched: null });
    assert.ok(Number(row['next_check']) <= Date.now(), 'still due: the next run fetches it at once');
    assert.equal(articles, 0, 'no item stored as its feed summary');
  } finally {
    await server.close();
  }
});

test('scale-out on PostgreSQL: three workers, one killed mid-round; every item once, copies grouped, nothing leased twice', { skip: PG_SKIP, timeout: 240_000 }, async () => {
  const SOURCES = 50;
  const ITEMS = 40;
  const site = await startSyntheticFeeds({ sources: SOURCES, items: ITEMS, copyEvery: 5, latencyMs: 20 });
  const database = `sada_scale_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${database}`;
  const dbUrl = url.href;
  const client = new pg.Client({ connectionString: dbUrl });
  const workers: ChildProcess[] = [];
  try {
    const opml = join(dir, 'sources.opml');
    const outlines = Array.from({ length: SOURCES }, (_, s) => `<outline type="rss" text="مصدر ${s}" xmlUrl="${site.feedUrl(s)}"/>`).join('\n');
    writeFileSync(opml, `<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>${outlines}</body></opml>`);
    const imported = runCli(['sources', 'import-opml', opml, '--db', dbUrl, '--json']);
    assert.equal(imported.status, 0, imported.stderr);
    await client.connect();
    const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
    assert.equal(Number((await one('SELECT count(*) AS n FROM sources')).n), SOURCES);

    for (let i = 0; i < 3; i++) workers.push(startCli(['worker', '--db', dbUrl, '--allow-private', '--idle-seconds', '1'], WORKER_ENV));
    const errors: string[] = ['', '', ''];
    workers.forEach((w, i) => w.stderr!.setEncoding('utf8').on('data', (d: string) => (errors[i] += d)));
    const stored = async () => Number((await one('SELECT count(*) AS n FROM articles')).n);

    // Kill one worker without warning once the round is well under way.
    await waitFor('the round to get going', async () => (await stored()) >= 300, 90_000);
    const victim = workers[0]!;
    victim.kill('SIGKILL');
    const killedAt = Date.now();
    await exited(victim);
    const orphaned = (await client.query('SELECT id, feed_url FROM sources WHERE lease_owner LIKE $1', [`%:${victim.pid}`])).rows as { id: number; feed_url: string }[];

    const total = SOURCES * ITEMS;
    await waitFor(`all ${total} items stored (after the killed worker's leases expire)`, async () => (await stored()) >= total, 150_000);
    for (const w of workers.slice(1)) w.kill('SIGTERM');
    for (const [i, w] of workers.slice(1).entries()) assert.equal(await exited(w), 0, errors[i + 1]);

    const counts = await one('SELECT count(*) AS n, count(DISTINCT canonical_url) AS urls FROM articles');
    assert.equal(Number(counts.n), total, 'every item stored exactly once');
    assert.equal(Number(counts.urls), total);
    // The killed worker may have finished a source without releasing it: that lease simply expires. Once the
    // lease time has passed since the kill, no source may be held by anyone.
    const leaseEnd = killedAt + Number(WORKER_ENV.SADA_LEASE_SECONDS) * 1000 + 200;
    if (Date.now() < leaseEnd) await new Promise((r) => setTimeout(r, leaseEnd - Date.now()));
    assert.equal(Number((await one('SELECT count(*) AS n FROM sources WHERE lease_until > $1', [Date.now()])).n), 0, 'nothing stays leased');
    assert.equal(Number((await one('SELECT count(*) AS n FROM sources WHERE lease_owner IS NOT NULL AND lease_owner NOT LIKE $1', [`%:${victim.pid}`])).n), 0, 'live workers released everything');

    // A source is fetched twice in this round only if the killed worker held it when it died.
    const orphanPaths = new Set(orphaned.map((o) => new URL(o.feed_url).pathname));
    for (let s = 0; s < SOURCES; s++) {
      const path = new URL(site.feedUrl(s)).pathname;
      const fetches = site.feedFetches().get(path) ?? 0;
      assert.ok(fetches >= 1, `${path} fetched`);
      if (!orphanPaths.has(path)) assert.equal(fetches, 1, `${path} fetched ${fetches} times`);
    }

    // Copies end up grouped with their originals (same duplicate group).
    const rows = (await client.query('SELECT id, canonical_url, duplicate_of, story_id FROM articles')).rows as { id: number; canonical_url: string; duplicate_of: number | null; story_id: number | null }[];
    const byUrl = new Map(rows.map((r) => [r.canonical_url, r]));
    const group = (url: string) => {
      const r = byUrl.get(url)!;
      return Number(r.duplicate_of ?? r.id);
    };
    const copies = site.items.filter((i) => i.copyOf);
    assert.ok(copies.length >= SOURCES * ITEMS * 0.15, `${copies.length} copies in the fixture`);
    for (const c of copies) {
      assert.equal(group(c.url), group(c.copyOf!), `${c.url} grouped with ${c.copyOf}`);
      const story = byUrl.get(c.url)!.story_id;
      assert.ok(story !== null && story === byUrl.get(c.copyOf!)!.story_id, `${c.url} in the story of ${c.copyOf}`);
    }

    // A stateless web node on the same database serves what the workers stored.
    const web = startCli(['serve', '--no-fetch', '--port', '0', '--db', dbUrl], { SADA_LOG_LEVEL: 'info' });
    workers.push(web);
    let log = '';
    web.stderr!.setEncoding('utf8').on('data', (d: string) => (log += d));
    await waitFor('the web node to listen', () => /serving on (http:\S+)/.test(log), 20_000);
    const origin = /serving on (http:[^\s"]+)/.exec(log)![1]!;
    const health = await fetch(`${origin}/healthz`);
    assert.equal(health.status, 200);
    const listed = (await (await fetch(`${origin}/api/v1/stories?limit=5`)).json()) as { stories: { articles: number }[] };
    assert.equal(listed.stories.length, 5);
    assert.ok(listed.stories.some((s) => s.articles >= 2), 'stories with copies from other feeds');
    web.kill('SIGTERM');
    assert.equal(await exited(web), 0);
  } finally {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await client.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await site.close();
  }
});
