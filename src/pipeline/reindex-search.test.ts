import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SearchEngine } from '../search/engine.js';
import { SEARCH_KEY_VERSION } from '../search/index-keys.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { addIndexedArticle } from '../test-support/search.js';
import { reindexSearch } from './reindex-search.js';

test('an index built with older keys is flagged by search and rebuilt whole by reindexSearch', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sada-reindex-'));
  const path = join(dir, 'sada.db');
  try {
    let store = await SqliteStore.open({ path });
    const now = Date.parse('2015-08-03T09:00:00Z');
    await addIndexedArticle(store, { name: 'a', source: 'okaz', title: 'بوتين يزور أنقرة', text: 'زار الرئيس بوتين أنقرة.', published: now });
    await addIndexedArticle(store, { name: 'b', source: 'okaz', title: 'بوتن في أنقرة', text: 'وصل بوتن إلى أنقرة.', published: now });
    assert.equal((await store.searchStats()).keyVersion, SEARCH_KEY_VERSION);
    await store.close();

    // What an index from before the current keys looks like.
    const db = new Database(path);
    db.prepare('UPDATE search_stats SET key_version = ?').run(SEARCH_KEY_VERSION - 1);
    db.close();

    store = await SqliteStore.open({ path });
    const engine = new SearchEngine(store);
    const stale = await engine.search({ query: 'أنقرة', now });
    assert.ok(stale.warnings.some((w) => w.includes('--reindex')), stale.warnings.join(' | '));
    assert.equal(stale.hits.length, 2, 'an old index still answers');

    const summary = await reindexSearch(store);
    assert.equal(summary.rebuilt, true);
    assert.equal(summary.indexed, 2);
    const stats = await store.searchStats();
    assert.equal(stats.keyVersion, SEARCH_KEY_VERSION);
    assert.equal(stats.docs, 2);
    const fresh = await engine.search({ query: 'أنقرة', now });
    assert.deepEqual(fresh.warnings, []);
    assert.equal(fresh.hits.length, 2);

    const again = await reindexSearch(store);
    assert.deepEqual([again.rebuilt, again.indexed], [false, 0], 'a current index is left alone');
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
