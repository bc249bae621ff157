import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';

/** How the proxy treats a CONNECT: tunnel it, never answer it (the socket stays open), or ask for credentials. */
export type ProxyMode = 'tunnel' | 'silent' | 'auth-required';

/** A tiny HTTP CONNECT proxy on 127.0.0.1 that records what it was asked. */
export class TestProxy {
  readonly connects: Array<{ target: string; authorization?: string }> = [];
  private readonly sockets = new Set<Socket>();
  private server!: Server;
  port = 0;

  constructor(public mode: ProxyMode) {}

  async start(): Promise<this> {
    this.server = createServer((_req, res) => res.writeHead(405).end());
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
      this.connects.push({ target: req.url ?? '', authorization: req.headers['proxy-authorization'] });
      client.on('error', () => undefined);
      if (this.mode === 'silent') return;
      if (this.mode === 'auth-required') return void client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n');
      const [host, port] = (req.url ?? '').split(':');
      const upstream = connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client).pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** The proxy URL with credentials, as a tenant would give it. */
  url(credentials = 'proxyuser:proxy-secret-pw'): string {
    return `http://${credentials}@127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
