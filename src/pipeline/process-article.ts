import { createHash } from 'node:crypto';
import type { ArticleInput } from '../core/types.js';
import { canonicalUrl as canonicalizeUrl } from '../dedup/canonical-url.js';
import type { Store } from '../store/store.js';
import { indexDocumentFor } from '../search/index-document.js';
import type { ProcessArticle, ProcessOutcome } from './import-files.js';

export interface ArticlePipelineOptions {
  /** Wall clock in epoch ms (ingestion time). */
  now: () => number;
}

/**
 * The per-article path shared by imports and fetched feeds:
 * canonical URL → already stored? → analysis → fingerprints → store → story → related → search index.
 * Runs inside the caller's transaction so that an article is stored with all its derived data or not at all.
 */
export function createArticlePipeline(options: ArticlePipelineOptions): ProcessArticle {
  return async (tx: Store, input: ArticleInput): Promise<ProcessOutcome> => {
    const canonicalUrl = canonicalizeUrl(input.url);
    if (await tx.getArticleByCanonicalUrl(canonicalUrl)) return 'exists';
    const now = options.now();
    const source = (await tx.getSourceBySlug(input.source)) ?? (await tx.ensureImportSource(input.source, now));
    const contentHash = createHash('sha256').update(input.text.replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 32);
    const copies = await tx.findByContentHash(contentHash);
    const { id, inserted } = await tx.insertArticle({
      sourceId: source.id,
      url: input.url,
      canonicalUrl,
      externalId: input.externalId ?? null,
      title: input.title,
      text: input.text,
      summary: input.summary ?? null,
      author: input.author ?? null,
      category: input.category ?? null,
      tags: input.tags ?? [],
      image: input.image ?? null,
      lang: input.lang ?? null,
      published: input.published,
      ingestedAt: now,
      contentHash,
      duplicateOf: copies[0] ?? null,
    });
    if (!inserted) return 'exists';
    await tx.indexDocument(indexDocumentFor(id, input.title, input.text));
    return copies.length > 0 ? 'duplicate' : 'inserted';
  };
}

