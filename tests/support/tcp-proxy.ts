import { createConnection, createServer, Server, Socket } from 'node:net';

export type ProxyMode = 'pass' | 'reset' | 'blackhole';

/**
 * A TCP proxy between the app and a server (PostgreSQL, Redis) that makes network faults on demand: `pass` forwards,
 * `reset` resets every connection (and each new one at once), `blackhole` keeps connections open but drops every
 * byte in both directions, as a network that silently loses packets.
 */
export class TcpProxy {
  mode: ProxyMode = 'pass';
  private readonly pairs = new Set<[Socket, Socket]>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static start(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
    return new Promise((resolve) => {
      let proxy: TcpProxy;
      const server = createServer((client) => {
        if (proxy.mode === 'reset') return client.resetAndDestroy();
        const upstream = createConnection(targetPort, targetHost);
        const pair: [Socket, Socket] = [client, upstream];
        proxy.pairs.add(pair);
        const forward = (from: Socket, to: Socket) =>
          from.on('data', (chunk) => {
            if (proxy.mode === 'pass') to.write(chunk);
          });
        forward(client, upstream);
        forward(upstream, client);
        const end = () => {
          proxy.pairs.delete(pair);
          client.destroy();
          upstream.destroy();
        };
        client.on('error', end).on('close', end);
        upstream.on('error', end).on('close', end);
      });
      server.listen(0, '127.0.0.1', () => {
        proxy = new TcpProxy(server, (server.address() as { port: number }).port);
        resolve(proxy);
      });
    });
  }

  /** Changes the mode; `reset` also resets the connections open now. */
  set(mode: ProxyMode): void {
    this.mode = mode;
    if (mode !== 'reset') return;
    for (const [client, upstream] of this.pairs) {
      client.resetAndDestroy();
      upstream.destroy();
    }
    this.pairs.clear();
  }

  close(): Promise<void> {
    this.set('reset');
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
