import { type Client, WithStartWorkflowOperation, WorkflowIdConflictPolicy, WorkflowNotFoundError } from '@temporalio/client';
import {
  type CampaignActivities, type CampaignFanOut, campaignControlSignal, type CampaignInput, type LeadActivities, leadPauseSignal, leadResumeSignal, leadStopSignal,
  retryFailedLeadsUpdate, retryLeadStepUpdate, WORKFLOW_TASK_QUEUE,
} from '@threadline/contracts';
import { campaignWorkflowId, leadWorkflowId, type SequenceStep } from '@threadline/domain';
import { waitFor } from '../../test/support/wait-for';
import type { campaignWorkflow } from '../src/campaign.workflow';
import type { leadSequenceWorkflow } from '../src/lead-sequence.workflow';
import { leadInput, LeadWorld } from './support/lead-world';
import { recordHistory, startTier, type Tier } from './support/tier';

jest.setTimeout(90_000);

type LeadState = 'pending' | 'active' | 'failed' | 'done';

/**
 * The campaign's Postgres side in memory: its leads and their states. The mocked coordinator activities
 * start real lead runs (with the lead world's activities) and send them real signals and updates.
 */
class CampaignWorld {
  readonly leads = new Map<string, Map<string, LeadState>>();
  readonly fanOuts: Array<{ campaignId: string; control: CampaignFanOut; reached: number }> = [];
  readonly finished: Array<{ campaignId: string; status: string }> = [];
  /** Campaigns whose finish takes this long (ms). */
  readonly slowFinish = new Map<string, number>();
  client!: Client;

  constructor(private readonly lead: LeadWorld, private readonly steps: Map<string, SequenceStep[]>) {}

  add(campaignId: string, count: number, steps: SequenceStep[]): string[] {
    const ids = Array.from({ length: count }, () => leadInput([]).leadId);
    this.leads.set(campaignId, new Map(ids.map((id) => [id, 'pending' as LeadState])));
    for (const id of ids) this.steps.set(id, steps);
    return ids;
  }

  private set(campaignId: string, leadId: string, state: LeadState): void {
    this.leads.get(campaignId)?.set(leadId, state);
  }

  activities(): CampaignActivities & LeadActivities {
    const lead = this.lead.activities();
    return {
      ...lead,
      recordLeadStep: async (input) => {
        await lead.recordLeadStep(input);
        this.set(input.campaignId, input.leadId, 'active');
      },
      recordLeadStepFailed: async (input) => {
        await lead.recordLeadStepFailed(input);
        this.set(input.campaignId, input.leadId, 'failed');
      },
      finishLead: async (input) => {
        await lead.finishLead(input);
        this.set(input.campaignId, input.leadId, 'done');
      },
      enrolLeadBatch: async ({ campaignId, limit }) => {
        const leads = this.leads.get(campaignId)!;
        const batch = [...leads].filter(([, s]) => s === 'pending').slice(0, limit).map(([id]) => id);
        for (const id of batch) {
          const input = { ...leadInput(this.steps.get(id)!), leadId: id, accountId: id, campaignId, profileRef: id, profileUrn: `urn:li:fsd_profile:${id}` };
          await this.client.workflow.start<typeof leadSequenceWorkflow>('leadSequenceWorkflow', { taskQueue: WORKFLOW_TASK_QUEUE, workflowId: leadWorkflowId(campaignId, id), args: [input] });
          leads.set(id, 'active');
        }
        return { enrolled: batch.length, pendingLeft: [...leads.values()].filter((s) => s === 'pending').length };
      },
      signalCampaignLeads: async ({ campaignId, control }) => {
        const wanted: LeadState[] = control === 'retry_failed' ? ['failed'] : ['active', 'failed'];
        let reached = 0;
        for (const [id, state] of this.leads.get(campaignId)!) {
          if (!wanted.includes(state)) continue;
          const handle = this.client.workflow.getHandle(leadWorkflowId(campaignId, id));
          try {
            if (control === 'retry_failed') await handle.executeUpdate(retryLeadStepUpdate);
            else if (control === 'cancel') await handle.signal(leadStopSignal, { state: 'cancelled', reason: 'campaign cancelled' });
            else await handle.signal(control === 'pause' ? leadPauseSignal : leadResumeSignal);
            reached++;
          } catch (err) {
            if (!(err instanceof WorkflowNotFoundError)) throw err;
          }
        }
        this.fanOuts.push({ campaignId, control, reached });
        return reached;
      },
      campaignProgress: async ({ campaignId }) => {
        const states = [...this.leads.get(campaignId)!.values()];
        return { pending: states.filter((s) => s === 'pending').length, active: states.filter((s) => s === 'active').length };
      },
      finishCampaign: async ({ campaignId, status }) => {
        const slow = this.slowFinish.get(campaignId);
        if (slow) await new Promise((r) => setTimeout(r, slow));
        this.finished.push({ campaignId, status });
      },
    };
  }
}

const leadWorld = new LeadWorld();
const world = new CampaignWorld(leadWorld, new Map());
let tier: Tier;
let campaigns = 0;

beforeAll(async () => {
  tier = await startTier(world.activities(), leadWorld.slotActivities());
  world.client = tier.client;
});
afterAll(() => tier?.stop());

const send = (id: string, template: string): SequenceStep => ({ id, type: 'typing_and_send', template, typing: false });
const until = <T>(what: string, probe: () => Promise<T | undefined | false>) => waitFor(what, probe, 30_000, 50);

function coordinatorOf(campaignId: string) {
  const input: CampaignInput = { workspaceId: 'w', campaignId, batchSize: 2, progressCheckMs: 500 };
  return { taskQueue: WORKFLOW_TASK_QUEUE, workflowId: campaignWorkflowId(campaignId), args: [input] as [CampaignInput] };
}

