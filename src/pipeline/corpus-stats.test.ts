import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import { insertPlainArticles } from '../test-support/new-article.js';
import { CorpusStats } from './corpus-stats.js';

const OPTIONS = { foldFraction: 0.1, foldMin: 3, foldLimit: 1_000 };

/** Term hashes of article `i`: a few shared widely, a few rare, one unique (some near 2^32). */
function termsOf(i: number): Uint32Array {
  return Uint32Array.from(new Set([1, 2 + (i % 3), 10 + (i % 7), 0xfffffff0 - (i % 5), 100_000 + i])).sort();
}

/** Every term's count as a process reading the store afresh sees it. */
async function fresh(store: Store, terms: Iterable<number>): Promise<{ version: number; docCount: number; df: Map<number, number> }> {
  const stats = new CorpusStats(OPTIONS);
  await stats.sync(store);
  return { version: stats.version, docCount: stats.docCount, df: new Map([...terms].map((t) => [t, stats.docFrequency(t)])) };
}

/** Stores and queues article `i` the way the pipeline does, then lets `stats` fold when its turn comes. */
async function storeArticle(store: Store, stats: CorpusStats, id: number, i: number): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.putArticleProfile({ articleId: id, profile: Uint8Array.from([1]), keys: [], time: 0, terms: termsOf(i) });
    await stats.afterArticle(tx);
  });
}

describe('CorpusStats', () => {
  it('after its own folds holds exactly what the store holds', async () => {
    const store = await SqliteStore.open({ path: ':memory:' });
    const ids = await insertPlainArticles(store, 'df.example', 0, 60);
    const all = new Set(ids.flatMap((_, i) => [...termsOf(i)]));
    const stats = new CorpusStats(OPTIONS);
    await stats.sync(store);
    const versions = new Set<number>();
    for (const [i, id] of ids.entries()) {
      await storeArticle(store, stats, id, i);
      const stored = await fresh(store, all);
      assert.equal(stats.version, stored.version, `version after article ${i}`);
      assert.equal(stats.docCount, stored.docCount);
      assert.deepEqual(new Map([...all].map((t) => [t, stats.docFrequency(t)])), stored.df, `counts after article ${i}`);
      versions.add(stats.version);
    }
    assert.ok(versions.size >= 5, `folds happened: ${[...versions].join(' ')}`);
    assert.equal(stats.docFrequency(1), (await fresh(store, [1])).docCount, 'term 1 is in every folded article');
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
    // version the folding process has not read.
    for (const [i, id] of ids.entries()) await storeArticle(store, i % 2 === 0 ? one : two, id, i);
    const stored = await fresh(store, all);
    for (const stats of [one, two]) {
      await stats.sync(store);
      assert.equal(stats.version, stored.version);
      assert.deepEqual(new Map([...all].map((t) => [t, stats.docFrequency(t)])), stored.df);
    }
    await store.close();
  });
});
