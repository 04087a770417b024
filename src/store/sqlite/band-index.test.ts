import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { insertPlainArticles } from '../../test-support/new-article.js';
import { SqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'sada-bands-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const minhash = Uint32Array.from([1, 2, 3]);

test('band lookup from the in-memory index answers exactly as the SQL scan, through rewrites of bands', async () => {
  const store = await SqliteStore.open({ path: join(dir, `b${n++}.db`) });
  const ids = await insertPlainArticles(store, 'b.test', 0, 40);
  // Few distinct bands, some of them negative (bands are signed 32-bit), so that lists are shared and long.
  const band = fc.oneof(fc.integer({ min: -6, max: 6 }), fc.constantFrom(-2147483648, 2147483647));
  const put = fc.record({ article: fc.integer({ min: 0, max: 39 }), bands: fc.array(band, { maxLength: 8 }) });
  const query = fc.record({ bands: fc.array(band, { maxLength: 6 }), limit: fc.integer({ min: 0, max: 12 }), exclude: fc.option(fc.integer({ min: 0, max: 39 })) });
  await fc.assert(
    fc.asyncProperty(fc.array(put, { maxLength: 10 }), query, async (puts, q) => {
      const exclude = q.exclude === null ? null : ids[q.exclude]!;
      const inside = await store.transaction(async (tx) => {
        for (const p of puts) await tx.putFingerprint({ articleId: ids[p.article]!, minhash, bands: p.bands, shingles: 3 });
        return tx.findBandCandidates(q.bands, exclude, q.limit);
      });
      assert.deepEqual(inside, await store.findBandCandidates(q.bands, exclude, q.limit));
    }),
    { numRuns: 200 },
  );
  await store.close();
});

test('the band index forgets a rolled-back transaction and sees what another connection wrote', async () => {
  const path = join(dir, `b${n++}.db`);
  const store = await SqliteStore.open({ path });
  const [a, b, c] = (await insertPlainArticles(store, 'b.test', 1, 4)) as [number, number, number];
  const inside = () => store.transaction((tx) => tx.findBandCandidates([7, 8], null, 10));
  await store.transaction((tx) => tx.putFingerprint({ articleId: a, minhash, bands: [7], shingles: 3 }));
  assert.deepEqual(await inside(), [a]);

  await assert.rejects(
    store.transaction(async (tx) => {
      await tx.putFingerprint({ articleId: b, minhash, bands: [8], shingles: 3 });
      assert.deepEqual(await tx.findBandCandidates([7, 8], null, 10), [b, a], 'a transaction sees its own bands');
      throw new Error('roll back');
    }),
    /roll back/,
  );
  assert.deepEqual(await inside(), [a]);

  const other = await SqliteStore.open({ path });
  await other.transaction((tx) => tx.putFingerprint({ articleId: c, minhash, bands: [8, 8], shingles: 3 }));
  await other.transaction((tx) => tx.putFingerprint({ articleId: a, minhash, bands: [9], shingles: 3 }));
  await other.close();
  assert.deepEqual(await inside(), [c]);
  assert.deepEqual(await store.findBandCandidates([7, 8], null, 10), [c]);
  await store.close();
});
