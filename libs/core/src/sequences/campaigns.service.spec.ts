import type { Client } from '@temporalio/client';
import type { CampaignEntity, CampaignStatus, CampaignsRepository, LeadEventsRepository, LeadsRepository, SequencesRepository } from '@threadline/db';
import type { AccountsService } from '../accounts/accounts.service';
import type { CoreConfig } from '../config/config';
import { CampaignsService } from './campaigns.service';
import type { SequenceEventsService } from './sequence-events.service';

const auth = { workspaceId: 'ws', apiKeyId: 'k' };
const ID = '6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b';

/** A campaign in Postgres and a coordinator in Temporal, with every call in one log, in order. */
function setUp(status: CampaignStatus, signalFails = false) {
  const log: string[] = [];
  const row = { id: ID, workspaceId: 'ws', status, sequenceVersionId: 'v1', name: 'c' } as CampaignEntity;
  const campaigns = {
    findInWorkspace: jest.fn(async () => ({ ...row })),
    findSenders: jest.fn(async () => []),
    transition: jest.fn(async (_ws: string, _id: string, from: CampaignStatus[], to: CampaignStatus) => {
      log.push(`store ${to}`);
      if (!from.includes(row.status)) return false;
      row.status = to;
      return true;
    }),
  };
  const signal = jest.fn(async (_name: string, control: string) => {
    log.push(`signal ${control}`);
    if (signalFails) throw Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14, details: 'No connection established', metadata: {} });
  });
  const temporal = { workflow: { getHandle: jest.fn(() => ({ signal })) } } as unknown as Client;
  const leads = { countByState: jest.fn(async () => ({})) } as unknown as LeadsRepository;
  const sequences = { findVersion: jest.fn(async () => ({ sequenceId: 's', version: 1 })) } as unknown as SequencesRepository;
  const config = { TEMPORAL_UI_URL: 'http://ui', TEMPORAL_NAMESPACE: 'ns' } as CoreConfig;
  const service = new CampaignsService(campaigns as unknown as CampaignsRepository, sequences, leads, {} as LeadEventsRepository, {} as AccountsService, {} as SequenceEventsService, temporal, config);
  return { service, row, log };
}

describe('CampaignsService lifecycle controls', () => {
  it('stores nothing when the signal cannot reach Temporal (pause during an outage)', async () => {
    const { service, row, log } = setUp('running', true);
    await expect(service.pause(auth, ID)).rejects.toMatchObject({ code: 14 });
    expect(row.status).toBe('running');
    expect(log).toEqual(['signal pause']);
  });

  it('signals before it stores the new status', async () => {
    const { service, row, log } = setUp('running');
    expect((await service.pause(auth, ID)).campaign.status).toBe('paused');
    expect(row.status).toBe('paused');
    expect(log).toEqual(['signal pause', 'store paused']);
  });

  it('re-sends the signal when the status already says so, so a retry repairs a half-done request', async () => {
    const { service, log } = setUp('paused');
    expect((await service.pause(auth, ID)).campaign.status).toBe('paused');
    expect(log[0]).toBe('signal pause');
  });

  it('refuses a control that does not apply, without signalling', async () => {
    const { service, log } = setUp('completed');
    await expect(service.resume(auth, ID)).rejects.toMatchObject({ code: 'CAMPAIGN_STATE_INVALID' });
    expect(log).toEqual([]);
  });
});
