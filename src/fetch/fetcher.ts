import { Agent, type Dispatcher } from 'undici';
import { AppError, isAppError } from '../core/errors.js';
import { decodeBytes } from '../feeds/decode.js';
import { sleep, unlessAborted } from './abortable.js';
import { assertUrlAllowed, guardedLookup, type GuardOptions } from './address-guard.js';
import { HostLimiter } from './host-limiter.js';
import { gunzipFile, readBody, tooLarge } from './read-body.js';
import { backoffDelay, isRetryableNetworkError, isRetryableStatus, parseRetryAfter } from './retry.js';
import { RobotsCache } from './robots.js';
import type { FetcherOptions, FetchKind, FetchRequest, FetchResult } from './types.js';

const ACCEPT: Record<FetchKind, string> = {
  feed: 'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.5, */*;q=0.1',
  page: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1',
  robots: 'text/plain, */*;q=0.1',
};

interface Timing {
  deadline: AbortSignal | null;
  signal: AbortSignal | null;
}

type Exchange =
  | { type: 'redirect'; location: string; permanent: boolean }
  | { type: 'not-modified'; status: number; headers: Record<string, string> }
  | { type: 'body'; status: number; headers: Record<string, string>; body: Buffer };

/**
 * The HTTP client of Sada: polite (per-host concurrency and pause, robots.txt for pages, an honest
 * User-Agent), economical (conditional GET, compression) and defensive (size caps after decompression,
 * connect and total timeouts, at most N redirects, SSRF guard on every hop). Failures are AppErrors:
 * FETCH_FAILED (with `details.status` for HTTP errors and `details.retryAfterMs` when the server asked to
 * wait), TOO_LARGE, TIMEOUT, BLOCKED_ADDRESS, or FORBIDDEN when robots.txt disallows a page.
 */
export class Fetcher {
  private readonly agent: Agent;
  private readonly limiter: HostLimiter;
  private readonly robots: RobotsCache;
  private readonly guard: GuardOptions;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  // Ends what no single caller can cancel (a robots.txt fetch shared by every page of a host) on close().
  private readonly lifetime = new AbortController();

  constructor(private readonly options: FetcherOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? sleep;
    this.guard = { allowPrivate: options.allowPrivate, allowAddresses: options.allowAddresses ?? [] };
    this.agent = new Agent({
      connect: { timeout: options.connectTimeoutMs, lookup: guardedLookup(this.guard, options.lookup) as never },
      headersTimeout: options.fetchTimeoutMs,
      bodyTimeout: options.fetchTimeoutMs,
      connections: options.hostConcurrency,
    });
    this.limiter = new HostLimiter({ concurrency: options.hostConcurrency, delayMs: options.hostDelayMs, now: this.now, sleep: this.sleep });
    this.robots = new RobotsCache({
      agent: productToken(options.userAgent),
      now: this.now,
      ttlMs: options.robotsTtlMs,
      fetchRobots: (url) => this.fetchRobots(url),
    });
  }

  /** Fetches `url` (default kind: page). Resolves with the body or a not-modified result; rejects with an AppError. */
  async fetch(url: string, request: FetchRequest = {}): Promise<FetchResult> {
    const signal = request.signal;
    try {
      return await this.fetchWithRetries(url, request);
    } catch (error) {
      if (signal?.aborted && !(isAppError(error) && error.details?.['cancelled'] === true)) throw cancelled(url, error);
      throw error;
    }
  }

  /** Closes pooled connections, ending a robots.txt fetch still in progress. */
  async close(): Promise<void> {
    this.lifetime.abort();
    await this.agent.close();
  }

