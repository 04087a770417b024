import { AppError } from '../../core/errors.js';
import type { RegisterCommand } from '../context.js';

/** `sada worker`: the fetch scheduler alone, for scale-out (many workers, one database, no web server). */
export const register: RegisterCommand = (program, getContext) => {
  program
    .command('worker')
    .description('run the fetch scheduler only (scale-out: several workers and web nodes can share one database); stops cleanly on SIGTERM')
    .option('--idle-seconds <n>', 'pause between rounds when no source is due', '30')
    .action(async (flags: { idleSeconds: string }) => {
      const ctx = getContext();
      // plain digits, a fraction allowed: Number() read '' and ' ' as 0, a worker polling without pause
      const idleSeconds = /^\d{1,5}(\.\d+)?$/.test(flags.idleSeconds) ? Number(flags.idleSeconds) : Number.NaN;
      if (!(idleSeconds >= 0 && idleSeconds <= 86_400)) throw new AppError('BAD_USAGE', `invalid --idle-seconds: "${flags.idleSeconds}" (seconds from 0 to 86400, such as 30 or 0.5)`);
      const [{ createIngestion }, { createScheduler }, { workerName }] = await Promise.all([
        import('../ingestion.js'),
        import('../scheduler.js'),
        import('../../pipeline/refresh-round.js'),
      ]);
      const store = await ctx.openStore();
      const { deps } = await createIngestion(ctx, store);
      const scheduler = createScheduler(ctx, deps, undefined, { idleMs: idleSeconds * 1000 });
      const log = ctx.logger();
      const stopped = new Promise<string>((resolve) => {
        process.once('SIGINT', () => resolve('SIGINT'));
        process.once('SIGTERM', () => resolve('SIGTERM'));
      });
      await scheduler.start();
      log.info({ worker: workerName(), db: store.dialect }, 'worker started');
      const signal = await stopped;
      log.info({ signal }, 'worker stopping: cancelling the fetches in progress');
      await scheduler.stop();
      log.info({}, 'worker stopped');
    });
};
