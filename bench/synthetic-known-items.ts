/**
 * Synthetic known-item queries (a workbench input, not a benchmark): draws articles at random from a
 * database and writes, for each, a query made the way our own set was written (test/fixtures/search/
 * known-items/README.md): words a reader recalls from the title and the first paragraph (the rarer a word,
 * the likelier: chosen in proportion to its idf), no hamza, ه for a
 * final ة about half the time, 4–6 words mostly and 2–3 words for a third. Choices made on thousands of these
 * can then be scored on the dev set without having seen it. Seeded: the same arguments give the same file.
 *   node dist/bench/synthetic-known-items.js DB COUNT SEED [EXCLUDE.jsonl...] > queries.jsonl
 * Queries whose target is in an EXCLUDE file (e.g. the dev set) are never drawn.
 */
import Database from 'better-sqlite3';
import { analyze } from '../src/text/analyze.js';
import { readKnownItems } from './known-items.js';

const [dbPath, countArg, seedArg, ...exclude] = process.argv.slice(2);
if (!dbPath || !countArg || !seedArg) {
  console.error('usage: node dist/bench/synthetic-known-items.js DB COUNT SEED [EXCLUDE.jsonl...]');
  process.exit(2);
}
let seed = Number(seedArg) >>> 0 || 1;
const random = () => ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const excluded = new Set(exclude.flatMap((f) => readKnownItems(f).map((q) => q.target_url)));
const db = new Database(dbPath, { readonly: true });
const rows = (db.prepare('SELECT a.url, a.title, t.text FROM articles a JOIN article_texts t ON t.article_id = a.id WHERE length(t.text) >= 600 ORDER BY a.id').all() as Array<{ url: string; title: string; text: string }>)
  .filter((r) => !excluded.has(r.url));
db.close();

/** How a reader types a word: no diacritics or tatweel, no hamza on alef, often ه for a final ة. */
function typed(word: string): string {
  let w = word.replace(/[\u064B-\u0652\u0670\u0640]/g, '').replace(/[أإآ]/g, 'ا');
  if (random() < 0.3) w = w.replace(/ؤ/g, 'و').replace(/ئ/g, 'ي');
  if (random() < 0.5) w = w.replace(/ة$/, 'ه');
  return w;
}

const contentWords = (text: string) => analyze(text).filter((t) => !t.stop && t.token.length > 1);

// Readers recall the specific words (names, the event's nouns) more than the common ones: a word is chosen
// with a probability proportional to its idf over the drawn-from articles.
const df = new Map<string, number>();
for (const row of rows) for (const stem of new Set(contentWords(`${row.title}\n${row.text.slice(0, 2000)}`).map((t) => t.stem))) df.set(stem, (df.get(stem) ?? 0) + 1);
const idf = (stem: string) => Math.log(rows.length / (1 + (df.get(stem) ?? 0)));
function weightedIndex(list: ReadonlyArray<{ stem: string }>): number {
  const weights = list.map((t) => Math.max(0.1, idf(t.stem)));
  let r = random() * weights.reduce((a, b) => a + b, 0);
  for (const [i, w] of weights.entries()) if ((r -= w) < 0) return i;
  return list.length - 1;
}
const drawn = new Set<string>();
const count = Number(countArg);
for (let id = 0; id < count && drawn.size < rows.length; ) {
  const row = pick(rows);
  if (drawn.has(row.url)) continue;
  drawn.add(row.url);
  const title = contentWords(row.title);
  const firstParagraph = contentWords(row.text.split(/\n+/).find((p) => p.trim().length > 0)?.slice(0, 400) ?? '').slice(0, 40);
  const size = random() < 0.3 ? 2 + Math.floor(random() * 2) : 4 + Math.floor(random() * 3);
  const chosen = new Map<string, { token: string; order: number }>();
  for (let tries = 0; chosen.size < size && tries < 50; tries++) {
    const fromTitle = title.length > 0 && (random() < 0.65 || firstParagraph.length === 0);
    const list = fromTitle ? title : firstParagraph;
    if (list.length === 0) break;
    const index = weightedIndex(list);
    const t = list[index]!;
    if (!chosen.has(t.stem)) chosen.set(t.stem, { token: t.token, order: (fromTitle ? 0 : 1000) + index });
  }
  if (chosen.size < 2) continue;
  const query = [...chosen.values()].sort((a, b) => a.order - b.order).map((w) => typed(w.token)).join(' ');
  console.log(JSON.stringify({ id: id++, query, target_url: row.url }));
}
