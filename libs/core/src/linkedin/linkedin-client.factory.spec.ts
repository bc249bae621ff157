import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AccountsRepository, LinkedinAccountEntity } from '@threadline/db';
import { ProxyAgentPool } from '@threadline/linkedin';
import { TestProxy } from '../../../../test/support/test-proxy';
import type { CoreConfig } from '../config/config';
import { SecretBox } from '../crypto/secret-box';
import { LinkedInClientFactory } from './linkedin-client.factory';

// Real sockets: a LinkedIn stand-in and two CONNECT proxies on loopback; each CONNECT is a new tunnel.
describe('LinkedInClientFactory proxy agents', () => {
  let linkedin: Server;
  let baseUrl: string;
  let proxyA: TestProxy;
  let proxyB: TestProxy;

  beforeAll(async () => {
    linkedin = createServer((_req, res) => res.writeHead(401).end());
    await new Promise<void>((resolve) => linkedin.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(linkedin.address() as AddressInfo).port}`;
    [proxyA, proxyB] = await Promise.all([new TestProxy('tunnel').start(), new TestProxy('tunnel').start()]);
  });
  afterAll(async () => {
    await Promise.all([proxyA.stop(), proxyB.stop()]);
    await new Promise<void>((resolve) => linkedin.close(() => resolve()));
  });

  function setup() {
    const box = new SecretBox(randomBytes(32).toString('base64'));
    const secrets = { cookiesEncrypted: box.sealJson({ liAt: 'li-at', jsessionId: '"ajax:1"' }), proxyEncrypted: box.seal(proxyA.url()) };
    const accounts = { findSecrets: jest.fn(async () => ({ ...secrets })) };
    const config = { PROXY_ALLOW_PRIVATE_URLS: true, LINKEDIN_BASE_URL: baseUrl } as CoreConfig;
    const factory = new LinkedInClientFactory(accounts as unknown as AccountsRepository, box, config);
    const account = { id: 'acc-1', workspaceId: 'ws', userAgent: 'UA', baseUrl: null, profileUrn: 'urn:li:fsd_profile:ACoAAx' } as LinkedinAccountEntity;
    const useProxy = (url: string) => (secrets.proxyEncrypted = box.seal(url));
    // One call as an activity makes it: a client of its own, released at the end; undici frees the connection a turn later.
    const call = async () => {
      await factory.use(account, (c) => c.me().catch(() => undefined));
      await new Promise((resolve) => setImmediate(resolve));
    };
    return { factory, call, useProxy };
  }

  it('does share one agent between the clients of an account (one tunnel), and open a new one for a changed proxy URL', async () => {
    const lease = jest.spyOn(ProxyAgentPool.prototype, 'lease');
    const agents = () => lease.mock.results.map((r) => (r.value as { agent: { closed: boolean } }).agent);
    const { factory, call, useProxy } = setup();
    await call();
    await call();
    expect(agents()).toHaveLength(2);
    expect(agents()[1]).toBe(agents()[0]);
    expect(proxyA.connects).toHaveLength(1);

    useProxy(proxyB.url());
    await call();
    await call();
    expect(agents()[2]).not.toBe(agents()[0]);
    expect(agents()[3]).toBe(agents()[2]);
    expect(agents()[0]!.closed).toBe(true);
    expect(proxyA.connects).toHaveLength(1);
    expect(proxyB.connects).toHaveLength(1);
    await factory.onModuleDestroy();
    expect(agents()[2]!.closed).toBe(true);
    lease.mockRestore();
  });
});
