import { api, createWorkspace } from './support/api-client';
import { connectAccount } from './support/accounts';
import { SANDBOX, accountCookies, emulator } from './support/emulator-admin';

describe('accounts and API keys: lifecycle, status, isolation', () => {
  let key: string;
  let alex: string;
  let jordan: string;
  let other: { key: string };

  beforeAll(async () => {
    await emulator('POST', '/reset');
    ({ key } = await createWorkspace());
    alex = await connectAccount(key, SANDBOX.alex);
    jordan = await connectAccount(key, SANDBOX.jordan);
    other = await createWorkspace();
  });

  it('creates an API key shown once, lists it by prefix, and revokes it (then 401)', async () => {
    const created = await api('POST', '/v1/api-keys', { key, body: { name: 'zapier' } });
    expect(created.status).toBe(201);
    const secret = created.body.apiKey.key;
    expect(secret).toMatch(/^tl_/);
    expect((await api('GET', '/v1/accounts', { key: secret })).status).toBe(200);
    const listed = await api('GET', '/v1/api-keys', { key });
    const row = listed.body.apiKeys.find((k: { id: string }) => k.id === created.body.apiKey.id);
    expect(row).toMatchObject({ name: 'zapier', prefix: secret.slice(0, 10), revokedAt: null });
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect((await api('DELETE', `/v1/api-keys/${created.body.apiKey.id}`, { key: other.key })).status).toBe(404);
    expect((await api('DELETE', `/v1/api-keys/${created.body.apiKey.id}`, { key })).status).toBe(200);
    const after = await api('GET', '/v1/accounts', { key: secret });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('UNAUTHORIZED');
  });

  it('updates settings, and answers 400 naming the field for a bad time zone or cap', async () => {
    const res = await api('PATCH', `/v1/accounts/${alex}`, { key, body: { name: 'Alex (SDR)', timeZone: 'Europe/Paris', dailyMessageCap: 50 } });
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ name: 'Alex (SDR)' });
    const zone = await api('PATCH', `/v1/accounts/${alex}`, { key, body: { timeZone: 'Mars/Olympus' } });
    expect(zone.status).toBe(400);
    expect(zone.body.field).toBe('timeZone');
    const cap = await api('PATCH', `/v1/accounts/${alex}`, { key, body: { dailyMessageCap: 0 } });
    expect(cap.status).toBe(400);
    expect(cap.body.field).toBe('dailyMessageCap');
  });

  it('detects a dead session, reports it, and reconnects with fresh cookies through PATCH', async () => {
    await emulator('PATCH', `/accounts/${SANDBOX.alex}`, { expired: true });
    const dead = await api('GET', `/v1/accounts/${alex}/status?refresh=true`, { key });
    expect(dead.body).toMatchObject({ status: 'disconnected' });
    const send = await api('POST', '/v1/messages', { key, body: { accountId: alex, recipientId: `urn:li:fsd_profile:${SANDBOX.sarah}`, text: 'x' } });
    expect(send.status).toBe(409);
    expect(send.body.code).toBe('ACCOUNT_DISCONNECTED');
    await emulator('PATCH', `/accounts/${SANDBOX.alex}`, { expired: false });
    const cookies = await accountCookies(SANDBOX.alex);
    const reconnected = await api('PATCH', `/v1/accounts/${alex}`, { key, body: { liAt: cookies.liAt, jsessionId: cookies.jsessionId } });
    expect(reconnected.status).toBe(200);
    expect(reconnected.body.account.status).toBe('active');
  });

  it('refuses cookies of another LinkedIn member on PATCH with 409', async () => {
    const cookies = await accountCookies(SANDBOX.jordan);
    const res = await api('PATCH', `/v1/accounts/${alex}`, { key, body: { liAt: cookies.liAt, jsessionId: cookies.jsessionId } });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CONFLICT');
  });

  it('shows status, plan and quota at /v1 and at the hosted path', async () => {
    const v1 = await api('GET', `/v1/accounts/${jordan}/status`, { key });
    expect(v1.status).toBe(200);
    // Connect verified the session the way a status check does: the seat's InMail credits and the check time are stored at once.
    expect(v1.body).toMatchObject({ accountId: jordan, status: 'active', checkedAt: expect.any(String), linkedinPlan: { hasSalesNavigator: true, inmailCredits: expect.any(Number) } });
    expect(v1.body.quota.messages.limit).toBe(1000); // DAILY_MESSAGE_CAP of the e2e stack
    const hosted = await api('GET', `/linkedin/account/status?accountId=${jordan}`, { key });
    expect(hosted.body).toMatchObject({ status: 'AVAILABLE', accountStatus: 'active', hasTokens: true });
  });

  it('switches the default account and promotes another when the default is deleted', async () => {
    const res = await api('POST', `/v1/accounts/${jordan}/default`, { key });
    expect(res.status).toBe(200);
    expect(res.body.account.isDefault).toBe(true);
    const hosted = await api('GET', '/linkedin/account/status', { key });
    expect(hosted.body.accountId).toBe(jordan);
    expect((await api('DELETE', `/v1/accounts/${jordan}`, { key })).status).toBe(200);
    const list = await api('GET', '/v1/accounts', { key });
    expect(list.body.accounts.map((a: { id: string; isDefault: boolean }) => [a.id, a.isDefault])).toEqual([[alex, true]]);
  });

  it('never shows or touches another workspace’s accounts (404 on every account endpoint)', async () => {
    const k = { key: other.key };
    expect((await api('GET', '/v1/accounts', k)).body.accounts).toEqual([]);
    const calls = [
      api('GET', `/v1/accounts/${alex}`, k),
      api('PATCH', `/v1/accounts/${alex}`, { ...k, body: { name: 'stolen' } }),
      api('POST', `/v1/accounts/${alex}/default`, k),
      api('GET', `/v1/accounts/${alex}/status`, k),
      api('GET', `/linkedin/account/${alex}/status`, k),
      api('DELETE', `/v1/accounts/${alex}`, k),
      api('GET', `/v1/usage?accountId=${alex}`, k),
    ];
    const results = await Promise.all(calls);
    for (const res of results.slice(0, 6)) expect(res.status).toBe(404);
    expect(results[6]).toMatchObject({ status: 404, body: { code: 'ACCOUNT_NOT_FOUND', field: 'accountId' } });
    expect((await api('GET', `/v1/accounts/${alex}`, { key })).body.account.name).toBe('Alex (SDR)');
  });
});
