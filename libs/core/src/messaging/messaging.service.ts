import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import { MessagesRepository, type LinkedinAccountEntity, type MessageEntity } from '@threadline/db';
import { DomainError, sendWorkflowId } from '@threadline/domain';
import { SA, type SendMessageInput, type SendMessageResult, WORKFLOW_TASK_QUEUE } from '@threadline/contracts';
import { AccountsService } from '../accounts/accounts.service';
import { AttachmentsService } from '../attachments/attachments.service';
import type { AuthContext } from '../auth/auth-context';
import type { CoreConfig } from '../config/config';
import { QuotaService, type QuotaStatus } from '../quota/quota.service';
import { temporalUiLink } from '../temporal/temporal.providers';
import { awaitWorkflowResult } from '../temporal/await-result';
import { CORE_CONFIG, TEMPORAL_CLIENT } from '../tokens';

/** A send as the API received it, after validation. */
export interface SendRequest {
  accountId?: string;
  conversationUrn?: string;
  recipients?: string[];
  title?: string;
  text: string;
  subject?: string;
  messageType: 'normal' | 'inmail';
  channel: 'auto' | 'linkedin_inbox' | 'sales_navigator';
  typing: boolean;
  idempotencyKey?: string;
  /** Ids of files uploaded with POST /v1/attachments. */
  attachments?: string[];
  /** A LinkedIn group shared with the recipient (send-group): the DM relies on that shared membership. */
  groupId?: string;
}

export interface SendOutcome {
  message: MessageEntity;
  account: LinkedinAccountEntity;
  result: SendMessageResult | null;
  quota: QuotaStatus;
  temporalUrl: string;
}


