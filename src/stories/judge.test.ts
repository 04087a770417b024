import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backgroundStats, fixtureTerms } from '../test-support/story-fixtures.js';
import { buildProfile, profileTerms, weighProfile } from './profile.js';
import { daysApart, decide, judge, relationFromScore, RELATION_RANK, type Relation } from './judge.js';
import { decodeProfile, encodeProfile } from './profile-codec.js';
import { JUDGE_MODEL, STORY_WITH_TIME } from './model.js';

const names = ['original', 'copy', 'rewrite', 'related', 'unrelated'] as const;
const terms = Object.fromEntries(names.map((n) => [n, fixtureTerms('airport', n)])) as Record<(typeof names)[number], ReturnType<typeof fixtureTerms>>;
const stats = backgroundStats(Object.values(terms));
const profile = Object.fromEntries(names.map((n) => [n, buildProfile(terms[n], stats)])) as Record<(typeof names)[number], ReturnType<typeof buildProfile>>;

function expectRelation(a: (typeof names)[number], b: (typeof names)[number], relation: Relation) {
  const j = judge(profile[a], profile[b]);
  assert.equal(j.relation, relation, `${a} vs ${b}: ${JSON.stringify(j)}`);
  assert.equal(relationFromScore(j.score), relation, 'the score reads back as its relation');
}

test('a wire copy with a new headline and an extra paragraph is the same report', () => {
  expectRelation('original', 'copy', 'duplicate');
});

test('an independent write-up of the same event is the same story, not a copy', () => {
  expectRelation('original', 'rewrite', 'same_story');
  expectRelation('copy', 'rewrite', 'same_story');
});

test('the same topic but another event is related; another subject is unrelated', () => {
  expectRelation('original', 'related', 'related');
  expectRelation('original', 'unrelated', 'unrelated');
  expectRelation('related', 'unrelated', 'unrelated');
});

test('scores are ordered like the relations and the judgement is symmetric', () => {
  const order = (['copy', 'rewrite', 'related', 'unrelated'] as const).map((n) => judge(profile.original, profile[n]).score);
  assert.deepEqual([...order].sort((x, y) => y - x), order);
  for (const a of names) {
    for (const b of names) {
      const ab = judge(profile[a], profile[b]);
      const ba = judge(profile[b], profile[a]);
      assert.ok(Math.abs(ab.score - ba.score) < 1e-6, `${a}/${b}`);
      assert.ok(ab.score >= 0 && ab.score <= 1);
    }
  }
  assert.equal(judge(profile.original, profile.original).relation, 'duplicate');
});

test('the score is monotone in each feature and stays inside its band', () => {
  const base = { full: 0.3, lead: 0.2, head: 0.3, sharedRare: 2, days: 0 };
  let last = -1;
  for (let x = 0; x <= 1.0001; x += 0.05) {
    const j = decide({ ...base, full: x, lead: x });
    assert.ok(j.score >= last - 1e-9, `score fell at ${x}`);
    last = j.score;
    const band = RELATION_RANK[j.relation] * 0.25;
    assert.ok(j.score >= band && j.score < band + 0.25 + (j.relation === 'duplicate' ? 1e-9 : 0));
  }
});

test('empty articles are unrelated to everything', () => {
  const empty = buildProfile({ title: [], body: [] }, stats);
  const j = judge(empty, profile.original);
  assert.equal(j.relation, 'unrelated');
  assert.equal(judge(empty, empty).relation, 'unrelated');
});

test('term profiles survive the storage codec unchanged, and damaged bytes are refused', () => {
  const stored = profileTerms(terms.original);
  const bytes = encodeProfile(stored);
  const back = decodeProfile(bytes);
  assert.deepEqual(back, stored);
  assert.equal(judge(weighProfile(back, stats), profile.copy).score, judge(profile.original, profile.copy).score);
  assert.throws(() => decodeProfile(bytes.subarray(0, bytes.length - 3)), RangeError);
  assert.throws(() => decodeProfile(new Uint8Array([9])), RangeError);
  const padded = new Uint8Array(bytes.length + 1);
  padded.set(bytes);
  assert.throws(() => decodeProfile(padded), RangeError);
});

test('whatever shares a story at least shares a subject: without rare terms the same-story region lies inside the related one', () => {
  const s = JUDGE_MODEL.story;
  const r = JUDGE_MODEL.related;
  for (let full = 0; full <= 1.0001; full += 0.05) {
    for (let head = 0; head <= 1.0001; head += 0.05) {
      if (s.full * full + s.head * head + s.bias >= 0) assert.ok(r.full * full + r.head * head + r.bias >= 0, `full ${full}, head ${head}`);
    }
  }
});

test('publication distance weighs only on the same-story decision (when its weight is set): write-ups days apart become related, copies stay copies', () => {
  const base = () => ({ full: 0.4, lead: 0.2, head: 0.45, sharedRare: 2, days: 0 });
  const DAY = 24 * 3600 * 1000;
  assert.equal(daysApart(0, 1.5 * DAY), 1.5);
  assert.equal(daysApart(1.5 * DAY, 0), 1.5);
  assert.equal(daysApart(null, DAY), 0, 'an unknown time counts as published together');
  assert.equal(daysApart(DAY, undefined), 0);
  assert.equal(daysApart(Number.NaN, DAY), 0);
  assert.equal(JUDGE_MODEL.story.days, 0, 'the shipped model does not use it (docs/STORIES.md)');
  assert.equal(decide({ ...base(), days: 3 }).score, decide(base()).score);
  // With the time-aware same-story model: a write-up just inside the boundary when published together.
  const model = { ...JUDGE_MODEL, story: STORY_WITH_TIME };
  const s = model.story;
  const head = 0.45;
  const full = (-s.bias - s.head * head - s.rare * Math.log1p(1)) / s.full + 0.02;
  const writeUp = { full, lead: 0.2, head, sharedRare: 1, days: 0 };
  assert.equal(decide(writeUp, model).relation, 'same_story');
  assert.equal(decide({ ...writeUp, days: 2 }, model).relation, 'related');
  let last = Infinity;
  for (let days = 0; days <= 6; days += 0.25) {
    const j = decide({ ...writeUp, days }, model);
    assert.ok(j.score <= last + 1e-12, `score rose at ${days} days`);
    last = j.score;
  }
  const copy = { full: 0.9, lead: 0.95, head: 0.9, sharedRare: 10, days: 0 };
  for (const days of [0, 3, 30]) assert.equal(decide({ ...copy, days }, model).relation, 'duplicate');
  const subject = { full: 0.25, lead: 0.1, head: 0.3, sharedRare: 0, days: 0 };
  for (const days of [0, 3, 30]) assert.equal(decide({ ...subject, days }, model).relation, decide(subject, model).relation, 'the related boundary ignores time');
});