function startCampaign(campaignId: string) {
  return tier.client.workflow.start<typeof campaignWorkflow>('campaignWorkflow', coordinatorOf(campaignId));
}

const newCampaign = () => `campaign-${process.pid}-${++campaigns}`;
const statesOf = (campaignId: string) => [...world.leads.get(campaignId)!.values()];

describe('campaignWorkflow on a local Temporal server, with real lead runs and mocked activities', () => {
  it('enrols pending leads in batches, each as its own lead run, and completes when none is pending or active', async () => {
    const campaignId = newCampaign();
    const leads = world.add(campaignId, 3, [send('hi', 'Hi {{firstName}}.')]);
    const handle = await startCampaign(campaignId);
    expect(await handle.result()).toEqual({ status: 'completed', enrolled: 3 });
    expect(leads.map((id) => leadWorld.delivered(id).map((m) => m.text))).toEqual([['Hi Ada.'], ['Hi Ada.'], ['Hi Ada.']]);
    expect(world.finished.filter((f) => f.campaignId === campaignId)).toEqual([{ campaignId, status: 'completed' }]);
    await recordHistory(tier.client, 'tier-campaign-completed', handle.workflowId);
  });

  it('fans pause, resume and cancel out to its live leads in order, a repeated control only once', async () => {
    const campaignId = newCampaign();
    const leads = world.add(campaignId, 2, [{ id: 'w', type: 'wait', duration: '60s' }, send('later', 'Never sent.')]);
    const handle = await startCampaign(campaignId);
    await until('both leads to start', async () => statesOf(campaignId).every((s) => s === 'active') || undefined);
    for (const control of ['pause', 'pause', 'resume', 'cancel'] as const) await handle.signal(campaignControlSignal, control);
    expect(await handle.result()).toEqual({ status: 'cancelled', enrolled: 2 });
    expect(world.fanOuts.filter((f) => f.campaignId === campaignId).map((f) => [f.control, f.reached])).toEqual([['pause', 2], ['resume', 2], ['cancel', 2]]);
    for (const id of leads) expect(await tier.client.workflow.getHandle(leadWorkflowId(campaignId, id)).result()).toMatchObject({ status: 'cancelled' });
    await recordHistory(tier.client, 'tier-campaign-cancelled', handle.workflowId);
  });

  it('retries every failed lead through the coordinator and answers how many runs accepted the retry', async () => {
    const campaignId = newCampaign();
    const [failing1, failing2, waiting] = world.add(campaignId, 3, [send('hi', 'Hello.')]);
    leadWorld.failDeliveries.set(failing1!, ['RECIPIENT_NOT_REACHABLE']);
    leadWorld.failDeliveries.set(failing2!, ['RECIPIENT_NOT_REACHABLE']);
    // The third lead holds on a refused send slot: active, not failed, so the retry leaves it alone.
    leadWorld.slotAnswers.set(waiting!, [(now) => ({ granted: false, notBefore: now + 2_000, reason: 'quota' })]);
    const handle = await startCampaign(campaignId);
    await until('two failed leads', async () => statesOf(campaignId).filter((s) => s === 'failed').length === 2 || undefined);
    expect(await handle.executeUpdate(retryFailedLeadsUpdate)).toBe(2);
    expect(await handle.result()).toEqual({ status: 'completed', enrolled: 3 });
    expect([failing1, failing2, waiting].map((id) => leadWorld.delivered(id!).length)).toEqual([1, 1, 1]);
    await recordHistory(tier.client, 'tier-campaign-retry-failed', handle.workflowId);
  });

  it('starts a completed campaign’s coordinator again to retry its failed leads, and that run ends once done', async () => {
    const campaignId = newCampaign();
    const [failing] = world.add(campaignId, 1, [send('hi', 'Second chance.')]);
    leadWorld.failDeliveries.set(failing!, ['RECIPIENT_NOT_REACHABLE']);
    const first = await startCampaign(campaignId);
    // A lead holding on a failed step is neither pending nor active: the campaign completes.
    expect(await first.result()).toEqual({ status: 'completed', enrolled: 1 });
    const retried = await tier.client.workflow.executeUpdateWithStart(retryFailedLeadsUpdate, {
      startWorkflowOperation: new WithStartWorkflowOperation<typeof campaignWorkflow>('campaignWorkflow', { ...coordinatorOf(campaignId), workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING }),
    });
    expect(retried).toBe(1);
    expect(await tier.client.workflow.getHandle(campaignWorkflowId(campaignId)).result()).toEqual({ status: 'completed', enrolled: 0 });
    expect(await tier.client.workflow.getHandle(leadWorkflowId(campaignId, failing!)).result()).toMatchObject({ status: 'completed' });
    expect(leadWorld.delivered(failing!).map((m) => m.text)).toEqual(['Second chance.']);
  });

  it('refuses a retry of a cancelled campaign', async () => {
    const campaignId = newCampaign();
    world.add(campaignId, 1, [{ id: 'w', type: 'wait', duration: '60s' }]);
    world.slowFinish.set(campaignId, 3_000);
    const handle = await startCampaign(campaignId);
    await until('the lead to start', async () => statesOf(campaignId).includes('active') || undefined);
    await handle.signal(campaignControlSignal, 'cancel');
    await until('the cancel fanned out', async () => world.fanOuts.some((f) => f.campaignId === campaignId) || undefined);
    await expect(handle.executeUpdate(retryFailedLeadsUpdate)).rejects.toMatchObject({ cause: { type: 'CAMPAIGN_STATE_INVALID', message: 'The campaign is cancelled: its leads have ended.' } });
    expect((await handle.result()).status).toBe('cancelled');
  });
});
