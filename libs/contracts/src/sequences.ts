// Inputs, results, signals, updates, queries and activity contracts of the lead and campaign workflows.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { SequenceDocument } from '../../domain/src/sequences/sequence-document';
import type { WorkingHours } from '../../domain/src/schedule/working-hours';
import type { LeadEnd, LeadFinalStatus, LeadPhase, LeadReply, LeadRunStatus, LeadStop } from '../../domain/src/sequences/lead-machine';
import type { PreparedConversation, SendMessageInput, SendMessageResult } from './messaging';

export type { LeadEnd, LeadFinalStatus, LeadPhase, LeadReply, LeadRunStatus, LeadStop };

/** Input of `leadSequenceWorkflow`: everything it needs, frozen at enrolment (the sequence version is pinned). */
export interface LeadSequenceInput {
  workspaceId: string;
  campaignId: string;
  leadId: string;
  /** The lead's sticky sender. */
  accountId: string;
  /** The sender's LinkedIn member key, the fairness key of its send slots (absent in older runs: the account id). */
  pacingKey?: string;
  profileRef: string;
  profileUrn: string | null;
  /** Template variables: firstName, company, any custom field. */
  attributes: Record<string, unknown>;
  sequenceVersionId: string;
  sequence: SequenceDocument;
  workingHours: WorkingHours;
  /** End the lead as `replied` on any reply (default on); off lets wait_for_reply/branch route replies. */
  stopOnReply: boolean;
  typingMsPerChar: number;
  typingPingMs: number;
  /** How long a failed step waits for a retry or skip before the lead ends as failed. */
  failedStepHoldMs: number;
  /** How often a step held by an account problem tries again by itself (default one hour). */
  accountRecheckMs?: number;
}

export interface LeadSequenceResult {
  status: LeadFinalStatus;
  reason: string | null;
  /** Indexes of the steps that ran, in order. */
  stepsRun: number[];
}

/** What the lead's run is doing now: the answer of the `leadState` query and of every lead control update. */
export interface LeadRunState {
  status: LeadRunStatus;
  phase: LeadPhase;
  /** What the run ends as at its next step boundary (a stop or a reply arrived), or null. */
  ending: LeadEnd | null;
  stepIndex: number;
  stepId: string | null;
  paused: boolean;
  waiting: { reason: string; until: number | null } | null;
  stepsRun: number[];
  replied: boolean;
}

export interface ThreadCheck {
  conversationUrn: string | null;
  /** The first message of the lead at or after `since`, if any. */
  reply: { messageUrn: string; at: number } | null;
  /** A message from the account after `since` that none of our sends carried: a human wrote by hand. */
  manualOutbound: boolean;
  /** Messages in the thread from before `since`: the lead was already in a conversation. */
  priorHistory: boolean;
}

export interface LeadRef {
  workspaceId: string;
  campaignId: string;
  leadId: string;
}

