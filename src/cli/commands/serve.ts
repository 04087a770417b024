import { Option } from 'commander';
import type { Logger } from 'pino';
import { AppError } from '../../core/errors.js';
import { redactUrlPasswords } from '../../core/redact-url.js';
import type { Store } from '../../store/store.js';
import type { SadaMetrics } from '../../server/metrics.js';
import type { AddSource, SchedulerHooks, SearchService } from '../../server/services.js';
import { CONFIG_TABLE } from '../config.js';
import type { CliContext } from '../context.js';
import type { RegisterCommand } from '../context.js';

interface ServeFlags {
  port?: string;
  host?: string;
  fetch: boolean;
}

export const register: RegisterCommand = (program, getContext) => {
  program
    .command('serve')
    .description('web reader, JSON API and Atom/RSS feeds, with the fetch scheduler unless --no-fetch')
    .addOption(new Option('--port <port>', 'port to listen on (env SADA_PORT, default 8080)'))
    .addOption(new Option('--host <host>', 'address to listen on (env SADA_HOST, default 127.0.0.1)'))
    .option('--no-fetch', 'serve only: do not run the fetch scheduler')
    .action(async (flags: ServeFlags) => {
      const ctx = getContext();
      const port = flags.port === undefined ? ctx.config.port : CONFIG_TABLE.port.schema.safeParse(flags.port).data;
      if (port === undefined) throw new AppError('BAD_USAGE', `invalid --port: ${flags.port}`);
      const host = flags.host ?? ctx.config.host;
      const [{ createServer }, { startServer }, { createMetrics }, { DatabaseOutageLog, reportingOutages }] = await Promise.all([
        import('../../server/create-server.js'),
        import('../../server/listen.js'),
        import('../../server/metrics.js'),
        import('../../server/db-outage-log.js'),
      ]);
      const logger = ctx.logger();
      // Serving only reads: without the fetcher, a database this user cannot write is served read-only.
      const store = await ctx.openStore({ access: flags.fetch ? 'write' : 'read' });
      if (store.readOnly) logger.info({ db: redactUrlPasswords(ctx.config.db), access: store.readOnly.access }, 'the database cannot be written: serving it read-only (adding sources is refused)');
      else await indexWhatSearchLacks(store, logger);
      const metrics = createMetrics();
      // What readers' requests ask of the database reports its outages to the log (the scheduler logs its own).
      const served = reportingOutages(store, new DatabaseOutageLog({ logger, clock: Date.now, db: ctx.config.db }));
      const services = await wireServices(ctx, store, served, metrics);
      const app = createServer({
        store: served,
        logger,
        metrics,
        adminToken: ctx.config.adminToken,
        ...(ctx.config.publicUrl ? { publicUrl: ctx.config.publicUrl } : {}),
        timeZone: ctx.config.timeZone,
        rateLimit: { apiPerMinute: ctx.config.rateLimit, searchPerMinute: ctx.config.searchRateLimit },
        ...(services.search ? { search: services.search } : {}),
        addSource: services.addSource,
        // a source added from the reader is fetched at once rather than after the scheduler's idle pause
        onSourcesChanged: () => (flags.fetch ? services.scheduler.wake?.() : undefined),
      });
      let server;
      try {
        server = await startServer(app, { host, port });
      } catch (error) {
        throw new AppError('UNAVAILABLE', `cannot listen on ${host}:${port}: ${(error as Error).message}`, { cause: error });
      }
      const scheduler = flags.fetch ? services.scheduler : undefined;
      if (scheduler) await scheduler.start();
      logger.info({ url: server.url, fetch: Boolean(scheduler), search: Boolean(services.search) }, `Sada is serving on ${server.url}`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      logger.info({}, 'shutting down');
      await scheduler?.stop();
      await server.close();
    });
};

/**
 * An import killed between two batches leaves its last committed batch out of the search index (the next
 * import's `finish` would index it). Serving indexes such articles before it listens, so that what the
 * reader lists is also what it finds; with nothing to index this is one anti-join (≈ 0.1 s at 50k articles).
 */
async function indexWhatSearchLacks(store: Store, logger: Logger): Promise<void> {
  const { indexUnindexed } = await import('../../pipeline/reindex-search.js');
  const done = await indexUnindexed(store, { onError: (articleId, reason) => logger.warn({ articleId, reason }, 'article left out of search') });
  if (done.indexed > 0 || done.errors > 0) logger.info({ indexed: done.indexed, errors: done.errors }, 'indexed stored articles the search index lacked');
}

/**
 * The services `createServer` takes from other modules: search over the store's index (through `served`, the
 * store as requests use it), feed discovery for adding sources, and the fetch scheduler (which reports into
 * `metrics`).
 */
async function wireServices(ctx: CliContext, store: Store, served: Store, metrics: SadaMetrics): Promise<{ search?: SearchService; addSource: AddSource; scheduler: SchedulerHooks }> {
  const [{ addSource }, { createScheduler }, { createIngestion }, { createSearchService }] = await Promise.all([
    import('../../pipeline/add-source.js'),
    import('../scheduler.js'),
    import('../ingestion.js'),
    import('../../search/service.js'),
  ]);
  const { fetcher, deps } = await createIngestion(ctx, store);
  const scheduler = createScheduler(ctx, deps, metrics);
  return { search: createSearchService(served), addSource: (url) => addSource({ store, fetcher, now: Date.now }, url), scheduler };
}
