import { api, createWorkspace } from './support/api-client';
import { SANDBOX, accountCookies, emulator } from './support/emulator-admin';
import { connectAccount, syncStatus, waitForSyncPasses } from './support/inbox';
import { waitFor } from './support/wait-for';
import { WebhookReceiver } from './support/webhook-receiver';

// The e2e project's testTimeout is not applied per project by jest 30; set it here.
jest.setTimeout(120_000);

describe('inbox sync and account status: stops on an expired session, resumes on reconnect', () => {
  let key: string;
  let alex: string;
  let receiver: WebhookReceiver;

  const statusEvents = () => receiver.accepted().filter((w) => w.body.event === 'account.status_changed' && w.body.data.account_id === alex);

  beforeAll(async () => {
    await emulator('POST', '/reset');
    receiver = await new WebhookReceiver().start();
    ({ key } = await createWorkspace());
    await api('POST', '/v1/webhooks', { key, body: { url: receiver.url, events: ['account.status_changed', 'message.received'] } });
    alex = await connectAccount(key, SANDBOX.alex, 'Alex');
    await waitForSyncPasses(key, alex);
  });

  afterAll(async () => {
    await receiver.stop();
    await emulator('POST', '/reset');
  });

  it('stops syncing when LinkedIn says the session expired, and announces the status change', async () => {
    await emulator('PATCH', `/accounts/${SANDBOX.alex}`, { expired: true });
    await api('POST', '/v1/conversations/sync', { key, body: { accountId: alex } });
    const stopped = await waitFor('the sync to stop', async () => {
      const s = await syncStatus(key, alex);
      return s.status === 'stopped' ? s : undefined;
    });
    expect(stopped).toMatchObject({ status: 'stopped', stopReason: 'disconnected' });
    expect((await api('GET', `/v1/accounts/${alex}`, { key })).body.account.status).toBe('disconnected');

    const event = await waitFor('account.status_changed', async () => statusEvents().find((w) => w.body.data.status === 'disconnected'));
    expect(event.body.data).toMatchObject({ account_id: alex, provider: 'LINKEDIN', previous_status: 'active', status: 'disconnected' });

    const refused = await api('POST', '/v1/conversations/sync', { key, body: { accountId: alex } });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('ACCOUNT_DISCONNECTED');
  });

  it('resumes when the account is reconnected, and picks up what arrived meanwhile', async () => {
    const text = `Sent while disconnected at ${Date.now()}`;
    const reply = await emulator<{ conversationUrn: string }>('POST', `/members/${SANDBOX.sarah}/reply`, { text, accountProfileId: SANDBOX.alex });
    await emulator('PATCH', `/accounts/${SANDBOX.alex}`, { expired: false });
    const cookies = await accountCookies(SANDBOX.alex);
    const reconnected = await api('PATCH', `/v1/accounts/${alex}`, { key, body: { liAt: cookies.liAt, jsessionId: cookies.jsessionId } });
    expect(reconnected.status).toBe(200);
    expect(reconnected.body.account.status).toBe('active');

    await waitFor('the sync to run again', async () => (await syncStatus(key, alex)).status === 'running');
    const synced = await waitFor('the missed reply', async () => {
      const res = await api('GET', `/v1/conversations/${encodeURIComponent(reply.conversationUrn)}/messages?accountId=${alex}`, { key });
      return res.status === 200 ? res.body.messages.find((m: { text: string }) => m.text === text) : undefined;
    });
    expect(synced).toMatchObject({ direction: 'inbound' });
    await waitFor('message.received for the missed reply', async () => receiver.accepted().find((w) => w.body.event === 'message.received' && w.body.data.body === text));
    await waitFor('account.status_changed back to active', async () => statusEvents().find((w) => w.body.data.status === 'active'));
  });
});
