import type { Client } from '@temporalio/client';
import type { CampaignEntity, CampaignsRepository, LeadEntity, LeadEventsRepository, LeadExclusionsRepository, LeadImport, LeadImportSkip, LeadsRepository } from '@threadline/db';
import type { CoreConfig } from '../config/config';
import type { CampaignsService } from './campaigns.service';
import { LeadsService } from './leads.service';

const ID = (n: number) => `ACoAA${String(n).padStart(34, 'x')}`;
const auth = { workspaceId: 'w', apiKeyId: 'k' };

// The skip rules themselves run in SQL (test/integration/leads-import.int-spec.ts); here, what the service makes of the repository's answer.
function setup(options: { skipped?: Map<number, LeadImportSkip>; senders?: string[]; existing?: number } = {}) {
  const imports: LeadImport[] = [];
  const leads = {
    countByState: jest.fn(async () => ({ pending: options.existing ?? 0 })),
    importLeads: jest.fn(async (batch: LeadImport) => {
      imports.push(batch);
      const added = batch.candidates.filter((_, i) => !options.skipped?.has(i)).map((c, i) => ({ id: `lead-${i}`, ...c }) as unknown as LeadEntity);
      return { added, skipped: options.skipped ?? new Map() };
    }),
  };
  const campaign = { id: '00000000-0000-4000-8000-000000000001', status: 'draft' } as CampaignEntity;
  const campaignsRepo = {
    findInWorkspace: jest.fn(async () => campaign),
    findSenders: jest.fn(async () => (options.senders ?? ['alex']).map((accountId) => ({ accountId }))),
  };
  const campaigns = { notifyLeadsAdded: jest.fn(async () => undefined) };
  const service = new LeadsService(
    leads as unknown as LeadsRepository, campaignsRepo as unknown as CampaignsRepository, {} as LeadExclusionsRepository,
    campaigns as unknown as CampaignsService, {} as Client, {} as CoreConfig, {} as LeadEventsRepository,
  );
  return { service, imports, campaign, campaigns };
}

describe('LeadsService.add', () => {
  it('imports the whole request as one batch of keyed candidates, continuing the round-robin after the leads so far', async () => {
    const { service, imports, campaign, campaigns } = setup({ senders: ['alex', 'jordan'], existing: 3 });
    const result = await service.add(auth, campaign.id, [
      { profile: ` urn:li:fsd_profile:${ID(1)} `, attributes: { firstName: 'A' } },
      { profile: 'Some-Vanity' },
    ]);
    expect(imports).toEqual([{
      workspaceId: 'w', campaignId: campaign.id, senderIds: ['alex', 'jordan'], turn: 3,
      candidates: [
        { profileRef: `urn:li:fsd_profile:${ID(1)}`, profileKey: ID(1), profileUrn: `urn:li:fsd_profile:${ID(1)}`, attributes: { firstName: 'A' } },
        { profileRef: 'Some-Vanity', profileKey: 'some-vanity', profileUrn: null, attributes: {} },
      ],
    }]);
    expect(result.added).toHaveLength(2);
    expect(campaigns.notifyLeadsAdded).toHaveBeenCalledTimes(1);
  });

  it('reports each skip with its reason, detail and CSV line, in request order', async () => {
    const skipped = new Map<number, LeadImportSkip>([[1, { reason: 'duplicate_in_request' }], [2, { reason: 'in_active_campaign', campaignId: 'other-campaign' }], [3, { reason: 'excluded' }]]);
    const { service, campaign, campaigns } = setup({ skipped });
    const result = await service.add(auth, campaign.id, [1, 1, 4, 3].map((n, i) => ({ profile: ID(n), line: i + 2 })), [{ profile: null, line: 9, reason: 'missing_profile', detail: 'the profile column is empty' }]);
    expect(result.skipped).toEqual([
      { profile: null, line: 9, reason: 'missing_profile', detail: 'the profile column is empty' },
      { profile: ID(1), line: 3, reason: 'duplicate_in_request', detail: 'the same person appears earlier in this request' },
      { profile: ID(4), line: 4, reason: 'in_active_campaign', detail: 'already live in campaign other-campaign with the same sender' },
      { profile: ID(3), line: 5, reason: 'excluded', detail: 'on the workspace exclusion list' },
    ]);
    expect(result.added).toHaveLength(1);
    expect(campaigns.notifyLeadsAdded).toHaveBeenCalledTimes(1);
  });

  it('refuses leads for a campaign that has ended', async () => {
    const { service, campaign } = setup();
    campaign.status = 'completed';
    await expect(service.add(auth, campaign.id, [{ profile: ID(1) }])).rejects.toMatchObject({ code: 'CAMPAIGN_STATE_INVALID' });
  });
});
