/**
 * Scale-out ingest: `sada worker` processes sharing one database, over a synthetic site of 50 feeds × 40 items
 * (a fifth of them wire copies of other feeds' items) served on 127.0.0.1 with 20 ms latency. Measures the
 * time until every item is stored, for 1, 2 and 4 workers on PostgreSQL, with one worker on SQLite as the
 * single-machine reference in the same run.
 *
 *   npm run bench -- workers        (PostgreSQL from SADA_TEST_PG, or a throwaway cluster started here)
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { benchPostgres } from '../src/test-support/postgres.js';
import { openStore } from '../src/store/open.js';
import { runCli, startCli } from '../src/test-support/cli.js';
import { startSyntheticFeeds, type SyntheticFeeds } from '../src/test-support/synthetic-feeds.js';

const SOURCES = 50;
const ITEMS = 40;
const ENV = { SADA_HOST_DELAY_MS: '0', SADA_FETCH_CONCURRENCY: '4', SADA_LOG_LEVEL: 'warn' };


function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
}

async function run(site: SyntheticFeeds, db: string, workers: number, opml: string): Promise<{ seconds: number; articles: number }> {
  const imported = runCli(['sources', 'import-opml', opml, '--db', db]);
  if (imported.status !== 0) throw new Error(imported.stderr);
  const store = await openStore(db);
  const before = site.server.requests.length;
  const started = performance.now();
  const children = Array.from({ length: workers }, () => startCli(['worker', '--db', db, '--allow-private', '--idle-seconds', '1'], ENV));
  const total = SOURCES * ITEMS;
  let articles = 0;
  const deadline = Date.now() + 600_000;
  while (articles < total && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    articles = await store.countArticles();
  }
  const seconds = (performance.now() - started) / 1000;
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.map(exited));
  await store.close();
  if (site.server.requests.length - before < SOURCES) throw new Error('not every feed was fetched');
  return { seconds, articles };
}

async function main(): Promise<void> {
  const cluster = benchPostgres();
  if (!cluster) {
    console.log('skipped: no PostgreSQL (set SADA_TEST_PG or install the Debian postgresql package)');
    return;
  }
  const site = await startSyntheticFeeds({ sources: SOURCES, items: ITEMS, copyEvery: 5, latencyMs: 20 });
  const dir = mkdtempSync(join(tmpdir(), 'sada-workers-bench-'));
  const opml = join(dir, 'sources.opml');
  writeFileSync(opml, `<?xml version="1.0"?><opml version="2.0"><head><title>bench</title></head><body>${Array.from({ length: SOURCES }, (_, s) => `<outline type="rss" text="s${s}" xmlUrl="${site.feedUrl(s)}"/>`).join('')}</body></opml>`);
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  const rows: string[] = [];
  try {
    const sqlite = await run(site, join(dir, 'sqlite.db'), 1, opml);
    rows.push(`| SQLite | 1 | ${sqlite.seconds.toFixed(1)} | ${(sqlite.articles / sqlite.seconds).toFixed(0)} | 1.00 |`);
    for (const workers of [1, 2, 4]) {
      const name = `sada_bench_${process.pid}_${workers}`;
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(cluster.url);
      url.pathname = `/${name}`;
      const r = await run(site, url.href, workers, opml);
      rows.push(`| PostgreSQL | ${workers} | ${r.seconds.toFixed(1)} | ${(r.articles / r.seconds).toFixed(0)} | ${(sqlite.seconds / r.seconds).toFixed(2)} |`);
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
    await site.close();
    rmSync(dir, { recursive: true, force: true });
    cluster.stop();
  }
  console.log(`${SOURCES} feeds × ${ITEMS} items (${SOURCES * ITEMS} articles, a fifth wire copies), 20 ms server latency, SADA_FETCH_CONCURRENCY=4 per worker`);
  console.log('| database | workers | seconds to store all | articles/s | speed vs SQLite ×1 |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}

await main();
