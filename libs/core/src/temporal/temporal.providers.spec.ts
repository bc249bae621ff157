import { createServer, type Server } from 'node:net';
import { Connection, isGrpcDeadlineError } from '@temporalio/client';
import { serviceUnavailableFrom } from '../infra/service-unavailable';
import { boundedRetryInterceptor } from './temporal.providers';

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function timed(call: () => Promise<unknown>): Promise<{ ms: number; err: unknown }> {
  const start = Date.now();
  try {
    await call();
    return { ms: Date.now() - start, err: null };
  } catch (err) {
    return { ms: Date.now() - start, err };
  }
}

describe('boundedRetryInterceptor', () => {
  it('reports a Temporal that refuses connections within the outage budget, as SERVICE_UNAVAILABLE', async () => {
    const connection = Connection.lazy({ address: `127.0.0.1:${await closedPort()}`, interceptors: [boundedRetryInterceptor(1000, 30_000)] });
    try {
      const { ms, err } = await timed(() => connection.workflowService.getSystemInfo({}));
      expect(serviceUnavailableFrom(err)?.code).toBe('SERVICE_UNAVAILABLE');
      // The SDK's own retries take about 20 s here; slack over the 1 s budget for a loaded machine.
      expect(ms).toBeLessThan(3000);
    } finally {
      await connection.close();
    }
  });

  it('gives a call without a deadline a default one, so a server that accepts and never answers cannot hold a request', async () => {
    const sockets = new Set<import('node:net').Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    const connection = Connection.lazy({ address: `127.0.0.1:${await listen(silent)}`, interceptors: [boundedRetryInterceptor(1000, 1500)] });
    try {
      const { ms, err } = await timed(() => connection.workflowService.getSystemInfo({}));
      expect(isGrpcDeadlineError(err)).toBe(true);
      expect(serviceUnavailableFrom(err)?.code).toBe('SERVICE_UNAVAILABLE');
      expect(ms).toBeGreaterThanOrEqual(1400);
      expect(ms).toBeLessThan(4000);
    } finally {
      await connection.close();
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  it('keeps an explicit deadline (a result long poll) instead of the default one', async () => {
    const sockets = new Set<import('node:net').Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    const connection = Connection.lazy({ address: `127.0.0.1:${await listen(silent)}`, interceptors: [boundedRetryInterceptor(1000, 10_000)] });
    try {
      const { ms, err } = await timed(() => connection.withDeadline(Date.now() + 500, () => connection.workflowService.getSystemInfo({})));
      expect(isGrpcDeadlineError(err)).toBe(true);
      expect(ms).toBeLessThan(4000);
    } finally {
      await connection.close();
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });
});
