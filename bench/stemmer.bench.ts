/**
 * Stemmer accuracy on Sada's labelled lists, Sada vs Light-10 vs Snowball (@orama/stemmers), in one run.
 *   npm run bench -- stemmer
 * Prints markdown tables (copied into docs/STEMMER.md); with ../shared, also stems of real SaudiNewsNet text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { stemmer as snowball } from '@orama/stemmers/arabic';
import { analyzeTerms } from '../src/text/analyze.js';
import { normalize } from '../src/text/normalize.js';
import { DEFAULT_LEXICON, createStemmer, stem } from '../src/text/stem.js';
import { fixturePath, sharedData } from '../src/test-support/paths.js';
import { larkeyNormalize, light10 } from './peers/light10.js';
import { readClitics, readGold, scoreClitics, scorePairs } from './stemmer-eval.js';

const gold = readGold(fixturePath('text', 'stemmer-gold.tsv'));
const clitics = readClitics(fixturePath('text', 'clitic-heldout.tsv'));

function withLexicon(change: Partial<typeof DEFAULT_LEXICON>): (w: string) => string {
  const s = createStemmer({ ...DEFAULT_LEXICON, ...change });
  return (w) => s(normalize(w));
}

const STEMMERS: [string, (surface: string) => string][] = [
  ['Sada (`stem(normalize(w))`)', (w) => stem(normalize(w))],
  ['Sada without the radical-initial lexicon', withLexicon({ radicalInitial: [] })],
  ['Sada without collision guards and fixed stems', withLexicon({ feminineGuard: [], nisbaGuard: [], fixedStems: [] })],
  ['Sada without the names list', withLexicon({ names: [] })],
  ['Light-10, Sada normalisation', (w) => light10(normalize(w))],
  ['Light-10, Larkey normalisation', (w) => light10(larkeyNormalize(w))],
  ['Snowball (@orama/stemmers), surface form', (w) => snowball(w)],
  ['Snowball (@orama/stemmers), Sada normalisation', (w) => snowball(normalize(w))],
  ['no stemming (Sada normalisation only)', (w) => normalize(w)],
];

const pct = (x: number) => (100 * x).toFixed(1);
const groups = new Set(gold.map((g) => g.group)).size;
console.log(`gold list: ${gold.length} forms in ${groups} groups; held-out first-letter list: ${clitics.length} forms\n`);
console.log('| stemmer | pair precision | pair recall | F1 | recall without broken plurals | false merges | first letter right (held-out) |');
console.log('|---|---|---|---|---|---|---|');
const tagRows: string[] = [];
const tags = [...new Set(gold.map((g) => g.tag))];
for (const [name, fn] of STEMMERS) {
  const s = scorePairs(gold, fn);
  const c = scoreClitics(clitics, fn);
  console.log(`| ${name} | ${pct(s.precision)} | ${pct(s.recall)} | ${pct(s.f1)} | ${pct(s.recallNoBroken)} | ${s.falseMerges.length} | ${pct(c.accuracy)} |`);
  tagRows.push(`| ${name} | ${tags.map((t) => pct(s.recallByTag[t] ?? 0)).join(' | ')} |`);
}
console.log('\nRecall by kind of form (pairs of one group involving a form of that kind):\n');
console.log(`| stemmer | ${tags.join(' | ')} |`);
console.log(`|---|${tags.map(() => '---').join('|')}|`);
for (const row of tagRows) console.log(row);

const names = readGold(fixturePath('text', 'names-gold.tsv'));
console.log(`\nNames list (${names.length} forms; written with the list: a regression check, not independent evidence):\n`);
console.log('| stemmer | pair precision | pair recall | F1 | false merges |');
console.log('|---|---|---|---|---|');
for (const [name, fn] of STEMMERS.slice(0, 4)) {
  const s = scorePairs(names, fn);
  console.log(`| ${name} | ${pct(s.precision)} | ${pct(s.recall)} | ${pct(s.f1)} | ${s.falseMerges.length} |`);
}

const sada = scorePairs(gold, (w) => stem(normalize(w)));
console.log('\nSada false merges:', sada.falseMerges.map((m) => `${m.stem} (${m.groups.join(' / ')})`).join('; ') || 'none');
console.log('Sada first-letter errors (held-out):', scoreClitics(clitics, (w) => stem(normalize(w))).errors.join(' '));

// Real text: the most frequent words of SaudiNewsNet and their stems, the largest stem clusters, and how
// often each side of a collision guard occurs (skipped without ../shared).
const data = sharedData('data', 'saudinewsnet');
if (data.skip) {
  console.log(`\nreal-text check skipped: ${data.skip}`);
} else {
  const counts = new Map<string, number>();
  for (const f of readdirSync(data.path).filter((x) => x.endsWith('.jsonl.gz'))) {
    for (const line of gunzipSync(readFileSync(join(data.path, f))).toString('utf8').split('\n')) {
      if (!line) continue;
      const doc = JSON.parse(line) as { title?: string; content?: string };
      const terms = analyzeTerms(`${doc.title ?? ''}\n${doc.content ?? ''}`);
      for (let i = 0; i < terms.count; i++) {
        if (terms.flags[i] !== 0) continue;
        const norm = terms.norms[i] as string;
        counts.set(norm, (counts.get(norm) ?? 0) + 1);
      }
    }
  }
  const byFrequency = [...counts].filter(([w]) => /^[\u0621-\u064a]/u.test(w)).sort((a, b) => b[1] - a[1]);
  console.log('\nMost frequent content words of SaudiNewsNet (norm → stem):\n');
  console.log(byFrequency.slice(0, 80).map(([w]) => `${w}→${stem(w)}`).join(' '));
  const clusters = new Map<string, [string, number][]>();
  for (const [w, c] of byFrequency) clusters.set(stem(w), [...(clusters.get(stem(w)) ?? []), [w, c]]);
  const total = (forms: [string, number][]) => forms.reduce((sum, [, c]) => sum + c, 0);
  console.log('\nLargest stem clusters (tokens; most frequent forms):\n');
  for (const [s, forms] of [...clusters].sort((a, b) => total(b[1]) - total(a[1])).slice(0, 25)) {
    console.log(`- ${s} (${total(forms)}): ${forms.slice(0, 8).map(([w, c]) => `${w} ${c}`).join(', ')}`);
  }
  console.log('\nCollision guards: tokens stemmed to each side\n');
  const tokensOf = (target: string) => total(clusters.get(normalize(target)) ?? []);
  const pairs = new Map([...DEFAULT_LEXICON.feminineGuard, ...DEFAULT_LEXICON.nisbaGuard].filter(([a, b]) => a !== b).map(([a, b]) => [`${a}/${b}`, [a, b]]));
  for (const [from, to] of pairs.values()) console.log(`- ${from}: ${tokensOf(from as string)} / ${to}: ${tokensOf(to as string)}`);
}
