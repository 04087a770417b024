import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Store } from '../store.js';
import { plainArticle } from '../../test-support/new-article.js';
import { SqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'sada-refs-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const article = (sourceId: number, i: number, published: number | null) =>
  plainArticle(sourceId, 'r.test', i, { text: 'x'.repeat(5000), published, ingestedAt: 1000 + i });

type Patch = Parameters<Store['updateArticle']>[1];

test('article references inside a transaction (cached) are those the table holds, through writes, rollbacks and other connections', async () => {
  const path = join(dir, 'refs.db');
  const store = await SqliteStore.open({ path });
  const other = await SqliteStore.open({ path });
  const source = (await store.ensureImportSource('s', 0)).id;
  const story = (await store.createStory({ title: 's', titleArticleId: null, firstSeen: 0, lastSeen: 0, articles: 0, sources: 0, firstArticleId: null })).id;
  let next = 0;
  // Two committed articles that copies may point at: a duplicate_of must name an existing article.
  const anchors = [(await store.insertArticle(article(source, next++, 1))).id, (await store.insertArticle(article(source, next++, 2))).id];
  const ids: number[] = [...anchors];
  const patch: fc.Arbitrary<Patch> = fc.oneof(
    fc.record({ storyId: fc.constantFrom(story, null) }),
    fc.record({ duplicateOf: fc.constantFrom(null, anchors[0]!, anchors[1]!), contentHash: fc.constantFrom('a', 'b') }),
    fc.record({ published: fc.constantFrom(null, 5, 7) }),
    fc.record({ title: fc.constant('u') }),
  );
  const op = fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), published: fc.option(fc.integer({ min: 0, max: 50 })) }),
    fc.record({ kind: fc.constant('update' as const), at: fc.nat(), patch }),
  );
  const step = fc.record({ ops: fc.array(op, { maxLength: 5 }), rollback: fc.boolean(), elsewhere: fc.boolean(), query: fc.array(fc.nat(), { maxLength: 6 }) });
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
      for (const s of steps) {
        const writer = s.elsewhere ? other : store;
        const added: number[] = [];
        await writer
          .transaction(async (tx) => {
            const known = () => [...ids, ...added];
            for (const o of s.ops) {
              if (o.kind === 'insert') added.push((await tx.insertArticle(article(source, next++, o.published))).id);
              else if (known().length > 0) await tx.updateArticle(known()[o.at % known().length]!, o.patch);
              // Read inside the transaction too: the cache must follow the transaction's own writes.
              const inside = await tx.getArticleRefs(known());
              assert.deepEqual(inside.map((r) => r.id), known());
            }
            if (s.rollback) throw new Error('roll back');
          })
          .then(() => ids.push(...added))
          .catch((error: Error) => assert.equal(error.message, 'roll back'));
        const wanted = [...s.query.map((q) => ids[q % Math.max(1, ids.length)] ?? 999_999), 999_999];
        const cached = await store.transaction((tx) => tx.getArticleRefs(wanted));
        assert.deepEqual(cached, await store.getArticleRefs(wanted));
      }
    }),
    { numRuns: 60 },
  );
  await other.close();
  await store.close();
});

test('a reference cached by one connection is read again once another connection has changed it', async () => {
  const path = join(dir, 'refs2.db');
  const store = await SqliteStore.open({ path });
  const other = await SqliteStore.open({ path });
  const source = (await store.ensureImportSource('s', 0)).id;
  const id = (await store.insertArticle(article(source, 1, 5))).id;
  const story = (await other.createStory({ title: 's', titleArticleId: id, firstSeen: 0, lastSeen: 0, articles: 1, sources: 1, firstArticleId: id })).id;
  assert.equal((await store.transaction((tx) => tx.getArticleRefs([id])))[0]!.storyId, null);
  await other.updateArticle(id, { storyId: story, contentHash: 'changed' });
  const [ref] = await store.transaction((tx) => tx.getArticleRefs([id]));
  assert.equal(ref!.storyId, story);
  assert.equal(ref!.contentHash, 'changed');
  await other.close();
  await store.close();
});
