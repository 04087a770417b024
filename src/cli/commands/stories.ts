import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { AppError } from '../../core/errors.js';
import { usage } from './articles.js';

export function register(program: Command, getContext: () => CliContext): void {
  program
    .command('stories')
    .description('stories, most important first (outlets covering them, fading with age)')
    .option('--since <date>', 'only stories updated at or after this ISO date')
    .option('--limit <n>', 'how many stories (1-10000)', '20')
    .action(async (opts: { since?: string; limit: string }) => {
      const ctx = getContext();
      const [{ counted, oneLine, parseLimit, shortTime, storyRow }, { parseIsoLike }, { rankStories }] = await Promise.all([
        import('../article-rows.js'),
        import('../../core/time.js'),
        import('../../server/read/rank.js'),
      ]);
      const limit = usage(() => parseLimit(opts.limit));
      let since: number | undefined;
      if (opts.since !== undefined) {
        const parsed = parseIsoLike(opts.since);
        if (parsed === null) throw new AppError('BAD_USAGE', `--since is not a date: ${opts.since}`);
        since = parsed;
      }
      const store = await ctx.openStore({ access: 'read' });
      // Importance is ranked over the most recently active stories, as on the front page.
      const window = await store.listStories({ limit: Math.max(300, limit * 5), ...(since !== undefined ? { since } : {}) });
      const stories = rankStories(window).slice(0, limit);
      if (ctx.json) return ctx.printJson(stories.map(storyRow));
      for (const s of stories) ctx.print(`#${s.id} ${shortTime(s.lastSeen)}  ${counted(s.sources, 'outlet')}, ${counted(s.articles, 'article')}  ${oneLine(s.title)}`);
    });
}
