import type { LookupFunction } from './address-guard.js';

/**
 * Options of the fetcher. The first block has the names of the config keys in `src/cli/config.ts`, so a
 * `Config` can be passed as it is; the rest have defaults and exist for tuning and tests.
 */
export interface FetcherOptions {
  userAgent: string;
  feedMaxBytes: number;
  pageMaxBytes: number;
  connectTimeoutMs: number;
  fetchTimeoutMs: number;
  hostConcurrency: number;
  hostDelayMs: number;
  allowPrivate: boolean;

  /** Redirect hops followed at most (default 5); each hop is checked like the first URL. */
  maxRedirects?: number;
  /** Further tries after a 5xx, a 429 or a network error (default 2). */
  retries?: number;
  /** First backoff step; doubles each try, with jitter (default 1000 ms). */
  retryBaseDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the request fails with it in `details` (default 60 s). */
  maxRetryDelayMs?: number;
  /** Obey robots.txt for page fetches (default true). Feeds are published for machines and are not checked. */
  respectRobots?: boolean;
  /** How long robots.txt rules are cached (default 24 h). */
  robotsTtlMs?: number;
  /** Largest robots.txt read (default 512 KiB). */
  robotsMaxBytes?: number;
  /** Addresses exempt from the private-address guard (an intranet host; tests). */
  allowAddresses?: readonly string[];
  /** DNS resolver with the `dns.lookup` signature (default: the system resolver). */
  lookup?: LookupFunction;
  /**
   * Politeness shared with other processes (workers on one database): reserves the next request start to a
   * host and returns how long to wait for it. The in-process limiter still applies.
   */
  sharedHostGate?: (host: string, spacingMs: number) => Promise<number>;
  /**
   * Clock and sleep, injectable so that backoff and politeness can be tested without waiting. A sleep may
   * ignore the signal it is given: the fetcher stops waiting for it on an abort all the same.
   */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** What is fetched decides the size cap, the Accept header and whether robots.txt applies. */
export type FetchKind = 'feed' | 'page' | 'robots';

export interface FetchRequest {
  kind?: FetchKind;
  /** Validators from the previous fetch: a match gives a `NotModified` result. */
  etag?: string | null;
  lastModified?: string | null;
  /** Overrides the cap of the kind. */
  maxBytes?: number;
  /**
   * Cancels the request (shutdown) wherever it is: queued for its host, pausing for politeness or a retry,
   * waiting for robots.txt, or on the wire. It then rejects with FETCH_FAILED and `details.cancelled`.
   */
  signal?: AbortSignal;
}

interface ResultBase {
  /** The URL asked for. */
  url: string;
  /** The URL after redirects. */
  finalUrl: string;
  /** Every URL visited after the first, in order. */
  redirects: string[];
  /**
   * Where the URL asked for has moved for good: the end of the permanent redirects (301, 308) the answer
   * began with, before any temporary one. Null when the first answer was no permanent redirect.
   */
  movedTo: string | null;
  status: number;
  /** Response headers, lower-case names. */
  headers: Record<string, string>;
  etag: string | null;
  lastModified: string | null;
}

export interface NotModified extends ResultBase {
  notModified: true;
}

export interface FetchResponse extends ResultBase {
  notModified: false;
  /** The body after content decoding (and after un-gzipping a `.gz` document). */
  body: Buffer;
  contentType: string | null;
  /** The body decoded to text with the HTTP charset, BOM and in-document declarations. */
  text(): string;
}

export type FetchResult = FetchResponse | NotModified;
