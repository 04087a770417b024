import type { FetcherOptions } from '../fetch/types.js';

/** Fetcher options for tests against 127.0.0.1: private addresses allowed, no politeness pause, fast backoff. */
export function testFetcherOptions(overrides: Partial<FetcherOptions> = {}): FetcherOptions {
  return {
    userAgent: 'Sada/0.1 (+https://example.invalid/sada; test)',
    feedMaxBytes: 10 * 1024 * 1024,
    pageMaxBytes: 5 * 1024 * 1024,
    connectTimeoutMs: 2000,
    fetchTimeoutMs: 5000,
    hostConcurrency: 2,
    hostDelayMs: 0,
    allowPrivate: true,
    retryBaseDelayMs: 1,
    ...overrides,
  };
}
