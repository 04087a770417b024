import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SearchService } from '../server/services.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { addIndexedArticle } from '../test-support/search.js';
import { createSearchService } from './service.js';

test('the search service fits the server\'s SearchService and filters by epoch-ms dates', async () => {
  const store = await SqliteStore.open({ path: ':memory:' });
  const T0 = Date.parse('2015-08-03T09:00:00Z');
  for (const [n, published] of [
    [1, T0],
    [2, T0 - 5 * 86_400_000],
  ] as const) {
    await addIndexedArticle(store, { name: String(n), source: 'okaz', title: `أمير مكة يفتتح سوق عكاظ ${n}`, text: 'افتتح الأمير سوق عكاظ في الطائف.', published });
  }
  const service: SearchService = createSearchService(store, () => T0);
  const all = await service.search('امير عكاظ', { limit: 10 });
  assert.equal(all.total, 2);
  const hit = all.hits[0]!;
  assert.ok(hit.highlights.length > 0);
  assert.equal(hit.snippet.slice(hit.highlights[0]!.start, hit.highlights[0]!.end), 'الأمير');
  const recent = await service.search('امير عكاظ', { limit: 10, from: T0 - 86_400_000, sources: ['okaz'] });
  assert.deepEqual(recent.hits.map((h) => h.article.url), ['https://t.test/1']);
  await store.close();
});
