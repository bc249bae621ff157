import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LEAD_STATES } from '@threadline/core';
import { WorkingHoursDto } from './campaign.dto';

const CAMPAIGN_STATUSES = ['draft', 'running', 'paused', 'completed', 'cancelled'];
const RUN_STATUSES = ['active', 'paused', 'failed', 'replied', 'completed', 'stopped', 'skipped', 'cancelled'];
const FINAL_STATUSES = ['failed', 'replied', 'completed', 'stopped', 'skipped', 'cancelled'];
const PHASES = ['active', 'paused', 'waiting', 'typing', 'failed', 'finished'];
const SKIP_REASONS = ['duplicate_in_request', 'already_in_campaign', 'in_active_campaign', 'in_conversation', 'excluded', 'missing_profile'];
const ID = '0b9f2c1e-6a57-4c3e-9d0f-1f4a8e2b7c55';

/** A campaign as listed. */
export class CampaignSummaryResponse {
  @ApiProperty({ example: ID }) id!: string;
  @ApiProperty({ example: 'Q4 founders' }) name!: string;
  @ApiProperty({ enum: CAMPAIGN_STATUSES, example: 'running' }) status!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Why the campaign is in its status, when it did not get there by a call (e.g. every sender disconnected).', example: null }) statusReason!: string | null;
  @ApiProperty({ example: false }) archived!: boolean;
  @ApiProperty({ example: '2026-11-30T09:12:00.000Z' }) createdAt!: string;
}

export class CampaignSenderResponse {
  @ApiProperty({ example: ID }) accountId!: string;
  @ApiProperty({ type: WorkingHoursDto, description: 'The sender’s own hours, or the campaign’s.' }) workingHours!: WorkingHoursDto;
}

export class CampaignLimitsResponse {
  @ApiPropertyOptional({ description: 'New leads started per sender per day.', example: 25 }) newLeadsPerDay?: number;
}

/** Leads per state; states with no lead are absent. */
export class LeadCountsResponse {
  @ApiProperty({ description: 'All leads of the campaign.', example: 120 }) total!: number;
  @ApiPropertyOptional({ example: 40 }) pending?: number;
  @ApiPropertyOptional({ example: 50 }) active?: number;
  @ApiPropertyOptional({ example: 9 }) replied?: number;
  @ApiPropertyOptional({ example: 18 }) completed?: number;
  @ApiPropertyOptional({ example: 1 }) stopped?: number;
  @ApiPropertyOptional({ example: 0 }) skipped?: number;
  @ApiPropertyOptional({ example: 2 }) failed?: number;
  @ApiPropertyOptional({ example: 0 }) cancelled?: number;
}

/** One campaign with its sequence version, senders and lead counts. */
export class CampaignResponse extends CampaignSummaryResponse {
  @ApiProperty({ example: ID }) sequenceId!: string;
  @ApiProperty({ example: 3 }) sequenceVersion!: number;
  @ApiProperty({ example: true }) stopOnReply!: boolean;
  @ApiProperty({ type: WorkingHoursDto }) workingHours!: WorkingHoursDto;
  @ApiProperty({ type: CampaignLimitsResponse }) limits!: CampaignLimitsResponse;
  @ApiProperty({ type: [CampaignSenderResponse] }) senders!: CampaignSenderResponse[];
  @ApiProperty({ type: LeadCountsResponse }) leads!: LeadCountsResponse;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-30T09:15:00.000Z' }) startedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) completedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) archivedAt!: string | null;
  @ApiProperty({ description: 'The campaign’s coordinator run in the Temporal Web UI.', example: 'http://127.0.0.1:8233/namespaces/threadline/workflows/campaign:0b9f2c1e-6a57-4c3e-9d0f-1f4a8e2b7c55' }) temporalUrl!: string;
}

export class CampaignEnvelope {
  @ApiProperty({ example: true }) success!: true;
  @ApiProperty({ type: CampaignResponse }) campaign!: CampaignResponse;
}

export class CampaignListEnvelope {
  @ApiProperty({ example: true }) success!: true;
  @ApiProperty({ type: [CampaignSummaryResponse] }) campaigns!: CampaignSummaryResponse[];
}

export class RetryFailedEnvelope extends CampaignEnvelope {
  @ApiProperty({ type: Number, nullable: true, description: 'Leads whose run accepted the retry; null when the fan-out takes longer than 30 s (it carries on).', example: 2 }) retried!: number | null;
}

