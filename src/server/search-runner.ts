import { AppError } from '../core/errors.js';
import { parseDateBound } from '../search/date-bounds.js';
import type { SearchResult, SearchService } from './services.js';

/** `details.reason` of the BAD_INPUT a search with `from` after `to` is refused with (the page words it so). */
export const EMPTY_DATE_RANGE = 'empty-date-range';

export interface SearchRequest {
  q: string;
  limit: number;
  /** Comma-separated source slugs. */
  source?: string | undefined;
  /** ISO date or date-time. */
  from?: string | undefined;
  to?: string | undefined;
  sort?: 'relevance' | 'newest' | undefined;
  suggest?: boolean | undefined;
}

/**
 * Turns a validated search request (page, API or feed) into a SearchService call: source lists split, a
 * date-only `to` covers its whole day. Without a search service, searching is reported as unavailable.
 */
export class SearchRunner {
  constructor(private readonly service: SearchService | undefined) {}

  get available(): boolean {
    return this.service !== undefined;
  }

  async run(request: SearchRequest, offset = 0): Promise<SearchResult> {
    if (!this.service) throw new AppError('UNAVAILABLE', 'search is not available on this server');
    const sources = sourceSlugs(request.source);
    // A date-time without an offset is UTC, as the CLI reads it: Date.parse took it in the server's own zone.
    const from = request.from ? (parseDateBound(request.from, 'from') ?? undefined) : undefined;
    const to = request.to ? (parseDateBound(request.to, 'to') ?? undefined) : undefined;
    if (from !== undefined && to !== undefined && from > to) throw new AppError('BAD_INPUT', 'the date range is empty: `from` is after `to`', { details: { reason: EMPTY_DATE_RANGE } });
    return this.service.search(request.q, {
      limit: request.limit,
      offset,
      ...(sources && sources.length > 0 ? { sources } : {}),
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      ...(request.sort ? { sort: request.sort } : {}),
      ...(request.suggest ? { suggest: true } : {}),
    });
  }

  /**
   * A page of `request.limit` hits and whether another page follows. One hit more is asked for: `total`
   * counts every copy of a report while the hits collapse them, so `total` promised pages that came back empty.
   */
  async page(request: SearchRequest, offset = 0): Promise<SearchResult & { more: boolean }> {
    const result = await this.run({ ...request, limit: request.limit + 1 }, offset);
    return { ...result, hits: result.hits.slice(0, request.limit), more: result.hits.length > request.limit };
  }
}

/** The slugs of a comma-separated `source` filter: blanks around and between commas are no slug. */
export function sourceSlugs(source: string | undefined): string[] | undefined {
  return source
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
