/**
 * Search feature study (a workbench, not a benchmark: no timing). For each known-item query it takes the
 * engine's top `--depth` hits and measures candidate features a re-ranker could add to the score — how
 * much of the query a hit covers (anywhere, in its title, its head, its text), how much of its title the
 * query explains, how tightly its text holds the query words, their order in its title, its length, the
 * query's likelihood under its words, whether the query words are its most salient words — then reports:
 *  - each feature added to the engine's score at a few weights (× the query's idf sum), per file and half;
 *  - weights chosen by coordinate ascent on one half of the first file, scored on the other half and the
 *    other files (both ways round): a feature that carries information survives this, noise does not;
 *  - a bootstrap 95% interval of each file's MRR@10, and every query whose target is not first, with the
 *    query words its target lacks and those the first hit lacks;
 *  - the query words that fit a broken-plural pattern, the singular the pattern gives, and which of the two
 *    the target holds (what a query-side plural expansion could reach).
 *   node dist/bench/search-features.js DB QUERIES.jsonl... [--params JSON] [--depth 30]
 */
import { basename, dirname } from 'node:path';
import { SearchEngine } from '../src/search/engine.js';
import { isContentTerm } from '../src/search/index-document.js';
import { DEFAULT_RANKING, type RankingParams } from '../src/search/ranking-params.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { analyzeTerms, cliticFree } from '../src/text/index.js';
import { CopyRule, halfOf, mrrAt10, readKnownItems, readStoredTexts, type KnownItem } from './known-items.js';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const params: RankingParams = { ...DEFAULT_RANKING, ...(JSON.parse(flag('--params') ?? '{}') as Partial<RankingParams>) };
const depth = Number(flag('--depth') ?? 30);
const [dbPath, ...queryFiles] = args.filter((a) => !a.startsWith('--'));
if (!dbPath || queryFiles.length === 0) {
  console.error('usage: node dist/bench/search-features.js DB QUERIES.jsonl... [--params JSON] [--depth 30]');
  process.exit(2);
}

const stems = (text: string): string[] => {
  const t = analyzeTerms(text);
  const out: string[] = [];
  for (let i = 0; i < t.count; i++) if (isContentTerm(t, i)) out.push(t.stems[i]!);
  return out;
};

// Collection statistics over the stored articles (title + text), by stem.
const texts = readStoredTexts(dbPath);
const copies = new CopyRule(texts);
const df = new Map<string, number>();
const cf = new Map<string, number>();
let tokens = 0;
for (const { title, text } of texts.values()) {
  const all = [...stems(title), ...stems(text)];
  tokens += all.length;
  for (const s of all) cf.set(s, (cf.get(s) ?? 0) + 1);
  for (const s of new Set(all)) df.set(s, (df.get(s) ?? 0) + 1);
}
const idf = (s: string) => {
  const d = df.get(s) ?? 0;
  return Math.log(1 + (texts.size - d + 0.5) / (d + 0.5));
};

interface Query {
  file: string;
  item: KnownItem;
  half: 0 | 1;
  words: string[];
  idfSum: number;
  hits: { url: string; title: string; score: number; target: boolean; f: number[] }[];
}

/** A query's words (distinct stems), their idf, and how many of the top LOCAL_TOP hits hold each. */
interface QueryWords {
  words: string[];
  weights: number[];
  inTop: number[];
}
const LOCAL_TOP = 20;
type Feature = (q: QueryWords, title: string[], body: string[]) => number;
const share = (q: QueryWords, has: (w: string) => boolean) =>
  q.words.reduce((s, w, i) => s + (has(w) ? q.weights[i]! : 0), 0) / Math.max(1e-9, q.weights.reduce((a, b) => a + b, 0));
