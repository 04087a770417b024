import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The Prometheus metrics Sada exposes on `/metrics`. Each server owns its registry (no global state), and the
 * fetch scheduler receives the same object to count fetch outcomes, ingested articles and queue lag.
 */
export interface SadaMetrics {
  readonly registry: Registry;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  /** Fetch attempts by outcome: `fetched`, `not-modified`, `error`, `stopped` (cancelled by a shutdown). */
  readonly fetchOutcomes: Counter<'outcome'>;
  readonly articlesIngested: Counter;
  /** Seconds the most overdue source has been waiting past its next check. */
  readonly queueLag: Gauge;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): SadaMetrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'sada_' });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'sada_http_request_duration_seconds',
      help: 'HTTP request latency by method, route pattern and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    fetchOutcomes: new Counter({
      name: 'sada_fetch_outcomes_total',
      help: 'Source fetches by outcome',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    articlesIngested: new Counter({ name: 'sada_articles_ingested_total', help: 'Articles stored by the pipeline', registers: [registry] }),
    queueLag: new Gauge({ name: 'sada_fetch_queue_lag_seconds', help: 'How late the most overdue source is', registers: [registry] }),
  };
}
