import { Hono, type Context } from 'hono';
import { AppError } from '../core/errors.js';
import type { Store } from '../store/store.js';
import { mountApi } from './api/define.js';
import { openApiDocument } from './api/openapi.js';
import { apiRoutes } from './api/routes.js';
import { loadAssets } from './assets.js';
import { directFeedSource } from './direct-source.js';
import { mountFeeds } from './feeds/routes.js';
import { errorBody, errorStatus, logError, toHttpError, wantsHtml } from './http-errors.js';
import { silentLogger, type ServerLogger } from './logger.js';
import { createMetrics, type SadaMetrics } from './metrics.js';
import { httpMetrics } from './middleware/http-metrics.js';
import { rateLimit } from './middleware/rate-limit.js';
import { DEFAULT_LIMITS, requestLimits, type RequestLimits } from './middleware/request-limits.js';
import { securityHeaders } from './middleware/security-headers.js';
import { publicReadCors } from './middleware/public-read-cors.js';
import { trimTrailingSlash } from './middleware/trailing-slash.js';
import { ErrorPage, readerMessage } from './pages/error.js';
import { createFormatter, negotiateLocale, type Formatter } from './pages/format.js';
import type { PageEnv } from './pages/layout.js';
import { html, mountPages } from './pages/routes.js';
import { sendCached } from './http-cache.js';
import { Reader, type ReaderOptions } from './read/reader.js';
import { SourceDirectory } from './read/source-names.js';
import { SearchRunner } from './search-runner.js';
import type { AddSource, Clock, SearchService } from './services.js';

export interface ServerOptions {
  store: Store;
  /** Full-text search; without it the search page and API report that search is unavailable. */
  search?: SearchService;
  /** Adds a source from a URL (feed discovery); defaults to storing the URL as a feed. */
  addSource?: AddSource;
  /** Bearer token for admin operations; empty refuses them all. */
  adminToken?: string;
  /**
   * The origin readers reach the server at (https://news.example), for the absolute URLs of feeds: their
   * ids must not change with the Host a request names, nor be the internal address behind a proxy.
   * Without it, each request's own origin.
   */
  publicUrl?: string;
  logger?: ServerLogger;
  metrics?: SadaMetrics;
  clock?: Clock;
  /** Time zone of displayed dates (IANA name). */
  timeZone?: string;
  /** Requests per minute per client: API (and feeds) and search; 0 disables. */
  rateLimit?: { apiPerMinute: number; searchPerMinute: number };
  limits?: Partial<RequestLimits>;
  reader?: Partial<ReaderOptions>;
  version?: string;
  /** Called after a source is added or removed (e.g. to wake the fetch scheduler). */
  onSourcesChanged?: () => void;
}

export const API_PREFIX = '/api/v1';

/**
 * Builds the web application (pages, API, feeds, health, metrics) over injected services. It opens nothing
 * and listens nowhere: `startServer` (listen.ts) does that, tests call `app.request()` directly.
 */
