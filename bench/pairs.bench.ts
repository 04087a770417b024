/**
 * Pair judgement on the labelled dev pairs (../shared/data/pairs): the shipped model as `sada pairs` applies
 * it, a refit of its parameters on all 300 pairs (fitted) and under 10-fold cross-validation repeated over 20 random partitions
 * (held-out: each pair scored by a model that never saw it), and the same refit with the publication-time
 * feature in the same-story model (STORY_WITH_TIME, not the default), all with window-local statistics as the
 * pipeline weighs pairs (document frequencies of the background articles published within ±3 days of the later
 * article of the pair, widened while that holds fewer than 4,000: docs/STORIES.md), and the shipped weights and a
 * refit with the whole background's statistics (as before stop 17). Peer in the same run: a plain TF-IDF cosine (the `full` feature alone) with three thresholds
 * chosen on the training folds. Everything twice: with the background of ../shared/eval/README.md
 * (SaudiNewsNet 2015-08-02..04) and with every SaudiNewsNet day in ../shared/data (other corpus statistics).
 *
 *   npm run bench -- pairs
 *
 * Features and weights come from the pipeline's own code (analyzeForEngine, weighProfile, pairFeatures,
 * decide), the two articles' dates as `sada pairs` reads them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseIsoLike } from '../src/core/time.js';
import { gunzipSync } from 'node:zlib';
import { sharedData } from '../src/test-support/paths.js';
import { analyzeForEngine } from '../src/pipeline/article-text.js';
import { parseImportLine } from '../src/pipeline/import-record.js';
import { weighProfile } from '../src/stories/profile.js';
import { daysApart, decide, pairFeatures, RELATION_RANK, type PairFeatures } from '../src/stories/judge.js';
import { JUDGE_MODEL, type JudgeModel } from '../src/stories/model.js';
import type { TermStats } from '../src/stories/term-stats.js';
import { PairBackground } from '../src/pipeline/judge-pairs.js';
import { pairDay } from '../src/pipeline/stats-window.js';
import { canonicalUrl } from '../src/dedup/canonical-url.js';
import { crossValidate, fitLogistic, fitOrdinal, metrics, type CrossValidated, type Metrics, type Row } from './pair-fit.js';

interface Pair {
  label: number;
  f: PairFeatures;
}

const readJsonl = (path: string): unknown[] => {
  const bytes = readFileSync(path);
  const text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
  return text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as unknown);
};

const dup = (f: PairFeatures) => [f.lead, f.full];
const story = (f: PairFeatures) => [f.full, f.head, Math.log1p(f.sharedRare), Math.log1p(f.days)];
const related = (f: PairFeatures) => [f.full, f.head];

/**
 * Fits the three models on `train`: same report and related as logistic regressions (label 3, label ≥ 1
 * against the rest), same story as the upper boundary of a cumulative-logit ordinal regression over all four
 * labels (it uses the whole ordering; a binary fit of label ≥ 2 places it worse held-out: same-story F1 0.889
 * against 0.893). The result plugs into `decide` like the shipped model.
 */
function fitModel(train: readonly Pair[], withTime = false): JudgeModel {
  const labels = train.map((p) => p.label);
  const d = fitLogistic(train.map((p) => dup(p.f)), labels.map((l) => (l === 3 ? 1 : 0)));
  const s = fitOrdinal(train.map((p) => story(withTime ? p.f : { ...p.f, days: 0 })), labels);
  const r = fitLogistic(train.map((p) => related(p.f)), labels.map((l) => (l >= 1 ? 1 : 0)));
  return {
    ...JUDGE_MODEL,
    duplicate: { lead: d[0]!, full: d[1]!, bias: d[2]! },
    story: { full: s.w[0]!, head: s.w[1]!, rare: s.w[2]!, days: withTime ? s.w[3]! : 0, bias: -s.t[1]! },
    related: { full: r[0]!, head: r[1]!, bias: r[2]! },
  };
}

const judged = (model: JudgeModel) => (p: Pair): Omit<Row, 'label'> => {
  const j = decide(p.f, model);
  return { score: j.score, relation: RELATION_RANK[j.relation] };
};

