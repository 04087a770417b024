import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { IN_HEAD, IN_TITLE, profileTerms, weighProfile, weighTerms, type ArticleProfile, type TermProfile } from './profile.js';
import { JUDGE_MODEL } from './model.js';
import { idf, TermCounter, type TermStats } from './term-stats.js';

/** weighProfile written plainly, term by term: the definition the fast one must match bit for bit. */
function reference(p: TermProfile, stats: TermStats): ArticleProfile {
  const m = JUDGE_MODEL;
  const logTf = (n: number) => (n > 0 ? 1 + Math.log(n) : 0);
  const full: [number, number][] = [];
  const lead: [number, number][] = [];
  const head: [number, number][] = [];
  const rare: number[] = [];
  const idfs: number[] = [];
  let fullNorm = 0;
  let leadNorm = 0;
  let headWeight = 0;
  p.keys.forEach((key, i) => {
    const w = idf(stats, key);
    const f = logTf(p.body[i]!) * w + (p.flags[i]! & IN_TITLE ? m.titleWeight * w : 0);
    const l = logTf(p.lead[i]!) * w;
    fullNorm += f * f;
    leadNorm += l * l;
    if (Math.fround(f) > 0) {
      full.push([key, Math.fround(f)]);
      idfs.push(w);
    }
    if (Math.fround(l) > 0) lead.push([key, Math.fround(l)]);
    if (p.flags[i]! & IN_HEAD) {
      head.push([key, w * w]);
      headWeight += Math.fround(w * w);
    }
    if (w >= Math.log(m.rareDocs)) rare.push(key);
  });
  const vector = (entries: [number, number][], norm = 1) => ({
    keys: Uint32Array.from(entries, ([k]) => k),
    values: Float32Array.from(entries, ([, v]) => v / norm),
  });
  const sums = { fullNorm: Math.sqrt(fullNorm), leadNorm: Math.sqrt(leadNorm), headWeight };
  return { full: vector(full, sums.fullNorm), lead: vector(lead, sums.leadNorm), head: vector(head), rare: Uint32Array.from(rare), idf: Float64Array.from(idfs), sums };
}

const plain = (p: ArticleProfile) => ({
  full: [[...p.full.keys], [...p.full.values]],
  lead: [[...p.lead.keys], [...p.lead.values]],
  head: [[...p.head.keys], [...p.head.values]],
  rare: [...p.rare],
  idf: [...p.idf],
  sums: p.sums,
});

test('weighProfile and weighTerms give exactly the plainly computed weights and sums, whatever the corpus size', () => {
  const word = fc.integer({ min: 0, max: 400 }).map((n) => `w${n}`);
  const article = fc.record({ title: fc.array(word, { maxLength: 10 }), body: fc.array(word, { maxLength: 400 }) });
  fc.assert(
    fc.property(fc.array(article, { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 10_000 }), (articles, extraDocs) => {
      const stats = new TermCounter();
      for (const t of articles) stats.addDocument(profileTerms(t).keys);
      stats.addCounts(extraDocs, []);
      for (const t of articles) {
        const p = profileTerms(t);
        const expected = reference(p, stats);
        assert.deepEqual(plain(weighProfile(p, stats)), plain(expected));
        assert.deepEqual(weighTerms(p, stats), { terms: p, ...expected.sums });
      }
    }),
    { numRuns: 200 },
  );
});

test('a term in every document of a large corpus and one seen nowhere are weighed as the formula says', () => {
  const stats = new TermCounter();
  const p = profileTerms({ title: ['common'], body: ['common', 'unseen', 'common'] });
  stats.addCounts(100_000, [[p.keys[0]!, 100_000]]);
  assert.deepEqual(plain(weighProfile(p, stats)), plain(reference(p, stats)));
});
