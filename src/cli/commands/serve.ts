import { Option } from 'commander';
import { AppError } from '../../core/errors.js';
import { CONFIG_TABLE } from '../config.js';
import type { AddSource, SchedulerHooks, SearchService } from '../../server/services.js';
import type { RegisterCommand } from './index.js';

interface ServeFlags {
  port?: string;
  host?: string;
  fetch: boolean;
}

export const register: RegisterCommand = (program, getContext) => {
  program
    .command('serve')
    .description('web reader, JSON API and Atom feeds, with the fetch scheduler unless --no-fetch')
    .addOption(new Option('--port <port>', 'port to listen on (env SADA_PORT, default 8080)'))
    .addOption(new Option('--host <host>', 'address to listen on (env SADA_HOST, default 127.0.0.1)'))
    .option('--no-fetch', 'serve only: do not run the fetch scheduler')
    .action(async (flags: ServeFlags) => {
      const ctx = getContext();
      const port = flags.port === undefined ? ctx.config.port : CONFIG_TABLE.port.schema.safeParse(flags.port).data;
      if (port === undefined) throw new AppError('BAD_USAGE', `invalid --port: ${flags.port}`);
      const host = flags.host ?? ctx.config.host;
      const [{ createServer }, { startServer }, { createMetrics }] = await Promise.all([
        import('../../server/create-server.js'),
        import('../../server/listen.js'),
        import('../../server/metrics.js'),
      ]);
      const logger = ctx.logger();
      const store = await ctx.openStore();
      const metrics = createMetrics();
      // Services of other modules plug in here as they land: `search` (src/search over the store),
      // `addSource` (pipeline feed discovery) and the fetch scheduler, which receives `metrics`.
      const services = await wireServices();
      const app = createServer({
        store,
        logger,
        metrics,
        adminToken: ctx.config.adminToken,
        timeZone: ctx.config.timeZone,
        rateLimit: { apiPerMinute: ctx.config.rateLimit, searchPerMinute: ctx.config.searchRateLimit },
        ...services,
      });
      let server;
      try {
        server = await startServer(app, { host, port });
      } catch (error) {
        throw new AppError('UNAVAILABLE', `cannot listen on ${host}:${port}: ${(error as Error).message}`, { cause: error });
      }
      const scheduler = flags.fetch ? services.scheduler : undefined;
      if (scheduler) await scheduler.start();
      logger.info({ url: server.url, fetch: Boolean(scheduler) }, `Sada is serving on ${server.url}`);
      if (flags.fetch && !scheduler) logger.warn({}, 'the fetch scheduler is not available in this build; serving without fetching');
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

/** The optional services `createServer` accepts, from modules that may not be present yet. */
async function wireServices(): Promise<{
  search?: SearchService;
  addSource?: AddSource;
  scheduler?: SchedulerHooks;
}> {
  return {};
}