/** The peer: cosine with three thresholds that maximise training accuracy. */
function fitCosine(train: readonly Pair[]): (p: Pair) => Omit<Row, 'label'> {
  const grid = Array.from({ length: 40 }, (_, i) => i / 40);
  let best = { t: [0.2, 0.4, 0.6], ok: -1 };
  for (const a of grid) for (const b of grid) for (const c of grid) {
    if (!(a < b && b < c)) continue;
    const ok = train.filter((p) => [a, b, c].filter((t) => p.f.full >= t).length === p.label).length;
    if (ok > best.ok) best = { t: [a, b, c], ok };
  }
  return (p) => ({ score: p.f.full, relation: best.t.filter((t) => p.f.full >= t).length });
}

function line(name: string, m: Metrics | CrossValidated): string {
  const range = 'accuracyMin' in m ? ` (${m.accuracyMin.toFixed(3)}–${m.accuracyMax.toFixed(3)})` : '';
  return `| ${name} | ${m.spearman.toFixed(3)} | ${m.duplicate.toFixed(3)} | ${m.sameStory.toFixed(3)} | ${m.related.toFixed(3)} | ${m.accuracy.toFixed(3)}${range} |`;
}

const LABELS = ['unrelated', 'related', 'same story', 'same report'];

/** Gold × predicted counts of a model. */
function confusion(pairs: readonly Pair[], model: JudgeModel): string[] {
  const m = LABELS.map(() => LABELS.map(() => 0));
  for (const p of pairs) m[p.label]![RELATION_RANK[decide(p.f, model).relation]]!++;
  return [`| gold \\ predicted | ${LABELS.join(' | ')} |`, `|---|${LABELS.map(() => '---|').join('')}`, ...m.map((row, g) => `| ${LABELS[g]} (${row.reduce((a, b) => a + b, 0)}) | ${row.join(' | ')} |`)];
}

type Side = { title?: string; content?: string; date?: string };

/** The background as `sada pairs` counts it (PairBackground: per day, articles once by canonical URL). */
function backgroundStats(files: readonly string[]): PairBackground {
  const bg = new PairBackground();
  for (const file of files) {
    for (const line_ of readJsonl(file)) {
      const parsed = parseImportLine(JSON.stringify(line_));
      if (!parsed.ok) continue;
      bg.add(canonicalUrl(parsed.article.url), analyzeForEngine(parsed.article.title, parsed.article.text, JUDGE_MODEL), parsed.article.published);
    }
  }
  return bg;
}

type Raw = { pair: number; a: Side; b: Side };

function features(raw: readonly Raw[], gold: Map<number, number>, statsOf: (a: number | null, b: number | null) => TermStats): Pair[] {
  return raw.map((p) => {
    const ta = parseIsoLike(p.a.date);
    const tb = parseIsoLike(p.b.date);
    const stats = statsOf(ta, tb);
    const weigh = (s: Side) => weighProfile(analyzeForEngine(s.title ?? '', s.content ?? '', JUDGE_MODEL).analysis.profile, stats);
    return { label: gold.get(p.pair)!, f: pairFeatures(weigh(p.a), weigh(p.b), daysApart(ta, tb)) };
  });
}

