import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backgroundStats, fixtureTerms, simpleTerms } from '../test-support/story-fixtures.js';
import { buildProfile, profileTerms, termHash, weighTerms } from './profile.js';
import { assignArticle, DEFAULT_STORY_WINDOW_MS, judgeArticles, type CandidateArticle } from './assign.js';
import { JUDGE_MODEL, STORY_WITH_TIME } from './model.js';
import { rankRelated, sameStoryCoverage, type RelatedCandidate } from './related.js';

const names = ['original', 'copy', 'rewrite', 'related', 'unrelated'] as const;
type Name = (typeof names)[number];
const terms = Object.fromEntries(names.map((n) => [n, fixtureTerms('airport', n)])) as Record<Name, ReturnType<typeof fixtureTerms>>;
const stats = backgroundStats(Object.values(terms));
const profile = (n: Name) => buildProfile(terms[n], stats);
const self = (n: Name) => ({ profile: profile(n), contentHash: null });
const weighing = (n: Name) => weighTerms(profileTerms(terms[n]), stats);
const other = (n: Name) => ({ weighing: weighing(n), contentHash: null });
const HOUR = 3600 * 1000;
const T0 = Date.UTC(2018, 6, 1, 8);
const options = { windowMs: DEFAULT_STORY_WINDOW_MS };

const stored: CandidateArticle[] = [
  { id: 1, storyId: 10, duplicateOf: null, time: T0, weighing: weighing('original'), contentHash: 'h1' },
  { id: 2, storyId: 20, duplicateOf: null, time: T0 + HOUR, weighing: weighing('related'), contentHash: 'h2' },
  { id: 3, storyId: 30, duplicateOf: null, time: T0 + 2 * HOUR, weighing: weighing('unrelated'), contentHash: 'h3' },
];

test('a copy joins its original story and duplicate group', () => {
  const a = assignArticle(self('copy'), T0 + 3 * HOUR, stored, options);
  assert.equal(a.storyId, 10);
  assert.equal(a.duplicateOf, 1);
  assert.equal(a.match?.candidate.id, 1);
});

test('a copy of a copy points at the group root', () => {
  const withCopy = [...stored, { id: 4, storyId: 10, duplicateOf: 1, time: T0 + 3 * HOUR, weighing: weighing('copy'), contentHash: 'h4' }];
  const a = assignArticle(self('copy'), T0 + 4 * HOUR, withCopy.filter((c) => c.id !== 1), options);
  assert.equal(a.duplicateOf, 1);
  assert.equal(a.storyId, 10);
});

test('a separate write-up joins the story without joining the duplicate group', () => {
  const a = assignArticle(self('rewrite'), T0 + 5 * HOUR, stored, options);
  assert.equal(a.storyId, 10);
  assert.equal(a.duplicateOf, null);
});

test('outside the time window a separate write-up starts a new story, but a copy still joins its original', () => {
  const late = T0 + DEFAULT_STORY_WINDOW_MS + 3 * HOUR;
  const a = assignArticle(self('rewrite'), late, stored, options);
  assert.equal(a.storyId, null);
  assert.equal(a.judged[0]?.judgement.relation, 'same_story');
  const copy = assignArticle(self('copy'), late, stored, options);
  assert.equal(copy.storyId, 10);
  assert.equal(copy.duplicateOf, 1);
});

test('an identical text is the same report even when its profile says little', () => {
  const bare = { profile: buildProfile({ title: ['x'], body: [] }, stats), contentHash: 'h3' };
  const a = assignArticle(bare, T0, stored, options);
  assert.equal(a.duplicateOf, 3);
  assert.equal(a.match?.judgement.score, 1);
});

test('an article with no close candidate starts a new story; judgements are returned closest first', () => {
  const a = assignArticle(self('unrelated'), T0 + HOUR, stored.filter((c) => c.id !== 3), options);
  assert.equal(a.storyId, null);
  assert.equal(a.duplicateOf, null);
  const scores = a.judged.map((j) => j.judgement.score);
  assert.deepEqual([...scores].sort((x, y) => y - x), scores);
});