/** Activities of the lead workflow: one side effect each, idempotent (event keys, conditional updates). */
export interface LeadActivities {
  /** Resolves a vanity name or URL to `urn:li:fsd_profile:…` and stores it on the lead. */
  resolveLeadProfile(input: LeadRef & { accountId: string; profileRef: string }): Promise<string>;
  recordLeadStep(input: LeadRef & { stepIndex: number; stepId: string; status: LeadRunStatus }): Promise<void>;
  /** Reads the latest messages of the thread with the lead (the pre-send fence). */
  checkLeadThread(input: { workspaceId: string; accountId: string; profileUrn: string; conversationUrn: string | null; since: number; ownOriginTokens: string[] }): Promise<ThreadCheck>;
  /** The send itself, reading the thread back first when `readBackFirst` (a retried step reuses its originToken). */
  deliverLeadMessage(input: { send: SendMessageInput; prepared: PreparedConversation; originToken: string; readBackFirst: boolean; operationId?: string }): Promise<SendMessageResult>;
  recordLeadSent(input: LeadRef & { stepIndex: number; stepId: string; variantId: string | null; result: SendMessageResult; profileUrn: string }): Promise<void>;
  recordLeadReplied(input: LeadRef & { messageUrn: string; at: number; stepIndex: number | null; stepId: string | null; variantId: string | null; afterMs: number | null; endsLead: boolean; source?: LeadReply['source'] }): Promise<void>;
  recordLeadStepFailed(input: LeadRef & { stepIndex: number; stepId: string; code: string; message: string }): Promise<void>;
  /** Ends the lead in Postgres (state, event, webhook); only from a live state. */
  finishLead(input: LeadRef & { status: LeadFinalStatus; reason: string | null }): Promise<void>;
  markLeadSeen(input: { workspaceId: string; accountId: string; conversationUrn: string }): Promise<void>;
  /** The timeline's record of a wait: called when it starts, and again with `ended` when it ends (same key). */
  recordLeadWait(input: LeadWaitRecord): Promise<void>;
  /**
   * A connect step's invitation (reserve, send, read back, commit): idempotent per `operationId`, a retry
   * reads LinkedIn's sent list back first. Refusals about the prospect come back as outcomes, not failures.
   */
  sendLeadInvitation(input: LeadInvitationInput): Promise<LeadInvitationOutcome>;
  /** Whether the lead is a 1st-degree connection of the account now (stored acceptance, else LinkedIn's connections read). */
  checkLeadConnected(input: { workspaceId: string; accountId: string; profileUrn: string }): Promise<{ connected: boolean; at: number | null }>;
}

/** A connect step's invitation, as the lead workflow asks for it. */
export interface LeadInvitationInput extends LeadRef {
  accountId: string;
  profileUrn: string;
  stepIndex: number;
  stepId: string;
  /** The ledger's operation id of the step (`leadStepOperationId`). */
  operationId: string;
  /** The lead's workflow, signalled with `leadInvitationAcceptedSignal` when the invitation is accepted. */
  workflowId: string;
  /** The rendered note, or null for none. */
  note: string | null;
  /** When LinkedIn will not take the note (too long, no notes left this month): send without it, or skip the step. */
  noteFallback: 'without_note' | 'skip';
}

/**
 * sent: LinkedIn stored it (read back); already_connected / already_invited: nothing to send; wait: the
 * daily/weekly budget, the invitation hold (weekly cap) or the member's spacing says not before `notBefore`; refused: LinkedIn
 * refused it for this prospect (`code`), or the note could not go and the step skips.
 */
export type LeadInvitationOutcome =
  | { status: 'sent'; invitationUrn: string; sentAt: number; withNote: boolean }
  | { status: 'already_connected' }
  | { status: 'already_invited'; sentAt: number | null }
  | { status: 'wait'; notBefore: number; reason: 'quota' | 'hold' | 'spacing' }
  | { status: 'refused'; code: string; message: string };

/** The lead accepted the account's invitation (the acceptance check); repeats are harmless. */
export interface LeadInvitationAccepted {
  profileUrn: string;
  /** Epoch ms when the acceptance was seen or made. */
  at: number;
}

/** One wait of a lead's run, as the timeline shows it (Postgres `lead_events`, never decoded from history). */
export interface LeadWaitRecord extends LeadRef {
  /** Unique within the lead: the start and the end of one wait share it. */
  key: string;
  stepIndex: number | null;
  stepId: string | null;
  /** working_hours, quota, hold, wait_step, business_days, reply, retry, account, paused. */
  reason: string;
  /** Epoch ms on the workflow clock. */
  at: number;
  until: number | null;
  ended?: 'elapsed' | 'interrupted';
}

/** Input of `campaignWorkflow`; continue-as-new carries the counters and lifecycle state. */
export interface CampaignInput {
  workspaceId: string;
  campaignId: string;
  batchSize: number;
  /** How often the coordinator re-counts live leads when no lead signalled. */
  progressCheckMs: number;
  paused?: boolean;
  enrolled?: number;
  runs?: number;
}

export interface CampaignResult {
  status: 'completed' | 'cancelled';
  enrolled: number;
}