const FEATURES: Record<string, Feature> = {
  coverage: (q, t, b) => share(q, (w) => t.includes(w) || b.includes(w)),
  titleCoverage: (q, t) => share(q, (w) => t.includes(w)),
  headCoverage: (q, t, b) => share(q, (w) => t.includes(w) || b.slice(0, params.headWords).includes(w)),
  textCoverage: (q, _t, b) => share(q, (w) => b.includes(w)),
  // textCoverage in two parts: words in both the title and the text, words in the text only
  titleAndTextCoverage: (q, t, b) => share(q, (w) => t.includes(w) && b.includes(w)),
  textNotTitleCoverage: (q, t, b) => share(q, (w) => !t.includes(w) && b.includes(w)),
  titlePrecision: (q, t) => (t.length > 0 ? t.filter((w) => q.words.includes(w)).length / t.length : 0),
  span: (q, _t, b) => {
    const present = q.words.filter((w) => b.includes(w));
    return present.length > 1 ? (present.length - 1) / (minWindow(b, present) - 1) : 0;
  },
  titleOrder: (q, t) => {
    let pairs = 0;
    let ordered = 0;
    for (let i = 0; i < q.words.length; i++) {
      for (let j = i + 1; j < q.words.length; j++) {
        const a = t.indexOf(q.words[i]!);
        const b = t.indexOf(q.words[j]!);
        if (a < 0 || b < 0) continue;
        pairs++;
        if (a < b) ordered++;
      }
    }
    return pairs > 0 ? ordered / pairs : 0;
  },
  logLength: (_q, _t, b) => Math.log(1 + b.length) / 5,
  queryLikelihood: (q, t, b) => {
    // Dirichlet-smoothed (μ 300), title words counted 3 times; per query word, shifted to be ≥ 0 mostly
    const len = b.length + 3 * t.length;
    const ll = q.words.reduce((s, w) => s + Math.log((count(b, w) + 3 * count(t, w) + (300 * (cf.get(w) ?? 0.5)) / tokens) / (len + 300)), 0);
    return 1 + ll / q.words.length / 10;
  },
  // a word that few of the top hits hold tells them apart: idf × log((LOCAL_TOP + 1) / (1 + hits with it))
  localIdf: (q, t, b) => {
    const local = q.words.map((_, i) => q.weights[i]! * Math.log((LOCAL_TOP + 1) / (1 + q.inTop[i]!)));
    return share({ ...q, weights: local }, (w) => t.includes(w) || b.includes(w)) * (local.reduce((a, x) => a + x, 0) / Math.max(1e-9, q.weights.reduce((a, x) => a + x, 0)));
  },
  salience: (q, t, b) => {
    const tf = new Map<string, number>();
    for (const w of t) tf.set(w, (tf.get(w) ?? 0) + 2);
    for (const w of b) tf.set(w, (tf.get(w) ?? 0) + 1);
    const top = new Set([...tf].sort((x, y) => Math.log(1 + y[1]) * idf(y[0]) - Math.log(1 + x[1]) * idf(x[0])).slice(0, 10).map((x) => x[0]));
    return share(q, (w) => top.has(w));
  },
};
const names = Object.keys(FEATURES);

function count(list: readonly string[], w: string): number {
  let n = 0;
  for (const x of list) if (x === w) n++;
  return n;
}

/** The shortest run of `list` holding every word of `wanted`. */
function minWindow(list: readonly string[], wanted: readonly string[]): number {
  const need = new Set(wanted);
  const seen = new Map<string, number>();
  let best = Infinity;
  for (let l = 0, r = 0; r < list.length; r++) {
    const w = list[r]!;
    if (need.has(w)) seen.set(w, (seen.get(w) ?? 0) + 1);
    while (seen.size === need.size) {
      best = Math.min(best, r - l + 1);
      const x = list[l++]!;
      const n = seen.get(x);
      if (n === 1) seen.delete(x);
      else if (n !== undefined) seen.set(x, n - 1);
    }
  }
  return best;
}

