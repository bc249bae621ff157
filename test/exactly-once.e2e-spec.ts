import { api, createWorkspace } from './support/api-client';
import { SANDBOX, accountCookies, emulator, received } from './support/emulator-admin';

/**
 * LinkedIn does not dedupe: when a send reaches LinkedIn but its answer is lost, a blind retry would
 * send it twice. The send activity reads the thread back for its originToken before any retry.
 */
describe('exactly once when LinkedIn takes the message but the answer is lost', () => {
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

  it.each([
    ['into an existing conversation', SANDBOX.sarah],
    ['to a person with no conversation yet', SANDBOX.tom],
  ])('sends once %s', async (_, recipient) => {
    await emulator('POST', '/faults', { kind: 'lost', route: 'createMessage', account: SANDBOX.alex, times: 1 });
    const text = `Only once, even with a lost answer (${recipient.slice(-4)})`;
    const res = await api('POST', '/v1/messages', { key, headers: { 'X-Account-Id': accountId }, body: { recipientId: `urn:li:fsd_profile:${recipient}`, text } });
    expect(res.status).toBe(200);
    const copies = (await received(SANDBOX.alex)).filter((m) => m.text === text);
    expect(copies).toHaveLength(1);
    expect(copies[0]!.messageUrn).toBe(res.body.messageUrn);
    expect((await emulator<{ faults: unknown[] }>('GET', '/faults')).faults).toHaveLength(0); // the fault fired
  });
});
