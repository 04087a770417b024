/**
 * Import throughput of exactly what `sada import` runs (the per-article pipeline with search documents
 * indexed per batch: analysis, fingerprints, story placement, provenance, reading lists, search index, then
 * the final index merge) over every SaudiNewsNet file in ../shared/data into a fresh SQLite database, with
 * peak RSS and throughput per 5,000-article segment (how cost grows with the corpus), then the read latency
 * of the stored reading lists.
 *
 *   npm run bench -- import            (IMPORT_BENCH_RUNS=n: runs of each import, default 3)
 *
 * Peers in the same run: (1) the floor — the same files through the same import machinery with a step that
 * only canonicalises the URL and inserts the row (reading, gunzip, JSON, SQLite writes), so the ratio is
 * the cost of the story engine; (2) for reading lists, recomputing them at read time from stored profiles
 * (what storing them at ingest saves). Each import runs in its own child process for a clean peak RSS.
 */
import { utcDay } from '../src/core/time.js';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedDataFiles } from '../src/test-support/paths.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { importFiles, type ProcessArticle, type ProcessOutcome } from '../src/pipeline/import-files.js';
import type { ArticleInput } from '../src/core/types.js';
import { createArticlePipeline } from '../src/pipeline/process-article.js';
import { canonicalUrl } from '../src/dedup/canonical-url.js';
import { StoryEngine } from '../src/pipeline/story-engine.js';
import { decodeProfile } from '../src/stories/profile-codec.js';
import { IN_HEAD, weighProfile } from '../src/stories/profile.js';
import { idf } from '../src/stories/term-stats.js';
import { judgeCandidates, type CandidateArticle } from '../src/stories/assign.js';
import { rankRelated } from '../src/stories/related.js';

const SEGMENT = 5000;
/** Runs of each import (alternated, so that the machine's drift falls on both); the median is the figure. */
const RUNS = Math.max(1, Number.parseInt(process.env.IMPORT_BENCH_RUNS ?? '3', 10) || 3);

interface RunResult {
  inserted: number;
  seconds: number;
  /** Of which the final search-index merge (engine only). */
  optimizeSeconds: number;
  /** CPU seconds (user + system, all threads) of the import. */
  cpuSeconds: number;
  rssMb: number;
  /** Seconds spent on each full segment of SEGMENT stored articles. */
  segments: number[];
}

if (process.argv[2] === '--run') await run(process.argv[3] as 'engine' | 'floor', process.argv[4]!, process.argv.slice(5));
else await main();

