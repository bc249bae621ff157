import type { AccountRunsService } from '../accounts/account-runs.service';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AccountsRepository, ConversationsRepository } from '@threadline/db';
import { LinkedInError } from '@threadline/linkedin';
import { TestProxy } from '../../../../test/support/test-proxy';
import type { AccountStatusEvents } from '../accounts/account-status-events';
import { AccountsService } from '../accounts/accounts.service';
import type { CoreConfig } from '../config/config';
import { SecretBox } from '../crypto/secret-box';
import { LinkedInClientFactory } from './linkedin-client.factory';
import { toDomainError } from './linkedin-failure';

const cookies = { liAt: 'AQEDAR-li-at-cookie', jsessionId: '"ajax:1234567890"', userAgent: 'Mozilla/5.0 (test agent)' };
const auth = { workspaceId: 'ws', apiKeyId: 'k' };

function setup(allowPrivate: boolean, baseUrl = 'https://www.linkedin.com') {
  const config = { PROXY_ALLOW_PRIVATE_URLS: allowPrivate, LINKEDIN_BASE_URL: baseUrl, LINKEDIN_ALLOWED_BASE_URLS: '' } as CoreConfig;
  const box = new SecretBox(randomBytes(32).toString('base64'));
  const factory = new LinkedInClientFactory({} as AccountsRepository, box, config);
  const forSession = jest.spyOn(factory, 'forSession');
  const accounts = new AccountsService({} as AccountsRepository, factory, box, config, {} as AccountStatusEvents, {} as ConversationsRepository, {} as AccountRunsService);
  return { factory, forSession, accounts };
}

describe('proxy address policy', () => {
  let linkedin: Server;
  let baseUrl: string;
  let proxy: TestProxy;

  beforeAll(async () => {
    linkedin = createServer((_req, res) => res.writeHead(401).end());
    await new Promise<void>((resolve) => linkedin.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(linkedin.address() as AddressInfo).port}`;
    proxy = await new TestProxy('tunnel').start();
  });
  afterAll(async () => {
    await proxy.stop();
    await new Promise<void>((resolve) => linkedin.close(() => resolve()));
  });
  beforeEach(() => proxy.connects.splice(0));

  it.each(['http://user:pw@10.0.0.1:8080', 'http://user:pw@[::ffff:127.0.0.1]:3128', 'https://user:pw@169.254.169.254', 'http://user:pw@localhost:3128'])(
    'does refuse to connect an account through %s with a 400 naming proxyUrl, without asking LinkedIn',
    async (proxyUrl) => {
      const { accounts, forSession } = setup(false);
      const error = await accounts.connect(auth, { ...cookies, proxyUrl }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'proxyUrl', message: expect.stringContaining('PROXY_ALLOW_PRIVATE_URLS') });
      expect((error as Error).message).not.toContain('pw');
      expect(forSession).not.toHaveBeenCalled();
    },
  );

  it('does refuse a stored proxy on a private literal before using it', () => {
    const { factory } = setup(false);
    expect(() => factory.forSession({ ...cookies, proxyUrl: 'http://user:pw@192.168.1.20:3128' }, null)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'proxyUrl' }));
  });

  it('does refuse, when connecting, a proxy name that resolves to a private address (the connect-time lookup)', async () => {
    const { factory } = setup(false, baseUrl);
    const client = factory.forSession({ ...cookies, proxyUrl: `http://user:pw@localhost:${proxy.port}` }, null);
    const error = await client.me().catch((e: unknown) => e);
    await client.close();
    expect(error).toBeInstanceOf(LinkedInError);
    expect(error).toMatchObject({ code: 'temporary', reason: 'proxy', message: expect.stringContaining('localhost resolves only to non-public addresses') });
    expect(proxy.connects).toHaveLength(0);
    expect(toDomainError(error)).toMatchObject({ code: 'LINKEDIN_UNAVAILABLE', field: 'proxyUrl', message: (error as Error).message });
  });

  it('does use a proxy on the local network when the operator allows it', async () => {
    const { factory } = setup(true, baseUrl);
    const client = factory.forSession({ ...cookies, proxyUrl: `http://user:pw@localhost:${proxy.port}` }, null);
    const error = await client.me().catch((e: unknown) => e);
    await client.close();
    expect(error).toMatchObject({ code: 'auth_expired' }); // LinkedIn's 401, reached through the proxy
    expect(proxy.connects).toEqual([expect.objectContaining({ target: baseUrl.replace('http://', '') })]);
  });
});
