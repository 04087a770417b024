import net from 'node:net';

/** A TCP relay to host:port on a fixed local port, which `stop` closes (cutting its connections) and `start` reopens. */
export async function tcpRelay(host: string, port: number): Promise<{ port: number; start(): Promise<void>; stop(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let local = 0;
  const start = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((inbound) => {
        const outbound = net.connect(port, host);
        for (const s of [inbound, outbound]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => undefined);
        }
        inbound.pipe(outbound).pipe(inbound);
      });
      server.listen(local, '127.0.0.1', () => {
        local = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      if (!server) return resolve();
      server.close(() => resolve());
      server = null;
    });
  await start();
  return { port: local, start, stop };
}
