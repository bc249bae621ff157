import { type Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { type LeadRunState, retryLeadStepUpdate, skipLeadStepUpdate, stopLeadUpdate } from '@threadline/contracts';
import type { CampaignsRepository, LeadEntity, LeadEventsRepository, LeadExclusionsRepository, LeadState, LeadsRepository } from '@threadline/db';
import type { CoreConfig } from '../config/config';
import type { CampaignsService } from './campaigns.service';
import { LeadsService } from './leads.service';

const auth = { workspaceId: 'w', apiKeyId: 'k' };
const CAMPAIGN = '00000000-0000-4000-8000-000000000001';
const LEAD = '00000000-0000-4000-8000-000000000002';
const run: LeadRunState = { status: 'active', phase: 'waiting', ending: { status: 'stopped', reason: 'stopped by API' }, stepIndex: 1, stepId: 'w', paused: false, waiting: null, stepsRun: [0], replied: false };

/** One lead, stored in `state`, whose run answers every update with `answer`. */
function setUp(state: LeadState, answer: () => Promise<LeadRunState>, workflowId: string | null = `lead:${CAMPAIGN}:${LEAD}`) {
  const row = { id: LEAD, workspaceId: 'w', campaignId: CAMPAIGN, state, workflowId, currentStep: 1, currentStepId: 'w' } as LeadEntity;
  const leads = { findInCampaign: jest.fn(async () => ({ ...row })), setState: jest.fn(async () => true) };
  const executeUpdate = jest.fn(async (_def: unknown, _options?: unknown) => answer());
  const temporal = { workflow: { getHandle: jest.fn(() => ({ executeUpdate })) }, connection: { withDeadline: jest.fn(async (_at: number, fn: () => Promise<unknown>) => fn()) } };
  const events = { record: jest.fn(async () => undefined) };
  const service = new LeadsService(
    leads as unknown as LeadsRepository, {} as CampaignsRepository, {} as LeadExclusionsRepository, {} as CampaignsService,
    temporal as unknown as Client, {} as CoreConfig, events as unknown as LeadEventsRepository,
  );
  return { service, executeUpdate, events, leads };
}

describe('LeadsService controls (answered by the lead’s run)', () => {
  it('sends stop, skip and retry as updates and answers with the run’s own state', async () => {
    const { service, executeUpdate, events } = setUp('active', async () => run);
    expect((await service.stop(auth, CAMPAIGN, LEAD)).run).toEqual(run);
    await service.skipStep(auth, CAMPAIGN, LEAD);
    await service.retryStep(auth, CAMPAIGN, LEAD);
    expect(executeUpdate.mock.calls.map((c) => c[0])).toEqual([stopLeadUpdate, skipLeadStepUpdate, retryLeadStepUpdate]);
    expect(executeUpdate.mock.calls[0]![1]).toEqual({ args: [{ reason: 'stopped by API' }] });
    expect((events.record.mock.calls as unknown as Array<[{ type: string }]>).map((c) => c[0].type)).toEqual(['stop_requested', 'skip_requested', 'retry_requested']);
  });

  it('answers the run’s refusal as CAMPAIGN_STATE_INVALID with the run’s reason, and records nothing', async () => {
    const refusal = new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ type: 'CAMPAIGN_STATE_INVALID', message: 'The lead is active, not holding on a failed step; retry applies to a failed step only.', nonRetryable: true }));
    const { service, events } = setUp('failed', async () => Promise.reject(refusal));
    await expect(service.retryStep(auth, CAMPAIGN, LEAD)).rejects.toMatchObject({
      code: 'CAMPAIGN_STATE_INVALID', message: `Lead ${LEAD}: The lead is active, not holding on a failed step; retry applies to a failed step only.`,
    });
    expect(events.record).not.toHaveBeenCalled();
  });

  it('answers CAMPAIGN_STATE_INVALID when the run has ended', async () => {
    const { service } = setUp('completed', async () => Promise.reject(new WorkflowNotFoundError('workflow execution already completed', 'x', undefined)));
    await expect(service.skipStep(auth, CAMPAIGN, LEAD)).rejects.toMatchObject({ code: 'CAMPAIGN_STATE_INVALID', message: `Lead ${LEAD}'s run has already ended; stop, skip and retry apply to a live lead.` });
  });

  it('stops a pending lead in Postgres (it never starts), and refuses to skip one', async () => {
    const { service, executeUpdate, leads } = setUp('pending', async () => run, null);
    expect((await service.stop(auth, CAMPAIGN, LEAD)).run).toBeNull();
    expect(leads.setState).toHaveBeenCalledWith('w', LEAD, 'stopped', 'stopped by API', ['pending']);
    await expect(service.skipStep(auth, CAMPAIGN, LEAD)).rejects.toMatchObject({ code: 'CAMPAIGN_STATE_INVALID', message: `Lead ${LEAD} is pending and has not started; only stop applies to it.` });
    expect(executeUpdate).not.toHaveBeenCalled();
  });

  it('stops through the run when the coordinator enrolled the pending lead between the read and the write', async () => {
    const { service, executeUpdate, leads } = setUp('active', async () => run);
    const started = await leads.findInCampaign();
    leads.findInCampaign.mockReset().mockResolvedValueOnce({ ...started, state: 'pending', workflowId: null }).mockResolvedValue(started);
    leads.setState.mockResolvedValue(false);
    expect((await service.stop(auth, CAMPAIGN, LEAD)).run).toEqual(run);
    expect(executeUpdate).toHaveBeenCalledWith(stopLeadUpdate, { args: [{ reason: 'stopped by API' }] });
  });

  it('lets an unreachable Temporal through (the API answers 503)', async () => {
    const unavailable = Object.assign(new Error('14 UNAVAILABLE'), { code: 14, details: '', metadata: {} });
    const { service } = setUp('active', async () => Promise.reject(unavailable));
    await expect(service.stop(auth, CAMPAIGN, LEAD)).rejects.toBe(unavailable);
  });
});
