import type { Fetcher } from '../fetch/index.js';
import type { RefreshDeps } from '../pipeline/refresh-source.js';
import type { Store } from '../store/store.js';
import type { CliContext } from './context.js';

export interface Ingestion {
  fetcher: Fetcher;
  deps: RefreshDeps;
}

/**
 * Wires fetching and the per-article pipeline the same way for `sada fetch`, `sada serve` and `sada worker`:
 * one fetcher per process whose per-host politeness is shared through the database with every other process
 * on it, summary-only feed items completed from their pages, and the article pipeline.
 */
export async function createIngestion(ctx: CliContext, store: Store, extra: Partial<RefreshDeps> = {}): Promise<Ingestion> {
  const [{ Fetcher }, { createArticlePipeline }, { pageFieldsFromHtml }] = await Promise.all([
    import('../fetch/index.js'),
    import('../pipeline/process-article.js'),
    import('../pipeline/page-fields.js'),
  ]);
  const fetcher = new Fetcher({ ...ctx.config, sharedHostGate: (host, spacingMs) => store.reserveHostSlot(host, Date.now(), spacingMs) });
  ctx.onClose(() => fetcher.close());
  const log = ctx.logger();
  const deps: RefreshDeps = {
    store,
    fetcher,
    process: createArticlePipeline({ now: Date.now }),
    now: Date.now,
    extractPage: (html, url) => pageFieldsFromHtml(html, url, Date.now()),
    onItemError: (source, url, reason) => log.warn({ source: source.slug, url }, reason),
    ...extra,
  };
  return { fetcher, deps };
}
