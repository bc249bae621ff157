import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingMessage['headers'];
  rawBody: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  at: number;
}

/** A tiny HTTP receiver on 127.0.0.1 that records every POST; `failNext(n)` answers 500 to the next n. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private failures = 0;
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        const record: ReceivedWebhook = { headers: req.headers, rawBody, body: JSON.parse(rawBody || 'null'), at: Date.now() };
        if (this.failures > 0) {
          this.failures -= 1;
          this.received.push({ ...record, body: { ...record.body, rejected: true } });
          res.writeHead(500).end('down for maintenance');
          return;
        }
        this.received.push(record);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
    return this;
  }

  failNext(n: number): void {
    this.failures = n;
  }

  /** Accepted deliveries (2xx) only. */
  accepted(): ReceivedWebhook[] {
    return this.received.filter((r) => !r.body?.rejected);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
