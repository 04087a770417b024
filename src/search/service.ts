import { SearchEngine, type SearchSort } from './engine.js';
import type { SearchIndexReader } from './types.js';

/** The filters the web reader and the API pass (the shape of server/services.ts `SearchFilters`). */
export interface ServiceFilters {
  sources?: string[];
  /** Epoch ms, inclusive. */
  from?: number;
  to?: number;
  limit: number;
  offset?: number;
  sort?: SearchSort;
  suggest?: boolean;
}

/**
 * Search as the HTTP layer consumes it (structurally the server's `SearchService`): snippets as text with
 * `{start, end}` highlight spans. `now` is the clock of the recency prior.
 */
export function createSearchService(reader: SearchIndexReader, now: () => number = Date.now) {
  const engine = new SearchEngine(reader);
  return {
    async search(query: string, filters: ServiceFilters) {
      const result = await engine.search({
        query,
        limit: filters.limit,
        offset: filters.offset ?? 0,
        sources: filters.sources ?? [],
        from: filters.from ?? null,
        to: filters.to ?? null,
        now: now(),
        sort: filters.sort ?? 'relevance',
        suggest: filters.suggest ?? false,
      });
      return {
        total: result.total,
        warnings: result.warnings,
        ...(result.suggestion !== undefined ? { suggestion: result.suggestion } : {}),
        hits: result.hits.map((h) => ({
          article: h.article,
          score: h.score,
          snippet: h.snippet.text,
          highlights: h.snippet.highlights.map(([start, end]) => ({ start, end })),
          titleHighlights: h.titleHighlights.map(([start, end]) => ({ start, end })),
          alsoIn: h.alsoIn,
        })),
      };
    },
  };
}
