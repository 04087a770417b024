/**
 * PostgreSQL next to SQLite on the same data in the same run: `sada import` of the evaluation articles
 * (SaudiNewsNet 2015-08-01..04 + ANT 2018-07, ~8.7k articles) through the real CLI into each database, then
 * the 100 dev queries on each: quality (scored by ../shared/eval/search.mjs; the two must agree within 0.02
 * MRR) and latency.
 *
 *   npm run bench -- postgres        (PostgreSQL from SADA_TEST_PG, or a throwaway cluster started here)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { benchPostgres } from '../src/test-support/postgres.js';
import { SearchEngine } from '../src/search/engine.js';
import { openStore } from '../src/store/open.js';
import { runCli } from '../src/test-support/cli.js';
import { sharedData } from '../src/test-support/paths.js';
import { DEV_QUERIES, EVAL_FILES, measure, readQueries, score } from './search-corpus.js';

const NOW = Date.parse('2025-01-01T00:00:00Z');


async function main(): Promise<void> {
  const data = sharedData('data', 'queries', 'dev.queries.jsonl');
  if (data.skip) {
    console.log(`skipped: ${data.skip}`);
    return;
  }
  const cluster = benchPostgres();
  if (!cluster) {
    console.log('skipped: no PostgreSQL (set SADA_TEST_PG or install the Debian postgresql package)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'sada-pg-bench-'));
  const database = `sada_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  const pgUrl = new URL(cluster.url);
  pgUrl.pathname = `/${database}`;
  const queries = readQueries(DEV_QUERIES);
  const rows: string[] = [];
  try {
    for (const [name, db] of [['SQLite', join(dir, 'sada.db')], ['PostgreSQL', pgUrl.href]] as const) {
      const started = performance.now();
      const imported = runCli(['import', '--json', '--db', db, ...EVAL_FILES], { timeoutMs: 1_800_000 });
      const wall = (performance.now() - started) / 1000;
      if (imported.status !== 0) throw new Error(`${name} import failed: ${imported.stderr}`);
      const summary = JSON.parse(imported.stdout) as { inserted: number; seconds: number };
      const store = await openStore(db);
      const engine = new SearchEngine(store);
      const results: { id: number | string; hits: { url: string }[] }[] = [];
      for (const q of queries) results.push({ id: q.id, hits: (await engine.search({ query: q.query, limit: 10, now: NOW })).hits.map((h) => ({ url: h.article.url })) });
      const quality = score(join(dir, `${name}.out.jsonl`), results);
      const latency = await measure(queries, (q) => engine.search({ query: q.query, limit: 10, now: NOW }));
      await store.close();
      rows.push(
        `| ${name} | ${summary.inserted} | ${summary.seconds.toFixed(1)} (${wall.toFixed(1)} with start-up) | ${(summary.inserted / summary.seconds).toFixed(0)} | ` +
          `${quality.mrr10.toFixed(3)} | ${quality.success10.toFixed(2)} | ${latency.p50.toFixed(2)} | ${latency.p99.toFixed(2)} |`,
      );
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
    cluster.stop();
  }
  console.log('`sada import` of the evaluation articles, then the 100 dev queries (Sada\'s engine, limit 10)\n');
  console.log('| database | articles | import s | articles/s | MRR@10 | success@10 | search p50 ms | search p99 ms |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}

await main();
