import { runFetchRound, type RoundOptions, type RoundSummary } from './refresh-round.js';
import type { RefreshDeps } from './refresh-source.js';

export interface SchedulerOptions extends Omit<RoundOptions, 'once' | 'sourceId' | 'signal'> {
  /** Stops the loop: the round in progress finishes its claimed sources, releases them, and the loop ends. */
  signal: AbortSignal;
  /** Stops the loop at once: the round in progress cancels its fetches too (shutdown; see `RoundOptions`). */
  cancel?: AbortSignal;
  /** Pause between rounds when nothing was due (default 30 s). */
  idleMs?: number;
  onRound?: (summary: RoundSummary) => void;
  onError?: (error: unknown) => void;
}

/**
 * The continuous fetcher of `sada serve` and `sada worker`: runs rounds of due sources until `signal` or
 * `cancel` aborts (a wake-up restart, SIGTERM). A round that fails as a whole (database unreachable) is reported and retried after the pause.
 */
export async function runScheduler(deps: RefreshDeps, options: SchedulerOptions): Promise<void> {
  const idleMs = options.idleMs ?? 30_000;
  const signals = options.cancel ? [options.signal, options.cancel] : [options.signal];
  while (!signals.some((s) => s.aborted)) {
    let busy = false;
    try {
      const summary = await runFetchRound(deps, { ...options, signal: options.signal });
      busy = summary.sources > 0;
      options.onRound?.(summary);
    } catch (error) {
      options.onError?.(error);
    }
    if (!busy) await pause(idleMs, signals);
  }
}

/** Waits `ms`, or until any of `signals` aborts. */
function pause(ms: number, signals: readonly AbortSignal[]): Promise<void> {
  return new Promise((resolve) => {
    if (signals.some((s) => s.aborted)) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      for (const s of signals) s.removeEventListener('abort', done);
      resolve();
    }
    for (const s of signals) s.addEventListener('abort', done, { once: true });
  });
}
