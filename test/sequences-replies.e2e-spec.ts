import { routeCounts } from './support/accounts';
import { api } from './support/api-client';
import { emulator, SANDBOX } from './support/emulator-admin';
import {
  ALWAYS_OPEN, closeTemporalClient, publishedSequence, recordHistory, loadScenarioWithMembers, type Member, replyByHand, resetEmulator, runCampaign, sentTo, sleep, temporalClient, waitForLead, waitForSent, workspaceWithAlex,
} from './support/sequences';
import { waitFor } from './support/wait-for';

jest.setTimeout(120_000);

describe('sequences: follow-ups and replies (real Temporal, emulator over HTTP)', () => {
  let key: string;
  let alexId: string;
  let members: Member[];
  const next = () => members.shift()!;

  beforeAll(async () => {
    members = await loadScenarioWithMembers(12);
    ({ key, alexId } = await workspaceWithAlex());
  });

  afterAll(async () => {
    await closeTemporalClient();
    await resetEmulator();
  });

  it('sends the follow-up when the lead does not reply, then completes', async () => {
    const lead = next();
    const steps = [
      { id: 'intro', type: 'typing_and_send', template: 'Hi {{firstName|there}}, quick question.' },
      { id: 'wait', type: 'wait_for_reply', timeout: '3s' },
      { id: 'follow-up', type: 'typing_and_send', template: 'Following up, {{firstName|there}}.' },
    ];
    const { campaignId, leadIds } = await runCampaign(key, steps, [{ profile: lead.urn, attributes: { firstName: 'Ada' } }], { senders: [alexId] });
    const done = await waitForLead(key, campaignId, leadIds[0]!, ['completed', 'failed', 'replied', 'stopped']);
    expect(done.state).toBe('completed');
    const sent = await sentTo(lead);
    expect(sent.map((m) => m.text)).toEqual(['Hi Ada, quick question.', 'Following up, Ada.']);
    expect(new Set(sent.map((m) => m.originToken)).size).toBe(2);
    expect(sent.every((m) => !m.afterReply)).toBe(true);

    const campaign = (await api('GET', `/v1/campaigns/${campaignId}`, { key })).body.campaign;
    await waitFor('the campaign to complete', async () => ((await api('GET', `/v1/campaigns/${campaignId}`, { key })).body.campaign.status === 'completed') || undefined, 30_000);
    expect(campaign.leads.total).toBe(1);
  });

  it('stops on a reply typed by hand: no follow-up, the lead ends as replied', async () => {
    const lead = next();
    const steps = [
      { id: 'intro', type: 'typing_and_send', template: 'Hello {{firstName|there}}!' },
      { id: 'wait', type: 'wait_for_reply', timeout: '8s' },
      { id: 'follow-up', type: 'typing_and_send', template: 'Did you see my note?' },
    ];
    const { campaignId, leadIds } = await runCampaign(key, steps, [{ profile: lead.urn }], { senders: [alexId] });
    await waitForSent(lead, 1);
    await replyByHand(lead, 'Thanks, not interested right now.');
    const done = await waitForLead(key, campaignId, leadIds[0]!, ['replied', 'completed', 'failed'], 30_000);
    expect(done.state).toBe('replied');
    expect(done.repliedAt).not.toBeNull();
    await recordHistory('lead-stop-on-reply', `lead:${campaignId}:${leadIds[0]}`);
    // The run has closed (no send was under way in the wait): nothing can go out after this.
    await (await temporalClient()).workflow.getHandle(`lead:${campaignId}:${leadIds[0]}`).result();
    expect((await sentTo(lead)).map((m) => m.text)).toEqual(['Hello there!']);
  });

  it('does not send when the reply lands while the typing indicator shows', async () => {
    const lead = next();
    const long = `Long note. ${'word '.repeat(300)}`; // ~1500 characters: about 7.5 s of typing at 5 ms a character
    const steps = [
      { id: 'intro', type: 'typing_and_send', template: 'Hi!', typing: false },
      { id: 'pause', type: 'wait', duration: '1s' },
      { id: 'long', type: 'typing_and_send', template: long },
    ];
    const before = (await routeCounts(SANDBOX.alex)).typing ?? 0;
    const { campaignId, leadIds } = await runCampaign(key, steps, [{ profile: lead.urn }], { senders: [alexId] });
    await waitForSent(lead, 1);
    await waitFor('the typing indicator', async () => ((await routeCounts(SANDBOX.alex)).typing ?? 0) > before || undefined, 30_000, 100);
    await replyByHand(lead, 'Wait, I am typing too!');
    const done = await waitForLead(key, campaignId, leadIds[0]!, ['replied', 'completed', 'failed'], 30_000);
    expect(done.state).toBe('replied');
    await sleep(3000);
    expect((await sentTo(lead)).map((m) => m.text)).toEqual(['Hi!']);
    await recordHistory('lead-reply-during-typing', `lead:${campaignId}:${leadIds[0]}`);
  });

  it('branches on reply when stop-on-reply is off: a thank-you for the one who replied, a nudge for the other', async () => {
    const replier = next();
    const silent = next();
    const steps = [
      { id: 'ask', type: 'typing_and_send', template: 'Would a short call help, {{firstName|there}}?' },
      { id: 'wait', type: 'wait_for_reply', timeout: '6s', onReply: 'thanks', onTimeout: 'next' },
      { id: 'nudge', type: 'typing_and_send', template: 'Just nudging this up.' },
      { id: 'end-nudge', type: 'end' },
      { id: 'thanks', type: 'typing_and_send', template: 'Thanks for getting back to me!' },
    ];
    const { campaignId, leadIds } = await runCampaign(key, steps, [{ profile: replier.urn }, { profile: silent.urn }], { senders: [alexId], stopOnReply: false });
    await waitForSent(replier, 1);
    await replyByHand(replier, 'Sure, happy to.');
    const [a, b] = await Promise.all(leadIds.map((id) => waitForLead(key, campaignId, id, ['replied', 'completed', 'failed', 'stopped'], 45_000)));
    expect(a.state).toBe('replied');
    expect(b.state).toBe('completed');
    expect((await sentTo(replier)).map((m) => m.text)).toEqual(['Would a short call help, there?', 'Thanks for getting back to me!']);
    expect((await sentTo(silent)).map((m) => m.text)).toEqual(['Would a short call help, there?', 'Just nudging this up.']);

    const stats = (await api('GET', `/v1/campaigns/${campaignId}/stats`, { key })).body.stats;
    expect(stats.sent).toBe(4);
    expect(stats.replied).toBe(1);
    expect(stats.replyRate).toBe(0.5);
    const ask = stats.steps.find((s: { stepId: string }) => s.stepId === 'ask');
    expect(ask).toMatchObject({ sent: 2, replied: 1 });
    await recordHistory('lead-branch-replied', `lead:${campaignId}:${leadIds[0]}`);
    await recordHistory('lead-branch-timeout', `lead:${campaignId}:${leadIds[1]}`);
  });

  it('stops when someone writes by hand from the account', async () => {
    const lead = next();
    const steps = [
      { id: 'intro', type: 'typing_and_send', template: 'Hi there.' },
      { id: 'wait', type: 'wait', duration: '4s' },
      { id: 'follow-up', type: 'typing_and_send', template: 'Following up.' },
    ];
    const { campaignId, leadIds } = await runCampaign(key, steps, [{ profile: lead.urn }], { senders: [alexId] });
    await waitForSent(lead, 1);
    await emulator('POST', `/accounts/${SANDBOX.alex}/send`, { text: 'Written by hand on linkedin.com', recipientProfileId: lead.profileId });
    const stopped = await waitForLead(key, campaignId, leadIds[0]!, ['stopped', 'completed', 'failed'], 30_000);
    expect(stopped.state).toBe('stopped');
    expect(stopped.stateReason).toContain('by hand');
    expect((await sentTo(lead)).map((m) => m.text)).toEqual(['Hi there.']);
  });

  it('never writes to someone already in a conversation with the sender (skipped at import or at the first thread check)', async () => {
    const sarah: Member = { profileId: SANDBOX.sarah, urn: `urn:li:fsd_profile:${SANDBOX.sarah}`, firstName: 'Sarah' };
    const before = (await sentTo(sarah)).length;
    const sequenceId = await publishedSequence(key, [{ type: 'typing_and_send', template: 'Hi Sarah, new here.' }]);
    const campaign = (await api('POST', '/v1/campaigns', { key, body: { name: 'sarah', sequenceId, senders: [{ accountId: alexId }], workingHours: ALWAYS_OPEN } })).body.campaign;
    const added = (await api('POST', `/v1/campaigns/${campaign.id}/leads`, { key, body: { leads: [{ profile: sarah.urn }] } })).body;
    if (added.skipped.length) {
      expect(added.skipped[0].reason).toBe('in_conversation');
    } else {
      expect((await api('POST', `/v1/campaigns/${campaign.id}/start`, { key })).status).toBe(200);
      const lead = await waitForLead(key, campaign.id, added.leads[0].id, ['skipped', 'completed', 'failed'], 30_000);
      expect(lead.state).toBe('skipped');
      expect(lead.stateReason).toContain('already in a conversation');
    }
    expect((await sentTo(sarah)).length).toBe(before);
  });
});
