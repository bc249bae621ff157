import type { Client, WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { leadStateQuery, WORKFLOW_TASK_QUEUE } from '@threadline/contracts';
import type { DeliveryClaim, LeadActivities, LeadInvitationOutcome, LeadSequenceInput, LeadWaitRecord, MessagingActivities, SendSlot, SendSlotActivities, SendMessageResult, ThreadCheck } from '@threadline/contracts';
import { type ErrorCode, leadWorkflowId, RETRY_DECISION, type SequenceStep, type WorkingHours } from '@threadline/domain';
import { waitFor } from '../../../test/support/wait-for';
import type { leadSequenceWorkflow } from '../../src/lead-sequence.workflow';
import { startTier, type Tier } from './tier';

export const ALWAYS_OPEN: WorkingHours = { timeZone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' };

/** Everything a lead run did to the outside, as its mocked activities saw it. In these tests the lead's account id is its lead id. */
export interface Call {
  name: keyof LeadActivities | keyof MessagingActivities | keyof SendSlotActivities;
  leadId: string;
  input: Record<string, unknown>;
}

/**
 * In-memory LinkedIn and Postgres for lead and send runs: records every call, delivers messages, and
 * fails, refuses or slows down what a test scripts, per lead.
 */
export class LeadWorld {
  readonly calls: Call[] = [];
  /** Failure codes the next deliveries of a lead throw, one per delivery. */
  readonly failDeliveries = new Map<string, ErrorCode[]>();
  /** Failure codes the next deliveries of a lead throw after LinkedIn stored the message (the answer was lost). */
  readonly lostDeliveries = new Map<string, ErrorCode[]>();
  /** Answers of the send slot for a lead, one per request; granted when none is left. */
  readonly slotAnswers = new Map<string, Array<(now: number) => SendSlot>>();
  /** What the pre-send thread check finds for a lead. */
  readonly threads = new Map<string, Partial<ThreadCheck>>();
  /** What the next invitations of a lead come to, one per call; sent when none is left. */
  readonly invitationAnswers = new Map<string, Array<(now: number) => LeadInvitationOutcome>>();
  /** Leads that are 1st-degree connections of their account (checkLeadConnected). */
  readonly connected = new Set<string>();
  /** Answers of the delivery turn for a lead, one per claim; granted when none is left. */
  readonly claimAnswers = new Map<string, Array<(now: number) => DeliveryClaim>>();
  /** Failure codes the next thread checks of a lead throw, one per check. */
  readonly failThreadChecks = new Map<string, Array<ErrorCode | null>>();
  /** Leads (or sends) with no conversation yet: the first message opens one, so no typing can be shown. */
  readonly newConversations = new Set<string>();
  /** Calls that answer only once the test opens the gate (a LinkedIn call under way), by `<activity>:<lead>`. */
  readonly gates = new Map<string, Promise<void>>();
  /** Leads whose wait records (at a wait's start) take this long (ms): requests sent meanwhile reach the run together. */
  readonly slowWaitStarts = new Map<string, number>();

  callsOf(leadId: string, name?: Call['name']): Call[] {
    return this.calls.filter((c) => c.leadId === leadId && (!name || c.name === name));
  }

  delivered(leadId: string): Array<{ text: string; originToken: string; readBackFirst: boolean }> {
    return this.callsOf(leadId, 'deliverLeadMessage').concat(this.callsOf(leadId, 'deliverMessage'))
      .filter((c) => c.input.delivered)
      .map((c) => ({ text: (c.input.send as { text: string }).text, originToken: c.input.originToken as string, readBackFirst: Boolean(c.input.readBackFirst) }));
  }

  /** The timeline's waits of a lead, start and end merged by key. */
  waits(leadId: string): LeadWaitRecord[] {
    const byKey = new Map<string, LeadWaitRecord>();
    for (const c of this.callsOf(leadId, 'recordLeadWait')) byKey.set(c.input.key as string, { ...byKey.get(c.input.key as string), ...(c.input as unknown as LeadWaitRecord) });
    return [...byKey.values()];
  }

  private record(name: Call['name'], leadId: string, input: object): Record<string, unknown> {
    const call = { name, leadId, input: { ...input } as Record<string, unknown> };
    this.calls.push(call);
    return call.input;
  }

  /** Quota units released, by the operation ids that mention the lead. */
  released(leadId: string): string[] {
    return this.calls.filter((c) => c.name === 'releaseSendSlot' && String(c.input.operationId).includes(leadId)).map((c) => c.input.operationId as string);
  }

  private fail(code: ErrorCode): never {
    throw ApplicationFailure.create({ type: code, message: `scripted ${code}`, nonRetryable: RETRY_DECISION[code] === 'fail' });
  }

  private deliver(leadId: string, input: { send: { text: string; accountId: string }; originToken: string; readBackFirst?: boolean }, name: Call['name']): SendMessageResult {
    const call = this.record(name, leadId, input);
    const code = this.failDeliveries.get(leadId)?.shift();
    if (code) this.fail(code);
    call.delivered = true;
    const lost = this.lostDeliveries.get(leadId)?.shift();
    if (lost) this.fail(lost);
    const n = this.callsOf(leadId).filter((c) => c.input.delivered).length;
    return {
      messageUrn: `urn:li:msg_message:${leadId}-${n}`, backendUrn: null, conversationUrn: `urn:li:msg_conversation:${leadId}`, backendConversationUrn: null,
      recipientUrn: `urn:li:fsd_profile:${leadId}`, originToken: input.originToken, deliveredAt: Date.now(), channel: 'linkedin_inbox',
    };
  }

  activities(): LeadActivities & MessagingActivities {
    return {
      resolveLeadProfile: async (input) => `urn:li:fsd_profile:${this.record('resolveLeadProfile', input.leadId, input).profileRef}`,
      recordLeadStep: async (input) => void this.record('recordLeadStep', input.leadId, input),
      checkLeadThread: async (input) => {
        this.record('checkLeadThread', input.accountId, input);
        await this.gates.get(`checkLeadThread:${input.accountId}`);
        const code = this.failThreadChecks.get(input.accountId)?.shift();
        if (code) this.fail(code);
        return { conversationUrn: null, reply: null, manualOutbound: false, priorHistory: false, ...this.threads.get(input.accountId) };
      },
      deliverLeadMessage: async (input) => this.deliver(input.send.accountId, input, 'deliverLeadMessage'),
      recordLeadSent: async (input) => void this.record('recordLeadSent', input.leadId, input),
      recordLeadReplied: async (input) => void this.record('recordLeadReplied', input.leadId, input),
      recordLeadStepFailed: async (input) => void this.record('recordLeadStepFailed', input.leadId, input),
      finishLead: async (input) => void this.record('finishLead', input.leadId, input),
      markLeadSeen: async (input) => void this.record('markLeadSeen', input.accountId, input),
      recordLeadWait: async (input) => {
        this.record('recordLeadWait', input.leadId, input);
        const slow = input.ended ? undefined : this.slowWaitStarts.get(input.leadId);
        if (slow) await new Promise((r) => setTimeout(r, slow));
      },
      sendLeadInvitation: async (input) => {
        this.record('sendLeadInvitation', input.leadId, input);
        return this.invitationAnswers.get(input.leadId)?.shift()?.(Date.now()) ?? { status: 'sent', invitationUrn: `urn:li:fsd_invitation:${input.leadId}`, sentAt: Date.now(), withNote: input.note !== null };
      },
      checkLeadConnected: async (input) => {
        this.record('checkLeadConnected', input.accountId, input);
        return this.connected.has(input.accountId) ? { connected: true, at: Date.now() } : { connected: false, at: null };
      },
      prepareConversation: async (input) => {
        this.record('prepareConversation', input.accountId, input);
        const conversationUrn = this.newConversations.has(input.accountId) ? null : `urn:li:msg_conversation:${input.accountId}`;
        return { conversationUrn, recipientUrns: input.recipients ?? [] };
      },
      showTyping: async (input) => void this.record('showTyping', input.accountId, input),
      deliverMessage: async (input) => this.deliver(input.send.accountId, input, 'deliverMessage'),
      recordMessageSent: async (input) => void this.record('recordMessageSent', input.workflowId, input),
      recordMessageFailed: async (input) => void this.record('recordMessageFailed', input.workflowId, input),
      claimDelivery: async (input) => (this.record('claimDelivery', input.accountId, input), this.claimAnswers.get(input.accountId)?.shift()?.(Date.now()) ?? { granted: true }),
      releaseSendSlot: async (input) => {
        this.record('releaseSendSlot', input.operationId, input);
        // Reads the thread back for an unconfirmed delivery: LinkedIn has it when a delivery carried its token.
        const token = input.unconfirmed?.originToken;
        const hit = token ? this.calls.find((c) => c.input.delivered && c.input.originToken === token) : undefined;
        return hit ? { messageUrn: `urn:li:msg_message:${hit.leadId}-found`, backendUrn: null, conversationUrn: `urn:li:msg_conversation:${hit.leadId}`, backendConversationUrn: null,
          recipientUrn: `urn:li:fsd_profile:${hit.leadId}`, originToken: token!, deliveredAt: Date.now(), channel: 'linkedin_inbox' } : null;
      },
    };
  }

  slotActivities(): SendSlotActivities {
    return {
      acquireSendSlot: async (input) => {
        this.record('acquireSendSlot', input.accountId, input);
        await this.gates.get(`acquireSendSlot:${input.accountId}`);
        return this.slotAnswers.get(input.accountId)?.shift()?.(Date.now()) ?? { granted: true };
      },
    };
  }
}

let leads = 0;

/** A lead of campaign `c` with second-scale timings; its id is also its sender account id. */
export function leadInput(steps: SequenceStep[], overrides: Partial<LeadSequenceInput> = {}): LeadSequenceInput {
  const leadId = `lead-${process.pid}-${++leads}`;
  return {
    workspaceId: 'w', campaignId: 'c', leadId, accountId: leadId, profileRef: leadId, profileUrn: `urn:li:fsd_profile:${leadId}`, attributes: { firstName: 'Ada' },
    sequenceVersionId: 'v1', sequence: { steps }, workingHours: ALWAYS_OPEN, stopOnReply: true, typingMsPerChar: 1, typingPingMs: 300,
    failedStepHoldMs: 60_000, accountRecheckMs: 60_000, ...overrides,
  };
}

/** Starts a lead run of `steps` on the tier's server. */
export async function startLead(client: Client, steps: SequenceStep[], overrides: Partial<LeadSequenceInput> = {}): Promise<{ handle: WorkflowHandle<typeof leadSequenceWorkflow>; leadId: string; workflowId: string }> {
  const input = leadInput(steps, overrides);
  const workflowId = leadWorkflowId(input.campaignId, input.leadId);
  const handle = await client.workflow.start<typeof leadSequenceWorkflow>('leadSequenceWorkflow', { taskQueue: WORKFLOW_TASK_QUEUE, workflowId, args: [input] });
  return { handle, leadId: input.leadId, workflowId };
}

export const until = <T>(what: string, probe: () => Promise<T | undefined | false>) => waitFor(what, probe, 20_000, 50);
/** Until the run says it waits for `reason`. */
export const waitingFor = (handle: WorkflowHandle, reason: string) => until(`a wait for ${reason}`, async () => (await handle.query(leadStateQuery)).waiting?.reason === reason || undefined);

/**
 * A LeadWorld on a dev server of this spec file's own: started before its tests, stopped after them.
 * `client()` is the server's client, once the tests run.
 */
export function leadWorldOnTier(): { world: LeadWorld; client: () => Client } {
  const world = new LeadWorld();
  let tier: Tier | undefined;
  beforeAll(async () => {
    tier = await startTier(world.activities(), world.slotActivities());
  });
  afterAll(() => tier?.stop());
  return {
    world,
    client: () => {
      if (!tier) throw new Error('the tier starts in beforeAll: call client() inside a test');
      return tier.client;
    },
  };
}
