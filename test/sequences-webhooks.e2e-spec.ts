import { connectAccount } from './support/accounts';
import { api } from './support/api-client';
import { emulator, SANDBOX } from './support/emulator-admin';
import { closeTemporalClient, getCampaign, loadScenarioWithMembers, type Member, resetEmulator, runCampaign, sentTo, temporalClient, waitForLead, waitForSent, workspaceWithAlex } from './support/sequences';
import { waitFor } from './support/wait-for';
import { WebhookReceiver } from './support/webhook-receiver';

jest.setTimeout(120_000);

describe('sequences: several senders and the sequence webhooks (real Temporal, emulator over HTTP)', () => {
  let key: string;
  let alexId: string;
  let jordanId: string;
  let members: Member[];
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    members = await loadScenarioWithMembers(2);
    ({ key, alexId } = await workspaceWithAlex());
    jordanId = await connectAccount(key, SANDBOX.jordan);
    await receiver.start();
    const hook = await api('POST', '/v1/webhooks', { key, body: { url: receiver.url, events: ['lead.replied', 'lead.completed', 'campaign.completed', 'step.failed'] } });
    expect(hook.status).toBe(201);
  });

  afterAll(async () => {
    await receiver.stop();
    await closeTemporalClient();
    await resetEmulator();
  });

  it('gives each lead a sticky sender and delivers lead.replied, lead.completed and campaign.completed once each', async () => {
    const [toAlex, toJordan] = members as [Member, Member];
    const steps = [
      { id: 'hi', type: 'typing_and_send', template: 'Hi {{firstName|there}}.' },
      { id: 'wait', type: 'wait_for_reply', timeout: '4s' },
      { id: 'again', type: 'typing_and_send', template: 'Checking in.' },
    ];
    const { campaignId, leadIds } = await runCampaign(key, steps, [{ profile: toAlex.urn, attributes: { firstName: 'Al' } }, { profile: toJordan.urn, attributes: { firstName: 'Jo' } }], { senders: [alexId, jordanId] });
    const leads = await Promise.all(leadIds.map((id) => api('GET', `/v1/campaigns/${campaignId}/leads/${id}`, { key }).then((r) => r.body.lead)));
    expect(leads.map((l) => l.accountId)).toEqual([alexId, jordanId]);

    await waitForSent(toAlex, 1);
    await emulator('POST', `/members/${toAlex.profileId}/reply`, { text: 'Hi back!', accountProfileId: SANDBOX.alex });
    const [a, b] = await Promise.all(leadIds.map((id) => waitForLead(key, campaignId, id, ['replied', 'completed', 'failed'])));
    expect([a.state, b.state]).toEqual(['replied', 'completed']);
    expect((await sentTo(toAlex)).map((m) => m.text)).toEqual(['Hi Al.']);
    expect((await sentTo(toJordan, SANDBOX.jordan)).map((m) => m.text)).toEqual(['Hi Jo.', 'Checking in.']);
    expect(await sentTo(toJordan)).toEqual([]); // nothing from Alex: the sender is sticky

    await waitFor('the campaign to complete', async () => (await getCampaign(key, campaignId)).status === 'completed' || undefined, 30_000);
    const events = await waitFor('four webhooks', async () => {
      const got = receiver.accepted().filter((r) => r.body.data?.campaign_id === campaignId);
      return got.length >= 4 ? got : undefined;
    }, 30_000);
    await new Promise((r) => setTimeout(r, 1000)); // nothing more arrives (each fact once)
    const mine = receiver.accepted().filter((r) => r.body.data?.campaign_id === campaignId);
    expect(mine.map((r) => r.body.event).sort()).toEqual(['campaign.completed', 'lead.completed', 'lead.completed', 'lead.replied']);
    expect(events.find((r) => r.body.event === 'lead.replied')!.body.data).toMatchObject({ lead_id: leadIds[0], step_id: 'hi' });
    expect(mine.filter((r) => r.body.event === 'lead.completed').map((r) => r.body.data.status).sort()).toEqual(['completed', 'replied']);
    expect(mine.find((r) => r.body.event === 'campaign.completed')!.body.data).toMatchObject({ status: 'completed', leads: { replied: 1, completed: 1 } });

    const client = await temporalClient();
    await waitFor('visibility by AccountId', async () => {
      const ids: string[] = [];
      for await (const wf of client.workflow.list({ query: `CampaignId='${campaignId}' AND AccountId='${jordanId}'` })) ids.push(wf.workflowId);
      return ids.length === 1 && ids[0] === `lead:${campaignId}:${leadIds[1]}` ? ids : undefined;
    }, 20_000, 500);
  });
});
