import type { NewArticle, Store } from '../store/store.js';

/**
 * A minimal article row for store tests: article `i` of `host`, published at `i`, a content hash of its own.
 * Tests that care about a column pass it in `overrides`.
 */
export function plainArticle(sourceId: number, host: string, i: number, overrides: Partial<NewArticle> = {}): NewArticle {
  const url = `https://${host}/${i}`;
  return {
    sourceId, url, canonicalUrl: url, externalId: null, title: 't', text: 'x', summary: null,
    author: null, category: null, tags: [], image: null, lang: null, published: i, ingestedAt: 0, contentHash: `h${i}`,
    ...overrides,
  };
}

/** Stores plain articles `from`..`to` - 1 of `host` from an import source `s`; their ids in order. */
export async function insertPlainArticles(store: Store, host: string, from: number, to: number): Promise<number[]> {
  const source = (await store.ensureImportSource('s', 0)).id;
  const ids: number[] = [];
  for (let i = from; i < to; i++) ids.push((await store.insertArticle(plainArticle(source, host, i))).id);
  return ids;
}