/** Child process: one import, result as a JSON line on stdout. */
async function run(kind: 'engine' | 'floor', db: string, files: string[]): Promise<void> {
  const store = await SqliteStore.open({ path: db });
  // The same pipeline, batch size and final merge as `sada import`.
  const inner: ProcessArticle = kind === 'engine' ? createArticlePipeline({ now: Date.now, batchIndex: true }) : floor;
  const segments: number[] = [];
  let stored = 0;
  let mark = performance.now();
  const process_: ProcessArticle = async (tx, input) => {
    const outcome = await inner(tx, input);
    if (outcome !== 'exists' && ++stored % SEGMENT === 0) {
      const now = performance.now();
      segments.push((now - mark) / 1000);
      mark = now;
    }
    return outcome;
  };
  // Everything else of the pipeline as `sada import` uses it: batch end, analysis ahead in the worker thread.
  if (inner.endBatch) process_.endBatch = inner.endBatch;
  if (inner.prepare) process_.prepare = inner.prepare;
  if (inner.release) process_.release = inner.release;
  if (inner.finish) process_.finish = inner.finish;
  if (inner.close) process_.close = inner.close;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const summary = await importFiles(store, files, { process: process_, batchSize: 1000 });
  const merged = performance.now();
  await inner.close?.();
  if (kind === 'engine' && summary.inserted > 0) await store.optimizeSearchIndex();
  const ended = performance.now();
  const used = process.cpuUsage(cpu);
  await store.close();
  const result: RunResult = {
    inserted: summary.inserted,
    seconds: (ended - started) / 1000,
    optimizeSeconds: (ended - merged) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
    rssMb: process.resourceUsage().maxRSS / 1024,
    segments,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** The floor peer: what any import pays (read, parse, canonical URL, one row). */
async function floor(tx: Store, input: ArticleInput): Promise<ProcessOutcome> {
  const url = canonicalUrl(input.url);
  const source = (await tx.getSourceBySlug(input.source)) ?? (await tx.ensureImportSource(input.source, 0));
  const r = await tx.insertArticle({
    sourceId: source.id, url: input.url, canonicalUrl: url, externalId: input.externalId ?? null, title: input.title, text: input.text, summary: null,
    author: null, category: null, tags: [], image: null, lang: null, published: input.published, ingestedAt: 0, contentHash: url,
  });
  return r.inserted ? 'inserted' : 'exists';
}

function child(kind: 'engine' | 'floor', db: string, files: string[]): RunResult {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--run', kind, db, ...files], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${kind} import failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as RunResult;
}

async function main(): Promise<void> {
  const { files, skip } = sharedDataFiles('data', 'saudinewsnet');
  if (skip) {
    console.log(`skipped: ${skip}`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'sada-import-bench-'));
  try {
    const engines: RunResult[] = [];
    const floors: RunResult[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Each run into a fresh database; the last pipeline database is kept for the reading-list latency.
      for (const name of ['engine.db', 'engine.db-wal', 'engine.db-shm', 'floor.db', 'floor.db-wal', 'floor.db-shm']) rmSync(join(dir, name), { force: true });
      engines.push(child('engine', join(dir, 'engine.db'), files));
      floors.push(child('floor', join(dir, 'floor.db'), files));
    }
    const rate = (r: RunResult) => r.inserted / r.seconds;
    const median = (runs: RunResult[]) => [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)]!;
    const engine = median(engines);
    const base = median(floors);
    console.log(`SaudiNewsNet, ${files.length} files, fresh SQLite database, batches of 1000; ${RUNS} runs of each, alternated (median first)`);
    console.log(`| run | articles | seconds (of which index merge) | articles/s | CPU seconds | peak RSS |`);
    console.log(`|---|---|---|---|---|---|`);
    const row = (name: string, r: RunResult) =>
      console.log(`| ${name} | ${r.inserted} | ${r.seconds.toFixed(1)} (${r.optimizeSeconds.toFixed(1)}) | ${rate(r).toFixed(0)} | ${r.cpuSeconds.toFixed(1)} | ${r.rssMb.toFixed(0)} MB |`);
    row('Sada pipeline (as sada import), median', engine);
    row('floor (store only), median', base);
    engines.forEach((r, i) => row(`pipeline, run ${i + 1}`, r));
    floors.forEach((r, i) => row(`floor, run ${i + 1}`, r));
    console.log(`pipeline / floor time (medians): ${(engine.seconds / base.seconds).toFixed(1)}×; pipeline articles/s over the runs: ${engines.map((r) => rate(r).toFixed(0)).join(', ')}`);
    const seg = engine.segments.map((s) => SEGMENT / s);
    console.log(`growth (median run), articles/s per ${SEGMENT}-article segment: ${seg.map((x) => x.toFixed(0)).join(' → ')}` + (seg.length > 1 ? ` (last/first ${(seg.at(-1)! / seg[0]!).toFixed(2)})` : ''));
    await readLatency(join(dir, 'engine.db'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** Stored lists (one query, plus the listed articles) against recomputing them from profiles at read time. */
async function readLatency(db: string): Promise<void> {
  const store = await SqliteStore.open({ path: db });
  const all = (await store.listArticles({ limit: 1_000_000 })).map((a) => a.id);
  // Read in id (arrival) order: the peer that recomputes at read then weighs in the window of one day after
  // another, as a reader of recent articles would, instead of summing a window for every read.
  const sample = Array.from({ length: 2000 }, (_, i) => all[(i * 7919) % all.length]!).sort((a, b) => a - b);
  const engine = new StoryEngine();
  await engine.stats.sync(store);
  const measure = async (fn: (id: number) => Promise<unknown>) => {
    for (const id of sample.slice(0, 200)) await fn(id); // warm-up
    const times: number[] = [];
    for (const id of sample) {
      const t = performance.now();
      await fn(id);
      times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b);
  };
  const stored = await measure((id) => store.getRelated(id));
  const withArticles = await measure(async (id) => store.getArticles((await store.getRelated(id)).map((e) => e.relatedId)));
  // Inside a transaction, as at ingest: candidate lookup through the store's in-memory key mirror (outside
  // one, SQLite scans the window's keyed articles — a path for tools and tests only).
  const recomputed = await measure((id) => store.transaction((tx) => recompute(tx, engine, id)));
  console.log(`reading lists of ${sample.length} articles (ms): | | p50 | p99 |`);
  for (const [name, t] of [['stored lists (getRelated)', stored], ['stored lists + listed articles', withArticles], ['peer: recomputed at read', recomputed]] as const) {
    console.log(`| ${name} | ${percentile(t, 0.5).toFixed(3)} | ${percentile(t, 0.99).toFixed(3)} |`);
  }
  console.log(`recomputed / stored (p50): ${(percentile(recomputed, 0.5) / percentile(stored, 0.5)).toFixed(0)}×`);
  await store.close();
}

/** What reading would cost without stored lists: candidate lookup, judging and ranking for one article. */
async function recompute(store: Store, engine: StoryEngine, id: number): Promise<unknown> {
  const [ref] = await store.getArticleRefs([id]);
  const bytes = (await store.getArticleProfiles([id])).get(id);
  if (!ref || !bytes) return [];
  const terms = decodeProfile(bytes);
  const day = utcDay(ref.time);
  const window = await engine.stats.window(store, day);
  const profile = weighProfile(terms, window);
  const keys = [...terms.keys].filter((_, i) => terms.flags[i]! & IN_HEAD).sort((a, b) => idf(window, b) - idf(window, a)).slice(0, 24);
  const o = engine.options;
  const found = await store.findStoryCandidates({ keys, minShared: 2, from: ref.time - o.candidateWindowMs, to: ref.time + o.candidateWindowMs, limit: o.maxCandidates, excludeId: id });
  // (Measured in the article's own window for every candidate: the cost of reading, not the pipeline's exact pairs.)
  const weighings = await engine.profiles.get(store, found.map((c) => c.id), engine.stats, day);
  const candidates: CandidateArticle[] = found.filter((c) => weighings.has(c.id)).map((c) => ({ ...c, weighing: weighings.get(c.id)!, contentHash: c.contentHash }));
  const judged = judgeCandidates({ profile, contentHash: ref.contentHash }, candidates);
  return rankRelated(ref, judged.map((j) => ({ ...j.candidate, score: j.judgement.score, relation: j.judgement.relation })));
}
