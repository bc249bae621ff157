import type { Client } from '@temporalio/client';
import type { CampaignEntity, CampaignsRepository, LeadEntity, LeadEventsRepository, LeadExclusionsRepository, LeadsRepository, NewLead } from '@threadline/db';
import type { CoreConfig } from '../config/config';
import type { CampaignsService } from './campaigns.service';
import { LeadsService } from './leads.service';

const ID = (n: number) => `ACoAA${String(n).padStart(34, 'x')}`;
const auth = { workspaceId: 'w', apiKeyId: 'k' };

function setup(options: { excluded?: string[]; liveElsewhere?: Record<string, string>; talking?: string[]; senders?: string[] } = {}) {
  const inserted: NewLead[] = [];
  const leads = {
    findLiveForAccount: jest.fn(async (_w: string, _a: string, keys: string[]) => new Map(keys.filter((k) => options.liveElsewhere?.[k]).map((k) => [k, options.liveElsewhere![k]!]))),
    findInConversation: jest.fn(async (_w: string, _a: string, urns: string[]) => new Set(urns.filter((u) => options.talking?.includes(u)))),
    countByState: jest.fn(async () => ({})),
    insert: jest.fn(async (lead: NewLead) => {
      inserted.push(lead);
      return { inserted: { id: `lead-${inserted.length}`, ...lead } as unknown as LeadEntity };
    }),
  };
  const campaign = { id: '00000000-0000-4000-8000-000000000001', status: 'draft' } as CampaignEntity;
  const campaignsRepo = {
    findInWorkspace: jest.fn(async () => campaign),
    findSenders: jest.fn(async () => (options.senders ?? ['alex']).map((accountId) => ({ accountId }))),
  };
  const exclusions = { findExcluded: jest.fn(async (_w: string, keys: string[]) => new Set(keys.filter((k) => options.excluded?.includes(k)))) };
  const campaigns = { notifyLeadsAdded: jest.fn(async () => undefined) };
  const service = new LeadsService(
    leads as unknown as LeadsRepository, campaignsRepo as unknown as CampaignsRepository, exclusions as unknown as LeadExclusionsRepository,
    campaigns as unknown as CampaignsService, {} as Client, {} as CoreConfig, {} as LeadEventsRepository,
  );
  return { service, inserted, campaign, campaigns };
}

describe('LeadsService.add', () => {
  it('skips duplicates, excluded people, people live elsewhere and people already talking with a sender, each with its reason', async () => {
    const { service, inserted, campaign } = setup({ excluded: [ID(3)], liveElsewhere: { [ID(4)]: 'other-campaign' }, talking: [`urn:li:fsd_profile:${ID(5)}`] });
    const result = await service.add(auth, campaign.id, [
      { profile: `urn:li:fsd_profile:${ID(1)}`, attributes: { firstName: 'A' } },
      { profile: `https://www.linkedin.com/in/${ID(1)}/` },
      { profile: ID(3) },
      { profile: ID(4) },
      { profile: ID(5) },
      { profile: 'Some-Vanity' },
    ]);
    expect(result.added).toHaveLength(2);
    expect(result.skipped.map((s) => s.reason)).toEqual(['duplicate_in_request', 'excluded', 'in_active_campaign', 'in_conversation']);
    expect(result.skipped[2]!.detail).toContain('other-campaign');
    expect(inserted.map((l) => [l.profileKey, l.profileUrn])).toEqual([[ID(1), `urn:li:fsd_profile:${ID(1)}`], ['some-vanity', null]]);
  });

  it('spreads leads over the senders round-robin (a sticky sender per lead)', async () => {
    const { service, inserted, campaign, campaigns } = setup({ senders: ['alex', 'jordan'] });
    await service.add(auth, campaign.id, [1, 2, 3].map((n) => ({ profile: ID(n) })));
    expect(inserted.map((l) => l.accountId)).toEqual(['alex', 'jordan', 'alex']);
    expect(campaigns.notifyLeadsAdded).toHaveBeenCalledTimes(1);
  });

  it('refuses leads for a campaign that has ended', async () => {
    const { service, campaign } = setup();
    campaign.status = 'completed';
    await expect(service.add(auth, campaign.id, [{ profile: ID(1) }])).rejects.toMatchObject({ code: 'CAMPAIGN_STATE_INVALID' });
  });
});