function report(name: string, raw: readonly Raw[], gold: Map<number, number>, bg: PairBackground): void {
  // What the pipeline and `sada pairs` use: the statistics of the days around the pair's later article.
  const pairs = features(raw, gold, (a, b) => bg.window(pairDay(a, b)));
  // Before stop 17: the statistics of the whole background, whatever the pair's time.
  const whole = features(raw, gold, () => bg.window(null));
  const full = fitModel(pairs);
  const withTime = (train: readonly Pair[]) => fitModel(train, true);
  const timeFull = withTime(pairs);
  const wholeFull = fitModel(whole);
  console.log(`\n### ${name}: ${pairs.length} dev pairs; background ${bg.window(null).docCount} articles`);
  console.log('| model | Spearman | duplicate F1 | same-story F1 | related F1 | 4-way accuracy |');
  console.log('|---|---|---|---|---|---|');
  console.log(line('shipped model (src/stories/model.ts), window-local statistics', metrics(pairs.map((p) => ({ label: p.label, ...judged(JUDGE_MODEL)(p) })))));
  console.log(line('refit on all 300 (fitted)', metrics(pairs.map((p) => ({ label: p.label, ...judged(full)(p) })))));
  console.log(line('refit, 10-fold × 20 partitions (held-out, range of accuracy)', crossValidate(pairs, (train) => judged(fitModel(train)))));
  console.log(line('with publication times (same-story model): refit (fitted)', metrics(pairs.map((p) => ({ label: p.label, ...judged(timeFull)(p) })))));
  console.log(line('with publication times: 10-fold × 20 partitions (held-out, range of accuracy)', crossValidate(pairs, (train) => judged(withTime(train)))));
  console.log(line('whole-background statistics (before stop 17), shipped weights', metrics(whole.map((p) => ({ label: p.label, ...judged(JUDGE_MODEL)(p) })))));
  console.log(line('whole-background statistics: 10-fold × 20 partitions (held-out, range of accuracy)', crossValidate(whole, (train) => judged(fitModel(train)))));
  console.log(line('peer: TF-IDF cosine (whole background), thresholds fitted (fitted)', metrics(whole.map((p) => ({ label: p.label, ...fitCosine(whole)(p) })))));
  console.log(line('peer: TF-IDF cosine, 10-fold × 20 partitions (held-out, range of accuracy)', crossValidate(whole, fitCosine)));
  const r = (x: number) => x.toFixed(2);
  const story = (m: JudgeModel) => `${r(m.story.full)}·full + ${r(m.story.head)}·head + ${r(m.story.rare)}·ln(1+rare) ${r(m.story.days)}·ln(1+days) ${r(m.story.bias)}`;
  console.log(
    `refit on all: duplicate ${r(full.duplicate.lead)}·lead + ${r(full.duplicate.full)}·full ${r(full.duplicate.bias)}; ` +
      `same story ${story(full)} (with times: ${story(timeFull)}; whole background: ${story(wholeFull)}); ` +
      `related ${r(full.related.full)}·full + ${r(full.related.head)}·head ${r(full.related.bias)} ` +
      `(whole background: ${r(wholeFull.related.full)}·full + ${r(wholeFull.related.head)}·head ${r(wholeFull.related.bias)})`,
  );
  console.log('shipped model, gold × predicted:');
  for (const row of confusion(pairs, JUDGE_MODEL)) console.log(row);
  console.log('with publication times (refit on all), gold × predicted:');
  for (const row of confusion(pairs, timeFull)) console.log(row);
  console.log('shipped weights on whole-background statistics, gold × predicted:');
  for (const row of confusion(whole, JUDGE_MODEL)) console.log(row);
}

async function main(): Promise<void> {
  const pairsFile = sharedData('data', 'pairs', 'snn-dev.pairs.jsonl');
  if (pairsFile.skip) {
    console.log(`skipped: ${pairsFile.skip}`);
    return;
  }
  const gold = new Map((readJsonl(sharedData('data', 'pairs', 'snn-dev.gold.jsonl').path) as { pair: number; label: number }[]).map((g) => [g.pair, g.label]));
  const raw = readJsonl(pairsFile.path) as Raw[];
  const day = (d: string) => sharedData('data', 'saudinewsnet', `${d}.jsonl.gz`).path;
  report('background SaudiNewsNet 2015-08-02..04 (as ../shared/eval/README.md)', raw, gold, backgroundStats(['2015-08-02', '2015-08-03', '2015-08-04'].map(day)));
  const dir = dirname(day('2015-08-02'));
  const all = readdirSync(dir).filter((f) => f.endsWith('.jsonl.gz')).sort();
  report(`background every SaudiNewsNet day (${all.length} files)`, raw, gold, backgroundStats(all.map((f) => `${dir}/${f}`)));
}

await main();
