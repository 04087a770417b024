import { hostname } from 'node:os';
import type { Source } from '../core/types.js';
import { refreshSource, type PolledSource, type RefreshDeps, type RefreshResult } from './refresh-source.js';

export interface RoundOptions {
  /** Every polled source now, due or not (`sada fetch --once`). */
  once?: boolean;
  /** Only this source. */
  sourceId?: number;
  /** Sources refreshed at the same time (config `fetchConcurrency`). */
  concurrency: number;
  /** Lease owner name; unique per process. */
  worker?: string;
  /** How long a claimed source stays leased to this worker (default 15 min). */
  leaseMs?: number;
  /** Stops claiming and starting further sources (in-flight ones finish; all are released). */
  signal?: AbortSignal;
  /**
   * Stops the round at once (shutdown): nothing further is claimed or started, and the refreshes in progress
   * are cancelled mid-fetch, recorded as nothing (status `stopped`) and released, so the next round fetches
   * them at once.
   */
  cancel?: AbortSignal;
  onSourceDone?: (source: Source, result: RefreshResult) => void;
}

/** The `sada fetch --json` summary (CONTRACT.md), plus the failed sources with their reasons. */
export interface RoundSummary {
  sources: number;
  fetched: number;
  not_modified: number;
  new_articles: number;
  errors: number;
  failures: Array<{ id: number; slug: string; error: string }>;
}

/** `host:pid`, the default lease owner. */
export function workerName(): string {
  return `${hostname()}:${process.pid}`;
}

/**
 * One round: claims due sources (all polled sources with `once`) under a lease so that several workers can
 * share one database, refreshes them `concurrency` at a time, records each outcome and releases the lease.
 * A failing source is recorded and counted; it never stops the round.
 */
export async function runFetchRound(deps: RefreshDeps, options: RoundOptions): Promise<RoundSummary> {
  const summary: RoundSummary = { sources: 0, fetched: 0, not_modified: 0, new_articles: 0, errors: 0, failures: [] };
  const worker = options.worker ?? workerName();
  const leaseMs = options.leaseMs ?? 15 * 60 * 1000;
  const batchSize = Math.max(1, options.concurrency * 2);
  // With --once every source is claimable whatever its next check, so they are claimed in one go.
  const claim = (limit: number) => deps.store.claimDueSources(deps.now(), limit, worker, leaseMs, { force: options.once === true, sourceId: options.sourceId });
  let pending: PolledSource[] = await claim(options.once ? 1_000_000 : batchSize);
  // Heartbeat: a refresh may outlast the lease (a slow server, a long feed); renewing the leases of the
  // sources still held keeps other workers off them, while a killed worker's leases simply run out.
  const held = new Set<number>(pending.map((s) => s.id));
  const heartbeat = setInterval(() => {
    if (held.size > 0) deps.store.renewLeases([...held], worker, deps.now() + leaseMs).catch(() => undefined);
  }, Math.max(50, Math.floor(leaseMs / 3)));
  heartbeat.unref();
  const stopped = () => options.signal?.aborted === true || options.cancel?.aborted === true;
  try {
    while (pending.length > 0 && !stopped()) {
      await runPool(pending, options.concurrency, stopped, async (source) => {
        try {
          const result = await refreshSource(deps, source, options.cancel);
          tally(summary, source, result);
          options.onSourceDone?.(source, result);
        } finally {
          held.delete(source.id);
          await deps.store.releaseSource(source.id, worker);
        }
      });
      pending = options.once || stopped() ? [] : await claim(batchSize);
      for (const s of pending) held.add(s.id);
    }
  } finally {
    clearInterval(heartbeat);
  }
  // Sources claimed but not refreshed (the round was stopped before starting them).
  for (const id of held) await deps.store.releaseSource(id, worker);
  return summary;
}

function tally(summary: RoundSummary, source: Source, result: RefreshResult): void {
  summary.new_articles += result.newArticles;
  summary.errors += result.itemErrors;
  if (result.status === 'stopped') return; // not refreshed: neither a source done nor a failure
  summary.sources++;
  if (result.status === 'fetched') summary.fetched++;
  else if (result.status === 'not-modified') summary.not_modified++;
  else {
    summary.errors++;
    summary.failures.push({ id: source.id, slug: source.slug, error: result.error ?? 'unknown error' });
  }
}

/** Runs `task` over `items` with at most `concurrency` at once, starting none once `stopped()`. */
async function runPool<T>(items: readonly T[], concurrency: number, stopped: () => boolean, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length && !stopped()) await task(items[next++]!);
  });
  // Every lane ends before the round does, even when one fails (the database went away): the next round may
  // claim this worker's own leases again, and must find none of them still being refreshed.
  const failed = (await Promise.allSettled(lanes)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
