import { api } from './support/api-client';
import { accountCookies, emulator, SANDBOX } from './support/emulator-admin';
import { closeTemporalClient, connectToAlex, loadScenarioWithMembers, type Member, recordHistory, resetEmulator, runCampaign, sentTo, waitForLead, workspaceWithAlex } from './support/sequences';
import { waitFor } from './support/wait-for';

jest.setTimeout(120_000);

describe('sequences: the sender’s session expires mid-campaign (real Temporal, emulator over HTTP)', () => {
  let key: string;
  let alexId: string;
  let members: Member[];
  let strangers: Member[];

  beforeAll(async () => {
    const all = await loadScenarioWithMembers(2, 2);
    members = all.slice(0, 2);
    strangers = all.slice(2);
    ({ key, alexId } = await workspaceWithAlex());
  });

  afterAll(async () => {
    await emulator('PATCH', `/accounts/${SANDBOX.alex}`, { expired: false });
    await closeTemporalClient();
    await resetEmulator();
  });

  it('holds the leads while the account is disconnected and carries on by itself after the reconnect, sending each step once', async () => {
    const steps = [
      { id: 's1', type: 'typing_and_send', template: 'Hello {{firstName|there}}.' },
      { id: 'w', type: 'wait', duration: '1s' },
      { id: 's2', type: 'typing_and_send', template: 'And a second note.' },
    ];
    await emulator('PATCH', `/accounts/${SANDBOX.alex}`, { expired: true });
    const { campaignId, leadIds } = await runCampaign(key, steps, members.map((m) => ({ profile: m.urn })), { senders: [alexId] });
    const held = await Promise.all(leadIds.map((id) => waitForLead(key, campaignId, id, ['failed', 'completed'], 30_000)));
    expect(held.map((l) => l.state)).toEqual(['failed', 'failed']);
    expect(held[0].stateReason).toContain('ACCOUNT_DISCONNECTED');
    expect((await api('GET', `/v1/accounts/${alexId}`, { key })).body.account.status).toBe('disconnected');
    const now = (await api('GET', `/v1/campaigns/${campaignId}/leads/${leadIds[0]}/timeline`, { key })).body.timeline.now;
    expect(now.waitingFor.reason).toBe('account');

    // The user refreshes the session; no per-lead retry is needed.
    await emulator('PATCH', `/accounts/${SANDBOX.alex}`, { expired: false });
    const cookies = await accountCookies(SANDBOX.alex);
    expect((await api('PATCH', `/v1/accounts/${alexId}`, { key, body: { liAt: cookies.liAt, jsessionId: cookies.jsessionId } })).body.account.status).toBe('active');

    const done = await Promise.all(leadIds.map((id) => waitForLead(key, campaignId, id, ['completed', 'stopped'], 60_000)));
    expect(done.map((l) => l.state)).toEqual(['completed', 'completed']);
    for (const m of members) expect((await sentTo(m)).map((r) => r.text)).toEqual(['Hello there.', 'And a second note.']);
    await recordHistory('lead-account-expired', `lead:${campaignId}:${leadIds[0]}`);
  });

  it('retries every failed lead of a campaign in one call', async () => {
    // Not connected to Alex: LinkedIn refuses the message (NOT_CONNECTED) and both leads hold as failed.
    const { campaignId, leadIds } = await runCampaign(key, [{ id: 'one', type: 'typing_and_send', template: 'Nice to meet you.' }], strangers.map((m) => ({ profile: m.urn })), { senders: [alexId] });
    const failed = await Promise.all(leadIds.map((id) => waitForLead(key, campaignId, id, ['failed', 'completed'], 30_000)));
    expect(failed.map((l) => l.state)).toEqual(['failed', 'failed']);
    for (const m of strangers) await connectToAlex(m);
    const res = await api('POST', `/v1/campaigns/${campaignId}/retry-failed`, { key });
    expect(res.body.retried).toBe(2);
    const done = await Promise.all(leadIds.map((id) => waitForLead(key, campaignId, id, ['completed'], 30_000)));
    expect(done.map((l) => l.state)).toEqual(['completed', 'completed']);
    for (const m of strangers) expect((await sentTo(m)).map((r) => r.text)).toEqual(['Nice to meet you.']);
    await waitFor('the campaign to complete', async () => (await api('GET', `/v1/campaigns/${campaignId}`, { key })).body.campaign.status === 'completed' || undefined, 30_000);
  });
});
