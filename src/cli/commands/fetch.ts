import type { Command } from 'commander';
import { counted } from '../article-rows.js';
import type { CliContext } from '../context.js';
import { AppError } from '../../core/errors.js';

/** `sada fetch [--once] [--source ID]`: one round of fetching, then exit. */
export function register(program: Command, getContext: () => CliContext): void {
  program
    .command('fetch')
    .description('fetch every due source once (all sources with --once), store new articles, and exit; starts with the built-in Arabic outlets when no source exists')
    .option('--once', 'fetch every source now, due or not')
    .option('--source <id>', 'only this source (id or slug)')
    .action(async (opts: { once?: boolean; source?: string }) => {
      const ctx = getContext();
      const [{ runFetchRound }, { ensureDefaultSources }, { createIngestion }] = await Promise.all([
        import('../../pipeline/refresh-round.js'),
        import('../../pipeline/sources-admin.js'),
        import('../ingestion.js'),
      ]);
      const store = await ctx.openStore();
      let sourceId: number | undefined;
      if (opts.source !== undefined) {
        const source = /^\d+$/.test(opts.source) ? await store.getSource(Number(opts.source)) : await store.getSourceBySlug(opts.source);
        if (!source) throw new AppError('BAD_INPUT', `no source ${JSON.stringify(opts.source)}`);
        sourceId = source.id;
        // Asking for one source by name resumes it if repeated failures had paused it.
        const state = await store.getFetchState(source.id);
        if (state?.paused) await store.updateFetchState(source.id, { paused: false, consecutiveErrors: 0 });
      } else {
        const seeded = await ensureDefaultSources(store, Date.now());
        if (seeded > 0) ctx.stderr.write(`no sources yet: added ${seeded} built-in Arabic outlets\n`);
      }
      const { deps } = await createIngestion(ctx, store);
      const log = ctx.logger();
      // Interrupted, the round cancels the fetches in progress, starts no further source and releases the
      // leases of those it has not refreshed to the end, recording nothing on them, so that running it again
      // fetches them instead of finding them leased for leaseSeconds (or backed off as failed).
      // A second signal ends the process at once.
      const interrupt = new AbortController();
      const onSignal = (signal: NodeJS.Signals) => {
        log.warn({ signal }, 'fetch interrupted: cancelling the fetches in progress');
        process.exitCode = signal === 'SIGINT' ? 130 : 143;
        interrupt.abort();
      };
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      const summary = await runFetchRound(
        deps,
        {
          signal: interrupt.signal,
          cancel: interrupt.signal,
          once: Boolean(opts.once) || sourceId !== undefined,
          sourceId,
          concurrency: ctx.config.fetchConcurrency,
          leaseMs: ctx.config.leaseSeconds * 1000,
          onSourceDone: (source, result) => {
            if (result.status === 'error') log.warn({ source: source.slug }, result.error ?? 'failed');
            else if (result.status === 'stopped') log.info({ source: source.slug, new: result.newArticles }, 'fetch stopped; source released');
            else log.info({ source: source.slug, status: result.status, new: result.newArticles }, 'source refreshed');
          },
        },
      ).finally(() => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      });
      if (ctx.json) ctx.printJson(summary);
      else {
        ctx.print(`${counted(summary.sources, 'source')}: ${summary.fetched} fetched, ${summary.not_modified} not modified, ${counted(summary.new_articles, 'new article')}, ${counted(summary.errors, 'error')}`);
        for (const f of summary.failures) ctx.print(`  #${f.id} ${f.slug}: ${f.error}`);
      }
    });
}
