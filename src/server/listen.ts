import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
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
    server.on('clientError', answerClientError);
    server.once('error', reject);
  });
}

const CLIENT_ERRORS: Record<string, [status: number, reason: string, code: string, message: string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'TOO_LARGE', 'the request URL and headers are larger than 16 KB'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'TIMEOUT', 'the request was not received in time'],
  // what a client sending Arabic as raw UTF-8 (`?q=مكة`) gets: it was told only that the request was not HTTP
  HPE_INVALID_URL: [400, 'Bad Request', 'BAD_INPUT', 'the request URL holds characters it may not carry as they are: percent-encode them (?q=%D9%85%D9%83%D8%A9 for ?q=مكة)'],
};

/**
 * Answers a request Node's parser refused before the app saw it (a URL over 16 KB, garbled bytes). Node's
 * own answer has no body; ours is the JSON error every other refusal gives. As Node does, nothing is
 * written once a response on this connection has begun.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, reason, code, message] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'Bad Request', 'BAD_INPUT', 'the request could not be parsed as HTTP'];
  const body = JSON.stringify({ error: { code, message } });
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
