/**
 * Load benchmark of the reader: autocannon against `/`, `/article/:id`, `/api/v1/search`,
 * `/api/v1/articles/:id`, `/latest` and `/source/:id` (pages across the corpus) of the real `sada serve` on a database built by `sada import` from the shared
 * SaudiNewsNet corpus (real stories, reading lists and search index); then the article pages again while the
 * same server's fetch scheduler ingests 50 local feeds × 40 new items (fetching running at the same time).
 * The peer, measured in the same run, is a bare node:http server answering a pre-rendered article page from
 * memory: the ratio is the cost of routing, database reads, rendering and ETags.
 *
 *   npm run bench -- server            (SADA_BENCH_SECONDS=10 per target by default)
 *
 * The server is a child process, so autocannon and the server do not share an event loop; on a 2-core
 * machine they still share the CPU.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createHttpServer } from 'node:http';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { REPO_ROOT, sharedData, sharedDataFiles } from '../src/test-support/paths.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';
import { SADA_BIN, runCli } from '../src/test-support/cli.js';
import { encodeCursor } from '../src/server/api/cursor.js';
import { startSyntheticFeeds } from '../src/test-support/synthetic-feeds.js';

const SECONDS = Number(process.env.SADA_BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.SADA_BENCH_CONNECTIONS ?? 10);
const CACHE = join(REPO_ROOT, '.bench-cache');
const DB = join(CACHE, 'server-bench-imported.db');
const ADMIN_TOKEN = 'bench-admin-token';
/** Each run reads (and writes, in the concurrent-import phase) a copy, so the cached database stays as built. */
const RUN_DB = join(CACHE, 'server-bench-run.db');

if (process.argv[2] === '--peer') await peer(process.argv[3]!);
else await main();

/** The peer: a bare node:http server answering one pre-rendered page from memory. */
async function peer(file: string): Promise<void> {
  const body = readFileSync(file);
  const server = createHttpServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
}

