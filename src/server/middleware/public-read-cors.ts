import type { MiddlewareHandler } from 'hono';

/** Addresses whose GET answers are public data any web page may read: the JSON API and the feeds. */
function isPublicRead(path: string): boolean {
  return path.startsWith('/api/') || path.startsWith('/feeds/');
}

const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * Cross-origin reading of the API and the feeds: a news web app or a feed reader running in a browser on
 * another origin may GET them (`Access-Control-Allow-Origin: *`, and a resource policy that lets other
 * origins load them). Nothing else is opened: admin calls (POST, DELETE) get no CORS headers, so a page on
 * another origin can neither send them with a token through a preflight nor read their answers, and reader
 * pages stay same-origin. No credentials are involved: the API reads no cookies, and `*` forbids them.
 * A preflight is answered only for GET/HEAD with the conditional and content-negotiation headers a reader
 * of cached answers sends.
 */
export function publicReadCors(): MiddlewareHandler {
  return async (c, next) => {
    const path = c.req.path;
    if (!isPublicRead(path)) return next();
    if (c.req.method === 'OPTIONS' && c.req.header('origin') && c.req.header('access-control-request-method')) {
      if (!READ_METHODS.has(c.req.header('access-control-request-method')!.toUpperCase())) return next();
      return new Response(null, {
        status: 204,
        headers: {
          'Access-Control-Allow-Origin': '*',
          'Access-Control-Allow-Methods': 'GET, HEAD',
          'Access-Control-Allow-Headers': 'Accept, If-None-Match, If-Modified-Since',
          'Access-Control-Max-Age': '86400',
          'Cross-Origin-Resource-Policy': 'cross-origin',
        },
      });
    }
    await next();
    if (!READ_METHODS.has(c.req.method)) return;
    const h = c.res.headers;
    h.set('Access-Control-Allow-Origin', '*');
    // ETag for conditional requests, Retry-After on a 429, Link/Allow where given: readable by the page.
    h.set('Access-Control-Expose-Headers', 'ETag, Retry-After, Allow');
    h.set('Cross-Origin-Resource-Policy', 'cross-origin');
  };
}
