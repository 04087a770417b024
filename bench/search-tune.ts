/**
 * Search quality workbench (not a benchmark: no timing). Runs the engine over known-item query files
 * against an existing database and prints MRR@10 / success@1 / success@10 for the whole set and its two
 * halves (even and odd query ids), plus every query whose target is not first.
 *   node dist/bench/search-tune.js DB QUERIES.jsonl... [--params '{"titleWeight":3}'] [--quiet]
 * The target counts as found when a hit is it or a copy of it, by the rule of ../shared/eval/search.mjs
 * (at least half of the shorter text's word 5-grams in the other), with texts from the database.
 */
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { SearchEngine } from '../src/search/engine.js';
import { DEFAULT_RANKING, type RankingParams } from '../src/search/ranking-params.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';

interface KnownItem {
  id: number | string;
  query: string;
  target_url: string;
}

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

const words = (t: string) => t.replace(/[\u064B-\u0652\u0640]/g, '').match(/[\p{L}\p{N}]+/gu) ?? [];
const text = new Map<string, string>();
const db = new Database(dbPath, { readonly: true });
for (const row of db.prepare('SELECT a.url, t.text FROM articles a JOIN article_texts t ON t.article_id = a.id').iterate() as Iterable<{ url: string; text: string }>) text.set(row.url, row.text);
db.close();
const gramCache = new Map<string, Set<string>>();
function gramsOf(url: string): Set<string> {
  let g = gramCache.get(url);
  if (!g) {
    const w = words(text.get(url) ?? '');
    g = new Set();
    for (let i = 0; i + 5 <= w.length; i++) g.add(w.slice(i, i + 5).join(' '));
    gramCache.set(url, g);
  }
  return g;
}
function sameReport(a: string, b: string): boolean {
  if (a === b) return true;
  if (!text.has(a) || !text.has(b)) return false;
  const ga = gramsOf(a);
  const gb = gramsOf(b);
  const [small, big] = ga.size < gb.size ? [ga, gb] : [gb, ga];
  if (small.size === 0) return false;
  let shared = 0;
  for (const g of small) if (big.has(g)) shared++;
  return shared / small.size >= 0.5;
}

const store = await SqliteStore.open({ path: dbPath });
const engine = new SearchEngine(store, undefined, params);
const now = Date.parse('2025-01-01T00:00:00Z');

function summary(ranks: number[]): string {
  const n = Math.max(1, ranks.length);
  const mrr = ranks.reduce((s, r) => s + (r > 0 ? 1 / r : 0), 0) / n;
  const at1 = ranks.filter((r) => r === 1).length / n;
  const at10 = ranks.filter((r) => r > 0).length / n;
  return `MRR@10 ${mrr.toFixed(3)}  s@1 ${at1.toFixed(3)}  s@10 ${at10.toFixed(3)}  (n ${ranks.length})`;
}

for (const file of queryFiles) {
  const items = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as KnownItem);
  const ranks: number[] = [];
  const halves: [number[], number[]] = [[], []];
  const report: string[] = [];
  for (const [index, q] of items.entries()) {
    if (only && !only.includes(String(q.id))) continue;
    const result = await engine.search({ query: q.query, limit: only ? 100 : 10, now });
    const found = result.hits.findIndex((h) => sameReport(h.article.url, q.target_url));
    if (only) console.log(`#${q.id} rank in top 100: ${found + 1 || '-'} score ${result.hits[found]?.score}`);
    const rank = found >= 10 ? 0 : found + 1;
    ranks.push(rank);
    halves[(typeof q.id === 'number' ? q.id : index) % 2]!.push(rank);
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