export class StepStatsResponse {
  @ApiProperty({ example: 0 }) stepIndex!: number;
  @ApiProperty({ example: 'intro' }) stepId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The A/B variant, or null for a step without variants.', example: 'a' }) variantId!: string | null;
  @ApiProperty({ example: 60 }) sent!: number;
  @ApiProperty({ example: 6 }) replied!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'replied / sent; null before any send.', example: 0.1 }) replyRate!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean time from this step’s send to the reply, in ms.', example: 5400000 }) avgTimeToReplyMs!: number | null;
}

/** Leads per state; states with no lead are absent. */
export class StatsLeadCountsResponse {
  @ApiPropertyOptional({ example: 50 }) active?: number;
  @ApiPropertyOptional({ example: 9 }) replied?: number;
  @ApiPropertyOptional({ example: 18 }) completed?: number;
  @ApiPropertyOptional({ example: 40 }) pending?: number;
  @ApiPropertyOptional({ example: 1 }) stopped?: number;
  @ApiPropertyOptional({ example: 0 }) skipped?: number;
  @ApiPropertyOptional({ example: 2 }) failed?: number;
  @ApiPropertyOptional({ example: 0 }) cancelled?: number;
}

export class CampaignStatsResponse {
  @ApiProperty({ example: ID }) campaignId!: string;
  @ApiProperty({ type: StatsLeadCountsResponse }) leads!: StatsLeadCountsResponse;
  @ApiProperty({ description: 'Leads that got at least one message.', example: 80 }) sent!: number;
  @ApiProperty({ example: 9 }) replied!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Replied leads over leads that got at least one message.', example: 0.1125 }) replyRate!: number | null;
  @ApiProperty({ type: [StepStatsResponse] }) steps!: StepStatsResponse[];
}

export class CampaignStatsEnvelope {
  @ApiProperty({ example: true }) success!: true;
  @ApiProperty({ type: CampaignStatsResponse }) stats!: CampaignStatsResponse;
}

export class LeadStepResponse {
  @ApiProperty({ example: 1 }) index!: number;
  @ApiProperty({ type: String, nullable: true, example: 'follow-up' }) id!: string | null;
}

/** One lead of a campaign. */
export class LeadResponse {
  @ApiProperty({ example: ID }) id!: string;
  @ApiProperty({ example: ID }) campaignId!: string;
  @ApiProperty({ description: 'The sender it sticks to.', example: ID }) accountId!: string;
  @ApiProperty({ description: 'The profile as given (URL, public identifier or URN).', example: 'https://www.linkedin.com/in/marcus-johnson' }) profile!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Resolved at the first step.', example: 'urn:li:fsd_profile:ACoAAB1a2b3c4d5e6f7g8h9i0j' }) profileUrn!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Template variables.', example: { firstName: 'Marcus', company: 'Acme' } }) attributes!: Record<string, unknown>;
  @ApiProperty({ enum: [...LEAD_STATES], example: 'active' }) state!: string;
  @ApiProperty({ type: String, nullable: true, example: null }) stateReason!: string | null;
  @ApiProperty({ type: LeadStepResponse, nullable: true }) currentStep!: LeadStepResponse | null;
  @ApiProperty({ type: String, nullable: true, example: 'urn:li:msg_conversation:(urn:li:fsd_profile:ACoAA…,2-ZmE…)' }) conversationUrn!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-30T10:02:11.000Z' }) lastSentAt!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) repliedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The lead’s run, once enrolled.', example: `lead:${ID}:${ID}` }) workflowId!: string | null;
  @ApiProperty({ description: 'The lead’s run in the Temporal Web UI.', example: `http://127.0.0.1:8233/namespaces/threadline/workflows/lead:${ID}:${ID}` }) temporalUrl!: string;
  @ApiProperty({ example: '2026-11-30T09:12:00.000Z' }) createdAt!: string;
}

export class LeadEnvelope {
  @ApiProperty({ example: true }) success!: true;
  @ApiProperty({ type: LeadResponse }) lead!: LeadResponse;
}

export class LeadListEnvelope {
  @ApiProperty({ example: true }) success!: true;
  @ApiProperty({ type: [LeadResponse] }) leads!: LeadResponse[];
}

export class SkippedLeadResponse {
  @ApiProperty({ type: String, nullable: true, example: 'https://www.linkedin.com/in/marcus-johnson' }) profile!: string | null;
  @ApiPropertyOptional({ description: 'CSV line (uploads only).', example: 7 }) line?: number;
  @ApiProperty({ enum: SKIP_REASONS, example: 'in_active_campaign' }) reason!: string;
  @ApiProperty({ example: 'This person is already live in campaign "Q3 founders" of the same sender.' }) detail!: string;
}

