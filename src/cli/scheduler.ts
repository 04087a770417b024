import { setMaxListeners } from 'node:events';
import type { RefreshDeps } from '../pipeline/refresh-source.js';
import { runScheduler } from '../pipeline/schedule-loop.js';
import type { SadaMetrics } from '../server/metrics.js';
import type { SchedulerHooks } from '../server/services.js';
import type { CliContext } from './context.js';

/**
 * The continuous fetcher of `sada serve` and `sada worker`: start/stop hooks around the scheduler loop, with
 * outcomes counted in the metrics when a server exposes them. `stop()` (SIGTERM) cancels the fetches in
 * progress and releases every claimed source unrecorded, so that a slow server does not hold up a shutdown
 * and the next process fetches those sources at once. `wake()` restarts the loop but lets the sources in
 * progress finish.
 */
export function createScheduler(ctx: CliContext, deps: RefreshDeps, metrics?: SadaMetrics, options: { idleMs?: number } = {}): SchedulerHooks {
  const log = ctx.logger();
  let controller: AbortController | null = null;
  let shutdown = shutdownController(ctx.config.fetchConcurrency);
  let loop: Promise<void> | null = null;
  // One restart at a time: wakes that arrive while it is pending are served by the round it starts.
  let restart: Promise<void> | null = null;
  let running = false;
  const scheduler: SchedulerHooks = {
    start() {
      if (!running && shutdown.signal.aborted) shutdown = shutdownController(ctx.config.fetchConcurrency);
      running = true;
      controller = new AbortController();
      loop = runScheduler(deps, {
        signal: controller.signal,
        cancel: shutdown.signal,
        concurrency: ctx.config.fetchConcurrency,
        leaseMs: ctx.config.leaseSeconds * 1000,
        ...(options.idleMs === undefined ? {} : { idleMs: options.idleMs }),
        onSourceDone: (source, result) => {
          metrics?.fetchOutcomes.inc({ outcome: result.status });
          metrics?.articlesIngested.inc(result.newArticles);
          if (result.status === 'error') log.warn({ source: source.slug }, result.error ?? 'fetch failed');
          else if (result.status === 'stopped') log.info({ source: source.slug, new: result.newArticles }, 'fetch stopped; source released for the next run');
          else log.info({ source: source.slug, status: result.status, new: result.newArticles }, 'source refreshed');
        },
        onError: (error) => log.error({ err: error }, 'fetch round failed'),
      });
    },
    async stop() {
      running = false;
      shutdown.abort();
      controller?.abort();
      await restart;
      await loop;
      loop = null;
    },
    wake() {
      if (!loop || restart) return;
      // the loop sleeps between idle rounds; restarting it begins a round now (the round in flight finishes first)
      const current = { controller, loop };
      restart = (async () => {
        current.controller?.abort();
        await current.loop;
        restart = null;
        if (running) scheduler.start();
      })();
    },
  };
  return scheduler;
}

/**
 * The shutdown signal reaches every fetch, and each refresh in progress waits on it at most twice at a time
 * (for a host slot or a politeness pause, and the timer inside that pause), the loop's idle pause once. Node
 * warns of a "possible EventTarget memory leak" past 10 listeners, which the default eight sources at once
 * reached in the first round of a soak run of `sada serve` (a false alarm in the log: the listeners go as
 * the waits end). The limit is raised to what the concurrency explains, so that a real leak is still reported.
 */
function shutdownController(concurrency: number): AbortController {
  const controller = new AbortController();
  setMaxListeners(2 * concurrency + 10, controller.signal);
  return controller;
}
