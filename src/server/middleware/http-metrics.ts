import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { SadaMetrics } from '../metrics.js';

/** Observes each request's latency labelled by the matched route pattern (bounded label values). */
export function httpMetrics(metrics: SadaMetrics): MiddlewareHandler {
  return async (c, next) => {
    const end = metrics.httpDuration.startTimer();
    try {
      await next();
    } finally {
      const route = routePath(c, -1);
      end({ method: c.req.method, route: route === '/*' || route === '*' ? 'unmatched' : route, status: String(c.res.status) });
    }
  };
}
