import { randomBytes } from 'node:crypto';
import dnsPromises from 'node:dns/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import type { WebhooksRepository } from '@threadline/db';
import type { CoreConfig } from '../config/config';
import { SecretBox } from '../crypto/secret-box';
import { WebhooksService } from './webhooks.service';

const box = new SecretBox(randomBytes(32).toString('base64'));

function service(allowPrivate: boolean, url = 'http://127.0.0.1:9/hooks') {
  const createEndpoint = jest.fn(async (fields: object) => ({ id: 'w1', ...fields }));
  const recordAttempt = jest.fn(async () => undefined);
  const findTarget = jest.fn(async () => ({
    delivery: { id: 'd1', status: 'pending', eventId: 'evt_1', event: 'message.received', payload: { id: 'evt_1' } },
    url,
    secretEncrypted: box.seal('whsec_test'),
    endpointDeleted: false,
  }));
  const repo = { createEndpoint, findTarget, recordAttempt } as unknown as WebhooksRepository;
  const config = { WEBHOOK_ALLOW_PRIVATE_URLS: allowPrivate, WEBHOOK_TIMEOUT_MS: 5000 } as CoreConfig;
  return { createEndpoint, recordAttempt, webhooks: new WebhooksService(repo, box, {} as Client, config) };
}

const auth = { workspaceId: 'ws', apiKeyId: 'k' };

describe('WebhooksService.create', () => {
  it('refuses an internal receiver with a 400 naming url when private URLs are not allowed', async () => {
    const { webhooks, createEndpoint } = service(false);
    await expect(webhooks.create(auth, { url: 'http://169.254.169.254/latest' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'url' });
    expect(createEndpoint).not.toHaveBeenCalled();
  });

  it('accepts a loopback receiver when private URLs are allowed (local development)', async () => {
    const { webhooks, createEndpoint } = service(true);
    const created = await webhooks.create(auth, { url: 'http://127.0.0.1:9999/hooks' });
    expect(createEndpoint).toHaveBeenCalledTimes(1);
    expect(created.secret).toMatch(/^whsec_/);
  });
});

// Real sockets and the real resolver: `localhost` resolves to loopback, where a receiver listens.
describe('WebhooksService.deliver', () => {
  let server: Server;
  let port: number;
  let received: number;

  beforeAll(async () => {
    server = createServer((req, res) => {
      received++;
      req.resume();
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  beforeEach(() => {
    received = 0;
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('does refuse at connect time a name that resolved to a public address when checked and to loopback when connecting (DNS rebinding)', async () => {
    // The rebinding resolver: a public answer to whoever checks first; the socket's own lookup then gets loopback.
    jest.spyOn(dnsPromises, 'lookup').mockResolvedValue([{ address: '93.184.216.34', family: 4 }] as never);
    const { webhooks, recordAttempt } = service(false, `http://localhost:${port}/hooks`);
    await expect(webhooks.deliver('d1', 1)).rejects.toThrow(/localhost resolves only to non-public addresses/);
    expect(received).toBe(0);
    expect(recordAttempt).toHaveBeenCalledWith('d1', null, expect.stringContaining('non-public'));
    await webhooks.onModuleDestroy();
  });

  it('does refuse a loopback literal before connecting', async () => {
    const { webhooks, recordAttempt } = service(false, `http://[::ffff:127.0.0.1]:${port}/hooks`);
    await expect(webhooks.deliver('d1', 1)).rejects.toThrow(/not a public address/);
    expect(received).toBe(0);
    expect(recordAttempt).toHaveBeenCalledWith('d1', null, expect.stringContaining('WEBHOOK_ALLOW_PRIVATE_URLS'));
    await webhooks.onModuleDestroy();
  });

  it('does deliver to a loopback receiver when private URLs are allowed', async () => {
    const { webhooks, recordAttempt } = service(true, `http://localhost:${port}/hooks`);
    await expect(webhooks.deliver('d1', 1)).resolves.toBe('delivered');
    expect(received).toBe(1);
    expect(recordAttempt).toHaveBeenCalledWith('d1', 204, null);
    await webhooks.onModuleDestroy();
  });
});

describe('WebhooksService.redeliver', () => {
  const endpointId = '00000000-0000-4000-8000-0000000000e1';
  const deliveryId = '00000000-0000-4000-8000-0000000000d1';

  function redeliverable(reopened: number | null) {
    const delivery = { id: deliveryId, status: reopened === null ? 'delivered' : 'pending', redeliveries: reopened ?? 0 };
    const repo = {
      findEndpoint: jest.fn(async () => ({ id: endpointId })),
      findDelivery: jest.fn(async (_ws: string, _endpoint: string, id: string) => (id === deliveryId ? delivery : null)),
      reopenFailed: jest.fn(async () => reopened),
    };
    const start = jest.fn(async () => undefined);
    const temporal = { workflow: { start } } as unknown as Client;
    const config = { WEBHOOK_RETRY_INITIAL_SECONDS: 10, WEBHOOK_MAX_ATTEMPTS: 10 } as CoreConfig;
    return { repo, start, webhooks: new WebhooksService(repo as unknown as WebhooksRepository, box, temporal, config) };
  }

  it('starts a run of its own for a failed delivery (the same delivery, the next redelivery number)', async () => {
    const { webhooks, start, repo } = redeliverable(2);
    await expect(webhooks.redeliver(auth, endpointId, deliveryId)).resolves.toMatchObject({ id: deliveryId, status: 'pending' });
    expect(repo.reopenFailed).toHaveBeenCalledWith('ws', deliveryId);
    expect(start).toHaveBeenCalledWith('webhookDeliveryWorkflow', expect.objectContaining({ workflowId: `webhook:${deliveryId}:redelivery-2`, args: [expect.objectContaining({ deliveryId })] }));
  });

  it('answers a delivered or pending delivery as it is, starting nothing', async () => {
    const { webhooks, start } = redeliverable(null);
    await expect(webhooks.redeliver(auth, endpointId, deliveryId)).resolves.toMatchObject({ status: 'delivered' });
    expect(start).not.toHaveBeenCalled();
  });

  it('answers 404 NOT_FOUND naming deliveryId for a delivery of another endpoint or workspace, or no uuid', async () => {
    const { webhooks } = redeliverable(1);
    for (const id of ['00000000-0000-4000-8000-0000000000ff', 'nope']) {
      await expect(webhooks.redeliver(auth, endpointId, id)).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'deliveryId' });
    }
  });
});
