import { Inject, Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { type Client, type WorkflowHandle, WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type WorkflowStartOptions } from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import {
  CampaignsRepository, type CampaignEntity, type CampaignLimits, type CampaignSenderEntity, type CampaignStatus, LeadEventsRepository, type LeadEntity,
  type LeadState, LeadsRepository, LIVE_LEAD_STATES, SequencesRepository, type StepVariantStats,
} from '@threadline/db';
import { campaignWorkflowId, checkWorkingHours, DEFAULT_WORKING_HOURS, DomainError, leadWorkflowId, type WorkingHours } from '@threadline/domain';
import {
  campaignControlSignal, campaignLeadsAddedSignal, type CampaignControl, type CampaignFanOut, type CampaignInput, leadPauseSignal, leadResumeSignal, type LeadSequenceInput, leadStopSignal,
  retryFailedLeadsUpdate, retryLeadStepUpdate, SA, WORKFLOW_TASK_QUEUE,
} from '@threadline/contracts';
import { AccountsService } from '../accounts/accounts.service';
import type { AuthContext } from '../auth/auth-context';
import type { CoreConfig } from '../config/config';
import { memberKeyOf } from '../quota/member-key';
import { endedAtDeadline } from '../temporal/await-result';
import { temporalUiLink } from '../temporal/temporal.providers';
import { CORE_CONFIG, TEMPORAL_CLIENT } from '../tokens';
import { controlRefusalOf } from './control-refusal';
import { leadName, leadRunMetadata } from './lead-run-metadata';
import { SequenceEventsService } from './sequence-events.service';

const ENROL_BATCH = 100;
const ENROL_CONCURRENCY = 20;
const PROGRESS_CHECK_MS = 60_000;
const FAILED_STEP_HOLD_MS = 7 * 86_400_000;
const FAN_OUT_PAGE = 200;
// Leads reached at once; the fan-out's activity heartbeats after each batch.
const FAN_OUT_BATCH = 50;
// The coordinator accepts a retry fan-out as soon as a worker sees it; its count comes when every failed lead answered.
const CONTROL_DEADLINE_MS = 10_000;
const RETRY_FAILED_WAIT_MS = 30_000;
/** How long a cancel waits for its leads' runs to record their end before campaign.completed counts them. */
const CANCEL_SETTLE_MS = 60_000;
const CANCEL_SETTLE_POLL_MS = 500;

/** Where a fan-out stands, carried in its activity's heartbeat so a retried attempt resumes after the last batch. */
export interface FanOutProgress {
  afterId: string | null;
  count: number;
}

export interface CreateCampaignRequest {
  name: string;
  sequenceId: string;
  /** A published version number; default the latest. */
  sequenceVersion?: number;
  senders: Array<{ accountId: string; workingHours?: WorkingHours }>;
  workingHours?: WorkingHours;
  stopOnReply?: boolean;
  limits?: CampaignLimits;
}

export interface CampaignView {
  campaign: CampaignEntity;
  senders: CampaignSenderEntity[];
  counts: Partial<Record<LeadState, number>>;
  sequenceId: string;
  sequenceVersion: number;
  temporalUrl: string;
}

export interface CampaignStats {
  campaignId: string;
  leads: Partial<Record<LeadState, number>>;
  sent: number;
  replied: number;
  /** Replied leads over leads that got at least one message. */
  replyRate: number | null;
  steps: Array<StepVariantStats & { replyRate: number | null }>;
}

/** Campaign lifecycle for the API, and the coordinator's activities for the worker. */
@Injectable()
export class CampaignsService {
  constructor(
    private readonly campaigns: CampaignsRepository,
    private readonly sequences: SequencesRepository,
    private readonly leads: LeadsRepository,
    private readonly events: LeadEventsRepository,
    private readonly accounts: AccountsService,
    private readonly webhooks: SequenceEventsService,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
  ) {}

  async create(auth: AuthContext, request: CreateCampaignRequest): Promise<CampaignView> {
    const sequence = isUUID(request.sequenceId) ? await this.sequences.findInWorkspace(auth.workspaceId, request.sequenceId) : null;
    if (!sequence) throw new DomainError('NOT_FOUND', `No sequence ${request.sequenceId} in this workspace.`, { field: 'sequenceId' });
    const version = await this.sequences.findVersionByNumber(auth.workspaceId, sequence.id, request.sequenceVersion ?? sequence.latestVersion);
    if (!version) {
      throw new DomainError('SEQUENCE_NOT_PUBLISHED', request.sequenceVersion ? `Sequence ${sequence.id} has no published version ${request.sequenceVersion}.` : `Sequence ${sequence.id} has no published version yet: POST /v1/sequences/${sequence.id}/publish first.`, { field: 'sequenceVersion' });
    }
    const workingHours = request.workingHours ?? DEFAULT_WORKING_HOURS;
    const problem = checkWorkingHours(workingHours);
    if (problem) throw new DomainError('VALIDATION_FAILED', `workingHours.${problem.field}: ${problem.message}`, { field: `workingHours.${problem.field}` });
    const seen = new Set<string>();
    for (const [i, sender] of request.senders.entries()) {
      if (seen.has(sender.accountId)) throw new DomainError('VALIDATION_FAILED', `senders[${i}].accountId: account ${sender.accountId} is listed twice.`, { field: `senders[${i}].accountId` });
      seen.add(sender.accountId);
      await this.accounts.get(auth, sender.accountId);
      const own = sender.workingHours ? checkWorkingHours(sender.workingHours) : null;
      if (own) throw new DomainError('VALIDATION_FAILED', `senders[${i}].workingHours.${own.field}: ${own.message}`, { field: `senders[${i}].workingHours.${own.field}` });
    }
    const campaign = await this.campaigns.create(
      { workspaceId: auth.workspaceId, name: request.name, sequenceVersionId: version.id, stopOnReply: request.stopOnReply ?? true, workingHours, limits: request.limits ?? {} },
      request.senders.map((s) => ({ accountId: s.accountId, workingHours: s.workingHours ?? null })),
    );
    return this.view(auth, campaign);
  }

  async get(auth: AuthContext, id: string): Promise<CampaignView> {
    return this.view(auth, await this.find(auth, id));
  }

  async list(auth: AuthContext, includeArchived: boolean, limit: number, offset: number): Promise<CampaignEntity[]> {
    return this.campaigns.listForWorkspace(auth.workspaceId, includeArchived, limit, offset);
  }

  /**
   * Starts the coordinator; it enrols the pending leads in batches. The run starts before the status is
   * stored (nothing is stored while Temporal is unreachable), and starting again re-starts it idempotently
   * (one business id), so a request that failed between the two is repaired by a retry, or by the
   * coordinator itself, which marks its campaign running.
   */
  async start(auth: AuthContext, id: string): Promise<CampaignView> {
    const campaign = await this.find(auth, id);
    if (campaign.status !== 'draft' && campaign.status !== 'running') {
      throw new DomainError('CAMPAIGN_STATE_INVALID', `Campaign ${id} is ${campaign.status}; only a draft campaign can start.`);
    }
    if (campaign.status === 'draft' && !(await this.leads.countByState(auth.workspaceId, campaign.id)).pending) {
      throw new DomainError('CAMPAIGN_STATE_INVALID', `Campaign ${id} has no pending leads: add leads before starting it.`);
    }
    const coordinator = this.coordinator(auth.workspaceId, campaign);
    try {
      await this.temporal.workflow.start('campaignWorkflow', { ...coordinator, workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING, workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    const workflowId = coordinator.workflowId;
    await this.campaigns.transition(auth.workspaceId, id, ['draft'], 'running', { startedAt: new Date(), workflowId });
    return this.get(auth, id);
  }

  pause(auth: AuthContext, id: string): Promise<CampaignView> {
    return this.control(auth, id, 'pause', ['running'], 'paused');
  }

  resume(auth: AuthContext, id: string): Promise<CampaignView> {
    return this.control(auth, id, 'resume', ['paused'], 'running');
  }

  /** Cancels: pending leads never start, running leads stop at once (a send not yet out is dropped). */
  async cancel(auth: AuthContext, id: string): Promise<CampaignView> {
    const campaign = await this.find(auth, id);
    if (campaign.status === 'draft') {
      if (!(await this.campaigns.transition(auth.workspaceId, id, ['draft'], 'cancelled', { completedAt: new Date(), statusReason: 'cancelled before start' }))) return this.cancel(auth, id);
      await this.leads.cancelPending(auth.workspaceId, id, 'campaign cancelled');
      return this.get(auth, id);
    }
    return this.control(auth, id, 'cancel', ['running', 'paused'], 'cancelled');
  }

  async archive(auth: AuthContext, id: string): Promise<CampaignView> {
    const campaign = await this.find(auth, id);
    if (!(await this.campaigns.archive(auth.workspaceId, id, new Date()))) {
      throw new DomainError('CAMPAIGN_STATE_INVALID', `Campaign ${id} is ${campaign.status}; pause and cancel it (or let it complete) before archiving.`);
    }
    return this.get(auth, id);
  }

  async stats(auth: AuthContext, id: string): Promise<CampaignStats> {
    const campaign = await this.find(auth, id);
    const steps = await this.events.stepStats(auth.workspaceId, campaign.id);
    const leads = await this.leads.countByState(auth.workspaceId, campaign.id);
    const contacted = await this.events.countLeads(auth.workspaceId, campaign.id, 'sent');
    const repliedLeads = await this.events.countLeads(auth.workspaceId, campaign.id, 'replied');
    const sent = steps.reduce((n, s) => n + s.sent, 0);
    return {
      campaignId: campaign.id, leads, sent, replied: repliedLeads, replyRate: contacted ? repliedLeads / contacted : null,
      steps: steps.map((s) => ({ ...s, replyRate: s.sent ? s.replied / s.sent : null })),
    };
  }

  /**
   * Retries the failed step of every lead holding on one ("retry failed only"); a send reads the thread back
   * first. The coordinator fans the retry out (durably, page by page); a completed campaign's coordinator is
   * started again for it and ends again once its leads are done. `retried` counts the runs that accepted the
   * retry; it is null when the fan-out takes longer than the request may wait (it carries on).
   */
  async retryFailed(auth: AuthContext, id: string): Promise<{ campaign: CampaignView; retried: number | null }> {
    const campaign = await this.find(auth, id);
    // Leads hold on a failed step only in a started campaign; cancelling one ends them all.
    const started = campaign.status === 'running' || campaign.status === 'paused' || campaign.status === 'completed';
    if (!started || !(await this.leads.countByState(auth.workspaceId, campaign.id)).failed) return { campaign: await this.view(auth, campaign), retried: 0 };
    const startWorkflowOperation = new WithStartWorkflowOperation('campaignWorkflow', { ...this.coordinator(auth.workspaceId, campaign), workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING });
    const update = await this.temporal.connection.withDeadline(Date.now() + CONTROL_DEADLINE_MS, () =>
      this.temporal.workflow.startUpdateWithStart(retryFailedLeadsUpdate, { waitForStage: 'ACCEPTED', startWorkflowOperation }),
    );
    let retried: number | null;
    const deadline = Date.now() + RETRY_FAILED_WAIT_MS;
    try {
      retried = await this.temporal.connection.withDeadline(deadline, () => update.result());
    } catch (err) {
      if (!endedAtDeadline(err, deadline)) throw err;
      retried = null;
    }
    return { campaign: await this.view(auth, campaign), retried };
  }

  /** Tells the coordinator that leads were added, so a running campaign enrols them now. */
  async notifyLeadsAdded(campaign: CampaignEntity): Promise<void> {
    if (campaign.status !== 'running' && campaign.status !== 'paused') return;
    // Only a nudge: the leads are stored, and the coordinator's next progress check enrols them anyway.
    await this.signalCoordinator(campaign.id, (handle) => handle.signal(campaignLeadsAddedSignal)).catch(() => undefined);
  }

  // --- the coordinator's activities ---

  /** Starts the lead workflows of up to `limit` pending leads and marks them active; a started id is never started twice. `heartbeat` follows each group of starts. */
  async enrolBatch(input: { workspaceId: string; campaignId: string; limit: number }, heartbeat: () => void = () => undefined): Promise<{ enrolled: number; pendingLeft: number }> {
    let campaign = await this.campaigns.findInWorkspace(input.workspaceId, input.campaignId);
    // The coordinator runs only once started: a start whose status write failed is completed here. Read again
    // whoever wins: the API's own write may land between the read and this one, and a stale draft enrolled
    // nothing until the next progress check, a minute later.
    if (campaign?.status === 'draft') {
      await this.campaigns.transition(input.workspaceId, campaign.id, ['draft'], 'running', { startedAt: new Date(), workflowId: campaignWorkflowId(campaign.id) });
      campaign = await this.campaigns.findInWorkspace(input.workspaceId, input.campaignId);
    }
    if (!campaign || campaign.status !== 'running') return { enrolled: 0, pendingLeft: 0 };
    const version = await this.sequences.findVersion(input.workspaceId, campaign.sequenceVersionId);
    if (!version) throw new DomainError('NOT_FOUND', `Sequence version ${campaign.sequenceVersionId} is gone.`);
    const senders = new Map((await this.campaigns.findSenders(input.workspaceId, campaign.id)).map((s) => [s.accountId, s]));
    const batch = await this.nextBatch(input.workspaceId, campaign, [...senders.keys()], input.limit);
    // Sends are paced per LinkedIn member, whichever workspace holds its session.
    const pacingKeys = new Map(await Promise.all([...new Set(batch.map((l) => l.accountId))].map(async (id) => [id, memberKeyOf(await this.accounts.forActivity(input.workspaceId, id), this.config.LINKEDIN_BASE_URL)] as const)));
    let enrolled = 0;
    const enrolOne = async (lead: LeadEntity): Promise<void> => {
      const workflowId = leadWorkflowId(campaign.id, lead.id);
      const pacingKey = pacingKeys.get(lead.accountId)!;
      const leadInput: LeadSequenceInput = {
        workspaceId: input.workspaceId, campaignId: campaign.id, leadId: lead.id, accountId: lead.accountId, pacingKey, profileRef: lead.profileRef, profileUrn: lead.profileUrn,
        attributes: lead.attributes, sequenceVersionId: version.id, sequence: version.document,
        workingHours: senders.get(lead.accountId)?.workingHours ?? campaign.workingHours, stopOnReply: campaign.stopOnReply,
        typingMsPerChar: this.config.TYPING_MS_PER_CHAR, typingPingMs: this.config.TYPING_PING_MS, failedStepHoldMs: FAILED_STEP_HOLD_MS,
        accountRecheckMs: this.config.SEQUENCE_ACCOUNT_RECHECK_SECONDS * 1000,
      };
      try {
        await this.temporal.workflow.start('leadSequenceWorkflow', {
          taskQueue: WORKFLOW_TASK_QUEUE, workflowId, args: [leadInput],
          workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING, workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          typedSearchAttributes: [
            { key: SA.CampaignId, value: campaign.id }, { key: SA.AccountId, value: lead.accountId }, { key: SA.LeadId, value: lead.id },
            { key: SA.SequenceStep, value: version.document.steps[0]?.id ?? '' }, { key: SA.LeadStatus, value: 'active' },
          ],
          memo: { kind: 'lead', campaign: campaign.name, profile: lead.profileRef, name: leadName(lead), sequenceVersion: version.version },
          // The Web UI's list and run page read these (through the codec endpoint, as they are encrypted like every payload).
          ...leadRunMetadata(lead, campaign.name, version.document.steps.length),
          priority: { fairnessKey: pacingKey },
        });
      } catch (err) {
        // REJECT_DUPLICATE: this lead already ran once; it is never enrolled again.
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
      if (await this.leads.setState(input.workspaceId, lead.id, 'active', null, ['pending'], { workflowId })) enrolled++;
      else if (await this.endIfLeftPending(input.workspaceId, campaign.id, lead.id, workflowId)) return;
      await this.events.record({ workspaceId: input.workspaceId, campaignId: campaign.id, leadId: lead.id, eventKey: 'enrolled', type: 'enrolled', stepIndex: null, stepId: null, variantId: null, at: new Date(), data: { workflowId } });
    };
    // A few starts at a time: each is one round trip to Temporal, and the batch is small enough to retry whole.
    for (let i = 0; i < batch.length; i += ENROL_CONCURRENCY) {
      await Promise.all(batch.slice(i, i + ENROL_CONCURRENCY).map(enrolOne));
      heartbeat();
    }
    const counts = await this.leads.countByState(input.workspaceId, campaign.id);
    return { enrolled, pendingLeft: counts.pending ?? 0 };
  }

  /** The next pending leads; with `newLeadsPerDay`, at most that many per sender in any 24 hours (the rest wait for a later batch). */
  private async nextBatch(workspaceId: string, campaign: CampaignEntity, senderIds: string[], limit: number): Promise<LeadEntity[]> {
    const perDay = campaign.limits.newLeadsPerDay;
    if (!perDay) return this.leads.listPending(workspaceId, campaign.id, null, limit);
    const enrolled = await this.events.enrolledSince(workspaceId, campaign.id, new Date(Date.now() - 86_400_000));
    const batch: LeadEntity[] = [];
    for (const accountId of senderIds) {
      const allowance = Math.min(perDay - (enrolled.get(accountId) ?? 0), limit - batch.length);
      if (allowance > 0) batch.push(...(await this.leads.listPending(workspaceId, campaign.id, accountId, allowance)));
    }
    return batch;
  }

  /**
   * Sends a control to every live lead (and, for cancel, ends the pending ones), or the retry update to every
   * failed lead. The coordinator calls it in the order controls arrived, so it also stores the campaign's
   * status: the API stores it after its signal, and a request that failed between the two leaves the status
   * to this call. Pages by id; `onBatch` gets the progress after each batch (the activity heartbeats it), and
   * `from` resumes a retried attempt after the last batch it reported.
   */
  async fanOut(input: { workspaceId: string; campaignId: string; control: CampaignFanOut }, callKey: string, from: FanOutProgress = { afterId: null, count: 0 }, onBatch?: (progress: FanOutProgress) => void): Promise<number> {
    const { control } = input;
    if (control === 'pause') await this.campaigns.transition(input.workspaceId, input.campaignId, ['running'], 'paused');
    if (control === 'resume') await this.campaigns.transition(input.workspaceId, input.campaignId, ['paused'], 'running');
    if (control === 'cancel') await this.leads.cancelPending(input.workspaceId, input.campaignId, 'campaign cancelled');
    const type = control === 'cancel' ? 'stop_requested' : control === 'pause' ? 'paused' : control === 'resume' ? 'resumed' : 'retry_requested';
    let { afterId, count } = from;
    for (;;) {
      const page: LeadEntity[] = control === 'retry_failed'
        ? await this.leads.listByState(input.workspaceId, input.campaignId, 'failed', afterId, FAN_OUT_PAGE)
        : await this.leads.listLive(input.workspaceId, input.campaignId, afterId, FAN_OUT_PAGE);
      if (page.length === 0) return count;
      for (let i = 0; i < page.length; i += FAN_OUT_BATCH) {
        const batch = page.slice(i, i + FAN_OUT_BATCH);
        await Promise.all(batch.map(async (lead) => {
          if (!(await this.sendToLead(leadWorkflowId(input.campaignId, lead.id), control))) return;
          count++;
          // The run took the pause (or resume): the stored state says so too.
          if (control === 'pause') await this.leads.setState(input.workspaceId, lead.id, 'paused', null, ['active']);
          if (control === 'resume') await this.leads.setState(input.workspaceId, lead.id, 'active', null, ['paused']);
          // The lead's timeline shows the control it received (one record per fan-out, however often it is retried).
          await this.events.record({
            workspaceId: input.workspaceId, campaignId: input.campaignId, leadId: lead.id, eventKey: `control:${callKey}`, type,
            stepIndex: lead.currentStep, stepId: lead.currentStepId, variantId: null, at: new Date(), data: { by: 'campaign', control },
          });
        }));
        afterId = batch[batch.length - 1]!.id;
        onBatch?.({ afterId, count });
      }
    }
  }

  /**
   * A lead stopped through the API, or cancelled with its campaign, while its run was starting: the stop found no
   * run to reach, so the run that has just started ends here, before its first step goes out. True when it did.
   */
  private async endIfLeftPending(workspaceId: string, campaignId: string, leadId: string, workflowId: string): Promise<boolean> {
    const now = await this.leads.findInCampaign(workspaceId, campaignId, leadId);
    if (now?.state !== 'stopped' && now?.state !== 'cancelled') return false;
    await this.temporal.workflow.getHandle(workflowId).signal(leadStopSignal, { state: now.state, reason: now.stateReason ?? `${now.state} before its run started` });
    return true;
  }

  /** One lead's part of a fan-out; false when its run has ended or (for a retry) refused it. */
  private async sendToLead(workflowId: string, control: CampaignFanOut): Promise<boolean> {
    const handle = this.temporal.workflow.getHandle(workflowId);
    try {
      switch (control) {
        case 'cancel':
          await handle.signal(leadStopSignal, { state: 'cancelled', reason: 'campaign cancelled' });
          break;
        case 'pause':
          await handle.signal(leadPauseSignal);
          break;
        case 'resume':
          await handle.signal(leadResumeSignal);
          break;
        case 'retry_failed':
          await handle.executeUpdate(retryLeadStepUpdate);
          break;
      }
      return true;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError || controlRefusalOf(err) !== null) return false;
      throw err;
    }
  }

  async progress(input: { workspaceId: string; campaignId: string }): Promise<{ pending: number; active: number }> {
    const counts = await this.leads.countByState(input.workspaceId, input.campaignId);
    return { pending: counts.pending ?? 0, active: (counts.active ?? 0) + (counts.paused ?? 0) };
  }

  /**
   * The campaign ended. A cancel's leads were told to stop just before: their runs record how they ended
   * within moments, so the counts wait for them (a bounded wait; a lead whose run is gone is then cancelled
   * in the table), and campaign.completed carries final counts and completedAt.
   */
  async finish(input: { workspaceId: string; campaignId: string; status: 'completed' | 'cancelled' }): Promise<void> {
    if (input.status === 'cancelled') await this.settleCancelledLeads(input.workspaceId, input.campaignId);
    const moved = await this.campaigns.transition(input.workspaceId, input.campaignId, ['running', 'paused'], input.status, { completedAt: new Date() });
    let campaign = await this.campaigns.findInWorkspace(input.workspaceId, input.campaignId);
    if (!campaign || (!moved && campaign.status !== input.status)) return;
    // A cancel through the API stores the status first; the campaign is over only now.
    if (campaign.completedAt === null) {
      await this.campaigns.transition(input.workspaceId, input.campaignId, [input.status], input.status, { completedAt: new Date() });
      campaign = (await this.campaigns.findInWorkspace(input.workspaceId, input.campaignId)) ?? campaign;
    }
    const counts = await this.leads.countByState(input.workspaceId, input.campaignId);
    await this.webhooks.emit(input.workspaceId, 'campaign.completed', `campaign.completed:${input.campaignId}`, {
      campaign_id: input.campaignId, status: input.status, leads: counts, completed_at: campaign.completedAt?.toISOString() ?? null,
    });
  }

  private async settleCancelledLeads(workspaceId: string, campaignId: string): Promise<void> {
    const until = Date.now() + CANCEL_SETTLE_MS;
    for (;;) {
      const counts = await this.leads.countByState(workspaceId, campaignId);
      if (LIVE_LEAD_STATES.every((state) => !counts[state])) return;
      if (Date.now() >= until) break;
      await new Promise((resolve) => setTimeout(resolve, CANCEL_SETTLE_POLL_MS));
    }
    await this.leads.cancelLive(workspaceId, campaignId, 'campaign cancelled');
  }

  /**
   * A lifecycle change is signalled first, then stored: while Temporal is unreachable nothing is stored
   * (503, retry). Every request re-sends the signal, even when the status already says so, so a retry
   * repairs a request that failed between the two; the coordinator ignores a control it already applied
   * and stores the status itself when it fans the control out.
   */
  private async control(auth: AuthContext, id: string, control: CampaignControl, from: CampaignStatus[], to: CampaignStatus): Promise<CampaignView> {
    const campaign = await this.find(auth, id);
    if (campaign.status !== to && !from.includes(campaign.status)) {
      throw new DomainError('CAMPAIGN_STATE_INVALID', `Campaign ${id} is ${campaign.status}; ${control} applies to a ${from.join(' or ')} campaign.`);
    }
    await this.signalCoordinator(campaign.id, (handle) => handle.signal(campaignControlSignal, control));
    await this.campaigns.transition(auth.workspaceId, id, from, to, to === 'cancelled' ? { statusReason: 'cancelled by API' } : {});
    return this.get(auth, id);
  }

  private async signalCoordinator(campaignId: string, send: (handle: WorkflowHandle) => Promise<void>): Promise<void> {
    try {
      await send(this.temporal.workflow.getHandle(campaignWorkflowId(campaignId)));
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
  }

  /** How the campaign's coordinator starts (by business id, so a campaign has one at a time). */
  private coordinator(workspaceId: string, campaign: CampaignEntity): WorkflowStartOptions & { workflowId: string } {
    const input: CampaignInput = { workspaceId, campaignId: campaign.id, batchSize: ENROL_BATCH, progressCheckMs: PROGRESS_CHECK_MS };
    return {
      taskQueue: WORKFLOW_TASK_QUEUE, workflowId: campaignWorkflowId(campaign.id), args: [input],
      typedSearchAttributes: [{ key: SA.CampaignId, value: campaign.id }],
      memo: { kind: 'campaign', name: campaign.name },
    };
  }

  private async find(auth: AuthContext, id: string): Promise<CampaignEntity> {
    const campaign = isUUID(id) ? await this.campaigns.findInWorkspace(auth.workspaceId, id) : null;
    if (!campaign) throw new DomainError('NOT_FOUND', `No campaign ${id} in this workspace.`);
    return campaign;
  }

  private async view(auth: AuthContext, campaign: CampaignEntity): Promise<CampaignView> {
    const version = await this.sequences.findVersion(auth.workspaceId, campaign.sequenceVersionId);
    return {
      campaign,
      senders: await this.campaigns.findSenders(auth.workspaceId, campaign.id),
      counts: await this.leads.countByState(auth.workspaceId, campaign.id),
      sequenceId: version?.sequenceId ?? '',
      sequenceVersion: version?.version ?? 0,
      temporalUrl: temporalUiLink(this.config, campaignWorkflowId(campaign.id)),
    };
  }
}
