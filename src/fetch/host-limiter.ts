/**
 * Politeness per host: at most `concurrency` requests in flight to one host, and request starts spaced at
 * least `delayMs` apart (a robots.txt crawl-delay may ask for more). Waiting requests are served in order.
 */
export interface HostLimiterOptions {
  concurrency: number;
  delayMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

interface HostState {
  active: number;
  waiters: Array<() => void>;
  nextStart: number;
}

export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();

  constructor(private readonly options: HostLimiterOptions) {}

  /** Runs `task` when the host has a free slot and its pause has passed. */
  async run<T>(host: string, task: () => Promise<T>, minDelayMs = 0): Promise<T> {
    const state = this.state(host);
    await this.acquire(state, Math.max(this.options.delayMs, minDelayMs));
    try {
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

  private async acquire(state: HostState, delayMs: number): Promise<void> {
    if (state.active >= this.options.concurrency) await new Promise<void>((resolve) => state.waiters.push(resolve));
    else state.active++;
    const now = this.options.now();
    const wait = state.nextStart - now;
    state.nextStart = Math.max(now, state.nextStart) + delayMs;
    if (wait > 0) await this.options.sleep(wait);
  }
}
