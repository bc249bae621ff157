import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { WebhooksRepository } from '@threadline/db';
import type { CoreConfig } from '../config/config';
import { SecretBox } from '../crypto/secret-box';
import { WebhooksService } from './webhooks.service';

function service(allowPrivate: boolean) {
  const createEndpoint = jest.fn(async (fields: object) => ({ id: 'w1', ...fields }));
  const repo = { createEndpoint } as unknown as WebhooksRepository;
  const config = { WEBHOOK_ALLOW_PRIVATE_URLS: allowPrivate } as CoreConfig;
  return { createEndpoint, webhooks: new WebhooksService(repo, new SecretBox(randomBytes(32).toString('base64')), {} as Client, config) };
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