export type CampaignControl = 'pause' | 'resume' | 'cancel';
/** What the coordinator fans out to its leads: a lifecycle control, or a retry of every failed step. */
export type CampaignFanOut = CampaignControl | 'retry_failed';

export interface CampaignActivities {
  /** Starts the lead workflows of up to `limit` pending leads (idempotent: business ids) and marks them active. */
  enrolLeadBatch(input: { workspaceId: string; campaignId: string; limit: number }): Promise<{ enrolled: number; pendingLeft: number }>;
  /**
   * Sends a control to every live lead of the campaign (pages through Postgres, heartbeating per page); for
   * `retry_failed`, the retry update to every failed lead. Returns how many runs it reached (for a retry: accepted it).
   */
  signalCampaignLeads(input: { workspaceId: string; campaignId: string; control: CampaignFanOut }): Promise<number>;
  campaignProgress(input: { workspaceId: string; campaignId: string }): Promise<{ pending: number; active: number }>;
  finishCampaign(input: { workspaceId: string; campaignId: string; status: 'completed' | 'cancelled' }): Promise<void>;
}

// --- Messages of the lead workflow: the only way anything addresses it. ---

/** A reply from the lead (reply router); the first one counts, repeats are ignored. */
export const leadReplySignal = defineSignal<[LeadReply]>('leadReply');
/** No new step starts until `leadResumeSignal`; a message not yet out is held back. Fanned out by the coordinator. */
export const leadPauseSignal = defineSignal('leadPause');
export const leadResumeSignal = defineSignal('leadResume');
/** Ends the lead as stopped or cancelled; the coordinator's cancel fan-out sends it (fire and forget, to many leads). */
export const leadStopSignal = defineSignal<[LeadStop]>('leadStop');
/** Kept for runs that received it before skip became `skipLeadStepUpdate` (and signals in flight then). */
export const leadSkipStepSignal = defineSignal('leadSkipStep');
/** A wake-up for a step held by an account problem (sent on reconnect; ignored unless the step holds). The API's retry is `retryLeadStepUpdate`. */
export const leadRetryStepSignal = defineSignal('leadRetryStep');
export const leadStateQuery = defineQuery<LeadRunState>('leadState');
/** Temporal's built-in query behind the Web UI's "current details": what a lead's run last set with `setCurrentDetails`. */
export const workflowMetadataQuery = defineQuery<{ currentDetails?: string | null }>('__temporal_workflow_metadata');
/** The lead accepted the invitation of a connect step: a `wait_for_acceptance` step goes on at once. */
export const leadInvitationAcceptedSignal = defineSignal<[LeadInvitationAccepted]>('leadInvitationAccepted');

/** Stops the lead (API): refused once the run has ended. Answers the run's state with `ending` set. */
export const stopLeadUpdate = defineUpdate<LeadRunState, [{ reason: string }]>('stopLead');
/** Skips the current step (a wait ends, a message not yet out is dropped, a failed step is passed): refused when nothing is there to skip. */
export const skipLeadStepUpdate = defineUpdate<LeadRunState>('skipLeadStep');
/** Runs a failed step again (a send reuses its originToken and reads the thread back first): refused unless the lead holds on a failed step. */
export const retryLeadStepUpdate = defineUpdate<LeadRunState>('retryLeadStep');

// --- Messages of the campaign coordinator. ---

/** Pause, resume or cancel the campaign; the coordinator fans the control out to every live lead. */
export const campaignControlSignal = defineSignal<[CampaignControl]>('campaignControl');
/** New pending leads: enrol them now rather than at the next progress check. */
export const campaignLeadsAddedSignal = defineSignal('campaignLeadsAdded');
/** A lead finished (sent by the lead workflow): re-count now rather than at the next check. */
export const campaignLeadFinishedSignal = defineSignal<[string]>('campaignLeadFinished');
/** Retries the failed step of every lead holding on one; answers how many runs accepted the retry. */
export const retryFailedLeadsUpdate = defineUpdate<number>('retryFailedLeads');
