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
    if (c.res.status !== 404 || (method !== 'GET' && method !== 'HEAD') || !c.req.path.endsWith('/')) return;
    // The parsed path decides, not the raw one: a URL parser reads `\` as `/`, so `/\host/` is `//host/` too.
    const url = new URL(c.req.url);
    if (!url.pathname.endsWith('/')) return;
    const location = `${url.pathname.slice(0, -1)}${url.search}`;
    // `/` itself has nothing to trim; `//…` anywhere would name another host or a path that is no address here.
    if (!/^\/[^/\\]/.test(location) || location.includes('//')) return;
    c.res = new Response(null, { status: 301, headers: { Location: location, 'Cache-Control': 'public, max-age=3600' } });
  };
}
