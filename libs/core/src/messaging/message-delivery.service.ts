import { Injectable, Logger } from '@nestjs/common';
import { AccountsRepository, type AttachmentRecord, type LinkedinAccountEntity, MessagesRepository } from '@threadline/db';
import { DomainError } from '@threadline/domain';
import type { LinkedInClient } from '@threadline/linkedin';
import type { AttachmentRef, ClaimDeliveryInput, DeliverInput, DeliveryClaim, PreparedConversation, SendMessageResult, SendSlot, QuotaKind, SendMessageInput } from '@threadline/contracts';
import { AccountsService, type WriteTarget } from '../accounts/accounts.service';
import { QuotaService } from '../quota/quota.service';
import { SentMessageHooks } from '../inbox/sent-message-hooks.service';

/** The worker's side of sending: every LinkedIn call of the send workflow, one use case each. */
@Injectable()
export class MessageDeliveryService {
  private readonly logger = new Logger('MessageDeliveryService');

  constructor(
    private readonly accounts: AccountsService,
    private readonly quota: QuotaService,
    private readonly messages: MessagesRepository,
    private readonly sentHooks: SentMessageHooks,
    private readonly accountRows: AccountsRepository,
  ) {}

  async acquireSendSlot(input: { workspaceId: string; accountId: string; kind: QuotaKind; operationId: string }): Promise<SendSlot> {
    const account = await this.accounts.forActivity(input.workspaceId, input.accountId);
    this.accounts.assertUsable(account);
    const decision = await this.quota.reserve(account, input.kind, input.operationId);
    return decision.granted ? { granted: true } : { granted: false, notBefore: decision.notBefore.getTime(), reason: decision.reason };
  }

  /** The member's next delivery for an operation (see QuotaService.claimDelivery); the workflow sleeps while it is refused. */
  async claimDelivery(input: ClaimDeliveryInput): Promise<DeliveryClaim> {
    const spreadUntil = input.spreadUntil === undefined ? undefined : new Date(input.spreadUntil);
    const claim = await this.quota.claimDelivery(await this.accounts.forActivity(input.workspaceId, input.accountId), input.operationId, new Date(), spreadUntil);
    return claim.granted ? { granted: true } : { granted: false, notBefore: claim.notBefore.getTime() };
  }

  /**
   * The step ended without a send: its quota unit stops counting (idempotent, a no-op after the send). A delivery
   * attempted without an answer (`unconfirmed`) may have reached LinkedIn: read the thread back for its origin token
   * first, and when the message is there, commit the unit and answer the send, so the ledger counts what LinkedIn has.
   */
  async releaseSendSlot(input: { workspaceId: string; operationId: string; unconfirmed?: DeliverInput }): Promise<SendMessageResult | null> {
    if (input.unconfirmed) {
      const send = input.unconfirmed.send;
      const found = await this.withClient(send.workspaceId, send.accountId, (client) => this.readBack(client, input.unconfirmed!)).catch((err: unknown) => {
        // LinkedIn cannot say now: the unit stays reserved until it expires and is settled (never released blind).
        this.logger.warn(`operation ${input.operationId}: no read-back of an unconfirmed delivery (${(err as Error).message}); its unit stays reserved`);
        return undefined;
      });
      if (found === undefined) return null;
      if (found) {
        await this.quota.commit(input.workspaceId, input.operationId, new Date(found.deliveredAt));
        return found;
      }
    }
    await this.quota.release(input.workspaceId, input.operationId);
    return null;
  }

  /** The message carrying this send's origin token, if an earlier attempt reached LinkedIn (LinkedIn does not dedupe). */
  private async readBack(client: LinkedInClient, input: DeliverInput): Promise<SendMessageResult | null> {
    const { prepared, originToken } = input;
    const conversationUrn = prepared.conversationUrn
      ?? (prepared.recipientUrns.length === 1 ? (await client.findConversationByRecipient(prepared.recipientUrns[0]!))?.entityUrn ?? null : null);
    const already = conversationUrn ? await client.findMessageByOriginToken(conversationUrn, originToken) : null;
    if (!already || !conversationUrn) return null;
    return {
      messageUrn: already.entityUrn, backendUrn: already.backendUrn ?? null, conversationUrn, backendConversationUrn: already.backendConversationUrn ?? null,
      recipientUrn: prepared.recipientUrns[0] ?? null, originToken, deliveredAt: already.deliveredAt, channel: 'linkedin_inbox',
    };
  }

