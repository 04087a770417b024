import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { AppError } from '../../core/errors.js';

export function register(program: Command, getContext: () => CliContext): void {
  program
    .command('articles')
    .description('stored articles, newest first, with their origin and story')
    .option('--source <slug>', 'only this outlet (slug or id)')
    .option('--limit <n>', 'how many articles (1-10000)', '20')
    .option('--no-copies', "each report once: leave out copies of other outlets' reports")
    .action(async (opts: { source?: string; limit: string; copies: boolean }) => {
      const ctx = getContext();
      const { articleRow, oneLine, parseLimit, shortTime } = await import('../article-rows.js');
      const limit = usage(() => parseLimit(opts.limit));
      const store = await ctx.openStore({ access: 'read' });
      let sourceId: number | undefined;
      if (opts.source !== undefined) {
        // a removed source too: its stored articles stay, as on its page
        const source = await store.findSource(/^\d+$/.test(opts.source) ? { id: Number(opts.source) } : { slug: opts.source });
        if (!source) throw new AppError('BAD_INPUT', `no source ${JSON.stringify(opts.source)}`);
        sourceId = source.id;
      }
      const articles = await store.listArticles({ limit, reportsOnly: !opts.copies, ...(sourceId !== undefined ? { sourceId } : {}) });
      if (ctx.json) return ctx.printJson(articles.map(articleRow));
      for (const a of articles) {
        const origin = a.origin && a.origin !== a.source ? `  ← ${a.origin}` : '';
        ctx.print(`#${a.id} ${shortTime(a.published ?? a.ingestedAt)} [${a.source}] ${oneLine(a.title)}${origin}${a.storyId !== null ? `  (story #${a.storyId})` : ''}`);
      }
    });
}

/** Turns a RangeError from an option parser into bad usage (exit code 2). */
export function usage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw new AppError('BAD_USAGE', (error as Error).message);
  }
}
