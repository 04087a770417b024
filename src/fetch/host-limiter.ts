import { unlessAborted } from './abortable.js';

/**
 * Politeness per host: at most `concurrency` requests in flight to one host, and request starts spaced at
 * least `delayMs` apart (a robots.txt crawl-delay may ask for more). Waiting requests are served in order.
 */
export interface HostLimiterOptions {
  concurrency: number;
  delayMs: number;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

interface HostState {
  active: number;
  waiters: Array<() => void>;
  nextStart: number;
}

export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();

  constructor(private readonly options: HostLimiterOptions) {}

  /**
   * Runs `task` when the host has a free slot and its pause has passed. An abort of `signal` while waiting
   * rejects with its reason and gives up the place in the queue (or the slot), so a stopped fetch holds
   * nobody up.
   */
  async run<T>(host: string, task: () => Promise<T>, minDelayMs = 0, signal?: AbortSignal): Promise<T> {
    const state = this.state(host);
    await this.acquire(state, signal);
    try {
      await this.space(state, Math.max(this.options.delayMs, minDelayMs), signal);
      return await task();
    } finally {
      // The slot passes straight to the next waiter, so no newcomer can slip in between.
      const next = state.waiters.shift();
      if (next) next();
      else state.active--;
    }
  }

  /** Requests in flight to `host` (for tests and metrics). */
  active(host: string): number {
    return this.hosts.get(host)?.active ?? 0;
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { active: 0, waiters: [], nextStart: 0 };
      this.hosts.set(host, state);
    }
    return state;
  }

  /** Takes a slot, waiting in line for one when the host has none free. */
  private acquire(state: HostState, signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    if (state.active < this.options.concurrency) {
      state.active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const at = state.waiters.indexOf(served);
        if (at >= 0) state.waiters.splice(at, 1);
        reject(signal!.reason as Error);
      };
      function served(): void {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }
      state.waiters.push(served);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Waits until this start is at least `delayMs` after the previous one to the host. */
  private async space(state: HostState, delayMs: number, signal: AbortSignal | undefined): Promise<void> {
    const now = this.options.now();
    const wait = state.nextStart - now;
    state.nextStart = Math.max(now, state.nextStart) + delayMs;
    if (wait > 0) await unlessAborted(this.options.sleep(wait, signal), signal);
  }
}