  async prepareConversation(input: SendMessageInput): Promise<PreparedConversation> {
    return this.withClient(input.workspaceId, input.accountId, async (client) => {
      if (input.conversationUrn) return { conversationUrn: input.conversationUrn, recipientUrns: [] };
      const recipientUrns: string[] = [];
      // Sales Navigator addresses people by their fs_salesProfile URN; a member (URN, id, URL or vanity) is resolved to it.
      for (const ref of input.recipients ?? []) {
        if (input.channel === 'sales_navigator') recipientUrns.push(ref.startsWith('urn:li:fs_salesProfile:') ? ref : await client.salesNavProfileOf(await client.resolveRecipient(ref)));
        else recipientUrns.push(await client.resolveRecipient(ref));
      }
      if (recipientUrns.length === 0) throw new DomainError('VALIDATION_FAILED', 'A send needs a recipient or a conversationUrn.', { field: 'recipientId' });
      // Reply into the existing 1:1 thread rather than opening a second one.
      const existing = recipientUrns.length === 1 && input.channel === 'linkedin_inbox' ? await client.findConversationByRecipient(recipientUrns[0]!) : null;
      return { conversationUrn: existing?.entityUrn ?? null, recipientUrns };
    });
  }

  async showTyping(input: { workspaceId: string; accountId: string; conversationUrn: string }): Promise<void> {
    await this.withClient(input.workspaceId, input.accountId, (client) => client.sendTyping(input.conversationUrn), { entityUrn: input.conversationUrn });
  }

  /**
   * Sends the message. On a retry (`isRetry`) it first reads the thread back and returns the message
   * carrying this originToken if the earlier attempt reached LinkedIn: LinkedIn does not dedupe. With the
   * slot's `operationId`, the send claims the member's delivery turn right before LinkedIn is called, and
   * its quota unit is committed as soon as LinkedIn stored the message (read-back included).
   */
  async deliver(input: DeliverInput, isRetry: boolean, sendWorkflowId?: string): Promise<SendMessageResult> {
    // The send's row learns its origin token before LinkedIn does: the sync then merges its copy into that row.
    if (sendWorkflowId) await this.messages.stampDelivery(sendWorkflowId, input.originToken, attachmentRecords(input.send.attachments));
    if (!input.operationId) return this.send(input, isRetry);
    try {
      const result = await this.send(input, isRetry);
      await this.quota.commit(input.send.workspaceId, input.operationId, new Date(result.deliveredAt));
      return result;
    } finally {
      // LinkedIn answered (or the call failed): the member's next send counts its gap from now.
      await this.quota.deliveryDone(input.operationId);
    }
  }

