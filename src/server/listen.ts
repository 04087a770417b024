import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Hono } from 'hono';

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:8080. */
  url: string;
  port: number;
  /** Stops accepting connections and waits for open ones to finish (at most `graceMs`). */
  close(graceMs?: number): Promise<void>;
}

/** Listens with Node's HTTP server. Port 0 picks a free port (tests). */
export function startServer(app: Hono, options: { host: string; port: number }): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: options.host, port: options.port }, (info: AddressInfo) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        close(graceMs = 5_000) {
          return new Promise<void>((done) => {
            const timer = setTimeout(() => {
              if ('closeAllConnections' in server) server.closeAllConnections();
            }, graceMs);
            timer.unref();
            server.close(() => {
              clearTimeout(timer);
              done();
            });
            if ('closeIdleConnections' in server) server.closeIdleConnections();
          });
        },
      });
    });
    server.once('error', reject);
  });
}
