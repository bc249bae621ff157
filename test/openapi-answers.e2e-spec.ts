import { api, createWorkspace, recordApiAnswers } from './support/api-client';
import { connectAccount } from './support/accounts';
import { SANDBOX } from './support/emulator-admin';
import { ResponseSchemas } from './support/response-schemas';
import { ALWAYS_OPEN, closeTemporalClient, loadScenarioWithMembers, publishedSequence, resetEmulator, waitForLead } from './support/sequences';

/** The routes whose every answer must match its schema in /openapi.json (issue 20). */
const CHECKED = [/^\/v1\/campaigns(\/|$)/, /^\/v1\/lead-exclusions(\/|$)/, /^\/v1\/accounts\/[^/]+\/limits$/];

describe('OpenAPI tells the truth: real answers of campaigns, stats, leads, timeline and limits match their schemas', () => {
  afterAll(async () => {
    await resetEmulator();
    await closeTemporalClient();
  });

  it('answers, successes and errors alike, only shapes the document describes', async () => {
    const members = await loadScenarioWithMembers(2);
    const { key } = await createWorkspace();
    const alexId = await connectAccount(key, SANDBOX.alex);
    const recorder = recordApiAnswers();
    try {
      const sequenceId = await publishedSequence(key, [
        { id: 'intro', type: 'typing_and_send', variants: [{ id: 'a', template: 'Hi {{firstName|there}}' }, { id: 'b', template: 'Hello {{firstName|there}}' }] },
        { id: 'done', type: 'end' },
      ]);
      const created = await api('POST', '/v1/campaigns', { key, body: { name: 'openapi truth', sequenceId, senders: [{ accountId: alexId }], workingHours: ALWAYS_OPEN, limits: { newLeadsPerDay: 50 } } });
      expect(created.status).toBe(201);
      const campaignId = created.body.campaign.id as string;
      await api('POST', '/v1/campaigns', { key, body: { name: 'no sequence', sequenceId: 'nope', senders: [{ accountId: alexId }], workingHours: ALWAYS_OPEN } });
      await api('POST', '/v1/campaigns', { key, body: { name: 42 } });
      await api('GET', '/v1/campaigns', { key });
      await api('GET', '/v1/campaigns?archived=true&limit=5', { key });
      await api('GET', '/v1/campaigns/00000000-0000-4000-8000-000000000000', { key });
      await api('GET', `/v1/campaigns/${campaignId}`);
      await api('POST', `/v1/campaigns/${campaignId}/pause`, { key });

      const added = await api('POST', `/v1/campaigns/${campaignId}/leads`, { key, body: { leads: [
        { profile: members[0]!.urn, attributes: { firstName: 'Ada', company: 'Acme' } }, { profile: members[1]!.urn }, { profile: members[1]!.urn },
      ] } });
      expect(added.status).toBe(201);
      const [leadA, leadB] = added.body.leads.map((l: { id: string }) => l.id) as [string, string];
      await api('POST', `/v1/campaigns/${campaignId}/leads`, { key, body: { leads: [{ profile: '' }] } });
      await api('GET', `/v1/campaigns/${campaignId}/leads`, { key });
      await api('GET', `/v1/campaigns/${campaignId}/leads?state=pending&limit=1`, { key });
      await api('GET', `/v1/campaigns/${campaignId}/leads/${leadA}`, { key });
      await api('GET', `/v1/campaigns/${campaignId}/leads/${leadA}/timeline`, { key });
      await api('POST', `/v1/campaigns/${campaignId}/leads/${leadA}/retry`, { key });

      expect((await api('POST', `/v1/campaigns/${campaignId}/start`, { key })).status).toBe(200);
      await api('POST', `/v1/campaigns/${campaignId}/start`, { key });
      await api('POST', `/v1/campaigns/${campaignId}/leads/${leadB}/stop`, { key });
      await waitForLead(key, campaignId, leadA, ['completed']);
      await api('GET', `/v1/campaigns/${campaignId}/leads/${leadA}`, { key });
      await api('GET', `/v1/campaigns/${campaignId}/leads/${leadA}/timeline`, { key });
      await api('POST', `/v1/campaigns/${campaignId}/leads/${leadA}/skip`, { key });
      await api('GET', `/v1/campaigns/${campaignId}/stats`, { key });
      await api('POST', `/v1/campaigns/${campaignId}/retry-failed`, { key });
      await api('POST', `/v1/campaigns/${campaignId}/pause`, { key });
      await api('POST', `/v1/campaigns/${campaignId}/resume`, { key });
      await api('POST', `/v1/campaigns/${campaignId}/cancel`, { key });
      await api('POST', `/v1/campaigns/${campaignId}/archive`, { key });
      await api('GET', `/v1/campaigns/${campaignId}`, { key });

      await api('POST', '/v1/lead-exclusions', { key, body: { profiles: ['https://www.linkedin.com/in/marcus-johnson'], reason: 'asked not to be contacted' } });
      await api('POST', '/v1/lead-exclusions', { key, body: { profiles: 'everyone' } });
      await api('GET', '/v1/lead-exclusions', { key });
      await api('DELETE', '/v1/lead-exclusions/https%3A%2F%2Fwww.linkedin.com%2Fin%2Fmarcus-johnson', { key });
      await api('GET', `/v1/accounts/${alexId}/limits`, { key });
      await api('GET', '/v1/accounts/00000000-0000-4000-8000-000000000000/limits', { key });
    } finally {
      recorder.stop();
    }

    const schemas = await ResponseSchemas.load();
    const checked = recorder.answers.filter((a) => CHECKED.some((re) => re.test(a.path.split('?')[0]!)));
    const statuses = new Set(checked.map((a) => a.status));
    // The flow meets successes and the usual errors; each must be described.
    expect([...statuses].sort()).toEqual(expect.arrayContaining([200, 201, 400, 401, 404, 409]));
    expect(checked.flatMap((a) => schemas.problems(a))).toEqual([]);
  });
});
