import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, createWorkspace } from './support/api-client';
import { SANDBOX, accountCookies, emulator } from './support/emulator-admin';
import { specEmulatorUrl, stackInfo } from './support/stack-info';
import { TestProxy, type ProxyMode } from './support/test-proxy';

jest.setTimeout(120_000);

// The stack runs with PROXY_ALLOW_PRIVATE_URLS=true: these proxies live on 127.0.0.1 (the refusal is unit-tested).
describe('account proxies: HTTP(S) only, bounded, credentials never shown', () => {
  const PASSWORD = 'proxy-secret-pw';
  const proxies: TestProxy[] = [];
  let key: string;
  let cookies: Awaited<ReturnType<typeof accountCookies>>;
  let accountId: string;

  const proxy = async (mode: ProxyMode) => {
    const started = await new TestProxy(mode).start();
    proxies.push(started);
    return started;
  };

  beforeAll(async () => {
    await emulator('POST', '/reset');
    ({ key } = await createWorkspace());
    cookies = await accountCookies(SANDBOX.alex);
  });
  afterAll(async () => {
    for (const p of proxies) await p.stop();
  });

  it('connects an account through an HTTP CONNECT proxy, with its credentials, and never shows them', async () => {
    const tunnel = await proxy('tunnel');
    const res = await api('POST', '/v1/accounts', { key, body: { ...cookies, proxyUrl: tunnel.url() } });
    expect(res.status).toBe(201);
    accountId = res.body.account.id;
    expect(tunnel.connects[0]).toEqual({ target: new URL(specEmulatorUrl()).host, authorization: `Basic ${Buffer.from(`proxyuser:${PASSWORD}`).toString('base64')}` });
    expect(JSON.stringify(res.body)).not.toContain(PASSWORD);
  });

  it('answers 400 naming proxyUrl for a socks5 proxy, on connect and on update, saying which schemes work', async () => {
    const socks = 'socks5://proxyuser:proxy-secret-pw@127.0.0.1:1080';
    for (const res of [
      await api('POST', '/v1/accounts', { key, body: { ...cookies, proxyUrl: socks } }),
      await api('PATCH', `/v1/accounts/${accountId}`, { key, body: { proxyUrl: socks } }),
    ]) {
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ success: false, code: 'VALIDATION_FAILED', field: 'proxyUrl', error: expect.stringContaining('http:// or https://') });
      expect(JSON.stringify(res.body)).not.toContain(PASSWORD);
    }
  });

  it('fails within the 10 s bound, once, naming the proxy but not its credentials, when the proxy never answers CONNECT', async () => {
    const silent = await proxy('silent');
    for (const [method, path, body] of [
      ['POST', '/v1/accounts', { ...cookies, proxyUrl: silent.url() }],
      ['PATCH', `/v1/accounts/${accountId}`, { proxyUrl: silent.url() }],
    ] as const) {
      const before = silent.connects.length;
      const t0 = Date.now();
      const res = await api(method, path, { key, body });
      const elapsed = Date.now() - t0;
      expect(res.status).toBe(502);
      expect(res.body).toMatchObject({ code: 'LINKEDIN_UNAVAILABLE', field: 'proxyUrl', error: expect.stringContaining(`proxy http://127.0.0.1:${silent.port} did not answer the CONNECT request within 10 s`) });
      expect(JSON.stringify(res.body)).not.toMatch(/proxyuser|proxy-secret-pw/);
      expect(elapsed).toBeLessThan(13_000); // the bound plus undici's coarse timer; it was 93 s
      expect(silent.connects.length - before).toBe(1); // not retried inside the call
    }
    // The failed update changed nothing: the account still works through its first proxy.
    const account = await api('GET', `/v1/accounts/${accountId}/status?refresh=true`, { key });
    expect(account.body).toMatchObject({ status: 'active' });
  });

  it('never writes the proxy credentials to a log', () => {
    const logsDir = join(stackInfo().dataDir, 'logs');
    const logs = readdirSync(logsDir).map((f) => readFileSync(join(logsDir, f), 'utf8')).join('\n');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(PASSWORD);
  });
});