  private async send(input: DeliverInput, isRetry: boolean): Promise<SendMessageResult> {
    const { send, prepared, originToken } = input;
    const target = { entityUrn: prepared.conversationUrn ?? send.conversationUrn ?? prepared.recipientUrns.join(',') };
    return this.withClient(send.workspaceId, send.accountId, async (client, account) => {
      const claimTurn = () => (input.operationId ? this.claimTurn(account, input.operationId) : Promise.resolve());
      if (send.channel === 'sales_navigator') {
        await claimTurn();
        const sent = await client.salesNavSendMessage({
          threadId: send.conversationUrn?.startsWith('urn:li:salesNav_thread:') ? send.conversationUrn.slice('urn:li:salesNav_thread:'.length) : undefined,
          recipients: send.conversationUrn ? undefined : prepared.recipientUrns,
          subject: send.subject,
          body: send.text,
        });
        return {
          messageUrn: sent.messageId, backendUrn: null, conversationUrn: `urn:li:salesNav_thread:${sent.threadId}`, backendConversationUrn: null,
          recipientUrn: prepared.recipientUrns[0] ?? null, originToken, deliveredAt: Date.now(), channel: 'sales_navigator', threadId: sent.threadId,
        };
      }
      if (isRetry) {
        const already = await this.readBack(client, input);
        if (already) return already;
      }
      await claimTurn();
      const sent = await client.sendMessage({
        conversationUrn: prepared.conversationUrn ?? undefined,
        recipientUrns: prepared.conversationUrn ? undefined : prepared.recipientUrns,
        title: send.title,
        text: send.text,
        originToken,
        attachments: send.attachments,
      });
      return {
        messageUrn: sent.entityUrn, backendUrn: sent.backendUrn ?? null, conversationUrn: sent.conversationUrn, backendConversationUrn: sent.backendConversationUrn ?? null,
        recipientUrn: prepared.recipientUrns[0] ?? null, originToken, deliveredAt: sent.deliveredAt, channel: 'linkedin_inbox',
      };
    }, target);
  }

  /**
   * The last guard of the gap: the member's delivery turn, claimed right before LinkedIn is called. Refused
   * (another send took the turn since this one was planned), the send fails for its workflow to wait and re-check.
   */
  private async claimTurn(account: LinkedinAccountEntity, operationId: string): Promise<void> {
    const claim = await this.quota.claimSend(account, operationId);
    if (claim.granted) return;
    const notBefore = claim.notBefore.toISOString();
    throw new DomainError('SEND_TOO_SOON', `Another send of this LinkedIn member went out less than this send's gap ago; it may go at ${notBefore}.`, {
      retryAfterMs: Math.max(0, claim.notBefore.getTime() - Date.now()), details: { notBefore },
    });
  }

  /**
   * A Threadline send went out (API: operation = workflow id; sequence step: operation = the step's operation
   * id): its message row becomes sent, in one statement with any copy the sync stored, its quota unit is
   * committed, and `message.sent` fires.
   */
  async recordSent(workflowId: string, result: SendMessageResult): Promise<void> {
    const row = await this.messages.findByWorkflowId(workflowId);
    if (row) await this.quota.commit(row.workspaceId, workflowId, new Date(result.deliveredAt));
    const account = row ? await this.accountRows.findInWorkspace(row.workspaceId, row.accountId) : null;
    await this.messages.markSent(workflowId, {
      messageUrn: result.messageUrn,
      backendUrn: result.backendUrn,
      conversationUrn: result.conversationUrn,
      recipientUrn: result.recipientUrn,
      senderUrn: account?.profileUrn ?? null,
      senderName: account?.name ?? null,
      originToken: result.originToken,
      sentAt: new Date(result.deliveredAt),
    });
    await this.sentHooks.afterRecordSent(workflowId, result);
  }

  /** An API send failed for good (a refusal, a bad recipient, or retries exhausted): nothing went out, so its quota unit is released. */
  async recordFailed(workflowId: string, code: string, message: string): Promise<void> {
    await this.messages.markFailed(workflowId, code, message);
    const row = await this.messages.findByWorkflowId(workflowId);
    if (row) await this.quota.release(row.workspaceId, workflowId);
  }

  private async withClient<T>(workspaceId: string, accountId: string, call: (client: LinkedInClient, account: LinkedinAccountEntity) => Promise<T>, write?: WriteTarget): Promise<T> {
    const account = await this.accounts.forActivity(workspaceId, accountId);
    return this.accounts.withLinkedIn(account, (client) => call(client, account), write);
  }
}

/** What a send's row says of its files until the sync sees them (LinkedIn's media URLs come with the synced copy). */
export function attachmentRecords(refs: AttachmentRef[] | undefined): AttachmentRecord[] {
  return (refs ?? []).map((a) => ({ kind: a.kind, name: a.name, mediaType: a.mediaType, byteSize: a.byteSize, url: null }));
}
