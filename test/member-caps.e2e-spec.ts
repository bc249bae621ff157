import { randomUUID } from 'node:crypto';
import { api, createWorkspace } from './support/api-client';
import { connectAccount } from './support/accounts';
import { SANDBOX, emulator } from './support/emulator-admin';
import { closeTemporalClient, temporalClient } from './support/sequences';

const sarah = `urn:li:fsd_profile:${SANDBOX.sarah}`;

/** The fairness key the send slot of an API send was scheduled with, read from its Temporal history. */
async function slotFairnessKey(workflowId: string): Promise<string | null | undefined> {
  const history = await (await temporalClient()).workflow.getHandle(workflowId).fetchHistory();
  const slot = history.events?.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'acquireSendSlot');
  return slot?.activityTaskScheduledEventAttributes?.priority?.fairnessKey;
}

describe('caps and pacing per LinkedIn member: one member connected in two workspaces', () => {
  let a: { workspaceId: string; key: string };
  let b: { workspaceId: string; key: string };
  let alexInA: string;
  let alexInB: string;

  beforeAll(async () => {
    await emulator('POST', '/reset');
    a = await createWorkspace();
    b = await createWorkspace();
    alexInA = await connectAccount(a.key, SANDBOX.alex);
    alexInB = await connectAccount(b.key, SANDBOX.alex);
  });

  afterAll(async () => {
    await closeTemporalClient();
  });

  const send = (ws: { workspaceId: string; key: string }, accountId: string, idempotencyKey: string, text: string) =>
    api('POST', '/v1/messages', { key: ws.key, headers: { 'Idempotency-Key': idempotencyKey }, body: { accountId, recipientId: sarah, text } });

  it('spends one daily cap through either workspace, shows the shared usage in both, and paces both sends under one fairness key', async () => {
    // Other specs of this run may have sent as Alex today: the cap is set just above the member's usage so far.
    const before = (await api('GET', `/v1/accounts/${alexInB}/status`, { key: b.key })).body.quota.messages.used as number;
    for (const [ws, id] of [[a, alexInA], [b, alexInB]] as const) {
      expect((await api('PATCH', `/v1/accounts/${id}`, { key: ws.key, body: { dailyMessageCap: before + 3 } })).status).toBe(200);
    }

    const [k1, k2, k3] = [randomUUID(), randomUUID(), randomUUID()];
    const sent = [await send(a, alexInA, k1, 'One, through A'), await send(b, alexInB, k2, 'Two, through B'), await send(a, alexInA, k3, 'Three, through A')];
    expect(sent.map((r) => [r.status, r.body.status ?? r.body.code])).toEqual([[200, 'sent'], [200, 'sent'], [200, 'sent']]);
    expect(sent[2]!.headers.get('x-ratelimit-remaining')).toBe('0');

    const refused = await send(b, alexInB, randomUUID(), 'Four, through B: over the member\'s cap');
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('QUOTA_EXCEEDED');
    const statusInB = await api('GET', `/v1/accounts/${alexInB}/status`, { key: b.key });
    expect(statusInB.body.quota.messages).toMatchObject({ limit: before + 3, used: before + 3, remaining: 0 });

    const keys = [await slotFairnessKey(`send:${a.workspaceId}:${k1}`), await slotFairnessKey(`send:${b.workspaceId}:${k2}`)];
    expect(keys[0]).toMatch(/^member:[0-9a-f]{16}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  it('keeps counting the member\'s sends after the account that made them is deleted', async () => {
    const used = (await api('GET', `/v1/accounts/${alexInB}/status`, { key: b.key })).body.quota.messages.used as number;
    expect((await api('DELETE', `/v1/accounts/${alexInA}`, { key: a.key })).status).toBe(200);
    expect((await api('GET', `/v1/accounts/${alexInB}/status`, { key: b.key })).body.quota.messages.used).toBe(used);
    const reconnected = await connectAccount(a.key, SANDBOX.alex);
    expect((await api('GET', `/v1/accounts/${reconnected}/status`, { key: a.key })).body.quota.messages.used).toBe(used);
  });
});
