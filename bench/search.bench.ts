/**
 * Search quality and speed, Sada next to its peers in the same run.
 *   npm run bench -- search                       quality on the dev set + speed on the full corpus
 *   SADA_BENCH_SEARCH_COPIES=4 npm run bench -- search   also speed at 4× the corpus (shifted copies)
 *   SADA_BENCH_SEARCH_PARTS=speed …                      only some parts (quality, speed)
 *
 * Quality: the articles of ../shared/eval/README.md's recipe are imported through the pipeline; Sada, SQLite
 * FTS5 (default tokenizer, bm25) and a Lucene-style Light-10 + BM25 peer answer the 100 dev queries and
 * Sada's own 51 (test/fixtures/search/known-items); every result file is scored by ../shared/eval/search.mjs
 * itself, whole and by halves (even and odd query ids). Speed: the whole shared corpus (~51k articles),
 * dev queries and 1,000 generated queries (1–5 consecutive title words), Sada (full engine: ranking,
 * copies collapsed, snippets) next to FTS5 (bm25 + snippet()) on the same articles. Each speed table is
 * measured in a fresh child process on the built databases (as a server would open them), so the
 * importer's heap and threads do not pause the queries.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SearchEngine } from '../src/search/engine.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { REPO_ROOT, sharedData } from '../src/test-support/paths.js';
import { DEV_QUERIES, EVAL_FILES, OWN_QUERIES, allFiles, generatedQueries, importCorpus, importShiftedCopy, measure, readQueries, score, splitHalves, type Latency, type Query } from './search-corpus.js';
import { Fts5Peer, Light10Peer, storedArticles } from './search-peers.js';

const NOW = Date.parse('2025-01-01T00:00:00Z');
const dir = join(REPO_ROOT, '.bench-cache', 'search');

async function freshStore(name: string): Promise<{ store: SqliteStore; path: string }> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.db`);
  for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
  return { store: await SqliteStore.open({ path }), path };
}

const f2 = (x: number) => x.toFixed(2);
const f3 = (x: number) => x.toFixed(3);
const mb = (path: string) => (statSync(path).size / 1e6).toFixed(0);

type Results = { id: number | string; hits: { url: string }[] }[];

async function quality(): Promise<void> {
  console.log('### Quality: known-item queries, articles of SaudiNewsNet 2015-08-01..04 + ANT 2018-07\n');
  const { store, path } = await freshStore('eval');
  const built = await importCorpus(store, EVAL_FILES);
  await store.optimizeSearchIndex();
  const engine = new SearchEngine(store);
  const fts = Fts5Peer.build(join(dir, 'eval-fts5.db'), storedArticles(path)).peer;
  const light = Light10Peer.build(storedArticles(path)).peer;
  console.log(`${built.articles} articles; import (the pipeline indexes each article) ${f2(built.importSeconds)} s, then reindexSearch ${f2(built.indexSeconds)} s\n`);
  console.log('| query set | engine | MRR@10 | even ids | odd ids | success@1 | success@10 | not found in top 10 |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [set, file] of [
    ['dev (100)', DEV_QUERIES],
    ['own (51)', OWN_QUERIES],
  ] as const) {
    const queries = readQueries(file);
    const halves = splitHalves(file, join(dir, set.split(' ')[0]!));
    const sada: Results = [];
    for (const q of queries) sada.push({ id: q.id, hits: (await engine.search({ query: q.query, limit: 10, now: NOW })).hits.map((h) => ({ url: h.article.url })) });
    const engines: [string, string, Results][] = [
      ['Sada', 'sada', sada],
      ['SQLite FTS5, default tokenizer, bm25 (peer)', 'fts5', queries.map((q) => ({ id: q.id, hits: fts.search(q.query) }))],
      ['Light-10 + stopwords, BM25 (Lucene-style peer)', 'light10', queries.map((q) => ({ id: q.id, hits: light.search(q.query) }))],
    ];
    for (const [name, slug, results] of engines) {
      const out = join(dir, `${slug}.${set.split(' ')[0]}.out.jsonl`);
      const all = score(out, results, file);
      const [even, odd] = halves.map((h) => score(out, results, h).mrr10);
      console.log(`| ${set} | ${name} | ${f3(all.mrr10)} | ${f3(even!)} | ${f3(odd!)} | ${f3(all.success1)} | ${f3(all.success10)} | ${all.not_found.join(' ')} |`);
    }
  }
  console.log('');
  fts.close();
  await store.close();
}

function latencyRow(name: string, l: Latency, peer?: Latency): string {
  const ratio = peer ? ` | ${f2(l.p50 / peer.p50)}× / ${f2(l.p99 / peer.p99)}×` : ' | –';
  return `| ${name} | ${l.queries} | ${l.qps.toFixed(0)} | ${f2(l.p50)} | ${f2(l.p90)} | ${f2(l.p99)} | ${f2(l.max)} | ${f2(l.cpu)}${ratio} |`;
}

async function speedTable(label: string, store: SqliteStore, fts: Fts5Peer, sets: [string, Query[]][]): Promise<void> {
  const engine = new SearchEngine(store);
  console.log(`#### ${label}\n`);
  console.log('| engine, queries | n | queries/s | p50 ms | p90 ms | p99 ms | max ms | CPU ms/query | p50 / p99 vs FTS5 |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const [name, queries] of sets) {
    const peer = await measure(queries, (q) => fts.search(q.query));
    const sada = await measure(queries, (q) => engine.search({ query: q.query, limit: 10, now: NOW }));
    // Newest first (`--sort newest`, search feeds): every article with all the words, ordered by time.
    const newest = await measure(queries, (q) => engine.search({ query: q.query, limit: 10, now: NOW, sort: 'newest' }));
    console.log(latencyRow(`Sada, ${name}`, sada, peer));
    console.log(latencyRow(`Sada newest first, ${name}`, newest));
    console.log(latencyRow(`FTS5 peer, ${name}`, peer));
  }
  console.log('');
}

/** Measures one speed table in a fresh process: the importer's heap and threads never pause the queries. */
async function speedTableInChild(label: string, dbPath: string, ftsPath: string, setsFile: string): Promise<void> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--measure', label, dbPath, ftsPath, setsFile], { stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`speed measurement "${label}" exited with ${code}`);
}

