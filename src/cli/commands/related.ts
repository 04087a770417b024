import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { AppError } from '../../core/errors.js';
import type { Article } from '../../core/types.js';
import type { Store } from '../../store/store.js';

async function findArticle(store: Store, idOrUrl: string): Promise<Article | null> {
  if (/^\d+$/.test(idOrUrl)) return store.getArticle(Number(idOrUrl));
  const { canonicalUrl } = await import('../../dedup/canonical-url.js');
  return store.getArticleByCanonicalUrl(canonicalUrl(idOrUrl));
}

export function register(program: Command, getContext: () => CliContext): void {
  program
    .command('related')
    .description("an article's other coverage of the same story (copies collapsed) and its related reading from other stories")
    .argument('<id-or-url>', 'article id or URL')
    .action(async (idOrUrl: string) => {
      const ctx = getContext();
      const { articleRow, listedRow, oneLine, shortTime } = await import('../article-rows.js');
      const store = await ctx.openStore({ access: 'read' });
      const article = await findArticle(store, idOrUrl.trim());
      if (!article) throw new AppError('BAD_INPUT', `no stored article ${JSON.stringify(idOrUrl)}`);
      const entries = await store.getRelated(article.id);
      const listed = new Map((await store.getArticles([...new Set(entries.map((e) => e.relatedId))])).map((a) => [a.id, a]));
      const list = (kind: 'same_story' | 'related') =>
        entries
          .filter((e) => e.kind === kind && listed.has(e.relatedId))
          .sort((a, b) => a.rank - b.rank)
          .map((e) => listedRow(listed.get(e.relatedId)!, e));
      const result = { article: articleRow(article), same_story: list('same_story'), related: list('related') };
      if (ctx.json) return ctx.printJson(result);
      const line = (r: { id: number; source: string; title: string; published: string | null }) => `  #${r.id} ${shortTime(r.published ? Date.parse(r.published) : null)} [${r.source}] ${oneLine(r.title)}`;
      ctx.print(`#${article.id} [${article.source}] ${oneLine(article.title)}${article.origin && article.origin !== article.source ? `  ← ${article.origin}` : ''}`);
      ctx.print(`same story (${result.same_story.length}):`);
      for (const r of result.same_story) ctx.print(line(r));
      ctx.print(`related (${result.related.length}):`);
      for (const r of result.related) ctx.print(line(r));
    });
}
