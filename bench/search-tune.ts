/**
 * Search quality workbench (not a benchmark: no timing). Runs the engine over known-item query files
 * against an existing database and prints MRR@10 / success@1 / success@10 for the whole set and its two
 * halves (even and odd query ids), plus every query whose target is not first.
 *   node dist/bench/search-tune.js DB QUERIES.jsonl... [--params '{"titleWeight":3}'] [--quiet]
 * The target counts as found when a hit is it or a copy of it, by the rule of ../shared/eval/search.mjs
 * (at least half of the shorter text's word 5-grams in the other), with texts from the database.
 */
import { writeFileSync } from 'node:fs';
import { SearchEngine } from '../src/search/engine.js';
import { DEFAULT_RANKING, type RankingParams } from '../src/search/ranking-params.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { CopyRule, halfOf, mrrAt10, readKnownItems, readStoredTexts } from './known-items.js';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const params: RankingParams = { ...DEFAULT_RANKING, ...(JSON.parse(flag('--params') ?? '{}') as Partial<RankingParams>) };
const quiet = args.includes('--quiet');
const only = flag('--only')?.split(',');
const ranksOut = flag('--ranks');
const [dbPath, ...queryFiles] = args.filter((a) => !a.startsWith('--'));
if (!dbPath || queryFiles.length === 0) {
  console.error('usage: node dist/bench/search-tune.js DB QUERIES.jsonl... [--params JSON] [--quiet]');
  process.exit(2);
}

const copies = new CopyRule(readStoredTexts(dbPath));
const store = await SqliteStore.open({ path: dbPath });
const engine = new SearchEngine(store, undefined, params);
const now = Date.parse('2025-01-01T00:00:00Z');

function summary(ranks: number[]): string {
  const n = Math.max(1, ranks.length);
  const mrr = mrrAt10(ranks);
  const at1 = ranks.filter((r) => r === 1).length / n;
  const at10 = ranks.filter((r) => r > 0).length / n;
  return `MRR@10 ${mrr.toFixed(3)}  s@1 ${at1.toFixed(3)}  s@10 ${at10.toFixed(3)}  (n ${ranks.length})`;
}

for (const file of queryFiles) {
  const items = readKnownItems(file);
  const ranks: number[] = [];
  const halves: [number[], number[]] = [[], []];
  const report: string[] = [];
  for (const [index, q] of items.entries()) {
    if (only && !only.includes(String(q.id))) continue;
    const result = await engine.search({ query: q.query, limit: only ? 100 : 10, now });
    const found = result.hits.findIndex((h) => copies.sameReport(h.article.url, q.target_url));
    if (only) console.log(`#${q.id} rank in top 100: ${found + 1 || '-'} score ${result.hits[found]?.score}`);
    const rank = found >= 10 ? 0 : found + 1;
    ranks.push(rank);
    halves[halfOf(q, index)].push(rank);
    if (rank !== 1 && !quiet) {
      report.push(`#${q.id} rank ${rank || '-'}  «${q.query}»`);
      for (const [i, h] of result.hits.slice(0, rank === 0 ? 3 : rank).entries()) report.push(`   ${i + 1}. ${h.score.toFixed(2)} ${h.article.title.slice(0, 90)}`);
    }
  }
  if (ranksOut) writeFileSync(ranksOut, JSON.stringify(Object.fromEntries(items.map((q, i) => [q.id, ranks[i]]))));
  console.log(`${file}\n  all   ${summary(ranks)}\n  even  ${summary(halves[0])}\n  odd   ${summary(halves[1])}`);
  if (report.length > 0) console.log(report.join('\n'));
}
await store.close();