test('assignment does not depend on the order of the candidates', () => {
  const forward = assignArticle(self('copy'), T0 + 3 * HOUR, stored, options);
  const backward = assignArticle(self('copy'), T0 + 3 * HOUR, [...stored].reverse(), options);
  assert.deepEqual(
    backward.judged.map((j) => j.candidate.id),
    forward.judged.map((j) => j.candidate.id),
  );
  assert.equal(backward.storyId, forward.storyId);
});

const item = (id: number, storyId: number, extra: Partial<RelatedCandidate> = {}): RelatedCandidate => ({
  id,
  storyId,
  duplicateOf: null,
  time: T0,
  score: 0.3,
  relation: 'related',
  ...extra,
});

test('related reading: other stories only, one per story, never a copy, best first, at most the limit', () => {
  const self = { id: 100, storyId: 1, duplicateOf: null, time: T0 };
  const candidates = [
    item(1, 1, { score: 0.48 }), // own story
    item(2, 2, { score: 0.45 }),
    item(3, 2, { score: 0.4 }), // same story as 2, lower
    item(4, 3, { score: 0.38 }),
    item(5, 4, { score: 0.9, relation: 'duplicate' }), // a copy is never related reading
    item(6, 5, { score: 0.2, relation: 'unrelated' }),
    item(7, 6, { score: 0.38, duplicateOf: 100 }), // in the article's own duplicate group
    item(8, 7, { score: 0.38, time: T0 - 20 * 24 * HOUR }), // as relevant as 4 but far older
    item(9, 8, { score: 0.3 }), // related, but below the listing floor
  ];
  const ranked = rankRelated(self, candidates);
  assert.deepEqual(ranked.map((r) => r.articleId), [2, 4, 8]);
  assert.deepEqual(rankRelated(self, [...candidates].reverse()), ranked);
  const many = Array.from({ length: 30 }, (_, i) => item(200 + i, 300 + i, { score: 0.26 + i / 200 }));
  assert.equal(rankRelated(self, many).length, 10);
  assert.equal(rankRelated(self, many)[0]?.articleId, 229);
});

test('same-story coverage collapses copies and leaves out the article and its own copies', () => {
  const self = { id: 1, storyId: 1, duplicateOf: null, time: T0 };
  const members = [
    { id: 1, storyId: 1, duplicateOf: null, time: T0 },
    { id: 2, storyId: 1, duplicateOf: 1, time: T0 + HOUR }, // copy of the article itself
    { id: 3, storyId: 1, duplicateOf: null, time: T0 + 2 * HOUR },
    { id: 4, storyId: 1, duplicateOf: 3, time: T0 + 3 * HOUR }, // copy of 3
    { id: 5, storyId: 1, duplicateOf: null, time: T0 - HOUR },
  ];
  assert.deepEqual(sameStoryCoverage(self, members), [5, 3]);
});

test('candidate keys: the rarest head terms, deterministic, shared by copies and write-ups, not by other subjects', async () => {
  const { candidateKeys } = await import('./candidate-keys.js');
  const keys = (n: Name) => new Set(candidateKeys(terms[n], stats));
  const shared = (a: Name, b: Name) => [...keys(a)].filter((k) => keys(b).has(k)).length;
  const originalKeys = candidateKeys(terms.original, stats);
  assert.ok(originalKeys.length > 10 && originalKeys.length <= 24);
  assert.ok(originalKeys.every((k) => stats.docFrequency(k) <= 0.05 * stats.docCount));
  assert.deepEqual(candidateKeys(terms.original, stats), candidateKeys(terms.original, stats));
  const common = simpleTerms('المملكة')[0]!;
  const withCommonTitle = { ...terms.original, title: [common, ...terms.original.title] };
  assert.ok(stats.docFrequency(termHash(common)) > 50);
  assert.ok(!candidateKeys(withCommonTitle, stats).includes(termHash(common)), 'a term in more than 5% of the corpus is never a key');
  assert.ok(shared('original', 'copy') >= 10);
  assert.ok(shared('original', 'rewrite') >= 1);
  assert.equal(shared('original', 'unrelated'), 0);
  assert.deepEqual(candidateKeys({ title: [], body: [] }, stats), []);
});