  private async fetchWithRetries(url: string, request: FetchRequest): Promise<FetchResult> {
    const kind = request.kind ?? 'page';
    const signal = request.signal;
    signal?.throwIfAborted();
    const target = parseUrl(url);
    assertUrlAllowed(target, this.guard);
    let crawlDelayMs = 0;
    if (kind === 'page' && this.options.respectRobots !== false) {
      const verdict = await unlessAborted(this.robots.check(target.href), signal);
      if (!verdict.allowed) throw new AppError('FORBIDDEN', `${target.href}: ${verdict.reason}`, { details: { robots: true } });
      crawlDelayMs = Math.min(verdict.crawlDelayMs ?? 0, 60_000);
    }
    const retries = this.options.retries ?? 2;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.fetchOnce(target, request, kind, crawlDelayMs);
      } catch (error) {
        const delay = attempt < retries && !signal?.aborted ? this.retryDelay(error, attempt) : null;
        if (delay === null) throw error;
        await this.pause(delay, signal);
      }
    }
  }

  private async pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
    await unlessAborted(this.sleep(ms, signal), signal);
  }

  private retryDelay(error: unknown, attempt: number): number | null {
    if (!isAppError(error) || error.details?.['retryable'] !== true) return null;
    const asked = error.details['retryAfterMs'];
    if (typeof asked === 'number') return asked <= (this.options.maxRetryDelayMs ?? 60_000) ? asked : null;
    return backoffDelay(attempt, this.options.retryBaseDelayMs ?? 1000);
  }

  /** Waits for this host's turn among all processes sharing the gate (a no-op without one). */
  private async waitForSharedSlot(host: string, crawlDelayMs: number, signal: AbortSignal | undefined): Promise<void> {
    const gate = this.options.sharedHostGate;
    if (!gate) return;
    const spacing = Math.max(this.options.hostDelayMs, crawlDelayMs);
    if (spacing <= 0) return;
    const wait = await gate(host, spacing);
    if (wait > 0) await this.pause(wait, signal);
  }

  /**
   * One try: the request and its redirects, under one total deadline that starts when the first hop gets its
   * host slot (time spent queueing for politeness does not count).
   */
  private async fetchOnce(start: URL, request: FetchRequest, kind: FetchKind, crawlDelayMs: number): Promise<FetchResult> {
    const timing: Timing = { deadline: null, signal: null };
    const maxRedirects = this.options.maxRedirects ?? 5;
    const redirects: string[] = [];
    let movedTo: string | null = null;
    let permanentSoFar = true;
    let current = start;
    for (;;) {
      assertUrlAllowed(current, this.guard);
      const at = current;
      const exchange = await this.limiter.run(
        at.host,
        async () => {
          await this.waitForSharedSlot(at.host, crawlDelayMs, request.signal);
          return this.exchange(at, request, kind, timing);
        },
        crawlDelayMs,
        request.signal,
      );
      if (exchange.type === 'redirect') {
        if (redirects.length >= maxRedirects) throw new AppError('FETCH_FAILED', `${start.href}: more than ${maxRedirects} redirects`);
        current = parseUrl(exchange.location, current);
        // only while every hop so far was permanent: after a temporary one, the move is not the address's
        permanentSoFar &&= exchange.permanent;
        if (permanentSoFar) movedTo = current.href;
        redirects.push(current.href);
        continue;
      }
      const base = {
        url: start.href,
        finalUrl: current.href,
        redirects,
        movedTo,
        status: exchange.status,
        headers: exchange.headers,
        etag: exchange.headers['etag'] ?? null,
        lastModified: exchange.headers['last-modified'] ?? null,
      };
      if (exchange.type === 'not-modified') return { ...base, notModified: true };
      const contentType = exchange.headers['content-type'] ?? null;
      const body = exchange.body;
      return { ...base, notModified: false, body, contentType, text: () => decodeBytes(body, { contentType }).text };
    }
  }

  /** Sends one GET and reads its answer inside the host's politeness slot. */
  private async exchange(url: URL, request: FetchRequest, kind: FetchKind, timing: Timing): Promise<Exchange> {
    const deadline = (timing.deadline ??= AbortSignal.timeout(this.options.fetchTimeoutMs));
    const signal = (timing.signal ??= request.signal ? AbortSignal.any([deadline, request.signal]) : deadline);
    const maxBytes = request.maxBytes ?? (kind === 'feed' ? this.options.feedMaxBytes : kind === 'robots' ? (this.options.robotsMaxBytes ?? 512 * 1024) : this.options.pageMaxBytes);
    const headers: Record<string, string> = {
      'user-agent': this.options.userAgent,
      accept: ACCEPT[kind],
      'accept-encoding': 'gzip, deflate, br',
      'accept-language': 'ar, en;q=0.5',
    };
    if (request.etag) headers['if-none-match'] = request.etag;
    if (request.lastModified) headers['if-modified-since'] = request.lastModified;
    let response: Dispatcher.ResponseData | undefined;
    try {
      response = await this.agent.request({ origin: url.origin, path: `${url.pathname}${url.search}`, method: 'GET', headers, signal });
      const status = response.statusCode;
      const responseHeaders = flattenHeaders(response.headers);
      if (status === 304) return discard(response, { type: 'not-modified', status, headers: responseHeaders });
      const location = responseHeaders['location'];
      if (status >= 300 && status < 400 && location) return discard(response, { type: 'redirect', location, permanent: status === 301 || status === 308 });
      if (status < 200 || status >= 300) {
        await response.body.dump().catch(() => undefined);
        throw httpError(url, status, parseRetryAfter(responseHeaders['retry-after'], this.now()));
      }
      const declared = Number(responseHeaders['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        response.body.destroy();
        throw tooLarge(url.href, maxBytes);
      }
      let body = await readBody(response.body, responseHeaders['content-encoding'] ?? null, maxBytes, url.href);
      if (body[0] === 0x1f && body[1] === 0x8b) body = await gunzipFile(body, maxBytes, url.href);
      return { type: 'body', status, headers: responseHeaders, body };
    } catch (error) {
      response?.body.destroy();
      throw this.toFetchError(error, url, request.signal, deadline);
    }
  }

  private toFetchError(error: unknown, url: URL, callerSignal: AbortSignal | undefined, deadline: AbortSignal): AppError {
    const appError = findInChain(error, isAppError);
    if (appError) return appError;
    if (deadline.aborted) return new AppError('TIMEOUT', `${url.href}: no complete response within ${this.options.fetchTimeoutMs} ms`, { cause: error });
    if (callerSignal?.aborted) return cancelled(url.href, error);
    const code = findInChain(error, (e): e is { code: string } => typeof (e as { code?: unknown }).code === 'string')?.code;
    if (code === 'UND_ERR_CONNECT_TIMEOUT') return new AppError('TIMEOUT', `${url.href}: no connection within ${this.options.connectTimeoutMs} ms`, { cause: error });
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      return new AppError('TIMEOUT', `${url.href}: the server stopped answering`, { cause: error });
    }
    const message = error instanceof Error ? error.message : String(error);
    return new AppError('FETCH_FAILED', `${url.href}: ${code ? `${code} ` : ''}${message}`, {
      cause: error,
      details: { code: code ?? null, retryable: isRetryableNetworkError(error) },
    });
  }

  private async fetchRobots(url: string): Promise<{ status: number; text: string }> {
    try {
      const result = await this.fetch(url, { kind: 'robots', signal: this.lifetime.signal });
      return { status: result.status, text: result.notModified ? '' : result.text() };
    } catch (error) {
      const status = isAppError(error) ? error.details?.['status'] : undefined;
      if (typeof status === 'number') return { status, text: '' };
      throw error;
    }
  }
}

