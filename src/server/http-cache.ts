import { createHash } from 'node:crypto';
import type { Context } from 'hono';

/**
 * Sends a text body with a strong ETag computed synchronously from the rendered text (hono's etag middleware
 * hashes through WebCrypto, which hops to the thread pool on every request), answering 304 when the client
 * already holds it.
 */
export function sendCached(c: Context, body: string, contentType: string, status = 200): Response {
  const tag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  c.header('ETag', tag);
  c.header('Content-Type', contentType);
  if (status === 200 && matches(c.req.header('if-none-match'), tag)) return c.body(null, 304);
  return c.body(body, status as 200);
}

function matches(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === tag);
}
