/**
 * Corpus, queries and measurement helpers for the search benchmark (bench/search.bench.ts).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArticleInput } from '../src/core/types.js';
import { importFiles } from '../src/pipeline/import-files.js';
import { parseImportLine } from '../src/pipeline/import-record.js';
import { createArticlePipeline } from '../src/pipeline/process-article.js';
import { readLines } from '../src/pipeline/read-lines.js';
import { reindexSearch } from '../src/pipeline/reindex-search.js';
import type { Store } from '../src/store/store.js';
import { REPO_ROOT, SHARED_DIR } from '../src/test-support/paths.js';

export const DATA = join(SHARED_DIR, 'data');
export const EVAL_SCRIPT = join(SHARED_DIR, 'eval', 'search.mjs');
export const DEV_QUERIES = join(DATA, 'queries', 'dev.queries.jsonl');
/** Sada's own second check set: known-item queries written for this repository (test/fixtures/search/known-items). */
export const OWN_QUERIES = join(REPO_ROOT, 'test', 'fixtures', 'search', 'known-items', 'queries.jsonl');
/** The articles the dev queries were written against (the recipe of ../shared/eval/README.md). */
export const EVAL_FILES = ['saudinewsnet/2015-08-01', 'saudinewsnet/2015-08-02', 'saudinewsnet/2015-08-03', 'saudinewsnet/2015-08-04', 'ant-multisource/2018-07'].map((f) =>
  join(DATA, `${f}.jsonl.gz`),
);
/** Every article file of the shared data (about 51,000 articles). */
export function allFiles(): string[] {
  return ['saudinewsnet', 'ant-multisource'].flatMap((d) =>
    readdirSync(join(DATA, d))
      .filter((f) => f.endsWith('.jsonl.gz'))
      .sort()
      .map((f) => join(DATA, d, f)),
  );
}

export interface Query {
  id: number | string;
  query: string;
}

export function readQueries(path: string): Query[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Query);
}

/** Seeded generator (a linear congruential one: the same queries in every run). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
}

/** `count` queries of 1–5 consecutive words from the titles of random articles. */
export function generatedQueries(titles: readonly string[], count: number, seed = 20150803): Query[] {
  const next = random(seed);
  const out: Query[] = [];
  while (out.length < count && titles.length > 0) {
    const words = titles[Math.floor(next() * titles.length)]!.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
    if (words.length === 0) continue;
    const n = 1 + Math.floor(next() * 5);
    const start = Math.floor(next() * Math.max(1, words.length - n + 1));
    out.push({ id: out.length, query: words.slice(start, start + n).join(' ') });
  }
  return out;
}

/**
 * Imports files through the pipeline, then indexes whatever the pipeline left out. The index is left as
 * the size-tiered merges made it (call `optimizeSearchIndex` for one segment).
 */
export async function importCorpus(store: Store, files: readonly string[]): Promise<{ articles: number; importSeconds: number; indexSeconds: number }> {
  const imported = await importFiles(store, files, { process: createArticlePipeline({ now: () => Date.parse('2025-01-01T00:00:00Z') }) });
  const t = performance.now();
  await reindexSearch(store, { optimize: false });
  return { articles: await store.countArticles(), importSeconds: imported.seconds, indexSeconds: (performance.now() - t) / 1000 };
}

/**
 * Imports shifted copies of the files (copy k: other host in the URL, dates k × 400 days later), through
 * the same pipeline, to grow the corpus for the scale measurement.
 */
export async function importShiftedCopy(store: Store, files: readonly string[], copy: number): Promise<void> {
  const process = createArticlePipeline({ now: () => Date.parse('2025-01-01T00:00:00Z') });
  let batch: ArticleInput[] = [];
  const flush = async () => {
    const items = batch;
    batch = [];
    await store.transaction(async (tx) => {
      for (const item of items) await process(tx, item);
    });
  };
  for (const file of files) {
    for await (const { line } of readLines(file)) {
      if (line === null) continue;
      const parsed = parseImportLine(line);
      if (!parsed.ok) continue;
      const a = parsed.article;
      batch.push({
        ...a,
        url: a.url.replace('://', `://copy${copy}.`),
        externalId: a.externalId ? `${a.externalId}-copy${copy}` : null,
        published: a.published === null ? null : a.published + copy * 400 * 86_400_000,
      });
      if (batch.length >= 200) await flush();
    }
  }
  await flush();
}

export interface Latency {
  queries: number;
  qps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** CPU time per query (ms): less sensitive than wall time to other work on the machine. */
  cpu: number;
}

/** Runs every query once to warm up, then again timing each one. */
export async function measure(queries: readonly Query[], run: (q: Query) => Promise<unknown> | unknown): Promise<Latency> {
  for (const q of queries) await run(q);
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const q of queries) {
    const t = performance.now();
    await run(q);
    times.push(performance.now() - t);
  }
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(times.length * p))]!;
  return { queries: times.length, qps: (times.length * 1000) / wall, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: times.at(-1)!, cpu: (cpu.user + cpu.system) / 1000 / times.length };
}

export interface Quality {
  mrr10: number;
  success1: number;
  success10: number;
  not_found: (number | string)[];
}

/** Scores result lines `{"id","hits":[{"url"}]}` against a query file with ../shared/eval/search.mjs itself. */
export function score(resultsPath: string, lines: readonly { id: number | string; hits: { url: string }[] }[], queriesPath = DEV_QUERIES): Quality {
  writeFileSync(resultsPath, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  const r = spawnSync(process.execPath, [EVAL_SCRIPT, queriesPath, resultsPath, ...EVAL_FILES, '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`search.mjs failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Quality;
}

/**
 * Writes the even-id and odd-id halves of a query file next to `prefix` (to estimate how a figure varies
 * between two sets of 50 queries: a change chosen on one half should hold on the other).
 */
export function splitHalves(queriesPath: string, prefix: string): [string, string] {
  const lines = readFileSync(queriesPath, 'utf8').split('\n').filter((l) => l.trim());
  const paths: [string, string] = [`${prefix}.even.jsonl`, `${prefix}.odd.jsonl`];
  for (const [half, path] of paths.entries()) {
    writeFileSync(path, lines.filter((l, i) => Number((JSON.parse(l) as Query).id ?? i) % 2 === half).join('\n') + '\n');
  }
  return paths;
}