/** dev.queries.jsonl → dev.queries; known-items/queries.jsonl → known-items. */
function label(file: string): string {
  const name = basename(file, '.jsonl');
  return name === 'queries' ? basename(dirname(file)) : name;
}

const store = await SqliteStore.open({ path: dbPath });
const engine = new SearchEngine(store, undefined, params);
const now = Date.parse('2025-01-01T00:00:00Z');
const queries: Query[] = [];
for (const file of queryFiles) {
  for (const [index, item] of readKnownItems(file).entries()) {
    const words = [...new Set(stems(item.query))];
    const result = await engine.search({ query: item.query, limit: depth, now });
    const analysed = result.hits.map((h) => ({ h, title: stems(h.article.title), body: stems(h.article.text) }));
    const top = analysed.slice(0, LOCAL_TOP);
    const q: QueryWords = { words, weights: words.map(idf), inTop: words.map((w) => top.filter((a) => a.title.includes(w) || a.body.includes(w)).length) };
    const hits = analysed.map(({ h, title, body }) => ({
      url: h.article.url,
      title: h.article.title,
      score: h.score,
      target: copies.sameReport(h.article.url, item.target_url),
      f: names.map((n) => FEATURES[n]!(q, title, body)),
    }));
    queries.push({ file: label(file), item, half: halfOf(item, index), words, idfSum: q.weights.reduce((a, b) => a + b, 0), hits });
  }
}
await store.close();

const rankWith = (q: Query, w: readonly number[]) => {
  const scored = q.hits.map((h) => ({ h, s: h.score + q.idfSum * h.f.reduce((a, x, i) => a + w[i]! * x, 0) }));
  scored.sort((a, b) => b.s - a.s);
  return scored.findIndex((x) => x.h.target) + 1;
};
const mrrOf = (qs: Query[], w: readonly number[]) => mrrAt10(qs.map((q) => rankWith(q, w)));
const files = [...new Set(queries.map((q) => q.file))];
const line = (w: readonly number[]) =>
  files.map((f) => {
    const of = queries.filter((q) => q.file === f);
    return `${f} ${mrrOf(of, w).toFixed(3)} (${mrrOf(of.filter((q) => q.half === 0), w).toFixed(3)} / ${mrrOf(of.filter((q) => q.half === 1), w).toFixed(3)})`;
  }).join('   ');
const zero = names.map(() => 0);

console.log(`MRR@10 whole (even / odd) — engine score + weight × idf sum × feature, top ${depth} re-ranked\n${'engine'.padEnd(26)}${line(zero)}`);
for (const [i, name] of names.entries()) {
  for (const weight of [-0.3, -0.1, 0.1, 0.3, 0.6, 1]) console.log(`${`${name} ${weight}`.padEnd(26)}${line(zero.map((_, j) => (j === i ? weight : 0)))}`);
}

const first = queries.filter((q) => q.file === files[0]);
for (const half of [0, 1] as const) {
  const train = first.filter((q) => q.half === half);
  let w = [...zero];
  let best = mrrOf(train, w);
  for (let round = 0; round < 4; round++) {
    for (let i = 0; i < names.length; i++) {
      for (const step of [-0.5, -0.2, -0.1, -0.05, 0.05, 0.1, 0.2, 0.5]) {
        const next = w.map((x, j) => (j === i ? x + step : x));
        const m = mrrOf(train, next);
        if (m > best + 1e-9) [best, w] = [m, next];
      }
    }
  }
  const chosen = names.map((n, i) => `${n} ${w[i]!.toFixed(2)}`).filter((_, i) => w[i] !== 0);
  console.log(`\nchosen on the ${half ? 'odd' : 'even'} half of ${files[0]} (${best.toFixed(3)} there): ${chosen.join(', ') || 'nothing'}\n${'  engine'.padEnd(26)}${line(zero)}\n${'  with the chosen weights'.padEnd(26)}${line(w)}`);
}

