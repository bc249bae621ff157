import { type Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { leadPauseSignal, retryFailedLeadsUpdate, retryLeadStepUpdate } from '@threadline/contracts';
import type { CampaignEntity, CampaignStatus, CampaignsRepository, LeadEntity, LeadEventsRepository, LeadsRepository, SequencesRepository } from '@threadline/db';
import type { AccountsService } from '../accounts/accounts.service';
import type { CoreConfig } from '../config/config';
import { CampaignsService, type FanOutProgress } from './campaigns.service';
import type { SequenceEventsService } from './sequence-events.service';

const auth = { workspaceId: 'ws', apiKeyId: 'k' };
const ID = '6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
const lead = (n: number) => ({ id: `l${String(n).padStart(3, '0')}`, currentStep: 0, currentStepId: 'a' }) as LeadEntity;
const refused = () => new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ type: 'CAMPAIGN_STATE_INVALID', message: 'not failed', nonRetryable: true }));
const deadlineExceeded = () => Object.assign(new Error('4 DEADLINE_EXCEEDED: Deadline exceeded'), { code: 4, details: 'Deadline exceeded', metadata: {} });

/** A campaign with `failed` failed leads (and as many live ones), and what Temporal answers each of them. */
function setUp(status: CampaignStatus, failed: number, answer: (workflowId: string) => Promise<unknown> = async () => ({})) {
  const failedLeads = Array.from({ length: failed }, (_, i) => lead(i));
  const page = (all: LeadEntity[]) => async (_ws: string, _c: string, ...rest: unknown[]) => {
    const [afterId, limit] = rest.slice(-2) as [string | null, number];
    return all.filter((l) => afterId === null || l.id > afterId).slice(0, limit);
  };
  const leads = {
    countByState: jest.fn(async () => ({ failed })),
    listByState: jest.fn(page(failedLeads)),
    listLive: jest.fn(page(failedLeads)),
    setState: jest.fn(async () => true),
  };
  const sent: Array<{ workflowId: string; message: unknown }> = [];
  const handle = (workflowId: string) => ({
    executeUpdate: jest.fn(async (def: unknown) => {
      sent.push({ workflowId, message: def });
      return answer(workflowId);
    }),
    signal: jest.fn(async (def: unknown) => void sent.push({ workflowId, message: def })),
  });
  const update = { result: jest.fn(async () => 7) };
  const temporal = {
    workflow: { getHandle: jest.fn(handle), startUpdateWithStart: jest.fn(async () => update) },
    connection: { withDeadline: jest.fn(async (_deadline: number, fn: () => Promise<unknown>) => fn()) },
  };
  const events = { record: jest.fn(async () => undefined) };
  const campaigns = {
    findInWorkspace: jest.fn(async () => ({ id: ID, workspaceId: 'ws', status, sequenceVersionId: 'v1', name: 'c' }) as CampaignEntity),
    findSenders: jest.fn(async () => []),
    transition: jest.fn(async () => true),
  };
  const sequences = { findVersion: jest.fn(async () => ({ sequenceId: 's', version: 1 })) } as unknown as SequencesRepository;
  const service = new CampaignsService(
    campaigns as unknown as CampaignsRepository, sequences, leads as unknown as LeadsRepository, events as unknown as LeadEventsRepository, {} as AccountsService,
    {} as SequenceEventsService, temporal as unknown as Client, { TEMPORAL_UI_URL: 'http://ui', TEMPORAL_NAMESPACE: 'ns' } as CoreConfig,
  );
  return { service, temporal, update, sent, events, leads };
}

describe('CampaignsService.retryFailed', () => {
  it('asks the coordinator (started again if it has ended) to fan the retry out, and answers its count', async () => {
    const { service, temporal, update } = setUp('completed', 3);
    expect((await service.retryFailed(auth, ID)).retried).toBe(7);
    const [def, options] = temporal.workflow.startUpdateWithStart.mock.calls[0] as unknown as [unknown, { waitForStage: string; startWorkflowOperation: { options: Record<string, unknown> } }];
    expect(def).toBe(retryFailedLeadsUpdate);
    expect(options.waitForStage).toBe('ACCEPTED');
    expect(options.startWorkflowOperation.options).toMatchObject({ workflowId: `campaign:${ID}`, workflowIdConflictPolicy: 'USE_EXISTING' });
    expect(update.result).toHaveBeenCalled();
  });

  it('answers null when the fan-out takes longer than the request may wait (it carries on)', async () => {
    const { service, update } = setUp('running', 3);
    update.result.mockRejectedValueOnce(deadlineExceeded());
    expect((await service.retryFailed(auth, ID)).retried).toBeNull();
  });

  it.each<[CampaignStatus, number]>([['running', 0], ['draft', 0], ['cancelled', 2]])('retries nothing and leaves Temporal alone for a %s campaign with %i failed leads', async (status, failed) => {
    const { service, temporal } = setUp(status, failed);
    expect((await service.retryFailed(auth, ID)).retried).toBe(0);
    expect(temporal.workflow.startUpdateWithStart).not.toHaveBeenCalled();
  });
});

describe('CampaignsService.fanOut', () => {
  it('sends the retry update to every failed lead, counting the runs that accepted it, in batches it reports', async () => {
    const { service, sent, events } = setUp('running', 120, async (workflowId) => {
      if (workflowId.endsWith('l007')) throw refused();
      if (workflowId.endsWith('l008')) throw new WorkflowNotFoundError('gone', workflowId, undefined);
      return {};
    });
    const batches: FanOutProgress[] = [];
    expect(await service.fanOut({ workspaceId: 'ws', campaignId: ID, control: 'retry_failed' }, 'call', undefined, (p) => batches.push(p))).toBe(118);
    expect(new Set(sent.map((s) => s.message))).toEqual(new Set([retryLeadStepUpdate]));
    expect(batches).toEqual([{ afterId: 'l049', count: 48 }, { afterId: 'l099', count: 98 }, { afterId: 'l119', count: 118 }]);
    expect(events.record).toHaveBeenCalledTimes(118);
    expect(events.record).toHaveBeenCalledWith(expect.objectContaining({ type: 'retry_requested', eventKey: 'control:call', data: { by: 'campaign', control: 'retry_failed' } }));
  });

  it('resumes after the last batch a failed attempt reported', async () => {
    const { service, sent } = setUp('running', 120);
    expect(await service.fanOut({ workspaceId: 'ws', campaignId: ID, control: 'retry_failed' }, 'call', { afterId: 'l099', count: 98 })).toBe(118);
    expect(sent.map((s) => s.workflowId)).toEqual(Array.from({ length: 20 }, (_, i) => `lead:${ID}:l${100 + i}`));
  });

  it('does not swallow an error that is not a refusal', async () => {
    const { service } = setUp('running', 2, async () => {
      throw deadlineExceeded();
    });
    await expect(service.fanOut({ workspaceId: 'ws', campaignId: ID, control: 'retry_failed' }, 'call')).rejects.toMatchObject({ code: 4 });
  });

  it('signals pause to every live lead, and stores each lead that took it as paused', async () => {
    const { service, sent, leads } = setUp('running', 3);
    expect(await service.fanOut({ workspaceId: 'ws', campaignId: ID, control: 'pause' }, 'call')).toBe(3);
    expect(sent.map((s) => s.message)).toEqual([leadPauseSignal, leadPauseSignal, leadPauseSignal]);
    expect(leads.setState).toHaveBeenCalledTimes(3);
    expect(leads.setState).toHaveBeenCalledWith('ws', expect.any(String), 'paused', null, ['active']);
  });
});
