import { api } from './support/api-client';
import { emulator, received, SANDBOX } from './support/emulator-admin';
import { waitForMessage } from './support/inbox';
import { closeTemporalClient, getCampaign, getLead, loadScenarioWithMembers, type Member, replyByHand, resetEmulator, runCampaign, sentTo, waitForLead, waitForSent, workspaceWithAlex } from './support/sequences';
import { waitFor } from './support/wait-for';
import { WebhookReceiver } from './support/webhook-receiver';

jest.setTimeout(120_000);

describe('one record of every message: a campaign\'s sends are Threadline sends (real Temporal, emulator over HTTP)', () => {
  let key: string;
  let alexId: string;
  let members: Member[];
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    members = await loadScenarioWithMembers(6);
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
    const { campaignId, leadIds } = await runCampaign(key, steps, members.slice(0, 2).map((m) => ({ profile: m.urn, attributes: { firstName: m.firstName } })), { senders: [alexId] });
    const leads = await Promise.all(leadIds.map((id) => waitForLead(key, campaignId, id, ['completed', 'failed', 'replied', 'stopped'])));
    expect(leads.map((l) => l.state)).toEqual(['completed', 'completed']);

    // What LinkedIn (the emulator) received from Alex: the ground truth.
    const linkedin = (await received(SANDBOX.alex)).filter((m) => members.slice(0, 2).some((p) => m.recipients.includes(p.profileId)));
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

  it('reads paused leads as paused with the step the run is on, and announces a cancelled campaign with final counts and completedAt', async () => {
    const hook = await api('POST', '/v1/webhooks', { key, body: { url: receiver.url, events: ['campaign.completed'] } });
    expect(hook.status).toBe(201);
    const [a, b] = members.slice(2) as [Member, Member];
    const steps = [
      { id: 's1', type: 'typing_and_send', template: 'Hello.', typing: false },
      { id: 'w1', type: 'wait', duration: '30s' },
      { id: 's2', type: 'typing_and_send', template: 'Still there?', typing: false },
    ];
    const { campaignId, leadIds } = await runCampaign(key, steps, [{ profile: a.urn }, { profile: b.urn }], { senders: [alexId] });
    await Promise.all([waitForSent(a, 1), waitForSent(b, 1)]);
    // The run records the send, then starts the wait: pause once both leads are on it.
    for (const id of leadIds) {
      await waitFor(`lead ${id} on its wait step`, async () => (await api('GET', `/v1/campaigns/${campaignId}/leads/${id}`, { key })).body.lead?.currentStep?.id === 'w1' || undefined, 20_000, 200);
    }
    expect((await api('POST', `/v1/campaigns/${campaignId}/pause`, { key })).status).toBe(200);
    for (const id of leadIds) {
      const lead = await waitForLead(key, campaignId, id, ['paused'], 20_000);
      const timeline = (await api('GET', `/v1/campaigns/${campaignId}/leads/${id}/timeline`, { key })).body.timeline;
      expect(timeline.now).toMatchObject({ paused: true });
      expect(lead.currentStep).toEqual({ index: timeline.now.stepIndex, id: 'w1' });
    }
    const listed = await api('GET', `/v1/campaigns/${campaignId}/leads?state=paused`, { key });
    expect(listed.body.leads.map((l: { id: string }) => l.id).sort()).toEqual([...leadIds].sort());

    expect((await api('POST', `/v1/campaigns/${campaignId}/cancel`, { key })).status).toBe(200);
    const event = await waitFor('campaign.completed', async () => receiver.accepted().find((r) => r.body.event === 'campaign.completed' && r.body.data.campaign_id === campaignId), 60_000);
    expect(event.body.data).toMatchObject({ status: 'cancelled', leads: { cancelled: 2 }, completed_at: expect.any(String) });
    expect(event.body.data.leads).not.toHaveProperty('active');
    expect(event.body.data.leads).not.toHaveProperty('paused');
    const campaign = await getCampaign(key, campaignId);
    expect(campaign.completedAt).toBe(event.body.data.completed_at);
    for (const id of leadIds) expect(await getLead(key, campaignId, id)).toMatchObject({ state: 'cancelled', currentStep: null });
  });

  it('stops a lead as soon as the sync sees a message the owner typed by hand, before its next step', async () => {
    const person = members[4]!;
    const steps = [
      { id: 's1', type: 'typing_and_send', template: 'Hello.', typing: false },
      { id: 'w1', type: 'wait', duration: '60s' },
      { id: 's2', type: 'typing_and_send', template: 'Following up.', typing: false },
    ];
    const { campaignId, leadIds } = await runCampaign(key, steps, [{ profile: person.urn }], { senders: [alexId] });
    await waitForSent(person, 1);
    await emulator('POST', `/accounts/${SANDBOX.alex}/send`, { recipientProfileId: person.profileId, text: 'Typed by hand on LinkedIn' });
    const lead = await waitForLead(key, campaignId, leadIds[0]!, ['stopped', 'completed', 'failed'], 45_000);
    expect(lead).toMatchObject({ state: 'stopped', stateReason: expect.stringContaining('by hand') });
    // The received log holds Threadline's sends only (not the hand-typed one): s2 never went out.
    expect((await sentTo(person)).map((m) => m.text)).toEqual(['Hello.']);
  });

  it('marks a lead that completed its sequence replied when the reply lands after its last step, within the reply window', async () => {
    const hook = await api('POST', '/v1/webhooks', { key, body: { url: receiver.url, events: ['lead.replied'] } });
    expect(hook.status).toBe(201);
    const person = members[5]!;
    const { campaignId, leadIds } = await runCampaign(key, [{ id: 'only', type: 'typing_and_send', template: 'Just one note.', typing: false }], [{ profile: person.urn }], { senders: [alexId] });
    expect((await waitForLead(key, campaignId, leadIds[0]!, ['completed', 'failed', 'stopped'])).state).toBe('completed');
    await replyByHand(person, 'Sorry for the late answer!');
    const lead = await waitForLead(key, campaignId, leadIds[0]!, ['replied'], 45_000);
    expect(lead.repliedAt).toEqual(expect.any(String));
    const event = await waitFor('lead.replied', async () => receiver.accepted().find((r) => r.body.event === 'lead.replied' && r.body.data.lead_id === leadIds[0]), 30_000);
    expect(event.body.data).toMatchObject({ campaign_id: campaignId, step_id: 'only', after_sequence: true });
    const stats = (await api('GET', `/v1/campaigns/${campaignId}/stats`, { key })).body.stats;
    expect(stats).toMatchObject({ sent: 1, replied: 1, replyRate: 1 });
    expect(stats.steps.find((st: { stepId: string }) => st.stepId === 'only')).toMatchObject({ sent: 1, replied: 1 });
  });
});
