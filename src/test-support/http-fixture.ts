import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';

/** A request as the fixture server saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  at: number;
}

export interface FixtureServer {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  origin: string;
  port: number;
  requests: SeenRequest[];
  /** Requests being answered right now, and the most at once so far. */
  inFlight: { now: number; max: number };
  close(): Promise<void>;
}

export type FixtureHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

/**
 * An HTTP server on 127.0.0.1 with a random port for tests that need real HTTP. It records every request,
 * and `close()` also cuts connections a test left hanging (stalling servers).
 */
export async function startFixtureServer(handler: FixtureHandler): Promise<FixtureServer> {
  const requests: SeenRequest[] = [];
  const inFlight = { now: 0, max: 0 };
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, at: performance.now() });
    inFlight.now++;
    inFlight.max = Math.max(inFlight.max, inFlight.now);
    res.on('close', () => inFlight.now--);
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    inFlight,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const STATIC_TYPES: Record<string, string> = { '.xml': 'application/rss+xml', '.html': 'text/html', '.txt': 'text/plain', '.json': 'application/feed+json' };

/**
 * Serves a fixture directory (`/` is `index.html`) with content types but no charset parameter, so documents
 * must declare their own encoding. With `etags`, an unchanged file answers a conditional request with 304.
 */
export function startStaticServer(root: string, options: { etags?: boolean } = {}): Promise<FixtureServer> {
  return startFixtureServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = join(root, path === '/' ? 'index.html' : normalize(path).replace(/^(\.\.[/\\])+/, ''));
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404);
      return res.end();
    }
    const body = readFileSync(file);
    const headers: Record<string, string> = { 'content-type': STATIC_TYPES[extname(file)] ?? 'application/octet-stream' };
    if (options.etags) {
      headers['etag'] = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
      if (req.headers['if-none-match'] === headers['etag']) {
        res.writeHead(304, { etag: headers['etag'] });
        return res.end();
      }
    }
    res.writeHead(200, headers);
    return res.end(body);
  });
}
