import { errorMessage } from '../core/errors.js';
import { indexDocumentFor } from '../search/index-document.js';
import { SEARCH_KEY_VERSION } from '../search/index-keys.js';
import type { Store } from '../store/store.js';

export interface ReindexSummary {
  /** True when the index held keys of an older version and was emptied first, then rebuilt whole. */
  rebuilt: boolean;
  indexed: number;
  errors: number;
  seconds: number;
}

export interface ReindexOptions {
  /** Articles per transaction. */
  batchSize?: number;
  onProgress?: (indexed: number) => void;
  onError?: (articleId: number, reason: string) => void;
  /** Monotonic clock in ms (performance.now by default); only used for `seconds`. */
  clock?: () => number;
  /** Merge the index into one segment at the end (default true). */
  optimize?: boolean;
}

/**
 * Puts every stored article that the search index lacks into it (a database from before the index, or
 * articles stored by a pipeline that did not index), then merges the index into one segment. An index built
 * with keys of an older version (SEARCH_KEY_VERSION) is emptied first and rebuilt whole. An article that
 * fails is reported and skipped; it never stops the rest.
 */
export async function reindexSearch(store: Store, options: ReindexOptions = {}): Promise<ReindexSummary> {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const batchSize = options.batchSize ?? 200;
  const summary: ReindexSummary = { rebuilt: false, indexed: 0, errors: 0, seconds: 0 };
  const stats = await store.searchStats();
  if (stats.keyVersion !== SEARCH_KEY_VERSION) {
    await store.resetSearchIndex();
    summary.rebuilt = stats.docs > 0;
  }
  const done = await indexUnindexed(store, { batchSize, ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(options.onError ? { onError: options.onError } : {}) });
  summary.indexed = done.indexed;
  summary.errors = done.errors;
  if (options.optimize ?? true) await store.optimizeSearchIndex();
  summary.seconds = Math.round((clock() - started) / 10) / 100;
  return summary;
}

/**
 * Puts every stored article that the search index lacks into it, `batchSize` per transaction; an article
 * that fails is reported and skipped.
 */
export async function indexUnindexed(
  store: Store,
  options: Pick<ReindexOptions, 'batchSize' | 'onProgress' | 'onError'> = {},
): Promise<{ indexed: number; errors: number }> {
  const batchSize = options.batchSize ?? 200;
  const summary = { indexed: 0, errors: 0 };
  let after = 0;
  for (;;) {
    const ids = await store.unindexedArticleIds(after, batchSize);
    if (ids.length === 0) break;
    after = ids[ids.length - 1]!;
    const articles = await store.getArticles(ids);
    try {
      await store.transaction((tx) => tx.indexDocuments(articles.map((a) => indexDocumentFor(a.id, a.title, a.text))));
      summary.indexed += articles.length;
    } catch {
      // One article failed and rolled the batch back: redo the batch one article per transaction.
      for (const a of articles) {
        try {
          await store.transaction((tx) => tx.indexDocument(indexDocumentFor(a.id, a.title, a.text)));
          summary.indexed++;
        } catch (error) {
          summary.errors++;
          options.onError?.(a.id, errorMessage(error));
        }
      }
    }
    options.onProgress?.(summary.indexed);
  }
  return summary;
}