export function createServer(options: ServerOptions): Hono {
  const { store } = options;
  const clock = options.clock ?? Date.now;
  const logger = options.logger ?? silentLogger;
  const metrics = options.metrics ?? createMetrics();
  const adminToken = options.adminToken ?? '';
  const timeZone = options.timeZone ?? 'UTC';
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const rates = options.rateLimit ?? { apiPerMinute: 600, searchPerMinute: 120 };
  const assets = loadAssets();
  const sources = new SourceDirectory(store, clock);
  const reader = new Reader(store, sources, clock, options.reader);
  const search = new SearchRunner(options.search);
  const addSource = options.addSource ?? directFeedSource(store, clock);
  const apiLimit = rateLimit({ perMinute: rates.apiPerMinute, clock });
  const searchLimit = rateLimit({ perMinute: rates.searchPerMinute, clock });
  const onSourcesChanged = () => {
    sources.clear();
    reader.clearCache();
    options.onSourcesChanged?.();
  };

  const formatters = new Map<string, { minute: number; fmt: Formatter }>();
  const pageEnv = (c: Context, q?: string): PageEnv => {
    const locale = negotiateLocale(c.req.header('accept-language'));
    const now = clock();
    // Relative times change by the minute; a formatter is reused within one minute and locale.
    const minute = Math.floor(now / 60_000);
    let entry = formatters.get(locale);
    if (!entry || entry.minute !== minute) {
      entry = { minute, fmt: createFormatter({ locale, timeZone, now }) };
      if (formatters.size > 50) formatters.clear();
      formatters.set(locale, entry);
    }
    return { fmt: entry.fmt, stylesheet: assets.stylesheet.path, ...(q ? { q } : {}) };
  };

  const app = new Hono();

  const respondError = async (error: unknown, c: Context) => {
    const e = toHttpError(error);
    logError(logger, c, e);
    const status = errorStatus(e);
    c.header('Cache-Control', 'no-store');
    // a 401 names the scheme that would be accepted (RFC 9110 11.6.1, RFC 6750)
    if (status === 401) c.header('WWW-Authenticate', 'Bearer realm="sada"');
    if (wantsHtml(c)) {
      return html(c, <ErrorPage env={pageEnv(c)} status={status} message={readerMessage(status, e.message)} />, status);
    }
    return c.json(errorBody(e), status as 400);
  };
  app.onError(respondError);
  app.notFound((c) => respondError(new AppError('NOT_FOUND', wantsHtml(c) ? 'لا توجد صفحة بهذا العنوان.' : `no route for ${c.req.method} ${c.req.path}`), c));

  app.use('*', securityHeaders());
  app.use('*', publicReadCors());
  app.use('*', httpMetrics(metrics));
  app.use('*', ...requestLimits(limits));
  app.use('*', trimTrailingSlash());
  app.use('*', async (c, next) => {
    await next();
    // a 304 must carry the Cache-Control and Vary its 200 would (RFC 9110 15.4.5)
    if ((c.req.method === 'GET' || c.req.method === 'HEAD') && (c.res.status === 200 || c.res.status === 304) && !c.res.headers.has('Cache-Control')) {
      c.header('Cache-Control', 'public, max-age=30');
      // pages format dates for the reader's language; API answers and feeds are the same for every client, and
      // a Vary they do not need splits what shared caches hold of them by every Accept-Language sent
      if (wantsHtml(c)) c.header('Vary', 'Accept-Language');
    }
  });

  app.get('/assets/*', (c) => {
    const asset = assets.byPath.get(c.req.path);
    if (!asset) throw new AppError('NOT_FOUND', 'no such asset');
    c.header('Content-Type', asset.type);
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.body(asset.body as Uint8Array<ArrayBuffer>);
  });

  app.get('/healthz', async (c) => {
    c.header('Cache-Control', 'no-store');
    try {
      await store.ping();
    } catch (error) {
      throw new AppError('UNAVAILABLE', 'the database does not answer', { cause: error });
    }
    return c.json({ status: 'ok' });
  });

  app.get('/metrics', async (c) => {
    c.header('Cache-Control', 'no-store');
    // queue lag is read from the store at scrape time: how long the most overdue source has been waiting
    const now = clock();
    const [overdue] = await store.dueSources(now, 1);
    metrics.queueLag.set(overdue?.nextCheck != null ? Math.max(0, (now - overdue.nextCheck) / 1000) : 0);
    c.header('Content-Type', metrics.registry.contentType);
    return c.body(await metrics.registry.metrics());
  });

  const routes = apiRoutes({ store, reader, search, addSource, onSourcesChanged });
  const document = openApiDocument(routes, { version: options.version ?? '0.1.0', prefix: API_PREFIX, maxUrlLength: limits.maxUrlLength });
  const documentText = JSON.stringify(document);
  app.get('/api/openapi.json', (c) => sendCached(c, documentText, 'application/json; charset=utf-8'));
  app.use(`${API_PREFIX}/*`, async (c, next) => {
    await next();
    // HEAD is answered by the GET handlers and must carry GET's headers
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') c.header('Cache-Control', 'no-store');
  });
  mountApi(app, API_PREFIX, routes, { adminToken, readOnly: store.readOnly !== null, limits: { api: apiLimit, search: searchLimit } });
  app.use('/feeds/*', apiLimit);
  mountFeeds(app, { store, reader, search, searchLimit, publicUrl: options.publicUrl ? options.publicUrl.replace(/\/$/, '') : null });
  mountPages(app, { store, reader, search, addSource, adminToken, env: pageEnv, searchLimit, onSourcesChanged });
  return app;
}