async function measureChild(label: string, dbPath: string, ftsPath: string, setsFile: string): Promise<void> {
  const store = await SqliteStore.open({ path: dbPath });
  const fts = new Fts5Peer(ftsPath);
  const sets = JSON.parse(readFileSync(setsFile, 'utf8')) as [string, Query[]][];
  await speedTable(label, store, fts, sets);
  fts.close();
  await store.close();
}

async function speed(): Promise<void> {
  console.log('### Speed: the whole shared corpus\n');
  const { store, path } = await freshStore('full');
  const built = await importCorpus(store, allFiles());
  const ftsPath = join(dir, 'full-fts5.db');
  const peerBuild = Fts5Peer.build(ftsPath, storedArticles(path));
  peerBuild.peer.close();
  const titles = [...storedArticles(path)].map((a) => a.title);
  const setsFile = join(dir, 'speed-queries.json');
  const sets: [string, Query[]][] = [
    ['dev queries', readQueries(DEV_QUERIES)],
    ['1,000 generated queries', generatedQueries(titles, 1000)],
  ];
  writeFileSync(setsFile, JSON.stringify(sets));
  console.log(
    `${built.articles} articles; import (pipeline, indexing included) ${f2(built.importSeconds)} s ` +
      `(${f3((built.importSeconds * 1000) / built.articles)} ms/article), then reindexSearch ${f2(built.indexSeconds)} s; FTS5 peer build ${f2(peerBuild.seconds)} s\n`,
  );
  await store.close();
  await speedTableInChild(`${built.articles} articles, index as left by size-tiered merges`, path, ftsPath, setsFile);
  await optimize(path, ftsPath);
  await speedTableInChild(`${built.articles} articles, index merged into one segment`, path, ftsPath, setsFile);

  const copies = Number(process.env.SADA_BENCH_SEARCH_COPIES ?? 1);
  if (copies > 1) {
    const scaled = await SqliteStore.open({ path });
    let t = performance.now();
    for (let k = 1; k < copies; k++) await importShiftedCopy(scaled, allFiles(), k);
    const importSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    const { reindexSearch } = await import('../src/pipeline/reindex-search.js');
    await reindexSearch(scaled, { optimize: false });
    const articles = await scaled.countArticles();
    console.log(`scaled to ${articles} articles (${copies - 1} shifted copies): import ${f2(importSeconds)} s, indexing ${f2((performance.now() - t) / 1000)} s\n`);
    await scaled.close();
    Fts5Peer.build(ftsPath, storedArticles(path)).peer.close();
    await speedTableInChild(`${articles} articles, size-tiered`, path, ftsPath, setsFile);
    await optimize(path, ftsPath);
    await speedTableInChild(`${articles} articles, one segment`, path, ftsPath, setsFile);
  }
}

async function optimize(path: string, ftsPath: string): Promise<void> {
  const store = await SqliteStore.open({ path });
  const t = performance.now();
  await store.optimizeSearchIndex();
  await store.close();
  console.log(`optimizeSearchIndex: ${f2((performance.now() - t) / 1000)} s; database ${mb(path)} MB (articles + index), FTS5 peer ${mb(ftsPath)} MB\n`);
}

const data = sharedData('data', 'queries', 'dev.queries.jsonl');
if (process.argv[2] === '--measure') await measureChild(process.argv[3]!, process.argv[4]!, process.argv[5]!, process.argv[6]!);
else if (data.skip) console.log(`skipped: ${data.skip}`);
else {
  console.log('Machine: 2 shared vCPUs, Node', process.version, '\n');
  const parts = (process.env.SADA_BENCH_SEARCH_PARTS ?? 'quality,speed').split(',');
  if (parts.includes('quality')) await quality();
  if (parts.includes('speed')) await speed();
}