test('vocabulary alone does not make a copy: without shared word runs a "duplicate" is a separate write-up', async () => {
  const { analyzeArticle } = await import('./article-analysis.js');
  const { judgeArticles } = await import('./assign.js');
  const { weighProfile, weighTerms } = await import('./profile.js');
  const text =
    'احتضن المركز الثقافي في عمان معرض ضوء سعودي للتصوير بمشاركة ثلاثة وستين مصورا من مناطق المملكة وحضور حاتم خياط من السفارة وحسين الشهراني من الملحقية الثقافية وعدد من المهتمين بالفنون والثقافة في البلدين';
  const a = analyzeArticle('افتتاح معرض ضوء سعودي في عمان', text);
  // The very same words in another order: every term count is equal, no run of three words is shared.
  const b = analyzeArticle('افتتاح معرض ضوء سعودي في عمان', text.split(' ').reverse().join(' '));
  const stats = { docCount: 1000, docFrequency: () => 1 };
  const sides = (x: typeof a, withShingles: boolean) => ({ contentHash: x.contentHash, shingles: withShingles ? { minhash: x.minhash, count: x.shingles } : null });
  const comparable = (x: typeof a, withShingles: boolean) => ({ ...sides(x, withShingles), profile: weighProfile(x.profile, stats) });
  const compared = (x: typeof a, withShingles: boolean) => ({ ...sides(x, withShingles), weighing: weighTerms(x.profile, stats) });
  assert.equal(judgeArticles(comparable(a, false), compared(b, false)).relation, 'duplicate', 'by vocabulary alone they look like copies');
  const checked = judgeArticles(comparable(a, true), compared(b, true));
  assert.equal(checked.relation, 'same_story');
  assert.ok(checked.score >= 0.5 && checked.score < 0.75);
  // A real copy with an extra closing sentence and another headline stays a duplicate with the check on.
  const copy = analyzeArticle('عنوان آخر للخبر نفسه', `${text} ويستمر المعرض اسبوعا كاملا`);
  assert.equal(judgeArticles(comparable(a, true), compared(copy, true)).relation, 'duplicate');
});

test('judgement reads both publication times (time-aware model): the same pair scores lower days apart, and an unknown time counts as together', () => {
  const model = { ...JUDGE_MODEL, story: STORY_WITH_TIME };
  const judgeWith = (x: Parameters<typeof judgeArticles>[0], y: Parameters<typeof judgeArticles>[1]) => judgeArticles(x, y, model);
  const a = { ...self('original'), time: T0 };
  const b = (time?: number) => ({ ...other('rewrite'), time });
  const together = judgeWith(a, b(T0 + HOUR));
  assert.equal(together.relation, 'same_story');
  // Ten shared rare names keep it one event for two days; five days apart it reads as a later development.
  assert.equal(judgeWith(a, b(T0 + 2 * 24 * HOUR)).relation, 'same_story');
  const apart = judgeWith(a, b(T0 + 5 * 24 * HOUR));
  assert.equal(apart.relation, 'related');
  assert.ok(apart.score < together.score, `${apart.score} < ${together.score}`);
  assert.equal(apart.features.days, 5);
  assert.equal(judgeWith(a, b()).score, judgeWith({ ...a, time: null }, b(T0 + 5 * 24 * HOUR)).score);
  assert.equal(judgeWith(a, b()).features.days, 0);
  assert.equal(judgeArticles(a, b(T0 + 5 * 24 * HOUR)).score, judgeArticles(a, b()).score, 'the shipped model ignores time');
});
