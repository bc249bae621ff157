import { randomUUID } from 'node:crypto';
import { api, createWorkspace } from './support/api-client';
import { connectAccount } from './support/accounts';
import { SANDBOX } from './support/emulator-admin';
import { closeTemporalClient, loadScenarioWithMembers, type Member, runCampaign, temporalClient } from './support/sequences';
import { waitFor } from './support/wait-for';

const sarah = `urn:li:fsd_profile:${SANDBOX.sarah}`;

/** The fairness keys a run was started with and its first send slot was scheduled with, read from its Temporal history. */
async function fairnessKeys(workflowId: string): Promise<{ start: string | null | undefined; slot: string | null | undefined }> {
  const history = await (await temporalClient()).workflow.getHandle(workflowId).fetchHistory();
  const slot = history.events?.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'acquireSendSlot');
  return { start: history.events?.[0]?.workflowExecutionStartedEventAttributes?.priority?.fairnessKey, slot: slot?.activityTaskScheduledEventAttributes?.priority?.fairnessKey };
}

describe('caps and pacing per LinkedIn member: one member connected in two workspaces', () => {
  let a: { workspaceId: string; key: string };
  let b: { workspaceId: string; key: string };
  let alexInA: string;
  let alexInB: string;
  let memberKey: string;
  let lead: Member;

  beforeAll(async () => {
    // The sandbox plus one person connected to Alex whom nobody has written to yet (a campaign lead).
    [lead] = await loadScenarioWithMembers(1);
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

    const [inA, inB] = [(await fairnessKeys(`send:${a.workspaceId}:${k1}`)).slot, (await fairnessKeys(`send:${b.workspaceId}:${k2}`)).slot];
    expect(inA).toMatch(/^member:[0-9a-f]{16}$/);
    expect(inB).toBe(inA);
    memberKey = inA!;
  });

  it('paces a campaign lead of either workspace under the same member key', async () => {
    const { campaignId, leadIds } = await runCampaign(b.key, [{ id: 'hi', type: 'typing_and_send', template: 'Hi from a campaign' }], [{ profile: lead.urn }], { senders: [alexInB] });
    // The member is at its cap: the slot is asked for (and refused), which is all this needs.
    const keys = await waitFor('the lead\'s send slot', async () => {
      const k = await fairnessKeys(`lead:${campaignId}:${leadIds[0]}`).catch(() => undefined);
      return k?.slot ? k : undefined;
    });
    expect(keys.start).toMatch(/^member:[0-9a-f]{16}$/);
    expect(keys).toEqual({ start: memberKey, slot: memberKey });
    expect((await api('POST', `/v1/campaigns/${campaignId}/cancel`, { key: b.key })).status).toBeLessThan(300);
  });

  it('keeps counting the member\'s sends after the account that made them is deleted', async () => {
    const used = (await api('GET', `/v1/accounts/${alexInB}/status`, { key: b.key })).body.quota.messages.used as number;
    expect((await api('DELETE', `/v1/accounts/${alexInA}`, { key: a.key })).status).toBe(200);
    expect((await api('GET', `/v1/accounts/${alexInB}/status`, { key: b.key })).body.quota.messages.used).toBe(used);
    const reconnected = await connectAccount(a.key, SANDBOX.alex);
    expect((await api('GET', `/v1/accounts/${reconnected}/status`, { key: a.key })).body.quota.messages.used).toBe(used);
  });
});
