import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DAY_MS } from '../core/time.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import { insertPlainArticles } from '../test-support/new-article.js';
import { CorpusStats } from './corpus-stats.js';
import { pairDay } from './stats-window.js';

/** Windows of ±2 days, widened up to ±4 while they hold fewer than 12 articles (the early ones do, the later ones not). */
const OPTIONS = { windowDays: 2, windowMinDocs: 12, windowMaxDays: 4, foldFraction: 0.1, foldMin: 3, foldLimit: 1_000 };
const FIRST_DAY = 20_000;
/** Articles are spread over this many consecutive days, so that windows see different parts of the corpus. */
const SPREAD = 9;
const CENTRES = [FIRST_DAY - 3, FIRST_DAY, FIRST_DAY + 3, FIRST_DAY + 5, FIRST_DAY + SPREAD + 1];

/** Term hashes of article `i`: a few shared widely, a few rare, one unique (some near 2^32). */
function termsOf(i: number): Uint32Array {
  return Uint32Array.from(new Set([1, 2 + (i % 3), 10 + (i % 7), 0xfffffff0 - (i % 5), 100_000 + i])).sort();
}

const dayOf = (i: number) => FIRST_DAY + (i % SPREAD);

type Counts = { version: number; docCount: number; df: Map<number, number> };

/** A window's counts of the given terms. */
async function windowCounts(store: Store, stats: CorpusStats, centre: number, terms: Iterable<number>): Promise<Counts> {
  const w = await stats.window(store, centre);
  return { version: stats.version, docCount: w.docCount, df: new Map([...terms].map((t) => [t, w.docFrequency(t)])) };
}

/** A window's counts as a process reading the store afresh sees them. */
async function fresh(store: Store, centre: number, terms: Iterable<number>): Promise<Counts> {
  const stats = new CorpusStats(OPTIONS);
  await stats.sync(store);
  return windowCounts(store, stats, centre, terms);
}

/** Stores and queues article `i` the way the pipeline does, then lets `stats` fold when its turn comes. */
async function storeArticle(store: Store, stats: CorpusStats, id: number, i: number, day = dayOf(i)): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.putArticleProfile({ articleId: id, profile: Uint8Array.from([1]), keys: [], time: day * DAY_MS + i * 1000, terms: termsOf(i) });
    await stats.afterArticle(tx, day);
  });
}

describe('CorpusStats', () => {
  it('after its own folds holds, in every window, exactly what the store holds', async () => {
    const store = await SqliteStore.open({ path: ':memory:' });
    const ids = await insertPlainArticles(store, 'df.example', 0, 60);
    const all = new Set(ids.flatMap((_, i) => [...termsOf(i)]));
    const stats = new CorpusStats(OPTIONS);
    await stats.sync(store);
    const versions = new Set<number>();
    for (const [i, id] of ids.entries()) {
      await storeArticle(store, stats, id, i);
      // Windows read before a fold are kept and brought up to date by it; the others are read afresh.
      for (const centre of i % 2 === 0 ? CENTRES : CENTRES.slice(0, 2)) {
        assert.deepEqual(await windowCounts(store, stats, centre, all), await fresh(store, centre, all), `window ${centre} after article ${i}`);
      }
      versions.add(stats.version);
    }
    assert.ok(versions.size >= 5, `folds happened: ${[...versions].join(' ')}`);
    await store.close();
  });

  it('counts an article only in the windows within windowDays of its day, widened while a window holds too few', async () => {
    const store = await SqliteStore.open({ path: ':memory:' });
    const ids = await insertPlainArticles(store, 'df3.example', 0, 45);
    for (const [i, id] of ids.entries()) await storeArticle(store, new CorpusStats({ ...OPTIONS, foldMin: 1_000 }), id, i);
    await store.foldTermStats(1_000);
    const within = (centre: number, radius: number) => ids.map((_, i) => i).filter((i) => Math.abs(dayOf(i) - centre) <= radius);
    for (const minDocs of [0, 12, 25, 1_000]) {
      const stats = new CorpusStats({ ...OPTIONS, windowMinDocs: minDocs });
      await stats.sync(store);
      assert.equal(stats.corpusSize, 45);
      for (const centre of CENTRES) {
        let radius = OPTIONS.windowDays;
        while (within(centre, radius).length < minDocs && radius < OPTIONS.windowMaxDays) radius++;
        const inWindow = within(centre, radius);
        const w = await stats.window(store, centre);
        const what = `window around ${centre} with at least ${minDocs} articles`;
        assert.equal(w.radius, radius, what);
        assert.equal(w.docCount, inWindow.length, what);
        assert.equal(w.docFrequency(1), inWindow.length, 'term 1 is in every article');
        assert.equal(w.docFrequency(100_000 + 7), inWindow.includes(7) ? 1 : 0, 'article 7 only near its own day');
        assert.equal(w.docFrequency(2), inWindow.filter((i) => i % 3 === 0).length);
      }
    }
    await store.close();
  });

  it('folds as often as the window being stored needs, however large the corpus around other days', async () => {
    const store = await SqliteStore.open({ path: ':memory:' });
    const ids = await insertPlainArticles(store, 'df4.example', 0, 260);
    // 200 articles of an earlier period, all folded: 10% of the corpus would be 20 articles.
    for (const [i, id] of ids.slice(0, 200).entries()) await storeArticle(store, new CorpusStats({ ...OPTIONS, foldMin: 1_000 }), id, i);
    await store.foldTermStats(1_000);
    // Then a new period, far outside every window of the first.
    const later = FIRST_DAY + 100;
    const stats = new CorpusStats(OPTIONS);
    await stats.sync(store);
    for (const [k, id] of ids.slice(200).entries()) {
      await storeArticle(store, stats, id, 200 + k, later + (k % 3));
      const stored = k + 1;
      const w = await stats.window(store, later + (k % 3));
      const allowed = Math.max(OPTIONS.foldMin, Math.floor(w.docCount * OPTIONS.foldFraction));
      assert.ok(stored - w.docCount < allowed, `after ${stored} articles of the new period its window counts ${w.docCount}`);
    }
    assert.equal(stats.corpusSize > 250, true);
    await store.close();
  });

  it('reads from the store what another process folded in between', async () => {
    const store = await SqliteStore.open({ path: ':memory:' });
    const ids = await insertPlainArticles(store, 'df2.example', 0, 40);
    const all = new Set(ids.flatMap((_, i) => [...termsOf(i)]));
    const one = new CorpusStats(OPTIONS);
    const two = new CorpusStats(OPTIONS);
    await one.sync(store);
    await two.sync(store);
    // The two take turns, each folding when its count says so: every fold but the first starts from a
    // version the folding process has not read. Both keep windows read along the way.
    for (const [i, id] of ids.entries()) {
      const stats = i % 2 === 0 ? one : two;
      await storeArticle(store, stats, id, i);
      await stats.window(store, dayOf(i));
    }
    for (const stats of [one, two]) {
      await stats.sync(store);
      for (const centre of CENTRES) assert.deepEqual(await windowCounts(store, stats, centre, all), await fresh(store, centre, all));
    }
    await store.close();
  });

  it('weighs a pair in the window of its later article', () => {
    const t = 20_000 * DAY_MS;
    assert.equal(pairDay(t, t + 2 * DAY_MS), 20_002);
    assert.equal(pairDay(t + 2 * DAY_MS, t), 20_002);
    assert.equal(pairDay(null, t - 1), 19_999);
    assert.equal(pairDay(t, undefined), 20_000);
    assert.equal(pairDay(null, null), null);
  });
});
