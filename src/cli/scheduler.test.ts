import { test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { Fetcher } from '../fetch/index.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';
import { testFetcherOptions } from '../test-support/fetch-options.js';
import { createArticlePipeline } from '../pipeline/process-article.js';
import type { CliContext } from './context.js';
import { createScheduler } from './scheduler.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('many wakes at once (sources added in a burst) restart one loop; stop() leaves nothing running', async () => {
  const store = await openStore(':memory:');
  let claims = 0;
  // Counts the loop's rounds: each asks the store for due sources.
  const counted = new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'claimDueSources') claims++;
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  }) as Store;
  const fetcher = new Fetcher(testFetcherOptions());
  const ctx = { config: { fetchConcurrency: 2, leaseSeconds: 60 }, logger: () => pino({ level: 'silent' }) } as unknown as CliContext;
  const scheduler = createScheduler(ctx, { store: counted, fetcher, now: Date.now, process: createArticlePipeline({ now: Date.now }) }, undefined, { idleMs: 5 });
  try {
    scheduler.start();
    await sleep(20);
    for (let i = 0; i < 20; i++) scheduler.wake?.();
    await sleep(50);
    await scheduler.stop();
    const afterStop = claims;
    await sleep(100);
    assert.equal(claims, afterStop, 'no loop keeps polling after stop()');
  } finally {
    await fetcher.close();
    await store.close();
  }
});
