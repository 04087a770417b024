import { analyzeArticle } from '../stories/article-analysis.js';
import { indexDocumentFor } from '../search/index-document.js';
import type { AnalyzeTerms } from '../search/types.js';
import type { Store } from '../store/store.js';

export interface TestArticle {
  /** Last part of the URL `https://t.test/NAME`; also the content hash. */
  name: string;
  source: string;
  title: string;
  text: string;
  published: number | null;
  duplicateOf?: number | null;
}

/** Stores an article with its fingerprint and indexes it for search, as the pipeline would; returns its id. */
export async function addIndexedArticle(store: Store, a: TestArticle, analyze?: AnalyzeTerms): Promise<number> {
  const sourceId = (await store.ensureImportSource(a.source, a.published ?? 0)).id;
  const { id } = await store.insertArticle({
    sourceId,
    url: `https://t.test/${a.name}`,
    canonicalUrl: `https://t.test/${a.name}`,
    externalId: null,
    title: a.title,
    text: a.text,
    summary: null,
    author: null,
    category: null,
    tags: [],
    image: null,
    lang: 'ar',
    published: a.published,
    ingestedAt: a.published ?? 0,
    contentHash: a.name,
    duplicateOf: a.duplicateOf ?? null,
  });
  const analysis = analyzeArticle(a.title, a.text);
  await store.putFingerprint({ articleId: id, minhash: analysis.minhash, bands: analysis.bands, shingles: analysis.shingles });
  await store.indexDocument(indexDocumentFor(id, a.title, a.text, analyze));
  return id;
}
