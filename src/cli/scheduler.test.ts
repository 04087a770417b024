import { test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { Fetcher } from '../fetch/index.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';
import { testFetcherOptions } from '../test-support/fetch-options.js';
import { createArticlePipeline } from '../pipeline/process-article.js';
import { storeSource } from '../pipeline/add-source.js';
import { startFixtureServer } from '../test-support/http-fixture.js';
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

test('a round of many sources waiting for one host raises no "possible memory leak" warning on the shutdown signal', async () => {
  // Every refresh in progress waits on the shutdown signal (host slot, politeness pause), so the listeners
  // on it grow with the concurrency, not with time: 12 sources of one host queue up 12 of them at once.
  const server = await startFixtureServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>/</link></channel></rss>');
  });
  const store = await openStore(':memory:');
  const fetcher = new Fetcher(testFetcherOptions({ hostConcurrency: 1, hostDelayMs: 20 }));
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
  process.on('warning', onWarning);
  const ctx = { config: { fetchConcurrency: 12, leaseSeconds: 60 }, logger: () => pino({ level: 'silent' }) } as unknown as CliContext;
  const scheduler = createScheduler(ctx, { store, fetcher, now: Date.now, process: createArticlePipeline({ now: Date.now }) }, undefined, { idleMs: 5 });
  try {
    for (let i = 0; i < 12; i++) await storeSource(store, { url: `${server.origin}/f${i}.xml`, feedUrl: `${server.origin}/f${i}.xml`, kind: 'feed', title: `f${i}`, homepage: null }, {}, Date.now());
    scheduler.start();
    for (let i = 0; i < 200 && server.requests.length < 12; i++) await sleep(10);
    await scheduler.stop();
    await sleep(10); // warnings are emitted on the next tick
    assert.equal(server.requests.length, 12);
    assert.deepEqual(warnings.filter((w) => w.startsWith('MaxListenersExceededWarning')), []);
  } finally {
    process.off('warning', onWarning);
    await fetcher.close();
    await store.close();
    await server.close();
  }
});
