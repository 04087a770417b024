import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_SOURCES } from './builtin-sources.js';
import { openStore } from '../store/open.js';
import { ensureDefaultSources, polledSources } from './sources-admin.js';

test('the built-in list: at least 25 Arabic outlets, unique slugs and feeds, https URLs, ISO countries', () => {
  assert.ok(BUILTIN_SOURCES.length >= 25);
  assert.equal(new Set(BUILTIN_SOURCES.map((s) => s.slug)).size, BUILTIN_SOURCES.length);
  assert.equal(new Set(BUILTIN_SOURCES.map((s) => s.feedUrl)).size, BUILTIN_SOURCES.length);
  assert.ok(new Set(BUILTIN_SOURCES.map((s) => s.country)).size >= 10);
  for (const s of BUILTIN_SOURCES) {
    assert.match(s.slug, /^[a-z0-9][a-z0-9-]*$/);
    assert.match(s.country, /^[A-Z]{2}$/);
    assert.match(s.name, /\p{Script=Arabic}/u, s.slug);
    assert.equal(new URL(s.feedUrl).protocol, 'https:');
    assert.equal(new URL(s.homepage).protocol, 'https:');
  }
});

test('the built-in outlets are seeded only into a store without polled sources', async () => {
  const store = await openStore(':memory:');
  try {
    assert.equal(await ensureDefaultSources(store, Date.now()), BUILTIN_SOURCES.length);
    assert.equal(await ensureDefaultSources(store, Date.now()), 0);
    const sources = await polledSources(store);
    assert.equal(sources.find((s) => s.slug === 'almarsad')?.country, 'LY');
  } finally {
    await store.close();
  }
});

test("seeding goes past a removed source that holds an outlet's slug, and revives a removed built-in under its own", async () => {
  const store = await openStore(':memory:');
  try {
    const mine = await store.addSource({ slug: 'aljazeera', url: 'https://old.example/', feedUrl: 'https://old.example/rss', kind: 'feed', title: 'قديم' }, 0);
    await store.removeSource(mine.id);
    assert.equal(await ensureDefaultSources(store, 1), BUILTIN_SOURCES.length);
    const seeded = await polledSources(store);
    const aljazeera = BUILTIN_SOURCES.find((s) => s.slug === 'aljazeera')!;
    assert.notEqual(seeded.find((s) => s.feedUrl === aljazeera.feedUrl)?.slug, 'aljazeera');
    const almarsad = seeded.find((s) => s.slug === 'almarsad')!;
    for (const s of seeded) await store.removeSource(s.id);
    assert.equal(await ensureDefaultSources(store, 2), BUILTIN_SOURCES.length);
    assert.equal((await polledSources(store)).find((s) => s.slug === 'almarsad')?.id, almarsad.id);
  } finally {
    await store.close();
  }
});
