import { api, createWorkspace } from './support/api-client';
import { SANDBOX } from './support/emulator-admin';
import { ALWAYS_OPEN, loadScenarioWithMembers, publishedSequence, resetEmulator, workspaceWithAlex } from './support/sequences';

describe('sequences and campaigns: a key never sees or touches another workspace’s', () => {
  let owner: { key: string; alexId: string };
  let stranger: string;
  let sequenceId: string;
  let campaignId: string;
  let leadId: string;

  beforeAll(async () => {
    const [lead] = await loadScenarioWithMembers(1);
    owner = await workspaceWithAlex();
    stranger = (await createWorkspace()).key;
    sequenceId = await publishedSequence(owner.key, [{ type: 'wait', duration: '1h' }, { type: 'typing_and_send', template: 'Hi {{firstName|there}}' }]);
    const campaign = await api('POST', '/v1/campaigns', { key: owner.key, body: { name: 'private', sequenceId, senders: [{ accountId: owner.alexId }], workingHours: ALWAYS_OPEN } });
    campaignId = campaign.body.campaign.id;
    const added = await api('POST', `/v1/campaigns/${campaignId}/leads`, { key: owner.key, body: { leads: [{ profile: lead!.urn }] } });
    leadId = added.body.leads[0].id;
    await api('POST', '/v1/lead-exclusions', { key: owner.key, body: { profiles: [`urn:li:fsd_profile:${SANDBOX.david}`], reason: 'asked' } });
  });

  afterAll(async () => {
    await api('POST', `/v1/campaigns/${campaignId}/cancel`, { key: owner.key });
    await resetEmulator();
  });

  it('answers 404 on every sequence, campaign and lead endpoint, and changes nothing', async () => {
    const k = { key: stranger };
    const calls: Array<[string, string, unknown?]> = [
      ['GET', `/v1/sequences/${sequenceId}`],
      ['PATCH', `/v1/sequences/${sequenceId}`, { name: 'stolen' }],
      ['POST', `/v1/sequences/${sequenceId}/publish`],
      ['POST', `/v1/sequences/${sequenceId}/preview`, { attributes: { firstName: 'x' } }],
      ['GET', `/v1/campaigns/${campaignId}`],
      ['GET', `/v1/campaigns/${campaignId}/stats`],
      ['POST', `/v1/campaigns/${campaignId}/start`],
      ['POST', `/v1/campaigns/${campaignId}/pause`],
      ['POST', `/v1/campaigns/${campaignId}/resume`],
      ['POST', `/v1/campaigns/${campaignId}/cancel`],
      ['POST', `/v1/campaigns/${campaignId}/archive`],
      ['POST', `/v1/campaigns/${campaignId}/retry-failed`],
      ['GET', `/v1/campaigns/${campaignId}/leads`],
      ['POST', `/v1/campaigns/${campaignId}/leads`, { leads: [{ profile: `urn:li:fsd_profile:${SANDBOX.sarah}` }] }],
      ['GET', `/v1/campaigns/${campaignId}/leads/${leadId}`],
      ['GET', `/v1/campaigns/${campaignId}/leads/${leadId}/timeline`],
      ['POST', `/v1/campaigns/${campaignId}/leads/${leadId}/stop`],
      ['POST', `/v1/campaigns/${campaignId}/leads/${leadId}/skip`],
      ['POST', `/v1/campaigns/${campaignId}/leads/${leadId}/retry`],
    ];
    for (const [method, path, body] of calls) {
      const res = await api(method, path, { ...k, body });
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
    }
    const campaign = await api('GET', `/v1/campaigns/${campaignId}`, { key: owner.key });
    expect(campaign.body.campaign).toMatchObject({ id: campaignId, status: 'draft' });
    expect((await api('GET', `/v1/sequences/${sequenceId}`, { key: owner.key })).body.sequence.name).not.toBe('stolen');
    expect((await api('GET', `/v1/campaigns/${campaignId}/leads`, { key: owner.key })).body.leads).toHaveLength(1);
  });

  it('lists none of them, and keeps exclusion lists apart', async () => {
    const k = { key: stranger };
    expect((await api('GET', '/v1/sequences', k)).body.sequences).toEqual([]);
    expect((await api('GET', '/v1/campaigns', k)).body.campaigns).toEqual([]);
    expect((await api('GET', '/v1/lead-exclusions', k)).body.exclusions).toEqual([]);
    expect((await api('GET', '/v1/lead-exclusions', { key: owner.key })).body.exclusions).toHaveLength(1);
  });
});