export class AddLeadsResponse {
  @ApiProperty({ example: true }) success!: true;
  @ApiProperty({ example: 2 }) added!: number;
  @ApiProperty({ example: 1 }) skippedCount!: number;
  @ApiProperty({ type: [LeadResponse] }) leads!: LeadResponse[];
  @ApiProperty({ type: [SkippedLeadResponse] }) skipped!: SkippedLeadResponse[];
}

export class LeadEndResponse {
  @ApiProperty({ enum: FINAL_STATUSES, example: 'stopped' }) status!: string;
  @ApiProperty({ type: String, nullable: true, example: 'stopped by API' }) reason!: string | null;
}

export class RunWaitResponse {
  @ApiProperty({ description: 'working_hours, quota, hold, wait_step, business_days, reply, retry, account, paused.', example: 'working_hours' }) reason!: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-12-01T08:00:00.000Z' }) until!: string | null;
}

/** What a live run says it is doing. */
export class RunStateResponse {
  @ApiProperty({ enum: RUN_STATUSES, example: 'active' }) status!: string;
  @ApiProperty({ enum: PHASES, example: 'waiting' }) phase!: string;
  @ApiProperty({ type: LeadEndResponse, nullable: true, description: 'What the run ends as at its next step boundary, or null.' }) ending!: LeadEndResponse | null;
  @ApiProperty({ example: 1 }) stepIndex!: number;
  @ApiProperty({ type: String, nullable: true, example: 'follow-up' }) stepId!: string | null;
  @ApiProperty({ example: false }) paused!: boolean;
  @ApiProperty({ type: RunWaitResponse, nullable: true }) waitingFor!: RunWaitResponse | null;
}

export class LeadControlResponse {
  @ApiProperty({ example: true }) success!: true;
  @ApiProperty({ type: LeadResponse, description: '`state` is the run’s own answer; the stored row catches up a moment later.' }) lead!: LeadResponse;
  @ApiProperty({ type: RunStateResponse, nullable: true }) run!: RunStateResponse | null;
}

export class TimelineEntryResponse {
  @ApiProperty({ example: '2026-11-30T10:02:11.000Z' }) at!: string;
  @ApiProperty({ description: 'enrolled, step_started, waited, sent, replied, step_failed, run_completed, …', example: 'waited' }) type!: string;
  @ApiProperty({ type: String, nullable: true, example: 'intro' }) stepId!: string | null;
  @ApiPropertyOptional({ description: 'Waits: working_hours, quota, hold, wait_step, business_days, reply, retry, account, paused.', example: 'working_hours' }) reason?: string;
  @ApiPropertyOptional({ example: 3600000 }) durationMs?: number;
  @ApiPropertyOptional({ example: '2026-12-01T08:00:00.000Z' }) until?: string;
  @ApiPropertyOptional({ enum: ['elapsed', 'interrupted'], description: 'Waits: how it ended; absent while it lasts.' }) ended?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { messageUrn: 'urn:li:msg_message:(…)' } }) detail?: Record<string, unknown>;
}

export class TimelineResponse {
  @ApiProperty({ example: ID }) leadId!: string;
  @ApiProperty({ enum: [...LEAD_STATES], example: 'active' }) state!: string;
  @ApiProperty({ example: `lead:${ID}:${ID}` }) workflowId!: string;
  @ApiProperty({ example: `http://127.0.0.1:8233/namespaces/threadline/workflows/lead:${ID}:${ID}` }) temporalUrl!: string;
  @ApiProperty({ type: RunStateResponse, nullable: true, description: 'What a live run waits for; null once it ended.' }) now!: RunStateResponse | null;
  @ApiProperty({ type: [TimelineEntryResponse] }) entries!: TimelineEntryResponse[];
}

export class TimelineEnvelope {
  @ApiProperty({ example: true }) success!: true;
  @ApiProperty({ type: TimelineResponse }) timeline!: TimelineResponse;
}

export class ExclusionsAddedEnvelope {
  @ApiProperty({ example: true }) success!: true;
  @ApiProperty({ type: [String], description: 'The normalised keys the people are excluded under.', example: ['in:marcus-johnson'] }) profileKeys!: string[];
}

export class ExclusionResponse {
  @ApiProperty({ example: 'in:marcus-johnson' }) profileKey!: string;
  @ApiProperty({ type: String, nullable: true, example: 'asked not to be contacted' }) reason!: string | null;
  @ApiProperty({ example: '2026-11-30T09:12:00.000Z' }) createdAt!: string;
}

export class ExclusionListEnvelope {
  @ApiProperty({ example: true }) success!: true;
  @ApiProperty({ type: [ExclusionResponse] }) exclusions!: ExclusionResponse[];
}

export class SuccessEnvelope {
  @ApiProperty({ example: true }) success!: true;
}
