import { stat } from 'node:fs/promises';
import { AppError, errorMessage } from '../../core/errors.js';
import { parseWholeNumber } from '../../core/whole-number.js';
import { counted } from '../article-rows.js';
import type { CliContext, RegisterCommand } from '../context.js';
import type { SearchEngine, SearchRequest, SearchResponse, SearchSort } from '../../search/engine.js';
import { lineTooLong, readLines } from '../../pipeline/read-lines.js';
import { parseDateBound } from '../../search/date-bounds.js';
import type { ReindexSummary } from '../../pipeline/reindex-search.js';

interface SearchFlags {
  queries?: string;
  source?: string[];
  from?: string;
  to?: string;
  limit: string;
  offset: string;
  sort: string;
  reindex?: boolean;
}

/**
 * `sada search QUERY` and `sada search --queries FILE` (CONTRACT.md): Arabic search with `"phrases"`,
 * `-exclusions`, `OR`, `source:` and date filters. `--reindex` puts stored articles the index lacks into it.
 */
export const register: RegisterCommand = (program, getContext) => {
  program
    .command('search')
    .description('search stored articles: "exact phrase", -exclude, a OR b, source:slug; human list, --json, or one JSON line per query with --queries')
    .argument('[query...]', 'the query (several arguments are joined by spaces)')
    .option('--queries <file>', 'JSONL lines {"id","query"}: one {"id","hits"} line per query')
    .option('--source <slugs>', 'only these sources: comma-separated slugs (the option may be repeated)', (value: string, previous: string[] = []) => [...previous, value])
    .option('--from <date>', 'published on or after this ISO date or date-time')
    .option('--to <date>', 'published on or before this ISO date (the whole day) or date-time')
    .option('--limit <n>', 'hits per query (1-100)', '10')
    .option('--offset <n>', 'hits to skip (paging)', '0')
    .option('--sort <order>', 'relevance (best match first) or newest (the articles holding every word, newest first)', 'relevance')
    .option('--reindex', 'first index every stored article the search index lacks (all of them when the index holds keys of an older version), then merge the index')
    .action(async (words: string[], flags: SearchFlags) => {
      const ctx = getContext();
      const limit = intFlag('--limit', flags.limit, 1, 100);
      const offset = intFlag('--offset', flags.offset, 0, 10_000);
      const query = words.join(' ');
      if (flags.sort !== 'relevance' && flags.sort !== 'newest') throw new AppError('BAD_USAGE', `--sort must be relevance or newest, not ${flags.sort}`);
      const sort: SearchSort = flags.sort;
      for (const [name, value, side] of [['--from', flags.from, 'from'], ['--to', flags.to, 'to']] as const) {
        if (value !== undefined && parseDateBound(value, side) === null) throw new AppError('BAD_USAGE', `${name} must be an ISO date (2015-08-04) or date-time, not ${value}`);
      }
      if (!flags.reindex && flags.queries === undefined && words.length === 0) throw new AppError('BAD_USAGE', 'give a QUERY or --queries FILE');
      if (flags.queries !== undefined && words.length > 0) throw new AppError('BAD_USAGE', 'give either a QUERY or --queries FILE, not both');
      const store = await ctx.openStore({ access: flags.reindex ? 'write' : 'read' });
      const reindexed = flags.reindex ? await reindex(ctx, store) : null;
      if (flags.queries === undefined && words.length === 0) {
        // Only a reindex was asked: its summary is the JSON output (with a query, stdout is the search's).
        if (reindexed && ctx.json) ctx.printJson(reindexed);
        return;
      }
      const { SearchEngine } = await import('../../search/engine.js');
      const engine = new SearchEngine(store);
      const base = {
        limit,
        offset,
        sources: (flags.source ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean),
        from: flags.from ?? null,
        to: flags.to ?? null,
        sort,
      };
      if (flags.queries !== undefined) {
        await runBatch(ctx, engine, flags.queries, base);
        return;
      }
      const result = await engine.search({ ...base, query, now: Date.now(), suggest: true });
      if (ctx.json) ctx.printJson(toJson(result));
      else {
        const { formatResults } = await import('./search-format.js');
        ctx.print(formatResults(query, result, { bold: Boolean(ctx.stdout.isTTY) && !ctx.env.NO_COLOR }));
      }
    });
};

function intFlag(name: string, value: string, min: number, max: number): number {
  const n = parseWholeNumber(value);
  if (n === null || n < min || n > max) throw new AppError('BAD_USAGE', `${name} must be an integer from ${min} to ${max}, not ${value}`);
  return n;
}

/** The result as CONTRACT.md prints it, with the highlight spans and collapsed copies alongside. */
export function toJson(result: SearchResponse) {
  return {
    total: result.total,
    hits: result.hits.map((h) => ({
      id: h.article.id,
      url: h.article.url,
      title: h.article.title,
      source: h.article.source,
      published: h.article.published === null ? null : new Date(h.article.published).toISOString(),
      score: h.score,
      snippet: h.snippet.text,
      highlights: h.snippet.highlights,
      title_highlights: h.titleHighlights,
      also_in: h.alsoIn,
    })),
    ...(result.warnings.length > 0 ? { warnings: result.warnings } : {}),
    ...(result.suggestion !== undefined ? { suggestion: result.suggestion } : {}),
  };
}

/** One output line per input line; a bad line gets an `error` line and never stops the batch. */
async function runBatch(ctx: CliContext, engine: SearchEngine, file: string, base: Omit<SearchRequest, 'query' | 'now'>): Promise<void> {
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a file');
  } catch (error) {
    throw new AppError('BAD_INPUT', `cannot read ${file}: ${errorMessage(error)}`);
  }
  const now = Date.now();
  let failed = 0;
  for await (const { lineNumber, line, tooLong } of readLines(file)) {
    let id: unknown = null;
    try {
      if (line === null) throw new Error(lineTooLong(tooLong));
      const value: unknown = JSON.parse(line);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
      const record = value as Record<string, unknown>;
      id = record.id ?? null;
      if (typeof record.query !== 'string') throw new Error('missing "query" text');
      const result = await engine.search({ ...base, query: record.query, now });
      ctx.printJson({ id, ...toJson(result) });
    } catch (error) {
      failed++;
      const reason = `${file}:${lineNumber}: ${errorMessage(error)}`;
      if (failed <= 20) process.stderr.write(`sada: ${reason}\n`);
      ctx.printJson({ id, hits: [], error: reason });
    }
  }
}

async function reindex(ctx: CliContext, store: Awaited<ReturnType<CliContext['openStore']>>): Promise<ReindexSummary> {
  const [{ reindexSearch }, { createProgress }] = await Promise.all([import('../../pipeline/reindex-search.js'), import('../progress.js')]);
  const total = await store.countArticles();
  const progress = createProgress(ctx, 'index');
  const summary = await reindexSearch(store, {
    onProgress: (n) => progress.update(n, total, `${counted(n, 'article')} indexed`),
    onError: (id, reason) => progress.log(`article ${id}: ${reason}`),
  });
  progress.stop();
  const rebuilt = summary.rebuilt ? ' (the index was built by an older version: rebuilt whole)' : '';
  process.stderr.write(`sada: indexed ${counted(summary.indexed, 'article')} (${counted(summary.errors, 'error')}) in ${summary.seconds}s${rebuilt}\n`);
  return summary;
}
