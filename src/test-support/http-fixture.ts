import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

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
