import { api } from './support/api-client';
import { closeTemporalClient, loadScenarioWithMembers, resetEmulator, runCampaign, sentTo, waitForLead, workspaceWithAlex } from './support/sequences';
import { waitFor } from './support/wait-for';

jest.setTimeout(120_000);

// Issue 16, "changes apply now": a change of an account signals its waiting runs (accountChanged), so they
// ask for their slot again at once instead of at the old notBefore (here: the next UTC midnight).
describe('account changes reach the runs waiting on the account (real Temporal, emulator over HTTP)', () => {
  let key: string;
  let alexId: string;

  beforeAll(async () => {
    ({ key, alexId } = await workspaceWithAlex());
  });

  afterAll(async () => {
    await api('PATCH', `/v1/accounts/${alexId}`, { key, body: { dailyMessageCap: null } });
    await closeTemporalClient();
    await resetEmulator();
  });

  it('wakes campaign leads waiting for quota as soon as the daily cap is raised, and sends each once', async () => {
    const members = await loadScenarioWithMembers(2);
    // Caps are per LinkedIn member and other specs sent as Alex today: a cap of what is used already is full.
    const { used } = (await api('GET', `/v1/accounts/${alexId}/limits`, { key })).body.actions.messages.daily;
    expect((await api('PATCH', `/v1/accounts/${alexId}`, { key, body: { dailyMessageCap: used } })).status).toBe(200);

    const steps = [{ id: 's1', type: 'typing_and_send', template: 'Hi {{firstName}}.', typing: false }];
    const { campaignId, leadIds } = await runCampaign(key, steps, members.map((m) => ({ profile: m.urn, attributes: { firstName: m.firstName } })), { senders: [alexId] });
    const waitingFor = async (leadId: string) => (await api('GET', `/v1/campaigns/${campaignId}/leads/${leadId}/timeline`, { key })).body?.timeline?.now?.waitingFor;
    for (const leadId of leadIds) {
      const waiting = await waitFor(`lead ${leadId} waiting for quota`, async () => ((w) => (w?.reason === 'quota' ? w : undefined))(await waitingFor(leadId)), 60_000, 250);
      // Without the signal the lead would sleep until the daily window resets.
      expect(Date.parse(waiting.until)).toBe(new Date().setUTCHours(24, 0, 0, 0));
    }

    expect((await api('PATCH', `/v1/accounts/${alexId}`, { key, body: { dailyMessageCap: used + 2 } })).status).toBe(200);
    const done = await Promise.all(leadIds.map((id) => waitForLead(key, campaignId, id, ['completed'], 60_000)));
    expect(done.map((l) => l.state)).toEqual(['completed', 'completed']);
    for (const member of members) expect((await sentTo(member)).map((m) => m.text)).toEqual([`Hi ${member.firstName}.`]);
    expect((await api('GET', `/v1/accounts/${alexId}/limits`, { key })).body.actions.messages.daily).toMatchObject({ used: used + 2, reserved: 0 });
  });
});
