import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { AppError } from '../../core/errors.js';
import type { Clock } from '../services.js';

export interface RateLimitOptions {
  /** Requests allowed per client per minute; 0 disables the limit. */
  perMinute: number;
  clock: Clock;
  /** Bounded number of clients tracked at once; the least recently seen are forgotten first. */
  maxClients?: number;
}

interface Bucket {
  tokens: number;
  updated: number;
}

/**
 * A token bucket per client address: bursts up to `perMinute`, refilled continuously. In-memory and per
 * process, which is what one `sada serve` needs; deployments behind a proxy limit there as well.
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const { perMinute, clock } = options;
  const maxClients = options.maxClients ?? 10_000;
  const buckets = new Map<string, Bucket>();
  const refillPerMs = perMinute / 60_000;
  return async (c, next) => {
    if (perMinute <= 0) return next();
    const key = clientKey(c);
    const now = clock();
    const bucket = buckets.get(key) ?? { tokens: perMinute, updated: now };
    buckets.delete(key);
    bucket.tokens = Math.min(perMinute, bucket.tokens + Math.max(0, now - bucket.updated) * refillPerMs);
    bucket.updated = now;
    buckets.set(key, bucket);
    if (buckets.size > maxClients) {
      const oldest = buckets.keys().next().value;
      if (oldest !== undefined) buckets.delete(oldest);
    }
    if (bucket.tokens < 1) {
      const retry = Math.ceil((1 - bucket.tokens) / refillPerMs / 1000);
      c.header('Retry-After', String(Math.max(1, retry)));
      throw new AppError('RATE_LIMITED', `too many requests: at most ${perMinute} per minute; retry in ${retry} s`);
    }
    bucket.tokens -= 1;
    return next();
  };
}

function clientKey(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // requests made in-process (tests) carry no socket
    return 'local';
  }
}