function parseUrl(url: string, base?: URL): URL {
  try {
    return new URL(url, base);
  } catch {
    throw new AppError('BAD_INPUT', `not a valid URL: ${JSON.stringify(url)}`);
  }
}

/** A request its caller cancelled: no verdict on the server (the caller should not record it as a failure). */
function cancelled(url: string, cause: unknown): AppError {
  return new AppError('FETCH_FAILED', `${url}: request cancelled`, { cause, details: { cancelled: true } });
}

function httpError(url: URL, status: number, retryAfterMs: number | null): AppError {
  const wait = retryAfterMs === null ? '' : ` (retry after ${Math.round(retryAfterMs / 1000)} s)`;
  return new AppError('FETCH_FAILED', `${url.href}: HTTP ${status}${wait}`, {
    details: { status, retryable: isRetryableStatus(status), ...(retryAfterMs === null ? {} : { retryAfterMs }) },
  });
}

async function discard<T>(response: Dispatcher.ResponseData, value: T): Promise<T> {
  await response.body.dump().catch(() => undefined);
  return value;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function findInChain<T>(error: unknown, match: (e: unknown) => e is T): T | null {
  for (let e: unknown = error, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    if (match(e)) return e;
  }
  return null;
}

/** `Sada/0.1 (+https://...)` → `Sada`: the token robots.txt groups are matched against. */
function productToken(userAgent: string): string {
  return /^[^\s/]+/.exec(userAgent)?.[0] ?? 'Sada';
}
