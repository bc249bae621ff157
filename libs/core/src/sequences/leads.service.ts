import { Inject, Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { type Client, type WorkflowHandle, WorkflowNotFoundError } from '@temporalio/client';
import { CampaignsRepository, type CampaignEntity, LeadEventsRepository, type LeadEventType, type LeadExclusionEntity, LeadExclusionsRepository, type LeadEntity, type LeadState, LeadsRepository } from '@threadline/db';
import { DomainError, leadWorkflowId, parseLeadsCsv, profileKeyOf, profileUrnOf } from '@threadline/domain';
import { leadStateQuery, type LeadRunState, retryLeadStepUpdate, skipLeadStepUpdate, stopLeadUpdate } from '@threadline/contracts';
import type { AuthContext } from '../auth/auth-context';
import type { CoreConfig } from '../config/config';
import { temporalUiLink } from '../temporal/temporal.providers';
import { CORE_CONFIG, TEMPORAL_CLIENT } from '../tokens';
import { CampaignsService } from './campaigns.service';
import { controlRefusalOf } from './control-refusal';
import { leadTimelineFromEvents, type TimelineEntry } from './lead-timeline';

// A live run says what it waits for now through a query, which needs a worker: best effort, bounded.
const STATE_QUERY_DEADLINE_MS = 2_000;
// A control is answered by the run itself (a worker): well under a second, unless no worker is running.
const CONTROL_DEADLINE_MS = 10_000;

export const MAX_LEADS_PER_REQUEST = 10_000;

export interface NewLeadRequest {
  /** LinkedIn profile URL, URN, id (`ACoAA…`) or vanity name. */
  profile: string;
  attributes?: Record<string, unknown>;
  /** CSV line, echoed in skips. */
  line?: number;
}

export type LeadSkipReason = 'duplicate_in_request' | 'already_in_campaign' | 'in_active_campaign' | 'in_conversation' | 'excluded' | 'missing_profile';

export interface AddLeadsResult {
  added: LeadEntity[];
  skipped: Array<{ profile: string | null; line?: number; reason: LeadSkipReason; detail: string }>;
}

const SKIP_DETAIL: Record<Exclude<LeadSkipReason, 'in_active_campaign' | 'missing_profile'>, string> = {
  duplicate_in_request: 'the same person appears earlier in this request',
  excluded: 'on the workspace exclusion list',
  already_in_campaign: 'already a lead of this campaign',
  in_conversation: 'already in a conversation with a sender of this campaign',
};

const ADDABLE: readonly CampaignEntity['status'][] = ['draft', 'running', 'paused'];

/** A lead after a control: the stored lead, and the run's own answer (null when no run was involved). */
export interface LeadControlAnswer {
  lead: LeadEntity;
  run: LeadRunState | null;
}

/** Leads of a campaign: import with dedup and exclusions, per-lead controls, and the timeline of each run. */
@Injectable()
export class LeadsService {
  constructor(
    private readonly leads: LeadsRepository,
    private readonly campaignsRepo: CampaignsRepository,
    private readonly exclusions: LeadExclusionsRepository,
    private readonly campaigns: CampaignsService,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
    private readonly events: LeadEventsRepository,
  ) {}

  /**
   * Adds leads as pending, each with a sticky sender (round-robin over the campaign's senders). A
   * person already live with any sender of this campaign, already in a conversation with it, or on
   * the exclusion list is skipped with the reason; the database refuses a race the checks missed.
   */
  async add(auth: AuthContext, campaignId: string, requests: NewLeadRequest[], preSkipped: AddLeadsResult['skipped'] = []): Promise<AddLeadsResult> {
    const campaign = await this.campaign(auth, campaignId);
    if (!ADDABLE.includes(campaign.status)) throw new DomainError('CAMPAIGN_STATE_INVALID', `Campaign ${campaignId} is ${campaign.status}; leads can be added to a draft, running or paused campaign.`);
    if (requests.length > MAX_LEADS_PER_REQUEST) throw new DomainError('VALIDATION_FAILED', `leads: at most ${MAX_LEADS_PER_REQUEST} per request.`, { field: 'leads' });
    const senders = await this.campaignsRepo.findSenders(auth.workspaceId, campaign.id);
    const result: AddLeadsResult = { added: [], skipped: [...preSkipped] };
    const skip = (r: NewLeadRequest, reason: LeadSkipReason, detail: string) => result.skipped.push({ profile: r.profile, ...(r.line ? { line: r.line } : {}), reason, detail });

    // Round-robin continues where earlier imports stopped, so senders stay balanced.
    const turn = Object.values(await this.leads.countByState(auth.workspaceId, campaign.id)).reduce((a, b) => a + (b ?? 0), 0);
    const { added, skipped } = await this.leads.importLeads({
      workspaceId: auth.workspaceId, campaignId: campaign.id, senderIds: senders.map((s) => s.accountId), turn,
      candidates: requests.map((r) => ({ profileRef: r.profile.trim(), profileKey: profileKeyOf(r.profile), profileUrn: profileUrnOf(r.profile), attributes: r.attributes ?? {} })),
    });
    result.added.push(...added);
    requests.forEach((r, i) => {
      const why = skipped.get(i);
      if (why) skip(r, why.reason, why.reason === 'in_active_campaign' ? `already live in campaign ${why.campaignId ?? 'another campaign'} with the same sender` : SKIP_DETAIL[why.reason]);
    });
    if (result.added.length) await this.campaigns.notifyLeadsAdded(campaign);
    return result;
  }

  /** Leads from a CSV upload: one profile column, the others become attributes. */
  async addCsv(auth: AuthContext, campaignId: string, csv: string | undefined): Promise<AddLeadsResult> {
    if (csv === undefined) throw new DomainError('VALIDATION_FAILED', 'file: attach the CSV as multipart field "file".', { field: 'file' });
    const parsed = parseLeadsCsv(csv, MAX_LEADS_PER_REQUEST);
    if (!parsed.ok) throw new DomainError('VALIDATION_FAILED', `${parsed.field}: ${parsed.message}`, { field: parsed.field });
    const preSkipped = parsed.skipped.map((s) => ({ profile: null, line: s.line, reason: 'missing_profile' as const, detail: 'the profile column is empty' }));
    return this.add(auth, campaignId, parsed.rows.map((row) => ({ profile: row.profile, attributes: row.attributes, line: row.line })), preSkipped);
  }

  async list(auth: AuthContext, campaignId: string, opts: { state?: LeadState; limit: number; offset: number }): Promise<LeadEntity[]> {
    const campaign = await this.campaign(auth, campaignId);
    return this.leads.listInCampaign(auth.workspaceId, campaign.id, opts);
  }

  async get(auth: AuthContext, campaignId: string, leadId: string): Promise<LeadEntity> {
    const lead = isUUID(leadId) && isUUID(campaignId) ? await this.leads.findInCampaign(auth.workspaceId, campaignId, leadId) : null;
    if (!lead) throw new DomainError('NOT_FOUND', `No lead ${leadId} in campaign ${campaignId}.`);
    return lead;
  }

  /**
   * Stops one lead: a pending lead never starts; a running one ends at its next step boundary, at once
   * when it waits (a message not yet out is dropped; one already being delivered still lands).
   */
  async stop(auth: AuthContext, campaignId: string, leadId: string): Promise<LeadControlAnswer> {
    let lead = await this.get(auth, campaignId, leadId);
    if (lead.state === 'pending') {
      if (await this.leads.setState(auth.workspaceId, lead.id, 'stopped', 'stopped by API', ['pending'])) return { lead: await this.get(auth, campaignId, leadId), run: null };
      // The coordinator enrolled it meanwhile: its run has started, and the stop goes to the run.
      lead = await this.get(auth, campaignId, leadId);
    }
    return this.control(lead, 'stop_requested', (run) => run.executeUpdate(stopLeadUpdate, { args: [{ reason: 'stopped by API' }] }));
  }

  /** Skips the lead's current step (a wait ends, an unsent message is dropped, a failed step is passed). */
  async skipStep(auth: AuthContext, campaignId: string, leadId: string): Promise<LeadControlAnswer> {
    return this.control(await this.get(auth, campaignId, leadId), 'skip_requested', (run) => run.executeUpdate(skipLeadStepUpdate));
  }

  /** Runs a failed step again; a send reuses its originToken and reads the thread back first, so it never doubles. */
  async retryStep(auth: AuthContext, campaignId: string, leadId: string): Promise<LeadControlAnswer> {
    return this.control(await this.get(auth, campaignId, leadId), 'retry_requested', (run) => run.executeUpdate(retryLeadStepUpdate));
  }

  /** Puts people on the workspace's exclusion list: no campaign takes them as leads. */
  async exclude(auth: AuthContext, profiles: string[], reason: string | null): Promise<string[]> {
    const keys = [...new Set(profiles.map(profileKeyOf))];
    await this.exclusions.add(auth.workspaceId, keys, reason);
    return keys;
  }

  listExclusions(auth: AuthContext, limit: number, offset: number): Promise<LeadExclusionEntity[]> {
    return this.exclusions.listForWorkspace(auth.workspaceId, limit, offset);
  }

  async removeExclusion(auth: AuthContext, profile: string): Promise<void> {
    if (!(await this.exclusions.remove(auth.workspaceId, profileKeyOf(profile)))) throw new DomainError('NOT_FOUND', `${profile} is not on the exclusion list.`);
  }

  /** Every step of the lead's run with when and why it waited, from Postgres (`lead_events`), plus what a live run waits for now. */
  async timeline(auth: AuthContext, campaignId: string, leadId: string): Promise<{ lead: LeadEntity; workflowId: string; temporalUrl: string; entries: TimelineEntry[]; now: LeadRunState | null }> {
    const lead = await this.get(auth, campaignId, leadId);
    const workflowId = leadWorkflowId(campaignId, lead.id);
    const entries = leadTimelineFromEvents(await this.events.listForLead(auth.workspaceId, lead.id));
    const live = lead.workflowId !== null && (lead.state === 'active' || lead.state === 'paused' || lead.state === 'failed');
    return { lead, workflowId, temporalUrl: this.temporalUrl(lead), entries, now: live ? await this.queryState(this.temporal.workflow.getHandle(workflowId)) : null };
  }

  private async queryState(handle: WorkflowHandle): Promise<LeadRunState | null> {
    try {
      return await this.temporal.connection.withDeadline(Date.now() + STATE_QUERY_DEADLINE_MS, () => handle.query(leadStateQuery));
    } catch {
      // No worker, or Temporal away: the timeline from Postgres still answers.
      return null;
    }
  }

  temporalUrl(lead: LeadEntity): string {
    return temporalUiLink(this.config, leadWorkflowId(lead.campaignId, lead.id));
  }

  /**
   * Sends a control update to the lead's run, which applies it or refuses it (what applies depends on what
   * the run is doing, not on the stored state); the answer is the run's own state after it.
   */
  private async control(lead: LeadEntity, recorded: LeadEventType, update: (run: WorkflowHandle) => Promise<LeadRunState>): Promise<LeadControlAnswer> {
    const { workflowId } = lead;
    if (!workflowId) throw new DomainError('CAMPAIGN_STATE_INVALID', `Lead ${lead.id} is ${lead.state} and has not started; only stop applies to it.`);
    let run: LeadRunState;
    try {
      run = await this.temporal.connection.withDeadline(Date.now() + CONTROL_DEADLINE_MS, () => update(this.temporal.workflow.getHandle(workflowId)));
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new DomainError('CAMPAIGN_STATE_INVALID', `Lead ${lead.id}'s run has already ended; stop, skip and retry apply to a live lead.`);
      const refusal = controlRefusalOf(err);
      if (refusal) throw new DomainError('CAMPAIGN_STATE_INVALID', `Lead ${lead.id}: ${refusal}`);
      throw err;
    }
    await this.events.record({
      workspaceId: lead.workspaceId, campaignId: lead.campaignId, leadId: lead.id, eventKey: `control:${randomUUID()}`, type: recorded,
      stepIndex: lead.currentStep, stepId: lead.currentStepId, variantId: null, at: new Date(), data: { by: 'api' },
    });
    return { lead: (await this.leads.findInCampaign(lead.workspaceId, lead.campaignId, lead.id)) ?? lead, run };
  }

  private async campaign(auth: AuthContext, id: string): Promise<CampaignEntity> {
    const campaign = isUUID(id) ? await this.campaignsRepo.findInWorkspace(auth.workspaceId, id) : null;
    if (!campaign) throw new DomainError('NOT_FOUND', `No campaign ${id} in this workspace.`);
    return campaign;
  }
}
