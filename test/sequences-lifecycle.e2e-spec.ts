import { workflowMetadataQuery } from '@threadline/contracts';
import { api } from './support/api-client';
import {
  ALWAYS_OPEN, closeTemporalClient, connectToAlex, getCampaign, getLead, loadScenarioWithMembers, type Member, publishedSequence, recordHistory, resetEmulator, runCampaign, sentTo,
  temporalClient, waitForLead, waitForSent, workspaceWithAlex,
} from './support/sequences';
import { waitFor } from './support/wait-for';

jest.setTimeout(120_000);


describe('sequences: campaign lifecycle, lead rules, per-lead controls (real Temporal, emulator over HTTP)', () => {
  let key: string;
  let alexId: string;
  let members: Member[];
  let strangers: Member[];
  const next = () => members.shift()!;

  beforeAll(async () => {
    const all = await loadScenarioWithMembers(16, 1);
    members = all.slice(0, 16);
    strangers = all.slice(16);
    ({ key, alexId } = await workspaceWithAlex());
  });

  afterAll(async () => {
    await closeTemporalClient();
    await resetEmulator();
  });

  it('pauses (no new step starts) and resumes without repeating a step', async () => {
    const lead = next();
    const steps = [
      { id: 's1', type: 'typing_and_send', template: 'One.' },
      { id: 'w1', type: 'wait', duration: '3s' },
      { id: 's2', type: 'typing_and_send', template: 'Two.' },
      { id: 'w2', type: 'wait', duration: '1s' },
      { id: 's3', type: 'typing_and_send', template: 'Three.' },
    ];
    const { campaignId, leadIds } = await runCampaign(key, steps, [{ profile: lead.urn, attributes: { firstName: lead.firstName, lastName: 'Seq' } }], { senders: [alexId] });
    await waitForSent(lead, 1);
    expect((await api('POST', `/v1/campaigns/${campaignId}/pause`, { key })).body.campaign.status).toBe('paused');
    // Pausing twice is harmless.
    expect((await api('POST', `/v1/campaigns/${campaignId}/pause`, { key })).status).toBe(200);
    // The run holds at the gate before its next step (after the 3 s wait, if it was in it): s2 cannot start.
    const now = async () => (await api('GET', `/v1/campaigns/${campaignId}/leads/${leadIds[0]}/timeline`, { key })).body.timeline.now;
    await waitFor('the run to hold for the pause', async () => (await now())?.waitingFor?.reason === 'paused' || undefined, 20_000, 200);
    expect((await sentTo(lead)).map((m) => m.text)).toEqual(['One.']);
    expect((await getLead(key, campaignId, leadIds[0]!)).state).toBe('paused');
    const live = (await api('GET', `/v1/campaigns/${campaignId}/leads/${leadIds[0]}/timeline`, { key })).body.timeline.now;
    expect(live).toMatchObject({ status: 'paused', paused: true, waitingFor: { reason: 'paused', until: null } });

    const client = await temporalClient();
    // The Web UI reads who the run is for and where it stands from Temporal's user metadata.
    const run = client.workflow.getHandle(`lead:${campaignId}:${leadIds[0]}`);
    expect(await (await run.describe()).staticSummary()).toMatch(new RegExp(`^${lead.firstName} Seq · e2e \\d+ · 5 steps$`));
    expect((await run.query(workflowMetadataQuery)).currentDetails).toMatch(/^Step [23] of 5: `(w1|s2)` \((wait|typing_and_send)\), waiting: paused$/);
    await waitFor('LeadStatus=paused in visibility', async () => {
      let n = 0;
      for await (const _ of client.workflow.list({ query: `CampaignId='${campaignId}' AND LeadStatus='paused'` })) n++;
      return n === 1 || undefined;
    }, 20_000, 500);

    expect((await api('POST', `/v1/campaigns/${campaignId}/resume`, { key })).body.campaign.status).toBe('running');
    expect((await api('POST', `/v1/campaigns/${campaignId}/resume`, { key })).status).toBe(200);
    const done = await waitForLead(key, campaignId, leadIds[0]!, ['completed', 'failed', 'stopped']);
    expect(done.state).toBe('completed');
    const sent = await sentTo(lead);
    expect(sent.map((m) => m.text)).toEqual(['One.', 'Two.', 'Three.']);
    expect(new Set(sent.map((m) => m.originToken)).size).toBe(3);

    // The lead's row says completed a moment before its run closes: wait for the run's last event.
    const timeline = await waitFor('the run completed in the timeline', async () => {
      const t = (await api('GET', `/v1/campaigns/${campaignId}/leads/${leadIds[0]}/timeline`, { key })).body.timeline;
      return t.entries.some((e: { type: string }) => e.type === 'run_completed') ? t : undefined;
    }, 20_000, 300);
    const types = timeline.entries.map((e: { type: string }) => e.type);
    expect(types.filter((t: string) => t === 'sent')).toHaveLength(3);
    expect(types).toEqual(expect.arrayContaining(['enrolled', 'paused', 'resumed', 'waited', 'step_started', 'run_completed']));
    expect(timeline.entries.find((e: { reason?: string }) => e.reason === 'wait_step')).toMatchObject({ durationMs: 3000, ended: 'elapsed', stepId: 'w1' });
    // The pause lands right after s1 (the lead waits before w1) or during w1 (it waits before s2); either way s2 waited for the resume.
    const paused = timeline.entries.find((e: { type: string; reason?: string }) => e.type === 'waited' && e.reason === 'paused');
    expect(paused).toMatchObject({ ended: 'elapsed' });
    expect(['w1', 's2']).toContain(paused.stepId);
    const resumedAt = Date.parse(timeline.entries.find((e: { type: string }) => e.type === 'resumed').at);
    const s2 = timeline.entries.find((e: { type: string; stepId: string }) => e.type === 'sent' && e.stepId === 's2');
    expect(Date.parse(s2.at)).toBeGreaterThan(resumedAt);
    expect(timeline.temporalUrl).toContain(encodeURIComponent(`lead:${campaignId}:${leadIds[0]}`));
    await recordHistory('lead-pause-resume', `lead:${campaignId}:${leadIds[0]}`);
  });

  it('cancels: running leads end at once, nothing more is sent, the campaign is cancelled', async () => {
    const [a, b] = [next(), next()];
    const steps = [
      { id: 's1', type: 'typing_and_send', template: 'Hello.' },
      { id: 'w1', type: 'wait', duration: '20s' },
      { id: 's2', type: 'typing_and_send', template: 'Still there?' },
    ];
    const { campaignId, leadIds } = await runCampaign(key, steps, [{ profile: a.urn }, { profile: b.urn }], { senders: [alexId] });
    await Promise.all([waitForSent(a, 1), waitForSent(b, 1)]);
    expect((await api('POST', `/v1/campaigns/${campaignId}/cancel`, { key })).status).toBe(200);
    for (const id of leadIds) expect((await waitForLead(key, campaignId, id, ['cancelled', 'completed', 'failed'], 20_000)).state).toBe('cancelled');
    await waitFor('the campaign to be cancelled', async () => (await getCampaign(key, campaignId)).status === 'cancelled' || undefined, 20_000);
    expect((await getCampaign(key, campaignId)).leads).toMatchObject({ total: 2, cancelled: 2 });
    expect((await sentTo(a)).map((m) => m.text)).toEqual(['Hello.']);
    expect((await sentTo(b)).map((m) => m.text)).toEqual(['Hello.']);
    await recordHistory('lead-cancelled', `lead:${campaignId}:${leadIds[0]}`);
    await recordHistory('campaign-cancelled', `campaign:${campaignId}`);
    expect((await api('POST', `/v1/campaigns/${campaignId}/resume`, { key })).body.code).toBe('CAMPAIGN_STATE_INVALID');
    expect((await api('POST', `/v1/campaigns/${campaignId}/archive`, { key })).body.campaign.archivedAt).not.toBeNull();
  });

  it('refuses a lead already live in another campaign of the same sender, duplicates and excluded people, with reasons', async () => {
    const [x, y, z] = [next(), next(), next()];
    const sequenceId = await publishedSequence(key, [{ type: 'typing_and_send', template: 'Hi.' }]);
    const create = async () => (await api('POST', '/v1/campaigns', { key, body: { name: 'dedup', sequenceId, senders: [{ accountId: alexId }], workingHours: ALWAYS_OPEN } })).body.campaign.id as string;
    const first = await create();
    const second = await create();
    expect((await api('POST', `/v1/campaigns/${first}/leads`, { key, body: { leads: [{ profile: x.urn }] } })).body.added).toBe(1);
    expect((await api('POST', '/v1/lead-exclusions', { key, body: { profiles: [`https://www.linkedin.com/in/${z.profileId}/`], reason: 'asked not to be contacted' } })).status).toBe(201);

    const res = await api('POST', `/v1/campaigns/${second}/leads`, { key, body: { leads: [
      { profile: `https://www.linkedin.com/in/${x.profileId}` }, // same person as x, another spelling
      { profile: y.urn, attributes: { firstName: 'Yan' } },
      { profile: y.profileId },
      { profile: z.urn },
    ] } });
    expect(res.status).toBe(201);
    expect(res.body.added).toBe(1);
    expect(res.body.skipped.map((s: { reason: string }) => s.reason)).toEqual(['in_active_campaign', 'duplicate_in_request', 'excluded']);
    expect(res.body.skipped[0].detail).toContain(first);

    // CSV: the profile column plus attributes; x is still refused.
    const form = new FormData();
    form.append('file', new Blob([`profileUrl,firstName,company\n${x.urn},Xavier,Acme\n\n,,Nobody\n`], { type: 'text/csv' }), 'leads.csv');
    const csv = await fetch(`${JSON.parse(process.env.THREADLINE_E2E!).apiUrl}/v1/campaigns/${first}/leads/csv`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: form });
    const body = (await csv.json()) as { skipped: Array<{ reason: string }> };
    expect(csv.status).toBe(201);
    expect(body.skipped.map((s) => s.reason).sort()).toEqual(['already_in_campaign', 'missing_profile']);
  });

  it('validates sequences at the edge, naming the step and field, and keeps published versions immutable', async () => {
    const bad = await api('POST', '/v1/sequences', { key, body: { name: 'bad', steps: [{ type: 'typing_and_send', template: 'Hi' }, { type: 'wait', duration: '1d' }, { type: 'typing_and_send', template: 'Hi {there' }] } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'steps[2].template' });
    expect(bad.body.error).toContain('steps[2].template: unclosed spintax');

    const created = (await api('POST', '/v1/sequences', { key, body: { name: 'v', steps: [{ id: 'a', type: 'typing_and_send', variants: [{ id: 'A', template: 'Hi {{firstName|there}}' }, { id: 'B', template: `{{bio}} ${'x'.repeat(7980)}` }] }] } })).body.sequence;
    const unpublished = await api('POST', '/v1/campaigns', { key, body: { name: 'c', sequenceId: created.id, senders: [{ accountId: alexId }] } });
    expect(unpublished.body.code).toBe('SEQUENCE_NOT_PUBLISHED');
    const preview = (await api('POST', `/v1/sequences/${created.id}/preview`, { key, body: { attributes: { firstName: 'Grace', bio: 'y'.repeat(100) } } })).body.preview;
    expect(preview.valid).toBe(false);
    expect(preview.steps[0].messages[0]).toMatchObject({ variantId: 'A', text: 'Hi Grace', problem: null });
    expect(preview.steps[0].messages[1].problem).toContain('LinkedIn allows 8000');
    const missing = (await api('POST', `/v1/sequences/${created.id}/preview`, { key, body: { attributes: {} } })).body.preview;
    expect(missing.steps[0].messages[1].missingVariables).toEqual(['bio']);

    await api('POST', `/v1/sequences/${created.id}/publish`, { key });
    await api('PATCH', `/v1/sequences/${created.id}`, { key, body: { steps: [{ id: 'a', type: 'typing_and_send', template: 'Changed' }] } });
    const v1 = (await api('POST', `/v1/sequences/${created.id}/preview`, { key, body: { version: 1, attributes: { firstName: 'Grace' } } })).body.preview;
    expect(v1.steps[0].messages[0].text).toBe('Hi Grace');
    const zone = await api('POST', '/v1/campaigns', { key, body: { name: 'c', sequenceId: created.id, senders: [{ accountId: alexId }], workingHours: { ...ALWAYS_OPEN, timeZone: 'Mars/Olympus' } } });
    expect(zone.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'workingHours.timeZone' });
  });

  it('skips a wait and stops a lead on request', async () => {
    const [fast, stopped] = [next(), next()];
    const steps = [
      { id: 's1', type: 'typing_and_send', template: 'First.' },
      { id: 'w1', type: 'wait', duration: '60s' },
      { id: 's2', type: 'typing_and_send', template: 'Second.' },
    ];
    const { campaignId, leadIds } = await runCampaign(key, steps, [{ profile: fast.urn }, { profile: stopped.urn }], { senders: [alexId] });
    await Promise.all([waitForSent(fast, 1), waitForSent(stopped, 1)]);
    await waitFor('both leads in the wait', async () => (await Promise.all(leadIds.map((id) => getLead(key, campaignId, id)))).every((l) => l.currentStep?.id === 'w1') || undefined, 20_000);
    const waiting = (await api('GET', `/v1/campaigns/${campaignId}/leads/${leadIds[0]}/timeline`, { key })).body.timeline.now;
    expect(waiting).toMatchObject({ status: 'active', stepId: 'w1', waitingFor: { reason: 'wait_step' } });
    expect(Date.parse(waiting.waitingFor.until)).toBeGreaterThan(Date.now() + 30_000);
    // The run itself refuses what does not apply, and answers what it did.
    const refused = await api('POST', `/v1/campaigns/${campaignId}/leads/${leadIds[0]}/retry`, { key });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'CAMPAIGN_STATE_INVALID', error: expect.stringContaining('not holding on a failed step; retry applies to a failed step only') });
    expect((await api('POST', `/v1/campaigns/${campaignId}/leads/${leadIds[0]}/skip`, { key })).status).toBe(200);
    const stopping = await api('POST', `/v1/campaigns/${campaignId}/leads/${leadIds[1]}/stop`, { key });
    expect(stopping.status).toBe(200);
    expect(stopping.body.lead).toMatchObject({ state: 'stopped', stateReason: 'stopped by API' });
    expect((await waitForLead(key, campaignId, leadIds[0]!, ['completed', 'failed'], 30_000)).state).toBe('completed');
    expect((await waitForLead(key, campaignId, leadIds[1]!, ['stopped', 'completed'], 30_000)).state).toBe('stopped');
    expect((await sentTo(fast)).map((m) => m.text)).toEqual(['First.', 'Second.']);
    expect((await sentTo(stopped)).map((m) => m.text)).toEqual(['First.']);
    await recordHistory('lead-skip-wait', `lead:${campaignId}:${leadIds[0]}`);
    await recordHistory('lead-stopped', `lead:${campaignId}:${leadIds[1]}`);
  });

  it('enrols leads added to a running campaign', async () => {
    const [first, late] = [next(), next()];
    const steps = [{ id: 'hi', type: 'typing_and_send', template: 'Hi.' }, { id: 'w', type: 'wait', duration: '5s' }];
    const { campaignId } = await runCampaign(key, steps, [{ profile: first.urn }], { senders: [alexId] });
    await waitForSent(first, 1);
    const added = await api('POST', `/v1/campaigns/${campaignId}/leads`, { key, body: { leads: [{ profile: late.urn }] } });
    expect(added.body.added).toBe(1);
    await waitForSent(late, 1, 20_000);
    expect((await waitForLead(key, campaignId, added.body.leads[0].id, ['completed', 'failed'], 30_000)).state).toBe('completed');
    await waitFor('the campaign to complete', async () => (await getCampaign(key, campaignId)).status === 'completed' || undefined, 30_000);
  });

  it('holds a failed step and retries it on request, sending once', async () => {
    const stranger = strangers[0]!; // not connected to Alex: LinkedIn refuses the message (NOT_CONNECTED)
    const { campaignId, leadIds } = await runCampaign(key, [{ id: 'hello', type: 'typing_and_send', template: 'Hello stranger.' }], [{ profile: stranger.urn }], { senders: [alexId] });
    const failed = await waitForLead(key, campaignId, leadIds[0]!, ['failed', 'completed'], 30_000);
    expect(failed.state).toBe('failed');
    expect(failed.stateReason).toContain('RECIPIENT_NOT_REACHABLE');
    await connectToAlex(stranger);
    expect((await api('POST', `/v1/campaigns/${campaignId}/leads/${leadIds[0]}/retry`, { key })).status).toBe(200);
    expect((await waitForLead(key, campaignId, leadIds[0]!, ['completed'], 30_000)).state).toBe('completed');
    expect((await sentTo(stranger)).map((m) => m.text)).toEqual(['Hello stranger.']);
    await recordHistory('lead-failed-retried', `lead:${campaignId}:${leadIds[0]}`);
    expect((await api('POST', `/v1/campaigns/${campaignId}/leads/${leadIds[0]}/retry`, { key })).body.code).toBe('CAMPAIGN_STATE_INVALID');
  });
});
