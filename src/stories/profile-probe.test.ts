import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { backgroundStats, fixtureTerms } from '../test-support/story-fixtures.js';
import { buildProfile, profileTerms, weighProfile, weighTerms } from './profile.js';
import { pairFeatures } from './judge.js';
import { ProfileProbe } from './profile-probe.js';
import { TermCounter } from './term-stats.js';

const names = ['original', 'copy', 'rewrite', 'related', 'unrelated'] as const;

test('the probe, from the other article\'s term weighing, gives exactly the features of merging the two weighted profiles (fixture articles)', () => {
  const terms = names.map((n) => fixtureTerms('airport', n));
  const stats = backgroundStats(terms);
  const profiles = terms.map((t) => buildProfile(t, stats));
  const weighings = terms.map((t) => weighTerms(profileTerms(t), stats));
  const probe = new ProfileProbe();
  for (const a of profiles) {
    probe.load(a);
    profiles.forEach((b, i) => {
      for (const days of [0, 2.5]) assert.deepEqual(probe.features(weighings[i]!, days), pairFeatures(a, b, days));
    });
  }
});

test('the probe gives exactly the features of merging the two weighted profiles on random articles, one probe reused', () => {
  // Small vocabularies so that articles share many terms; hashes collide in the probe's low bits too.
  const word = fc.integer({ min: 0, max: 60 }).map((n) => `w${n}`);
  const article = fc.record({ title: fc.array(word, { maxLength: 8 }), body: fc.array(word, { maxLength: 160 }) });
  const probe = new ProfileProbe();
  fc.assert(
    fc.property(fc.array(article, { minLength: 2, maxLength: 6 }), fc.integer({ min: 0, max: 5 }), (articles, extraDocs) => {
      const stats = new TermCounter();
      for (const t of articles) stats.addDocument(profileTerms(t).keys);
      for (let i = 0; i < extraDocs; i++) stats.addDocument([]);
      const profiles = articles.map((t) => weighProfile(profileTerms(t), stats));
      const weighings = articles.map((t) => weighTerms(profileTerms(t), stats));
      for (const a of profiles) {
        probe.load(a);
        profiles.forEach((b, i) => assert.deepEqual(probe.features(weighings[i]!, 1), pairFeatures(a, b, 1)));
      }
    }),
    { numRuns: 200 },
  );
});
