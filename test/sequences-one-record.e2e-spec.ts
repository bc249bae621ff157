import { api } from './support/api-client';
import { received, SANDBOX } from './support/emulator-admin';
import { waitForMessage } from './support/inbox';
import { closeTemporalClient, loadScenarioWithMembers, type Member, resetEmulator, runCampaign, waitForLead, workspaceWithAlex } from './support/sequences';
import { waitFor } from './support/wait-for';
import { WebhookReceiver } from './support/webhook-receiver';

jest.setTimeout(120_000);

describe('one record of every message: a campaign\'s sends are Threadline sends (real Temporal, emulator over HTTP)', () => {
  let key: string;
  let alexId: string;
  let members: Member[];
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    members = await loadScenarioWithMembers(2);
    ({ key, alexId } = await workspaceWithAlex());
    await receiver.start();
    const hook = await api('POST', '/v1/webhooks', { key, body: { url: receiver.url, events: ['message.sent'] } });
    expect(hook.status).toBe(201);
  });

  afterAll(async () => {
    await receiver.stop();
    await closeTemporalClient();
    await resetEmulator();
  });

  it('bills, announces and stores each campaign send once, as origin sequence, equal to what LinkedIn received', async () => {
    const steps = [
      { id: 'hi', type: 'typing_and_send', template: 'Hi {{firstName|there}}.', typing: false },
      { id: 'wait', type: 'wait_for_reply', timeout: '2s' },
      { id: 'again', type: 'typing_and_send', template: 'Checking in, {{firstName|there}}.', typing: false },
    ];
    const { campaignId, leadIds } = await runCampaign(key, steps, members.map((m) => ({ profile: m.urn, attributes: { firstName: m.firstName } })), { senders: [alexId] });
    const leads = await Promise.all(leadIds.map((id) => waitForLead(key, campaignId, id, ['completed', 'failed', 'replied', 'stopped'])));
    expect(leads.map((l) => l.state)).toEqual(['completed', 'completed']);

    // What LinkedIn (the emulator) received from Alex: the ground truth.
    const linkedin = (await received(SANDBOX.alex)).filter((m) => members.some((p) => m.recipients.includes(p.profileId)));
    expect(linkedin).toHaveLength(4);

    const announced = await waitFor('message.sent for every send', async () => {
      const got = receiver.accepted().filter((r) => r.body.event === 'message.sent');
      return got.length >= linkedin.length ? got : undefined;
    }, 30_000);
    await new Promise((r) => setTimeout(r, 1000)); // nothing more arrives: each send is announced once
    expect(receiver.accepted().filter((r) => r.body.event === 'message.sent')).toHaveLength(linkedin.length);
    expect(announced.map((r) => r.body.data.message_urn).sort()).toEqual(linkedin.map((m) => m.messageUrn).sort());
    for (const { body } of announced) {
      expect(body.data).toMatchObject({ origin: 'sequence', campaign_id: campaignId, account_id: alexId, sender: { id: `urn:li:fsd_profile:${SANDBOX.alex}`, name: expect.any(String) } });
      expect(leadIds).toContain(body.data.lead_id);
    }
    expect(announced.map((r) => r.body.data.body).sort()).toEqual(linkedin.map((m) => m.text).sort());

    const usage = await api('GET', `/v1/usage?accountId=${alexId}`, { key });
    expect(usage.status).toBe(200);
    expect(usage.body.totals.messages).toBe(linkedin.length);

    // The inbox shows each send once, as the sequence's, with its sender, after the sync has seen it too.
    const conversationUrn = leads[0].conversationUrn as string;
    const first = await waitForMessage(key, alexId, conversationUrn, (m) => m.text === `Hi ${members[0]!.firstName}.`);
    await waitForMessage(key, alexId, conversationUrn, (m) => m.text === `Checking in, ${members[0]!.firstName}.`);
    const thread = await api('GET', `/v1/conversations/${encodeURIComponent(conversationUrn)}/messages?accountId=${alexId}&count=50`, { key });
    expect(thread.body.messages).toHaveLength(2);
    expect(thread.body.messages.map((m: { origin: string }) => m.origin)).toEqual(['sequence', 'sequence']);
    expect(thread.body.messages[0].sender).toEqual({ profileUrn: `urn:li:fsd_profile:${SANDBOX.alex}`, name: expect.any(String) });
    expect(first.origin).toBe('sequence');
  });
});
