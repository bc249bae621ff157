// Inputs, signals and activity contracts of the sequence workflows. Pure types: workflows import them with `import type`.
import type { SequenceDocument } from '../../libs/domain/src/sequences/sequence-document';
import type { WorkingHours } from '../../libs/domain/src/schedule/working-hours';
import type { PreparedConversation, SendMessageInput, SendMessageResult } from './contracts';

export const SEARCH_ATTRIBUTE_NAMES = ['CampaignId', 'AccountId', 'LeadId', 'SequenceStep', 'LeadStatus'] as const;
/** Typed search-attribute keys (all Keyword), usable by the client at start and by workflows on upsert. */
export const SA = {
  CampaignId: { name: 'CampaignId', type: 'KEYWORD' },
  AccountId: { name: 'AccountId', type: 'KEYWORD' },
  LeadId: { name: 'LeadId', type: 'KEYWORD' },
  SequenceStep: { name: 'SequenceStep', type: 'KEYWORD' },
  LeadStatus: { name: 'LeadStatus', type: 'KEYWORD' },
} as const;

/** Signal and query names, shared by the workflows and the services that send them. */
export const LEAD_SIGNALS = { reply: 'leadReply', pause: 'leadPause', resume: 'leadResume', stop: 'leadStop', skipStep: 'leadSkipStep', retryStep: 'leadRetryStep' } as const;
export const LEAD_STATE_QUERY = 'leadState';
export const CAMPAIGN_SIGNALS = { control: 'campaignControl', leadsAdded: 'campaignLeadsAdded', leadFinished: 'campaignLeadFinished' } as const;

/** Where a lead's run stands; also the `LeadStatus` search attribute. */
export type LeadRunStatus = 'active' | 'paused' | 'failed' | 'replied' | 'completed' | 'stopped' | 'skipped' | 'cancelled';
export type LeadFinalStatus = Exclude<LeadRunStatus, 'active' | 'paused' | 'failed'> | 'failed';

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
  /** How long a failed step waits for a retry signal before the lead ends as failed. */
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

/** A reply from the lead, signalled by the reply router (idempotent: repeats are ignored). */
export interface LeadReplySignal {
  messageUrn: string;
  /** Epoch ms of the reply. */
  at: number;
  source: 'inbox_sync' | 'thread_check';
}

export interface LeadStopSignal {
  state: 'stopped' | 'cancelled';
  reason: string;
}

/** What the lead's run is doing now (query). */
export interface LeadRunState {
  status: LeadRunStatus;
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
  deliverLeadMessage(input: { send: SendMessageInput; prepared: PreparedConversation; originToken: string; readBackFirst: boolean }): Promise<SendMessageResult>;
  recordLeadSent(input: LeadRef & { stepIndex: number; stepId: string; variantId: string | null; result: SendMessageResult; profileUrn: string }): Promise<void>;
  recordLeadReplied(input: LeadRef & { messageUrn: string; at: number; stepIndex: number | null; stepId: string | null; variantId: string | null; afterMs: number | null; endsLead: boolean; source?: LeadReplySignal['source'] }): Promise<void>;
  recordLeadStepFailed(input: LeadRef & { stepIndex: number; stepId: string; code: string; message: string }): Promise<void>;
  /** Ends the lead in Postgres (state, event, webhook); only from a live state. */
  finishLead(input: LeadRef & { status: LeadFinalStatus; reason: string | null }): Promise<void>;
  markLeadSeen(input: { workspaceId: string; accountId: string; conversationUrn: string }): Promise<void>;
  /** The timeline's record of a wait: called when it starts, and again with `ended` when it ends (same key). */
  recordLeadWait(input: LeadWaitRecord): Promise<void>;
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

export interface CampaignActivities {
  /** Starts the lead workflows of up to `limit` pending leads (idempotent: business ids) and marks them active. */
  enrolLeadBatch(input: { workspaceId: string; campaignId: string; limit: number }): Promise<{ enrolled: number; pendingLeft: number }>;
  /** Signals every live lead of the campaign (pages through Postgres). */
  signalCampaignLeads(input: { workspaceId: string; campaignId: string; control: CampaignControl }): Promise<number>;
  campaignProgress(input: { workspaceId: string; campaignId: string }): Promise<{ pending: number; active: number }>;
  finishCampaign(input: { workspaceId: string; campaignId: string; status: 'completed' | 'cancelled' }): Promise<void>;
}
