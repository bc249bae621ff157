import { Injectable } from '@nestjs/common';
import { AccountsRepository, MessagesRepository } from '@threadline/db';
import type { SendMessageResult } from '@threadline/contracts';
import { messageEventData, webhookEventId } from '../webhooks/webhook-events';
import { WebhooksService } from '../webhooks/webhooks.service';

/** What webhooks do once a Threadline send (API or sequence) is recorded (called by MessageDeliveryService.recordSent). */
@Injectable()
export class SentMessageHooks {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly accounts: AccountsRepository,
    private readonly webhooks: WebhooksService,
  ) {}

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
          id: row.id, accountId: row.accountId, messageUrn: result.messageUrn, backendUrn: result.backendUrn, conversationUrn: result.conversationUrn,
          senderUrn: row.senderUrn ?? account?.profileUrn ?? null, senderName: row.senderName ?? account?.name ?? null, text: row.text,
          sentAt: new Date(result.deliveredAt), attachments: row.attachments,
        }),
        recipient_id: result.recipientUrn,
        channel: result.channel,
        origin: row.origin,
        campaign_id: row.campaignId,
        lead_id: row.leadId,
      },
      webhookEventId('message.sent', row.accountId, result.messageUrn),
    );
  }
}
