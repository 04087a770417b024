import type { MiddlewareHandler } from 'hono';

/**
 * An address typed or pasted with a trailing slash (`/latest/`, `/story/12/`) that nothing answers is sent,
 * with a 301, to the same address without it. The Location is relative to this host, and a path that begins
 * with two slashes is left alone: `//host/` trimmed to `//host` would be read as another host's address.
 */
export function trimTrailingSlash(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const method = c.req.method;
    const path = c.req.path;
    if (c.res.status !== 404 || (method !== 'GET' && method !== 'HEAD')) return;
    if (path.length < 3 || !path.endsWith('/') || path.startsWith('//') || path.includes('//')) return;
    const url = new URL(c.req.url);
    c.res = new Response(null, { status: 301, headers: { Location: `${url.pathname.slice(0, -1)}${url.search}`, 'Cache-Control': 'public, max-age=3600' } });
  };
}
