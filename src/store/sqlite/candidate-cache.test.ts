import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { CandidateQuery, Store } from '../store.js';
import { insertPlainArticles } from '../../test-support/new-article.js';
import { SqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'sada-mirror-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** Outside a transaction the store answers from SQL; inside, from its mirror of the articles' story keys. */
async function bothWays(store: Store, q: CandidateQuery) {
  const sql = await store.findStoryCandidates(q);
  const mirrored = await store.transaction((tx) => tx.findStoryCandidates(q));
  return { sql, mirrored };
}

test('candidate lookup from the in-memory mirror answers exactly as the SQL query, through rewrites of keys', async () => {
  const store = await SqliteStore.open({ path: join(dir, `m${n++}.db`) });
  const ids = await insertPlainArticles(store, 'k.test', 0, 40);
  const key = fc.integer({ min: 1, max: 12 });
  const put = fc.record({ article: fc.integer({ min: 0, max: 39 }), keys: fc.array(key, { maxLength: 6 }), time: fc.integer({ min: 0, max: 20 }) });
  const query = fc.record({
    keys: fc.array(key, { maxLength: 8 }),
    minShared: fc.integer({ min: 0, max: 3 }),
    from: fc.integer({ min: -2, max: 20 }),
    span: fc.integer({ min: 0, max: 22 }),
    limit: fc.integer({ min: 0, max: 10 }),
    exclude: fc.option(fc.integer({ min: 0, max: 39 })),
  });
  await fc.assert(
    fc.asyncProperty(fc.array(put, { maxLength: 8 }), query, async (puts, q) => {
      await store.transaction(async (tx) => {
        for (const p of puts) await tx.putArticleProfile({ articleId: ids[p.article]!, profile: new Uint8Array([1]), keys: p.keys, time: p.time });
      });
      const { sql, mirrored } = await bothWays(store, {
        keys: q.keys, minShared: q.minShared, from: q.from, to: q.from + q.span, limit: q.limit, excludeId: q.exclude === null ? null : ids[q.exclude]!,
      });
      assert.deepEqual(mirrored, sql);
    }),
    { numRuns: 150 },
  );
  await store.close();
});

test('the mirror forgets a rolled-back transaction and sees what another connection wrote', async () => {
  const path = join(dir, `m${n++}.db`);
  const store = await SqliteStore.open({ path });
  const [a, b, c] = (await insertPlainArticles(store, 'k.test', 1, 4)) as [number, number, number];
  const q: CandidateQuery = { keys: [7, 8], minShared: 2, from: 0, to: 100, limit: 10 };
  await store.transaction((tx) => tx.putArticleProfile({ articleId: a, profile: new Uint8Array([1]), keys: [7, 8], time: 5 }));
  assert.deepEqual((await bothWays(store, q)).mirrored.map((r) => r.id), [a]);

  await assert.rejects(
    store.transaction(async (tx) => {
      await tx.putArticleProfile({ articleId: b, profile: new Uint8Array([1]), keys: [7, 8], time: 6 });
      assert.deepEqual((await tx.findStoryCandidates(q)).map((r) => r.id), [b, a], 'a transaction sees its own keys');
      throw new Error('roll back');
    }),
    /roll back/,
  );
  assert.deepEqual((await bothWays(store, q)).mirrored.map((r) => r.id), [a]);

  const other = await SqliteStore.open({ path });
  await other.transaction((tx) => tx.putArticleProfile({ articleId: c, profile: new Uint8Array([1]), keys: [8, 7, 7], time: 7 }));
  await other.transaction((tx) => tx.putArticleProfile({ articleId: a, profile: new Uint8Array([1]), keys: [9], time: 5 }));
  await other.close();
  const { sql, mirrored } = await bothWays(store, q);
  assert.deepEqual(mirrored.map((r) => [r.id, r.shared]), [[c, 2]]);
  assert.deepEqual(mirrored, sql);
  await store.close();
});

test('a lookup that touches thousands of articles keeps the most shared keys, then the newest ids, as SQL does', async () => {
  const store = await SqliteStore.open({ path: join(dir, `m${n++}.db`) });
  const ids = await insertPlainArticles(store, 'many.test', 0, 3000);
  await store.transaction(async (tx) => {
    for (const [i, id] of ids.entries()) await tx.putArticleProfile({ articleId: id, profile: new Uint8Array([1]), keys: i % 7 === 0 ? [1, 2, 3] : [1, 2], time: i % 50 });
  });
  for (const q of [
    { keys: [1, 2, 3], minShared: 2, from: 0, to: 49, limit: 25, excludeId: ids[7]! },
    { keys: [1, 3], minShared: 1, from: 10, to: 30, limit: 3000, excludeId: null },
  ]) {
    const { sql, mirrored } = await bothWays(store, q);
    assert.deepEqual(mirrored, sql);
    assert.ok(sql.length > 0);
  }
  await store.close();
});
