import { request } from 'node:http';
import { api, createWorkspace } from './support/api-client';
import { type ApiReplica, startApiReplica } from './support/api-replica';
import { stackInfo } from './support/stack-info';

/** The budget of failed authentications per address this spec's API replicas run with (API_AUTH_FAILURES_PER_MINUTE). */
const FAILURES_PER_MINUTE = 20;

/** A GET from a chosen loopback address, so this spec's failures count against an address no other spec uses. */
function getFrom(localAddress: string, baseUrl: string, path: string, token: string, method = 'GET'): Promise<{ status: number; body: any; retryAfter: string | undefined }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { method, localAddress, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : undefined, retryAfter: res.headers['retry-after'] as string | undefined }));
    });
    req.on('error', reject);
    req.end(method === 'POST' ? JSON.stringify({ name: 'guess' }) : undefined);
  });
}

/** A key of its own workspace with a small per-key budget. */
async function keyWithBudget(rateLimitPerMinute: number): Promise<string> {
  const { key } = await createWorkspace();
  const created = await api('POST', '/v1/api-keys', { key, body: { name: `budget-${rateLimitPerMinute}`, rateLimitPerMinute } });
  expect(created.status).toBe(201);
  return created.body.apiKey.key as string;
}

async function call(baseUrl: string, path: string, key: string): Promise<{ status: number; body: any; retryAfter: string | null }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: res.status, body: await res.json(), retryAfter: res.headers.get('retry-after') };
}

describe('API rate limit: one budget per key, shared by endpoints and replicas; failed authentications per address', () => {
  let replica: ApiReplica;
  // Two replicas with the production budget of failed authentications (the shared stack's is loose, so that
  // specs testing 401s never lock out the address every spec calls from); their counters are in the one Postgres.
  let guarded: [ApiReplica, ApiReplica];

  beforeAll(async () => {
    const budget = { API_AUTH_FAILURES_PER_MINUTE: String(FAILURES_PER_MINUTE) };
    [replica, ...guarded] = await Promise.all([startApiReplica(), startApiReplica(budget), startApiReplica(budget)]) as [ApiReplica, ApiReplica, ApiReplica];
  }, 90_000);

  afterAll(async () => {
    await Promise.all([replica, ...(guarded ?? [])].map((r) => r?.stop()));
  });

  it('spends one budget per key across different endpoints', async () => {
    const key = await keyWithBudget(4);
    const { apiUrl } = stackInfo();
    const first = [await call(apiUrl, '/v1/accounts', key), await call(apiUrl, '/v1/accounts', key), await call(apiUrl, '/v1/api-keys', key), await call(apiUrl, '/v1/usage', key)];
    expect(first.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    // A fifth request, on an endpoint this key has not called yet, is over the key's budget.
    const over = await call(apiUrl, '/v1/webhooks', key);
    expect(over.status).toBe(429);
    expect(over.body).toMatchObject({ success: false, code: 'API_RATE_LIMITED', requestId: expect.any(String), details: { limit: 4, retryAfterSeconds: expect.any(Number) } });
    expect(Number(over.retryAfter)).toBeGreaterThan(0);
    expect(Number(over.retryAfter)).toBeLessThanOrEqual(60);
  });

  it('shares the budget between two API processes on the same Postgres', async () => {
    const key = await keyWithBudget(4);
    const { apiUrl } = stackInfo();
    const spent = [await call(apiUrl, '/v1/accounts', key), await call(replica.url, '/v1/accounts', key), await call(apiUrl, '/v1/accounts', key), await call(replica.url, '/v1/accounts', key)];
    expect(spent.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const [onReplica, onFirst] = [await call(replica.url, '/v1/accounts', key), await call(apiUrl, '/v1/accounts', key)];
    expect([onReplica.status, onFirst.status]).toEqual([429, 429]);
    expect(onReplica.body.code).toBe('API_RATE_LIMITED');
  });

  it('limits wrong keys and wrong operator tokens per client address, and leaves other addresses alone', async () => {
    const { adminToken } = stackInfo();
    const [apiUrl, replicaUrl] = guarded.map((r) => r.url) as [string, string];
    const { key } = await createWorkspace();
    const failures = [];
    // Half wrong API keys, half wrong operator tokens, from one address, across both replicas: one budget.
    for (let i = 0; i < FAILURES_PER_MINUTE / 2; i++) failures.push(await getFrom('127.0.0.2', i % 2 ? apiUrl : replicaUrl, '/v1/accounts', `tl_guess_${i}`));
    for (let i = 0; i < FAILURES_PER_MINUTE / 2; i++) failures.push(await getFrom('127.0.0.2', apiUrl, '/v1/admin/workspaces', `wrong-operator-token-${i}`, 'POST'));
    expect(failures.map((r) => r.status)).toEqual(Array(FAILURES_PER_MINUTE).fill(401));

    const over = await getFrom('127.0.0.2', apiUrl, '/v1/accounts', 'tl_one_more_guess');
    expect(over.status).toBe(429);
    expect(over.body).toMatchObject({ code: 'API_RATE_LIMITED', details: { limit: FAILURES_PER_MINUTE } });
    expect(Number(over.retryAfter)).toBeGreaterThan(0);
    expect((await getFrom('127.0.0.2', replicaUrl, '/v1/accounts', 'tl_and_another')).status).toBe(429);
    // A valid key from that address still works (a neighbour behind the same proxy is not locked out),
    // but the operator routes refuse the address without checking the token, a right one included.
    expect((await getFrom('127.0.0.2', apiUrl, '/v1/accounts', key)).status).toBe(200);
    const operator = await getFrom('127.0.0.2', apiUrl, '/v1/admin/workspaces', adminToken, 'POST');
    expect(operator.status).toBe(429);
    expect(operator.body.code).toBe('API_RATE_LIMITED');
    // Another address is untouched.
    expect((await getFrom('127.0.0.5', apiUrl, '/v1/accounts', key)).status).toBe(200);
    expect((await getFrom('127.0.0.5', apiUrl, '/v1/accounts', 'tl_wrong')).status).toBe(401);
  });
});
