import { api, createWorkspace } from './support/api-client';
import { SANDBOX, accountCookies, emulator, received } from './support/emulator-admin';
import { waitFor } from './support/wait-for';

const sarah = `urn:li:fsd_profile:${SANDBOX.sarah}`;

describe('a LinkedIn 429 puts the account on hold; the send waits it out and goes once', () => {
  let key: string;
  let accountId: string;

  beforeAll(async () => {
    await emulator('POST', '/reset');
    ({ key } = await createWorkspace());
    accountId = (await api('POST', '/v1/accounts', { key, body: await accountCookies(SANDBOX.alex) })).body.account.id;
  });

  afterAll(async () => {
    await emulator('DELETE', '/faults');
  });

  it('holds the account until LinkedIn’s Retry-After, refuses new sends meanwhile, then sends the held message exactly once', async () => {
    await emulator('POST', '/faults', { kind: '429', route: 'createMessage', account: SANDBOX.alex, retryAfterSeconds: 4, times: 1 });
    const before = (await received(SANDBOX.alex)).length;
    const t0 = Date.now();
    const held = api('POST', '/v1/messages', { key, headers: { 'X-Account-Id': accountId }, body: { recipientId: sarah, text: 'Held by a 429, then sent once' } });

    const onHold = await waitFor('the account on hold', async () => {
      const account = (await api('GET', `/v1/accounts/${accountId}`, { key })).body.account;
      return account.status === 'on_hold' ? account : undefined;
    }, 20_000, 100);
    expect(onHold.statusReason).toMatch(/throttled/i);
    const holdUntil = Date.parse(onHold.holdUntil);
    expect(holdUntil).toBeGreaterThan(t0 + 3_000);

    const refused = await api('POST', '/v1/messages', { key, headers: { 'X-Account-Id': accountId }, body: { recipientId: sarah, text: 'during the hold' } });
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('ACCOUNT_ON_HOLD');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);

    const sent = await held;
    expect(sent.status).toBe(200);
    const after = await received(SANDBOX.alex);
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)!.text).toBe('Held by a 429, then sent once');
    expect(after.at(-1)!.deliveredAt).toBeGreaterThanOrEqual(holdUntil - 1_000);

    await waitFor('the hold to end', async () => Date.now() > holdUntil || undefined, 20_000);
    expect((await api('GET', `/v1/accounts/${accountId}`, { key })).body.account.status).toBe('active');
    const next = await api('POST', '/v1/messages', { key, headers: { 'X-Account-Id': accountId }, body: { recipientId: sarah, text: 'after the hold' } });
    expect(next.status).toBe(200);
  });
});
