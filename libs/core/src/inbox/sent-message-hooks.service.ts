import { Injectable } from '@nestjs/common';
import { AccountsRepository, InboxMessagesRepository, MessagesRepository } from '@threadline/db';
import type { SendMessageResult } from '@threadline/contracts';
import { messageEventData, webhookEventId } from '../webhooks/webhook-events';
import { WebhooksService } from '../webhooks/webhooks.service';

/** What the inbox and webhooks do around a Threadline send being recorded (called by MessageDeliveryService.recordSent). */
@Injectable()
export class SentMessageHooks {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly inboxMessages: InboxMessagesRepository,
    private readonly accounts: AccountsRepository,
    private readonly webhooks: WebhooksService,
  ) {}

  /** The sync may have stored the message first: the send's own row takes the URN, not a second row. */
  async beforeRecordSent(workflowId: string, result: SendMessageResult): Promise<void> {
    const row = await this.messages.findByWorkflowId(workflowId);
    if (row) await this.inboxMessages.releaseSyncedCopy(row.accountId, result.messageUrn);
  }

  /** `message.sent`, once per message (the event id is derived from the message URN). */
  async afterRecordSent(workflowId: string, result: SendMessageResult): Promise<void> {
    const row = await this.messages.findByWorkflowId(workflowId);
    if (!row) return;
    const account = await this.accounts.findInWorkspace(row.workspaceId, row.accountId);
    await this.webhooks.emit(
      row.workspaceId,
      'message.sent',
      {
        ...messageEventData({
          id: row.id, accountId: row.accountId, messageUrn: result.messageUrn, conversationUrn: result.conversationUrn,
          senderUrn: account?.profileUrn ?? null, senderName: account?.name ?? null, text: row.text, sentAt: new Date(result.deliveredAt), attachments: [],
        }),
        recipient_id: result.recipientUrn,
        channel: result.channel,
      },
      webhookEventId('message.sent', row.accountId, result.messageUrn),
    );
  }
}
