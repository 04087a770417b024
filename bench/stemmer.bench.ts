/**
 * Stemmer accuracy on Sada's labelled lists, Sada vs Light-10 vs Snowball (@orama/stemmers), in one run.
 *   npm run bench -- stemmer
 * Prints markdown tables (copied into docs/STEMMER.md). Needs no shared data.
 */
import { stemmer as snowball } from '@orama/stemmers/arabic';
import { normalize } from '../src/text/normalize.js';
import { DEFAULT_LEXICON, createStemmer, stem } from '../src/text/stem.js';
import { fixturePath } from '../src/test-support/paths.js';
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

const sada = scorePairs(gold, (w) => stem(normalize(w)));
console.log('\nSada false merges:', sada.falseMerges.map((m) => `${m.stem} (${m.groups.join(' / ')})`).join('; ') || 'none');
console.log('Sada first-letter errors (held-out):', scoreClitics(clitics, (w) => stem(normalize(w))).errors.join(' '));
