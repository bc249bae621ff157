import type { Client } from '@temporalio/client';
import { leadStopSignal } from '@threadline/contracts';
import type { CampaignEntity, CampaignsRepository, LeadEntity, LeadEventsRepository, LeadsRepository, SequencesRepository } from '@threadline/db';
import type { AccountsService } from '../accounts/accounts.service';
import type { CoreConfig } from '../config/config';
import { CampaignsService } from './campaigns.service';
import type { SequenceEventsService } from './sequence-events.service';

const lead = (n: number) => ({ id: `lead-${String(n).padStart(3, '0')}`, accountId: 'acc', profileRef: `p${n}`, profileUrn: null, attributes: {}, currentStep: 0, currentStepId: 's1' }) as unknown as LeadEntity;

/** The coordinator's activities with every Temporal call and heartbeat in one log, in order. */
function setUp(pages: LeadEntity[][], status = 'running') {
  const log: string[] = [];
  const campaign = { id: 'c1', workspaceId: 'ws', status, sequenceVersionId: 'v1', name: 'c', limits: {}, workingHours: null, stopOnReply: true } as unknown as CampaignEntity;
  const campaigns = { findInWorkspace: jest.fn(async () => campaign), findSenders: jest.fn(async () => [{ accountId: 'acc' }]), transition: jest.fn(async () => true) };
  const remaining = [...pages];
  const leads = {
    listLive: jest.fn(async () => remaining.shift() ?? []),
    listPending: jest.fn(async () => pages.flat()),
    setState: jest.fn(async () => true),
    countByState: jest.fn(async () => ({})),
    findInCampaign: jest.fn(async (): Promise<Partial<LeadEntity> | null> => null),
  };
  const signal = jest.fn(async () => void log.push('signal'));
  const start = jest.fn(async () => void log.push('start'));
  const temporal = { workflow: { getHandle: jest.fn(() => ({ signal })), start } } as unknown as Client;
  const sequences = { findVersion: jest.fn(async () => ({ id: 'v1', version: 1, document: { steps: [{ id: 's1' }] } })) };
  const accounts = { forActivity: jest.fn(async () => ({ id: 'acc', baseUrl: null, profileUrn: 'urn:li:fsd_profile:ACoAAx' })) };
  const events = { record: jest.fn(async () => undefined) };
  const config = { LINKEDIN_BASE_URL: 'https://www.linkedin.com', TYPING_MS_PER_CHAR: 1, TYPING_PING_MS: 1, SEQUENCE_ACCOUNT_RECHECK_SECONDS: 1 } as CoreConfig;
  const service = new CampaignsService(
    campaigns as unknown as CampaignsRepository, sequences as unknown as SequencesRepository, leads as unknown as LeadsRepository, events as unknown as LeadEventsRepository,
    accounts as unknown as AccountsService, {} as SequenceEventsService, temporal, config,
  );
  return { service, log, beat: () => void log.push('beat'), leads, signal, events };
}

describe('CampaignsService coordinator activities heartbeat', () => {
  it('does heartbeat after each page of a fan-out, so a large campaign\'s pause stays alive and a stuck one is noticed', async () => {
    const { service, log, beat } = setUp([[lead(1), lead(2)], [lead(3)]]);
    await expect(service.fanOut({ workspaceId: 'ws', campaignId: 'c1', control: 'pause' }, 'call', undefined, beat)).resolves.toBe(3);
    expect(log).toEqual(['signal', 'signal', 'beat', 'signal', 'beat']);
  });

  it('does heartbeat after each group of lead starts of an enrolment batch', async () => {
    const { service, log, beat } = setUp([Array.from({ length: 25 }, (_, i) => lead(i))]);
    await expect(service.enrolBatch({ workspaceId: 'ws', campaignId: 'c1', limit: 25 }, beat)).resolves.toMatchObject({ enrolled: 25 });
    expect(log).toEqual([...Array(20).fill('start'), 'beat', ...Array(5).fill('start'), 'beat']);
  });
});

describe('CampaignsService.enrolBatch right after a start', () => {
  it('enrols when the API marked the campaign running between the coordinator\'s read and its own write', async () => {
    const { service } = setUp([[lead(1), lead(2)]], 'draft');
    const campaigns = (service as unknown as { campaigns: { findInWorkspace: jest.Mock; transition: jest.Mock } }).campaigns;
    const running = { ...(await campaigns.findInWorkspace()), status: 'running' };
    // The coordinator reads a draft; the API's write wins the race, so the coordinator's own transition changes nothing.
    campaigns.findInWorkspace.mockReset().mockResolvedValueOnce({ ...running, status: 'draft' }).mockResolvedValue(running);
    campaigns.transition.mockResolvedValue(false);
    await expect(service.enrolBatch({ workspaceId: 'ws', campaignId: 'c1', limit: 25 })).resolves.toMatchObject({ enrolled: 2 });
  });
});

describe('CampaignsService.enrolBatch racing a stop', () => {
  it('ends the run it has just started when the API stopped the pending lead meanwhile, and does not count it enrolled', async () => {
    const { service, leads, signal, events } = setUp([[lead(1)]]);
    // The API's pending -> stopped write landed between the run's start and the coordinator's pending -> active.
    leads.setState.mockResolvedValue(false);
    leads.findInCampaign.mockResolvedValue({ id: 'lead-001', state: 'stopped', stateReason: 'stopped by API' });
    await expect(service.enrolBatch({ workspaceId: 'ws', campaignId: 'c1', limit: 25 })).resolves.toMatchObject({ enrolled: 0 });
    expect(signal).toHaveBeenCalledWith(leadStopSignal, { state: 'stopped', reason: 'stopped by API' });
    expect(events.record).not.toHaveBeenCalled();
  });

  it('leaves a run alone when the lead left pending for another reason (an enrolment that ran twice)', async () => {
    const { service, leads, signal } = setUp([[lead(1)]]);
    leads.setState.mockResolvedValue(false);
    leads.findInCampaign.mockResolvedValue({ id: 'lead-001', state: 'active', stateReason: null });
    await service.enrolBatch({ workspaceId: 'ws', campaignId: 'c1', limit: 25 });
    expect(signal).not.toHaveBeenCalled();
  });
});
