import type { AddLeadsResult, CampaignEntity, CampaignStats, CampaignView, CreateCampaignRequest, LeadControlAnswer, LeadEntity, LeadExclusionEntity, TimelineEntry } from '@threadline/core';
import type { LeadRunState } from '@threadline/contracts';
import type { CreateCampaignDto } from './campaign.dto';

export function toCreateCampaignRequest(dto: CreateCampaignDto): CreateCampaignRequest {
  return { name: dto.name, sequenceId: dto.sequenceId, sequenceVersion: dto.sequenceVersion, senders: dto.senders, workingHours: dto.workingHours, stopOnReply: dto.stopOnReply, limits: dto.limits };
}

export function toCampaignSummary(campaign: CampaignEntity) {
  return {
    id: campaign.id,
    name: campaign.name,
    status: campaign.status,
    statusReason: campaign.statusReason,
    archived: campaign.archivedAt !== null,
    createdAt: campaign.createdAt.toISOString(),
  };
}

export function toCampaignResponse(view: CampaignView) {
  const { campaign } = view;
  return {
    ...toCampaignSummary(campaign),
    sequenceId: view.sequenceId,
    sequenceVersion: view.sequenceVersion,
    stopOnReply: campaign.stopOnReply,
    workingHours: campaign.workingHours,
    limits: campaign.limits,
    senders: view.senders.map((s) => ({ accountId: s.accountId, workingHours: s.workingHours ?? campaign.workingHours })),
    leads: { total: Object.values(view.counts).reduce((a, b) => a + (b ?? 0), 0), ...view.counts },
    startedAt: campaign.startedAt?.toISOString() ?? null,
    completedAt: campaign.completedAt?.toISOString() ?? null,
    archivedAt: campaign.archivedAt?.toISOString() ?? null,
    temporalUrl: view.temporalUrl,
  };
}

export function toLeadResponse(lead: LeadEntity, temporalUrl: string) {
  return {
    id: lead.id,
    campaignId: lead.campaignId,
    accountId: lead.accountId,
    profile: lead.profileRef,
    profileUrn: lead.profileUrn,
    attributes: lead.attributes,
    state: lead.state,
    stateReason: lead.stateReason,
    currentStep: lead.currentStep === null ? null : { index: lead.currentStep, id: lead.currentStepId },
    conversationUrn: lead.conversationUrn,
    lastSentAt: lead.lastSentAt?.toISOString() ?? null,
    repliedAt: lead.repliedAt?.toISOString() ?? null,
    workflowId: lead.workflowId,
    temporalUrl,
    createdAt: lead.createdAt.toISOString(),
  };
}

export function toAddLeadsResponse(result: AddLeadsResult, temporalUrl: (lead: LeadEntity) => string) {
  return {
    success: true,
    added: result.added.length,
    skippedCount: result.skipped.length,
    leads: result.added.map((l) => toLeadResponse(l, temporalUrl(l))),
    skipped: result.skipped,
  };
}

export function toStatsResponse(stats: CampaignStats) {
  return {
    campaignId: stats.campaignId,
    leads: stats.leads,
    sent: stats.sent,
    replied: stats.replied,
    replyRate: stats.replyRate,
    steps: stats.steps.map((s) => ({ stepIndex: s.stepIndex, stepId: s.stepId, variantId: s.variantId, sent: s.sent, replied: s.replied, replyRate: s.replyRate, avgTimeToReplyMs: s.avgReplyMs })),
  };
}

/** What a live run says it is doing (a query, or the answer of a control). */
export function toRunStateResponse(run: LeadRunState) {
  return {
    status: run.status,
    phase: run.phase,
    ending: run.ending,
    stepIndex: run.stepIndex,
    stepId: run.stepId,
    paused: run.paused,
    waitingFor: run.waiting && { reason: run.waiting.reason, until: run.waiting.until === null ? null : new Date(run.waiting.until).toISOString() },
  };
}

export function toTimelineResponse(timeline: { lead: LeadEntity; workflowId: string; temporalUrl: string; entries: TimelineEntry[]; now: LeadRunState | null }) {
  return { leadId: timeline.lead.id, state: timeline.lead.state, workflowId: timeline.workflowId, temporalUrl: timeline.temporalUrl, now: timeline.now && toRunStateResponse(timeline.now), entries: timeline.entries };
}

/**
 * A lead after stop, skip or retry. Its state is the run's own answer (what it ends as, or what it does
 * now), not the stored row, which catches up a moment later; `run` has the detail.
 */
export function toLeadControlResponse({ lead, run }: LeadControlAnswer, temporalUrl: string) {
  const stored = toLeadResponse(lead, temporalUrl);
  if (!run) return { success: true, lead: stored, run: null };
  const state = run.ending?.status ?? run.status;
  const stateReason = run.ending ? run.ending.reason : state === lead.state ? lead.stateReason : null;
  return { success: true, lead: { ...stored, state, stateReason }, run: toRunStateResponse(run) };
}

export function toExclusionResponse(exclusion: LeadExclusionEntity) {
  return { profileKey: exclusion.profileKey, reason: exclusion.reason, createdAt: exclusion.createdAt.toISOString() };
}
