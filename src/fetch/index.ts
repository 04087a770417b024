/**
 * Network access (the only layer below `store` that talks to the network).
 *
 * - `new Fetcher(options)`: `fetcher.fetch(url, { kind: 'feed' | 'page', etag, lastModified, signal })`
 *   → `FetchResponse` (`body`, `text()`, `finalUrl`, `etag`, `lastModified`, `headers`) or `NotModified`;
 *   rejects with AppError FETCH_FAILED / TOO_LARGE / TIMEOUT / BLOCKED_ADDRESS / FORBIDDEN (robots.txt).
 *   `FetcherOptions` uses the config key names, so `new Fetcher(config)` works. `fetcher.close()` at the end.
 * - `isBlockedAddress(ip)` and `assertUrlAllowed(url, { allowPrivate })`: the SSRF guard on its own.
 * - `cacheLifetimeMs(headers, now)`: how long a response may be cached, for scheduling.
 * - `nothingThere(error, what)`: a 404 or 410 for a URL the user gave, as bad input (exit 2) rather than a
 *   failure to fetch.
 */
export { Fetcher } from './fetcher.js';
export type { FetcherOptions, FetchKind, FetchRequest, FetchResponse, FetchResult, NotModified } from './types.js';
export { assertUrlAllowed, isBlockedAddress, type GuardOptions, type LookupFunction } from './address-guard.js';
export { parseRetryAfter } from './retry.js';
export { cacheLifetimeMs } from './cache-headers.js';
export { nothingThere } from './nothing-there.js';
