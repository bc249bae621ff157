import { Injectable } from '@nestjs/common';
import { type LeadEntity, LeadEventsRepository, LeadsRepository, type LinkedinAccountEntity, MessagesRepository } from '@threadline/db';
import { leadStepOperationId, leadWorkflowId, parseLeadStepOperationId } from '@threadline/domain';
import type { LinkedInClient } from '@threadline/linkedin';
import type { DeliverInput, LeadFinalStatus, LeadRef, LeadReply, LeadRunStatus, LeadWaitRecord, SendMessageResult, ThreadCheck } from '@threadline/contracts';
import { AccountsService } from '../accounts/accounts.service';
import { attachmentRecords, MessageDeliveryService } from '../messaging/message-delivery.service';
import { QuotaService } from '../quota/quota.service';
import { SequenceEventsService } from './sequence-events.service';

const FINISHABLE = ['pending', 'active', 'paused', 'failed'] as const;

/** The worker's side of a lead's run: what each activity of the lead workflow does, one use case each. */
@Injectable()
export class LeadRunService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly delivery: MessageDeliveryService,
    private readonly leads: LeadsRepository,
    private readonly events: LeadEventsRepository,
    private readonly webhooks: SequenceEventsService,
    private readonly quota: QuotaService,
    private readonly messages: MessagesRepository,
  ) {}

  async resolveProfile(input: LeadRef & { accountId: string; profileRef: string }): Promise<string> {
    const urn = await this.withClient(input.workspaceId, input.accountId, (client) => client.resolveRecipient(input.profileRef));
    await this.leads.setProfileUrn(input.workspaceId, input.leadId, urn);
    return urn;
  }

  /** A step starts (or starts again after a pause, a retry or a skip); `callKey` makes a retried record a no-op. */
  async recordStep(input: LeadRef & { stepIndex: number; stepId: string; status: LeadRunStatus }, callKey: string): Promise<void> {
    await this.leads.markStep(input.workspaceId, input.leadId, input.stepIndex, input.stepId);
    // A step starting again after a failure (retry, skip) puts the lead back to active.
    if (input.status === 'active') await this.leads.setState(input.workspaceId, input.leadId, 'active', null, ['failed']);
    await this.events.record({
      workspaceId: input.workspaceId, campaignId: input.campaignId, leadId: input.leadId, eventKey: `step:${callKey}`, type: 'step_started',
      stepIndex: input.stepIndex, stepId: input.stepId, variantId: null, at: new Date(), data: {},
    });
  }

  /** A wait of the run for the timeline: recorded when it starts, completed with how it ended. */
  async recordWait(input: LeadWaitRecord): Promise<void> {
    await this.events.recordOrMerge({
      workspaceId: input.workspaceId, campaignId: input.campaignId, leadId: input.leadId, eventKey: input.key, type: 'waited',
      stepIndex: input.stepIndex, stepId: input.stepId, variantId: null, at: new Date(input.at),
      data: { reason: input.reason, until: input.until === null ? null : new Date(input.until).toISOString(), ...(input.ended ? { ended: input.ended } : {}) },
    });
  }

  /**
   * The pre-send fence: reads the newest messages of the thread with the lead. A message of the lead
   * since `since` is a reply; one from the account that carries none of our origin tokens was typed by
   * a human; anything older than `since` means the two were already talking.
   */
  async checkThread(input: { workspaceId: string; accountId: string; profileUrn: string; conversationUrn: string | null; since: number; ownOriginTokens: string[] }): Promise<ThreadCheck> {
    return this.withClient(input.workspaceId, input.accountId, async (client, account) => {
      const conversationUrn = input.conversationUrn ?? (await client.findConversationByRecipient(input.profileUrn))?.entityUrn ?? null;
      const check: ThreadCheck = { conversationUrn, reply: null, manualOutbound: false, priorHistory: false };
      if (!conversationUrn) return check;
      const { messages } = await client.getMessages({ conversationUrn, count: 20 });
      for (const m of messages) {
        const sender = m.sender?.hostIdentityUrn ?? null;
        if (m.deliveredAt < input.since) {
          check.priorHistory = true;
        } else if (sender === input.profileUrn) {
          if (!check.reply || m.deliveredAt < check.reply.at) check.reply = { messageUrn: m.entityUrn, at: m.deliveredAt };
        } else if (sender === account.profileUrn && !(m.originToken && input.ownOriginTokens.includes(m.originToken))) {
          check.manualOutbound = true;
        }
      }
      return check;
    });
  }

  /**
   * The send: the shared delivery use case, reading the thread back first on any retry. The step's message
   * row (keyed by the step's operation id) is written first, with the origin token LinkedIn will show back.
   */
  async deliver(input: DeliverInput & { readBackFirst: boolean }, isRetry: boolean): Promise<SendMessageResult> {
    const step = input.operationId ? parseLeadStepOperationId(input.operationId) : null;
    if (step) {
      await this.messages.upsertSequenceSend({
        workspaceId: input.send.workspaceId, accountId: input.send.accountId, campaignId: step.campaignId, leadId: step.leadId,
        recipientRef: input.prepared.recipientUrns[0] ?? input.send.recipients?.[0] ?? null, text: input.send.text, workflowId: input.operationId!,
        originToken: input.originToken, attachments: attachmentRecords(input.send.attachments),
      });
    }
    return this.delivery.deliver(input, isRetry || input.readBackFirst);
  }

  async recordSent(input: LeadRef & { stepIndex: number; stepId: string; variantId: string | null; result: SendMessageResult; profileUrn: string }): Promise<void> {
    const at = new Date(input.result.deliveredAt);
    const operationId = leadStepOperationId(leadWorkflowId(input.campaignId, input.leadId), input.stepIndex);
    // The step's quota unit counts what LinkedIn stored (a no-op when the send activity committed it already).
    await this.quota.commit(input.workspaceId, operationId, at);
    // A send delivered before sends had rows (a run in flight across the upgrade) adopts the sync's copy, or gets a row.
    await this.messages.adoptSequenceSend({ workspaceId: input.workspaceId, campaignId: input.campaignId, leadId: input.leadId, workflowId: operationId, messageUrn: input.result.messageUrn, recipientRef: input.profileUrn });
    // The same record of a send as the API's: one row with origin 'sequence', billed, and message.sent.
    await this.delivery.recordSent(operationId, input.result);
    await this.leads.markSent(input.workspaceId, input.leadId, at, input.result.conversationUrn, input.profileUrn);
    await this.events.record({
      workspaceId: input.workspaceId, campaignId: input.campaignId, leadId: input.leadId, eventKey: `sent:${input.stepIndex}`, type: 'sent',
      stepIndex: input.stepIndex, stepId: input.stepId, variantId: input.variantId, at,
      data: { messageUrn: input.result.messageUrn, conversationUrn: input.result.conversationUrn, originToken: input.result.originToken },
    });
  }

  async recordReplied(input: LeadRef & { messageUrn: string; at: number; stepIndex: number | null; stepId: string | null; variantId: string | null; afterMs: number | null; endsLead: boolean; source?: LeadReply['source'] }): Promise<void> {
    const at = new Date(input.at);
    await this.leads.setState(input.workspaceId, input.leadId, input.endsLead ? 'replied' : 'active', input.endsLead ? 'the lead replied' : null, input.endsLead ? FINISHABLE : ['active', 'pending', 'failed'], { repliedAt: at });
    await this.events.record({
      workspaceId: input.workspaceId, campaignId: input.campaignId, leadId: input.leadId, eventKey: 'replied', type: 'replied',
      stepIndex: input.stepIndex, stepId: input.stepId, variantId: input.variantId, at, data: { messageUrn: input.messageUrn, afterMs: input.afterMs, source: input.source ?? null },
    });
    await this.webhooks.emit(input.workspaceId, 'lead.replied', `lead.replied:${input.leadId}`, {
      campaign_id: input.campaignId, lead_id: input.leadId, message_urn: input.messageUrn, step_id: input.stepId, variant_id: input.variantId, replied_at: at.toISOString(),
    });
  }

  /**
   * A reply after the lead's run ended (within the reply window): the run is closed, so Postgres records it
   * as the run would have, against the last step sent: the timeline event, the stats, lead.replied, then the
   * state (last, so a retry after a crash finds the lead again; the event and webhook are keyed once).
   */
  async recordLateReply(lead: LeadEntity, reply: { messageUrn: string; at: Date }): Promise<boolean> {
    const lastSent = (await this.events.listForLead(lead.workspaceId, lead.id)).filter((e) => e.type === 'sent').sort((a, b) => b.at.getTime() - a.at.getTime())[0] ?? null;
    await this.events.record({
      workspaceId: lead.workspaceId, campaignId: lead.campaignId, leadId: lead.id, eventKey: 'replied', type: 'replied',
      stepIndex: lastSent?.stepIndex ?? null, stepId: lastSent?.stepId ?? null, variantId: lastSent?.variantId ?? null, at: reply.at,
      data: { messageUrn: reply.messageUrn, afterMs: lastSent ? reply.at.getTime() - lastSent.at.getTime() : null, source: 'after_sequence' },
    });
    await this.webhooks.emit(lead.workspaceId, 'lead.replied', `lead.replied:${lead.id}`, {
      campaign_id: lead.campaignId, lead_id: lead.id, message_urn: reply.messageUrn, step_id: lastSent?.stepId ?? null, variant_id: lastSent?.variantId ?? null,
      replied_at: reply.at.toISOString(), after_sequence: true,
    });
    return this.leads.setState(lead.workspaceId, lead.id, 'replied', 'the lead replied after the sequence ended', ['completed'], { repliedAt: reply.at });
  }

  async recordStepFailed(input: LeadRef & { stepIndex: number; stepId: string; code: string; message: string }): Promise<void> {
    // Nothing went out: a retry of the step reserves again.
    const operationId = leadStepOperationId(leadWorkflowId(input.campaignId, input.leadId), input.stepIndex);
    await this.quota.release(input.workspaceId, operationId);
    await this.messages.markFailed(operationId, input.code, input.message);
    await this.leads.setState(input.workspaceId, input.leadId, 'failed', `${input.code}: ${input.message}`, ['active', 'paused', 'pending']);
    await this.events.record({
      workspaceId: input.workspaceId, campaignId: input.campaignId, leadId: input.leadId, eventKey: `failed:${input.stepIndex}`, type: 'failed',
      stepIndex: input.stepIndex, stepId: input.stepId, variantId: null, at: new Date(), data: { code: input.code, message: input.message },
    });
    await this.webhooks.emit(input.workspaceId, 'step.failed', `step.failed:${input.leadId}:${input.stepIndex}`, {
      campaign_id: input.campaignId, lead_id: input.leadId, step_index: input.stepIndex, step_id: input.stepId, code: input.code, message: input.message,
    });
  }

  async finish(input: LeadRef & { status: LeadFinalStatus; reason: string | null }): Promise<void> {
    // The run is over: a step that ended without a send (a reply or stop during typing) gives its unit back.
    await this.quota.releaseRun(input.workspaceId, leadWorkflowId(input.campaignId, input.leadId));
    await this.messages.markUnsentSequenceSends(input.workspaceId, input.leadId, `The lead's run ended (${input.status}) before LinkedIn confirmed this send.`);
    await this.leads.setState(input.workspaceId, input.leadId, input.status, input.reason, FINISHABLE);
    await this.leads.markStep(input.workspaceId, input.leadId, null, null);
    await this.events.record({
      workspaceId: input.workspaceId, campaignId: input.campaignId, leadId: input.leadId, eventKey: 'finished', type: input.status === 'replied' ? 'completed' : input.status,
      stepIndex: null, stepId: null, variantId: null, at: new Date(), data: { status: input.status, reason: input.reason },
    });
    await this.webhooks.emit(input.workspaceId, 'lead.completed', `lead.completed:${input.leadId}`, {
      campaign_id: input.campaignId, lead_id: input.leadId, workflow_id: leadWorkflowId(input.campaignId, input.leadId), status: input.status, reason: input.reason,
    });
  }

  async markSeen(input: { workspaceId: string; accountId: string; conversationUrn: string }): Promise<void> {
    await this.withClient(input.workspaceId, input.accountId, (client) => client.markRead([input.conversationUrn], true));
  }

  private async withClient<T>(workspaceId: string, accountId: string, call: (client: LinkedInClient, account: LinkedinAccountEntity) => Promise<T>): Promise<T> {
    const account = await this.accounts.forActivity(workspaceId, accountId);
    return this.accounts.withLinkedIn(account, (client) => call(client, account));
  }

}