/** The real `sada serve` on `db`: fetching runs when sources are due (local fixtures, hence --allow-private). */
async function serve(db: string): Promise<{ url: string; process: ChildProcess }> {
  const env = { ...process.env, SADA_ADMIN_TOKEN: ADMIN_TOKEN, SADA_RATE_LIMIT: '0', SADA_SEARCH_RATE_LIMIT: '0', SADA_HOST_DELAY_MS: '0', SADA_LOG_LEVEL: 'info', CI: 'true' };
  const child = spawn(process.execPath, [SADA_BIN, 'serve', '--port', '0', '--db', db, '--allow-private'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let log = '';
    child.stderr!.on('data', (d: Buffer) => {
      log += d.toString();
      const m = /serving on (http:[^\s"]+)/.exec(log);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`sada serve exited with ${code}: ${log.slice(-500)}`)));
  });
  return { url, process: child };
}

async function main(): Promise<void> {
  const { files, skip } = sharedDataFiles('data', 'saudinewsnet');
  if (skip) {
    console.log(`skipped: ${skip}`);
    return;
  }
  mkdirSync(CACHE, { recursive: true });
  if (!existsSync(DB)) await buildDatabase(files);
  const store = await openStore(DB);
  const articles = await store.countArticles();
  const stories = (await store.listStories({ limit: 1_000_000 })).length;
  const sample = await sampleArticleIds(store, 500);
  // Pages of /latest and of one outlet's page, starting at each sampled article: deep keyset pages included.
  const positions = (await store.getArticles(sample)).map((a) => ({ source: a.sourceId, before: encodeCursor({ t: a.published ?? a.ingestedAt, id: a.id }) }));
  await store.close();
  console.log(`database: ${articles} articles, ${stories} stories (SaudiNewsNet, ${files.length} days); ${SECONDS}s per target, ${CONNECTIONS} connections`);

  removeDb(RUN_DB);
  copyFileSync(DB, RUN_DB);
  const child = await serve(RUN_DB);
  const peerFile = join(CACHE, 'server-bench-peer.html');
  try {
    const queries = readQueries();
    writeFileSync(peerFile, await (await fetch(`${child.url}/article/${sample[0]}`)).text());
    const peer = await spawnChild(['--peer', peerFile]);
    const rows: Row[] = [];
    rows.push(await measure('peer: node:http static article page', peer.url, ['/']));
    rows.push(await measure('/ (top stories)', child.url, ['/']));
    rows.push(await measure('/article/:id', child.url, sample.map((id) => `/article/${id}`)));
    rows.push(await measure('/api/v1/search', child.url, queries.map((q) => `/api/v1/search?q=${encodeURIComponent(q)}&limit=10`)));
    rows.push(await measure('/api/v1/articles/:id', child.url, sample.map((id) => `/api/v1/articles/${id}`)));
    rows.push(await measure('/latest (any page)', child.url, ['/latest', ...positions.map((p) => `/latest?before=${p.before}`)]));
    rows.push(await measure('/source/:id (any page)', child.url, positions.map((p) => `/source/${p.source}?before=${p.before}`)));
    peer.process.kill('SIGTERM');

    // Fetching at the same time: 50 local feeds of 40 new items each, added to the running server's database;
    // its scheduler picks them up (due at once) while article pages are being read.
    const feeds = await startSyntheticFeeds({ sources: 50, items: 40, copyEvery: 5, latencyMs: 20, seed: Date.now() });
    try {
      // Added through the admin API, as an editor would: each addition wakes the server's scheduler.
      for (let f = 0; f < 50; f++) {
        const res = await fetch(`${child.url}/api/v1/sources`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ url: feeds.feedUrl(f) }),
        });
        if (res.status !== 201 && res.status !== 200) throw new Error(`adding a source: HTTP ${res.status} ${await res.text()}`);
      }
      rows.push(await measure('/article/:id while fetching 50 feeds', child.url, sample.map((id) => `/article/${id}`)));
      const after = await openStore(RUN_DB);
      console.log(`fetched during that phase: ${(await after.countArticles()) - articles} new articles from ${feeds.feedFetches().size} feeds`);
      await after.close();
    } finally {
      await feeds.close();
    }
    report(rows);
  } finally {
    child.process.kill('SIGTERM');
    await new Promise((resolve) => child.process.once('exit', resolve));
    removeDb(RUN_DB);
    rmSync(peerFile, { force: true });
  }
}

function removeDb(path: string): void {
  for (const ext of ['', '-wal', '-shm']) rmSync(`${path}${ext}`, { force: true });
}

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function measure(name: string, base: string, paths: string[]): Promise<Row> {
  let i = 0;
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        setupRequest: (req) => {
          req.path = paths[i++ % paths.length]!;
          return req;
        },
      },
    ],
  });
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts, non2xx: result.non2xx };
}

function report(rows: Row[]): void {
  const peer = rows[0]!;
  console.log('\n| target | req/s | p50 ms | p99 ms | errors | non-2xx | req/s vs peer |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} | ${(r.rps / peer.rps).toFixed(2)} |`);
  }
  const article = rows.find((r) => r.name === '/article/:id');
  if (article) console.log(`\ntarget (article pages ≥ 500 req/s, p99 < 100 ms): ${article.rps >= 500 && article.p99 < 100 ? 'met' : 'NOT met'}`);
}

async function buildDatabase(files: string[]): Promise<void> {
  removeDb(`${DB}.tmp`);
  const r = runCli(['import', '--json', '--db', `${DB}.tmp`, ...files], { timeoutMs: 3_600_000 });
  if (r.status !== 0) throw new Error(`import failed: ${r.stderr}`);
  renameSync(`${DB}.tmp`, DB);
  removeDb(`${DB}.tmp`);
  console.log(`built ${DB} with sada import: ${r.stdout.trim()}`);
}

async function sampleArticleIds(store: Store, n: number): Promise<number[]> {
  const all = await store.listArticles({ limit: 1_000_000 });
  const step = Math.max(1, Math.floor(all.length / n));
  return all.filter((_, i) => i % step === 0).slice(0, n).map((a) => a.id);
}

function readQueries(): string[] {
  const q = sharedData('data', 'queries', 'dev.queries.jsonl');
  if (q.skip) return ['أمطار', 'الهلال', 'وزارة الصحة'];
  return readFileSync(q.path, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { query: string }).query);
}

async function spawnChild(args: string[]): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString();
      const line = buffer.split('\n')[0];
      if (buffer.includes('\n') && line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { url, process: child };
}