/** The one way the API sends a message: checks, a pending row, then the send workflow. */
@Injectable()
export class MessagingService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly messages: MessagesRepository,
    private readonly quota: QuotaService,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig & { SEND_WAIT_MS?: number },
    private readonly attachments: AttachmentsService,
  ) {}

  async send(auth: AuthContext, request: SendRequest): Promise<SendOutcome> {
    // A send into a conversation runs as its mailbox owner; a send to people, as the account named or the default.
    const account = request.conversationUrn
      ? await this.accounts.resolveForUrn(auth, request.accountId, request.conversationUrn, 'conversationUrn')
      : await this.accounts.resolve(auth, request.accountId);
    const kind = request.messageType === 'inmail' ? 'inmail' : 'message';
    const requestHash = createHash('sha256').update(JSON.stringify({ ...request, idempotencyKey: undefined, accountId: account.id })).digest('hex');

    const replay = request.idempotencyKey ? await this.messages.findByIdempotencyKey(auth.workspaceId, request.idempotencyKey) : null;
    if (replay && replay.requestHash !== requestHash) {
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different request. Use a new key for a new message.', { field: 'Idempotency-Key' });
    }
    if (replay) return this.outcome(account, replay, kind);

    this.accounts.assertUsable(account);
    const now = new Date();
    if (account.holdUntil && account.holdUntil > now) {
      throw new DomainError('ACCOUNT_ON_HOLD', `Account ${account.id} is on hold until ${account.holdUntil.toISOString()} (${account.statusReason ?? 'safety hold'}). Retry after that.`, { retryAfterMs: account.holdUntil.getTime() - now.getTime() });
    }
    const quota = await this.quota.status(account, kind, now);
    if (quota.remaining <= 0) {
      throw new DomainError('QUOTA_EXCEEDED', `Account ${account.id} has used its ${kind} quota (${quota.limit}); it resets at ${quota.resetAt.toISOString()}.`, { retryAfterMs: quota.resetAt.getTime() - now.getTime(), details: { quota } });
    }
    // "auto": InMail, Sales Navigator threads and Sales Navigator profiles go through Sales Navigator; the rest
    // through the classic inbox, which every seat also has and which takes member profile URNs.
    const salesNavTarget = request.conversationUrn?.startsWith('urn:li:salesNav_thread:') || request.recipients?.some((r) => r.startsWith('urn:li:fs_salesProfile:'));
    const channel = request.channel !== 'auto' ? request.channel : request.messageType === 'inmail' || salesNavTarget ? 'sales_navigator' : 'linkedin_inbox';
    if (request.messageType === 'inmail' && !account.hasSalesNavigator) {
      throw new DomainError(
        'INMAIL_UNAVAILABLE',
        'messageType: InMail is sent through Sales Navigator, and this account has no Sales Navigator seat (connect it with its li_a cookie). Classic Premium InMail is not supported: its wire format is not public.',
        { field: 'messageType' },
      );
    }
    if (channel === 'sales_navigator' && !account.hasSalesNavigator) {
      throw new DomainError('VALIDATION_FAILED', 'messagingChannel "sales_navigator" needs an account with a Sales Navigator seat.', { field: 'messagingChannel' });
    }
    if (request.messageType === 'inmail' && account.inmailCredits === 0) {
      throw new DomainError('INMAIL_CREDITS_EXHAUSTED', `Account ${account.id} had no InMail credits left at its last check; InMail resumes when LinkedIn renews them (refresh with GET /v1/accounts/{id}/status?refresh=true).`, { field: 'messageType' });
    }
    if (request.attachments?.length && channel === 'sales_navigator') {
      throw new DomainError('VALIDATION_FAILED', 'attachments: Sales Navigator messages cannot carry attachments; send with messagingChannel "linkedin_inbox".', { field: 'attachments' });
    }
    // Files go to LinkedIn (an activity per file, once per account) before the send is accepted.
    const attachments = request.attachments?.length ? await this.attachments.refsForSend(auth, account, request.attachments) : undefined;

    const workflowId = sendWorkflowId(auth.workspaceId, request.idempotencyKey ?? randomUUID());
    let message: MessageEntity;
    try {
      message = await this.messages.createPending({
        workspaceId: auth.workspaceId,
        accountId: account.id,
        messageType: request.messageType,
        recipientRef: request.conversationUrn ?? request.recipients?.join(',') ?? null,
        text: request.text,
        subject: request.subject ?? null,
        workflowId,
        idempotencyKey: request.idempotencyKey ?? null,
        requestHash,
      });
    } catch (err) {
      // Two concurrent requests with one Idempotency-Key: the loser answers with the winner's send.
      const winner = request.idempotencyKey ? await this.messages.findByIdempotencyKey(auth.workspaceId, request.idempotencyKey) : null;
      if (!winner) throw err;
      return this.outcome(account, winner, kind);
    }

    const input: SendMessageInput = {
      workspaceId: auth.workspaceId,
      accountId: account.id,
      pacingKey: this.quota.memberKey(account),
      conversationUrn: request.conversationUrn,
      recipients: request.recipients,
      title: request.title,
      text: request.text,
      subject: request.subject,
      messageType: request.messageType,
      channel,
      attachments,
      typingMs: request.typing ? this.typingMs(request.text) : 0,
      typingPingMs: this.config.TYPING_PING_MS,
    };
    try {
      await this.temporal.workflow.start('sendMessageWorkflow', {
        taskQueue: WORKFLOW_TASK_QUEUE,
        workflowId,
        args: [input],
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        memo: { kind: 'api-send', messageId: message.id },
        // Findable by account in the Web UI and `temporal workflow list --query "AccountId='…'"`.
        typedSearchAttributes: [{ key: SA.AccountId, value: account.id }],
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) {
        // Temporal unreachable: nothing was sent. Drop the row so a retry (same Idempotency-Key too) starts clean.
        await this.messages.deleteUnstarted(workflowId);
        throw new DomainError('SERVICE_UNAVAILABLE', 'The workflow engine (Temporal) could not be reached, so nothing was sent. Retry in a few seconds.', { retryAfterMs: 5_000 });
      }
    }
    if (!request.groupId) return this.outcome(account, message, kind);
    return this.outcome(account, message, kind).catch((err: unknown) => {
      // LinkedIn's current wire format for a group-context DM is unknown (reference §10.5): say so rather than "not connected".
      if (err instanceof DomainError && err.code === 'RECIPIENT_NOT_REACHABLE') {
        throw new DomainError('GROUP_MESSAGE_UNSUPPORTED', `LinkedIn refused the message: the recipient accepts DMs only from connections, and group ${request.groupId} could not be used as the context (LinkedIn's group-context message format is not public; see the README section "send-group: a DM to a fellow group member"). Send an InMail instead.`, { field: 'groupId' });
      }
      throw err;
    });
  }

  /** The current state of an API send. */
  async get(auth: AuthContext, id: string): Promise<MessageEntity> {
    const message = isUUID(id) ? await this.messages.findInWorkspace(auth.workspaceId, id) : null;
    if (!message) throw new DomainError('NOT_FOUND', `No message ${id} in this workspace.`);
    return message;
  }

  /** A human-like typing time: proportional to the text, between 2 s and 20 s. */
  typingMs(text: string): number {
    return Math.min(20_000, Math.max(2_000, text.length * this.config.TYPING_MS_PER_CHAR));
  }

  private async outcome(account: LinkedinAccountEntity, message: MessageEntity, kind: 'message' | 'inmail'): Promise<SendOutcome> {
    const result = message.workflowId ? await this.waitForResult(message.workflowId) : null;
    const fresh = (await this.messages.findInWorkspace(message.workspaceId, message.id)) ?? message;
    return { message: fresh, account, result, quota: await this.quota.status(account, kind), temporalUrl: temporalUiLink(this.config, message.workflowId ?? '') };
  }

  private waitForResult(workflowId: string): Promise<SendMessageResult | null> {
    return awaitWorkflowResult<SendMessageResult>(this.temporal, workflowId, this.config.SEND_WAIT_MS ?? 20_000);
  }

}
