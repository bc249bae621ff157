import { api } from './support/api-client';
import { received, SANDBOX } from './support/emulator-admin';
import {
  closeTemporalClient, loadScenarioWithMembers, type Member, recordHistory, resetEmulator, runCampaign, sentTo, temporalClient, waitForLead, workspaceWithAlex,
} from './support/sequences';
import { waitFor } from './support/wait-for';
import { killWorker, startReplacementWorker } from './support/worker-control';

jest.setTimeout(240_000);

describe('sequences: a worker killed mid-campaign (real Temporal, emulator over HTTP)', () => {
  let key: string;
  let alexId: string;
  let members: Member[];

  beforeAll(async () => {
    members = await loadScenarioWithMembers(6);
    ({ key, alexId } = await workspaceWithAlex());
  });

  afterAll(async () => {
    await closeTemporalClient();
    await resetEmulator();
  });

  it('loses no step and sends nothing twice when the worker is SIGKILLed and replaced', async () => {
    const leads = members.slice(0, 5);
    const steps = [
      { id: 's1', type: 'typing_and_send', variants: [{ id: 'A', template: 'One, {{firstName|friend}}.' }, { id: 'B', template: 'First, {{firstName|friend}}.' }] },
      { id: 'w1', type: 'wait', duration: '2s' },
      { id: 's2', type: 'typing_and_send', template: 'Two.' },
      { id: 'r', type: 'wait_for_reply', timeout: '2s' },
      { id: 's3', type: 'typing_and_send', template: 'Three.' },
      { id: 'seen', type: 'mark_seen' },
    ];
    const t0 = Date.now();
    const { campaignId, leadIds } = await runCampaign(key, steps, leads.map((l) => ({ profile: l.urn, attributes: { firstName: l.firstName } })), { senders: [alexId] });

    // Kill while the campaign is mid-flight: some first messages out, most of the sequence still to run.
    await waitFor('two messages out', async () => (await received(SANDBOX.alex)).length >= 2 || undefined, 60_000, 50);
    const killedAt = Date.now();
    await killWorker();
    const sentBeforeKill = (await received(SANDBOX.alex)).length;
    await new Promise((r) => setTimeout(r, 3000));
    await startReplacementWorker();
    const restartedAt = Date.now();

    const done = await Promise.all(leadIds.map((id) => waitForLead(key, campaignId, id, ['completed', 'failed', 'stopped', 'replied'], 200_000)));
    const finishedAt = Date.now();
    expect(done.map((l) => l.state)).toEqual(leadIds.map(() => 'completed'));
    for (const lead of leads) {
      const sent = await sentTo(lead);
      expect(sent.map((m) => m.text)).toEqual([expect.stringMatching(/^(One|First), Lead\d+\.$/), 'Two.', 'Three.']);
      expect(new Set(sent.map((m) => m.originToken)).size).toBe(3);
    }
    expect((await received(SANDBOX.alex)).length).toBe(15);
    console.warn(`[sequences-crash] ${sentBeforeKill}/15 sent before the kill at +${((killedAt - t0) / 1000).toFixed(1)}s; replacement ready +${((restartedAt - killedAt) / 1000).toFixed(1)}s after the kill; all 5 leads completed at +${((finishedAt - t0) / 1000).toFixed(1)}s`);

    // The runs are findable by campaign, account and lead in Temporal visibility.
    const client = await temporalClient();
    await waitFor('visibility to list the 5 completed lead runs', async () => {
      let n = 0;
      for await (const _ of client.workflow.list({ query: `CampaignId='${campaignId}' AND AccountId='${alexId}' AND LeadStatus='completed'` })) n++;
      return n === 5 || undefined;
    }, 30_000, 500);

    const stats = (await api('GET', `/v1/campaigns/${campaignId}/stats`, { key })).body.stats;
    expect(stats.sent).toBe(15);
    expect(stats.steps.filter((s: { stepId: string }) => s.stepId === 's1').reduce((n: number, s: { sent: number }) => n + s.sent, 0)).toBe(5);

    // THREADLINE_RECORD_HISTORIES=1 refreshes the replay fixtures (workflows/src/lead-sequence.replay.spec.ts).
    await recordHistory('lead-crash-restart', `lead:${campaignId}:${leadIds[0]}`);
    await recordHistory('campaign-crash-restart', `campaign:${campaignId}`);
  });
});