// Bootstrap interval of MRR@10 (fixed seed, 2,000 resamples of the queries).
let seed = 7;
const random = () => ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32);
for (const f of files) {
  const ranks = queries.filter((q) => q.file === f).map((q) => rankWith(q, zero));
  const means = Array.from({ length: 2000 }, () => mrrAt10(ranks.map(() => ranks[Math.floor(random() * ranks.length)]!))).sort((a, b) => a - b);
  console.log(`\n${f}: MRR@10 ${mrrAt10(ranks).toFixed(3)}, bootstrap 95% interval ${means[50]!.toFixed(3)}–${means[1949]!.toFixed(3)}`);
}

console.log('\nTargets not first (query words by stem; "lacks" = not in its title or text):');
for (const q of queries) {
  const rank = rankWith(q, zero);
  if (rank === 1) continue;
  const target = q.hits.find((h) => h.target);
  const top = q.hits[0]!;
  const lacks = (url: string | undefined) => {
    const t = url ? texts.get(url) : undefined;
    if (!t) return '?';
    const have = new Set([...stems(t.title), ...stems(t.text)]);
    return q.words.filter((w) => !have.has(w)).join(' ') || '—';
  };
  console.log(`${q.file} #${q.item.id} rank ${rank || `>${depth}`} «${q.item.query}»  target lacks: ${lacks(target?.url)}; first hit lacks: ${lacks(top.url)}`);
  console.log(`    target: ${target?.title ?? '?'}\n    first:  ${top.title}`);
}

/** The singulars a broken-plural pattern gives for a normalised, clitic-free word (may be wrong: إصلاح → صلح). */
function singulars(w: string): string[] {
  const c = [...w];
  if (c.length === 5 && c[0] === 'ا' && c[3] === 'ا') return [c[1]! + c[2]! + c[4]!]; // أفعال
  if (c.length === 4 && c[2] === 'و') return [c[0]! + c[1]! + c[3]!]; // فعول
  if (c.length === 5 && c[2] === 'ا' && c[3] === 'ء') return [`${c[0]}${c[1]}ا${c[4]}ه`, `${c[0]}${c[1]}ي${c[4]}ه`]; // فعائل
  if (c.length === 5 && c[0] === 'م' && c[3] === 'ا') return [`م${c[1]}${c[2]}${c[4]}`, `م${c[1]}${c[2]}${c[4]}ه`]; // مفاعل
  if (c.length === 6 && c[0] === 'م' && c[3] === 'ا' && c[4] === 'ي') return [`م${c[1]}${c[2]}و${c[5]}`]; // مفاعيل
  if (c.length === 5 && c[1] === 'و' && c[2] === 'ا') return [`${c[0]}ا${c[3]}${c[4]}`, `${c[0]}ا${c[3]}${c[4]}ه`]; // فواعل
  if (c.length === 5 && c[3] === 'ا' && c[4] === 'ء') return [`${c[0]}${c[1]}ي${c[2]}`]; // فعلاء
  return [];
}

console.log('\nQuery words that fit a broken-plural pattern (stem, df; "in target" = the target holds that stem):');
for (const q of queries) {
  const t = texts.get(q.item.target_url);
  const have = new Set(t ? [...stems(t.title), ...stems(t.text)] : []);
  const analysed = analyzeTerms(q.item.query);
  for (let i = 0; i < analysed.count; i++) {
    if (!isContentTerm(analysed, i)) continue;
    const forms = singulars(cliticFree(analysed.norms[i]!));
    if (forms.length === 0) continue;
    const show = (stem: string | undefined) => (stem ? `${stem} df ${df.get(stem) ?? 0}${have.has(stem) ? ', in target' : ''}` : '(stopword)');
    console.log(`${q.file} #${q.item.id} ${show(analysed.stems[i])} → ${forms.map((f) => show(stems(f)[0])).join(' | ')}`);
  }
}
