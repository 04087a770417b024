import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DAY_MS } from '../core/time.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { JUDGE_MODEL } from '../stories/model.js';
import { decodeProfile, encodeProfile } from '../stories/profile-codec.js';
import { profileTerms, weighTerms } from '../stories/profile.js';
import { insertPlainArticles } from '../test-support/new-article.js';
import { simpleTerms } from '../test-support/story-fixtures.js';
import { CorpusStats } from './corpus-stats.js';
import { ProfileCache } from './profile-cache.js';

const DAY = 20_000;
const words = ['وزير', 'الصحة', 'يفتتح', 'مستشفى', 'جديد', 'جدة', 'الرياض', 'مطر', 'سيول', 'الهلال', 'النصر', 'مباراة'];

/** Article i's title and body: a few words drawn by i, so that articles differ and share terms. */
function termsOf(i: number) {
  const pick = (n: number) => Array.from({ length: n }, (_, k) => words[(i * 7 + k * (i % 5 + 1)) % words.length]!).join(' ');
  return { title: simpleTerms(pick(3)), body: simpleTerms(`${pick(9)} ${pick(4)}`) };
}

test('cached weighings are what weighing the stored profile afresh gives, across windows, folds and evictions', async () => {
  const store = await SqliteStore.open({ path: ':memory:' });
  const ids = await insertPlainArticles(store, 'cache.example', 0, 40);
  const stats = new CorpusStats({ windowDays: 1, windowMinDocs: 0, windowMaxDays: 1, foldFraction: 0.1, foldMin: 4, foldLimit: 1_000 });
  const cache = new ProfileCache(6, JUDGE_MODEL);
  const checked = new Set<string>();
  for (const [i, id] of ids.entries()) {
    const day = DAY + Math.floor(i / 8);
    await store.transaction(async (tx) => {
      await stats.sync(tx);
      const terms = profileTerms(termsOf(i));
      await tx.putArticleProfile({ articleId: id, profile: encodeProfile(terms), keys: [], time: day * DAY_MS, terms: terms.keys });
      // Earlier articles asked for in this day's window and the previous day's, in turn, as placement does
      // at a day boundary; more of them than the cache holds.
      for (const centre of [day, day - 1, day]) {
        const asked = ids.slice(Math.max(0, i - 9), i + 1);
        const got = await cache.get(tx, asked, stats, centre);
        const window = await stats.window(tx, centre);
        const stored = await tx.getArticleProfiles(asked);
        for (const a of asked) {
          assert.deepEqual(got.get(a), weighTerms(decodeProfile(stored.get(a)!), window, JUDGE_MODEL), `article ${a} in the window of ${centre} at version ${stats.version}`);
          checked.add(`${stats.version}/${centre}`);
        }
      }
      await stats.afterArticle(tx, day);
    });
  }
  assert.ok(checked.size > 10, `versions and windows seen: ${checked.size}`);
  await store.close();
});

test('the shingle signature an article was stored with is held until its entry is replaced or evicted; entries read back have none', async () => {
  const store = await SqliteStore.open({ path: ':memory:' });
  const ids = await insertPlainArticles(store, 'shingles.example', 0, 4);
  const stats = new CorpusStats({ windowDays: 1, windowMinDocs: 0, windowMaxDays: 1, foldFraction: 0.1, foldMin: 4, foldLimit: 1_000 });
  const cache = new ProfileCache(2, JUDGE_MODEL);
  const signature = (n: number) => ({ minhash: Uint32Array.from([n, n + 1]), count: n });
  await store.transaction(async (tx) => {
    await stats.sync(tx);
    const window = await stats.window(tx, DAY);
    for (const [i, id] of ids.entries()) {
      const terms = profileTerms(termsOf(i));
      await tx.putArticleProfile({ articleId: id, profile: encodeProfile(terms), keys: [], time: DAY * DAY_MS, terms: terms.keys });
    }
    const [a, b, c] = ids as [number, number, number];
    cache.put(a, weighTerms(profileTerms(termsOf(0)), window, JUDGE_MODEL), stats.version, DAY, signature(1));
    assert.deepEqual(cache.shinglesOf(a), signature(1));
    cache.put(a, weighTerms(profileTerms(termsOf(0)), window, JUDGE_MODEL), stats.version, DAY, signature(7));
    assert.deepEqual(cache.shinglesOf(a), signature(7), 'a text update replaces it');
    await cache.get(tx, [b], stats, DAY);
    assert.equal(cache.shinglesOf(b), null, 'read back from the store: not known');
    await cache.get(tx, [c], stats, DAY);
    assert.equal(cache.shinglesOf(a), null, 'evicted with its entry');
  });
  await store.close();
});
