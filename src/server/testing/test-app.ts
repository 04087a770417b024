import type { Hono } from 'hono';
import { openStore } from '../../store/open.js';
import type { Store } from '../../store/store.js';
import { createServer, type ServerOptions } from '../create-server.js';
import { createMetrics, type SadaMetrics } from '../metrics.js';
import { loadFixtureDb, type FixtureDb } from './fixture-db.js';
import { reindexSearch } from '../../pipeline/reindex-search.js';
import { createSearchService } from '../../search/service.js';

export interface TestApp {
  app: Hono;
  store: Store;
  fx: FixtureDb;
  metrics: SadaMetrics;
  /** Moves the injected clock. */
  advance(ms: number): void;
  now(): number;
}

/** A server over an in-memory database loaded from a fixture corpus, with a pinned clock. */
export async function testApp(corpus: string, options: Partial<ServerOptions> = {}): Promise<TestApp> {
  const store = await openStore(':memory:');
  const fx = await loadFixtureDb(store, corpus);
  let now = fx.now;
  const metrics = createMetrics({ defaultMetrics: false });
  // The real search over the fixture articles, indexed as `sada reindex` would.
  await reindexSearch(store);
  const search = createSearchService(store, () => now);
  const app = createServer({ store, search, metrics, clock: () => now, rateLimit: { apiPerMinute: 0, searchPerMinute: 0 }, ...options });
  return {
    app,
    store,
    fx,
    metrics,
    advance(ms) {
      now += ms;
    },
    now: () => now,
  };
}
