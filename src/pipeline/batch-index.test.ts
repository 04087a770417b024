import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stemKey } from '../search/index-keys.js';
import { JUDGE_MODEL } from '../stories/model.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { plainArticle } from '../test-support/new-article.js';
import { BatchIndex } from './batch-index.js';
import { prepareText } from './prepared-text.js';

test('a batch smaller than a segment is carried into the next batch, and the rest is indexed at the finish', async () => {
  const store = await SqliteStore.open({ path: ':memory:' });
  try {
    const source = (await store.ensureImportSource('s', 0)).id;
    const index = new BatchIndex(JUDGE_MODEL, null, 3);
    const segments = async () => ((await store.searchPostings([stemKey('زلزال')])).get(stemKey('زلزال')) ?? []).length;
    const batch = async (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const title = `زلزال ${i}`;
        const text = `هز زلزال قوي المنطقة في اليوم ${i}`;
        const { id } = await store.insertArticle(plainArticle(source, 'example.com', i, { title, text }));
        const [article] = await store.getArticles([id]);
        index.add(article!, prepareText(title, text, JUDGE_MODEL));
      }
      await store.transaction((tx) => index.end(tx));
    };
    await batch(0, 2);
    assert.equal((await store.searchStats()).docs, 0, 'two documents wait for the next batch');
    await batch(2, 4);
    assert.equal((await store.searchStats()).docs, 4);
    assert.equal(await segments(), 1, 'one segment of both batches');
    await batch(4, 5);
    assert.equal((await store.searchStats()).docs, 4);
    await store.transaction((tx) => index.finish(tx));
    assert.equal((await store.searchStats()).docs, 5);
    assert.equal(await segments(), 2);
  } finally {
    await store.close();
  }
});
