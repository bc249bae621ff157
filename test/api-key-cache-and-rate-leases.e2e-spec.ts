import { setTimeout as sleep } from 'node:timers/promises';
import { api, createWorkspace } from './support/api-client';
import { type ApiReplica, startApiReplica } from './support/api-replica';
import { stackInfo } from './support/stack-info';

/** How long this spec's replica trusts a verified key (API_KEY_CACHE_SECONDS): the bound a revoke elsewhere takes to reach it. */
const KEY_CACHE_SECONDS = 1;

const status = async (baseUrl: string, key: string) => (await fetch(`${baseUrl}/v1/accounts`, { headers: { authorization: `Bearer ${key}` } })).status;

describe('API hot path: verified keys cached briefly, the per-key budget leased in batches', () => {
  let replica: ApiReplica;

  beforeAll(async () => {
    replica = await startApiReplica({ API_KEY_CACHE_SECONDS: String(KEY_CACHE_SECONDS) });
  }, 90_000);

  afterAll(async () => {
    await replica?.stop();
  });

  it('refuses a revoked key at once on the replica that revoked it, and on another replica once its cache time has passed', async () => {
    const { key } = await createWorkspace();
    const [first] = (await api('GET', '/v1/api-keys', { key })).body.apiKeys;
    const second = (await api('POST', '/v1/api-keys', { key, body: { name: 'second' } })).body.apiKey;
    const { apiUrl } = stackInfo();
    // Both processes have just verified (and cached) the key.
    expect([await status(apiUrl, key), await status(replica.url, key)]).toEqual([200, 200]);

    expect((await api('DELETE', `/v1/api-keys/${first.id}`, { key: second.key })).status).toBe(200);
    expect(await status(apiUrl, key)).toBe(401);
    await sleep(KEY_CACHE_SECONDS * 1000 + 200);
    expect(await status(replica.url, key)).toBe(401);
    // The key that stayed active works on both.
    expect([await status(apiUrl, second.key), await status(replica.url, second.key)]).toEqual([200, 200]);
  });

  it('lets no more than a key\'s limit through two replicas in a minute, and at most 1.5 leases fewer', async () => {
    const limit = 500;
    const lease = limit / 50;
    const { key } = await createWorkspace();
    const limited = (await api('POST', '/v1/api-keys', { key, body: { name: 'leased', rateLimitPerMinute: limit } })).body.apiKey.key as string;
    const urls = [stackInfo().apiUrl, replica.url];
    const answers: number[] = [];
    // Eight clients at once, each alternating between the replicas, well past the budget.
    await Promise.all(Array.from({ length: 8 }, async (_, client) => {
      for (let i = 0; i < 80; i++) answers.push(await status(urls[(client + i) % 2]!, limited));
    }));
    const through = answers.filter((s) => s === 200).length;
    expect(answers.filter((s) => s !== 200 && s !== 429)).toEqual([]);
    expect(through).toBeLessThanOrEqual(limit);
    expect(through).toBeGreaterThanOrEqual(limit - 1.5 * lease);
    // Spent on both replicas: each refuses from then on.
    expect([await status(urls[0]!, limited), await status(urls[1]!, limited)]).toEqual([429, 429]);
  });
});
