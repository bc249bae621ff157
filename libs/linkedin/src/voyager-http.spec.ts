import { createServer, type Server } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { inspect } from 'node:util';
import { TestProxy } from '../../../test/support/test-proxy';
import { PROFILES } from './build-headers';
import { LinkedInClient } from './client';
import { LinkedInError } from './linkedin-error';
import type { LinkedInSession } from './session';
import { VoyagerHttp } from './voyager-http';

const session: LinkedInSession = { liAt: 'li-at-secret', jsessionId: '"ajax:42"', userAgent: 'UA/1.0' };

describe('cookie scope', () => {
  function recording() {
    const seen: Array<{ url: string; cookie?: string; csrf?: string }> = [];
    const fetchImpl = jest.fn(async (input: string, init: RequestInit) => {
      const headers = init.headers as Record<string, string>;
      seen.push({ url: input, cookie: headers.cookie, csrf: headers['csrf-token'] });
      return new Response('bytes', { status: 200, headers: { 'content-type': 'image/png' } });
    });
    return { seen, fetchImpl };
  }

  it.each([
    ['https://www.linkedin.com', 'https://www.linkedin.com/dms/prv/image/v2/x', true],
    ['https://www.linkedin.com', 'http://www.linkedin.com/dms/prv/image/v2/x', false],
    ['https://www.linkedin.com', 'http://www.linkedin.com:443/dms/prv/image/v2/x', false],
    ['https://www.linkedin.com', 'https://www.linkedin.com:8443/dms/x', true],
    ['https://www.linkedin.com', 'https://media.licdn.com/dms/image/x', false],
    ['https://www.linkedin.com', 'https://linkedin.com.evil.example/dms/x', false],
    ['http://127.0.0.1:4000', 'http://127.0.0.1:4000/dms/x', true],
    ['http://127.0.0.1:4000', 'http://127.0.0.1:4001/dms/x', false],
    ['http://127.0.0.1:4000', 'https://127.0.0.1:4001/dms/x', true],
  ])('with base %s, does send the session cookies to %s: %s', async (baseUrl, url, credentials) => {
    const { seen, fetchImpl } = recording();
    const client = new LinkedInClient({ baseUrl, session, fetchImpl, mailboxUrn: 'urn:li:fsd_profile:ACoAAOwner' });
    await client.downloadAttachment(url);
    expect(seen).toHaveLength(1);
    if (credentials) expect(seen[0]!.cookie).toContain('li_at=li-at-secret');
    else expect(seen[0]!.cookie).toBeUndefined();
  });

  it('does send the csrf token only where it sends the cookies', async () => {
    const { seen, fetchImpl } = recording();
    const http = new VoyagerHttp({ baseUrl: 'https://www.linkedin.com', session, fetchImpl, timeoutMs: 1000 });
    await http.send({ method: 'GET', path: 'http://www.linkedin.com/voyager/api/me', profile: PROFILES.me });
    await http.send({ method: 'GET', path: '/voyager/api/me', profile: PROFILES.me });
    expect(seen.map((s) => [s.cookie !== undefined, s.csrf])).toEqual([[false, undefined], [true, 'ajax:42']]);
  });
});

// Real sockets: a LinkedIn stand-in and a CONNECT proxy on loopback.
describe('through a proxy', () => {
  const BOUND_MS = 300;
  let linkedin: Server;
  let baseUrl: string;
  let proxy: TestProxy;

  beforeAll(async () => {
    linkedin = createServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ path: req.url, cookie: req.headers.cookie })));
    await new Promise<void>((resolve) => linkedin.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(linkedin.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => linkedin.close(() => resolve())));
  afterEach(async () => proxy?.stop());

  function http(proxyUrl: string, extra: { proxyLookup?: LookupFunction } = {}) {
    return new VoyagerHttp({ baseUrl, session: { ...session, proxyUrl }, timeoutMs: 5000, proxyConnectTimeoutMs: BOUND_MS, ...extra });
  }
  const me = { method: 'GET', path: '/voyager/api/me', profile: PROFILES.me } as const;

  /** The failure of one call, with how long it took. */
  async function failure(client: VoyagerHttp): Promise<{ error: LinkedInError; ms: number }> {
    const t0 = Date.now();
    const error = await client.send(me).then(() => undefined, (e: unknown) => e);
    await client.close();
    expect(error).toBeInstanceOf(LinkedInError);
    return { error: error as LinkedInError, ms: Date.now() - t0 };
  }

  function expectNoCredentials(error: LinkedInError) {
    for (const text of [error.message, inspect(error, { depth: 10 }), JSON.stringify(error)]) {
      expect(text).not.toContain('proxy-secret-pw');
      expect(text).not.toContain('proxyuser');
    }
  }

  it('does tunnel the request with the proxy credentials', async () => {
    proxy = await new TestProxy('tunnel').start();
    const client = http(proxy.url());
    const { text } = await client.text(me);
    await client.close();
    expect(JSON.parse(text)).toMatchObject({ path: '/voyager/api/me', cookie: expect.stringContaining('li_at=li-at-secret') });
    expect(proxy.connects).toEqual([{ target: baseUrl.replace('http://', ''), authorization: `Basic ${Buffer.from('proxyuser:proxy-secret-pw').toString('base64')}` }]);
  });

  it('does fail within the bound, once and without retries, when the proxy accepts and never answers CONNECT', async () => {
    proxy = await new TestProxy('silent').start();
    const { error, ms } = await failure(http(proxy.url()));
    expect(error).toMatchObject({ code: 'temporary', reason: 'proxy', status: 0 });
    expect(error.message).toBe(`The account's proxy http://127.0.0.1:${proxy.port} did not answer the CONNECT request within 0.3 s; check the proxy (proxyUrl), then retry.`);
    expect(ms).toBeLessThan(BOUND_MS + 1500); // undici's coarse timers add up to a second
    expect(proxy.connects).toHaveLength(1);
    expectNoCredentials(error);
  });

  it('does name a refused tunnel and the credentials hint on 407', async () => {
    proxy = await new TestProxy('auth-required').start();
    const { error } = await failure(http(proxy.url()));
    expect(error).toMatchObject({ code: 'temporary', reason: 'proxy', message: expect.stringContaining('refused to open a tunnel to LinkedIn (HTTP 407: check the proxy credentials)') });
    expectNoCredentials(error);
  });

  it('does name a proxy that refuses connections', async () => {
    proxy = await new TestProxy('tunnel').start();
    const url = proxy.url();
    await proxy.stop();
    proxy = await new TestProxy('tunnel').start(); // keeps afterEach simple; the first port is now closed
    const { error } = await failure(http(url));
    expect(error).toMatchObject({ code: 'temporary', reason: 'proxy', message: expect.stringMatching(/could not be reached \(.*ECONNREFUSED.*\)/) });
    expectNoCredentials(error);
  });

  it('does connect to the proxy only through the given lookup, which may refuse the address', async () => {
    proxy = await new TestProxy('tunnel').start();
    const refuse: LookupFunction = (hostname, _options, callback) => callback(Object.assign(new Error(`${hostname} resolves only to non-public addresses (127.0.0.1)`), { code: 'ENOTPUBLIC' }), '', 0);
    const { error } = await failure(http(`http://proxyuser:proxy-secret-pw@localhost:${proxy.port}`, { proxyLookup: refuse }));
    expect(error.message).toBe(`The account's proxy http://localhost:${proxy.port} could not be reached (localhost resolves only to non-public addresses (127.0.0.1)); check the proxy (proxyUrl), then retry.`);
    expect(proxy.connects).toHaveLength(0);
    expectNoCredentials(error);
  });
});
