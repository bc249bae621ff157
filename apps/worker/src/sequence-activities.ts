import { Context } from '@temporalio/activity';
import type { CampaignsService, FanOutProgress, InvitationsService, LeadRunService } from '@threadline/core';
import type { CampaignActivities, LeadActivities } from '@threadline/contracts';
import { activityHeartbeat, wrap } from './activities';

/** Names one call of an activity, the same on every retry of it: an event key for the lead's timeline. */
const callKey = (): string => {
  const { workflowExecution, activityId } = Context.current().info;
  return `${workflowExecution?.runId ?? ''}:${activityId}`;
};

/** The lead workflow's activities: one side effect each, delegated to the core lead-run service. */
export function createLeadActivities(run: LeadRunService, invitations: InvitationsService): LeadActivities {
  return {
    resolveLeadProfile: wrap((input) => run.resolveProfile(input)),
    recordLeadStep: wrap((input) => run.recordStep(input, callKey())),
    checkLeadThread: wrap((input) => run.checkThread(input)),
    deliverLeadMessage: wrap((input) => run.deliver(input, Context.current().info.attempt > 1)),
    recordLeadSent: wrap((input) => run.recordSent(input)),
    recordLeadReplied: wrap((input) => run.recordReplied(input)),
    recordLeadStepFailed: wrap((input) => run.recordStepFailed(input)),
    finishLead: wrap((input) => run.finish(input)),
    markLeadSeen: wrap((input) => run.markSeen(input)),
    recordLeadWait: wrap((input) => run.recordWait(input)),
    sendLeadInvitation: wrap((input) => invitations.sendForLead(input)),
    checkLeadConnected: wrap((input) => invitations.isConnected(input)),
  };
}

/** The campaign coordinator's activities, delegated to the core campaigns service. */
export function createCampaignActivities(campaigns: CampaignsService): CampaignActivities {
  return {
    enrolLeadBatch: wrap((input) => campaigns.enrolBatch(input, activityHeartbeat())),
    // Heartbeats after each batch of leads; a retried attempt resumes after the last batch it reported.
    signalCampaignLeads: wrap((input) => campaigns.fanOut(input, callKey(), Context.current().info.heartbeatDetails as FanOutProgress | undefined, (progress) => Context.current().heartbeat(progress))),
    campaignProgress: wrap((input) => campaigns.progress(input)),
    finishCampaign: wrap((input) => campaigns.finish(input)),
  };
}
