import { parseHttpDate } from '../core/http-date.js';

/**
 * How long the server says a response stays fresh, in milliseconds: `Cache-Control: max-age` (or `s-maxage`),
 * else `Expires` minus `Date` (or `now`). `no-store` / `no-cache` give 0. Null when the server says nothing.
 * The scheduler uses it as a lower bound for the next check.
 */
export function cacheLifetimeMs(headers: Record<string, string>, now: number): number | null {
  const cacheControl = (headers['cache-control'] ?? '').toLowerCase();
  if (/\b(no-store|no-cache)\b/.test(cacheControl)) return 0;
  const maxAge = /\bs-maxage\s*=\s*"?(\d+)/.exec(cacheControl) ?? /\bmax-age\s*=\s*"?(\d+)/.exec(cacheControl);
  if (maxAge) return Number(maxAge[1]) * 1000;
  if (headers['expires'] === undefined) return null;
  // an Expires that is no HTTP date (`0`, `-1`) means already expired (RFC 9111 §5.3)
  const expires = parseHttpDate(headers['expires'], now);
  if (expires === null) return 0;
  const served = parseHttpDate(headers['date'], now);
  return Math.max(0, expires - (served ?? now));
}
