import type { InboxMessagesRepository, InboxMessageRow } from '@threadline/db';
import { messageEventData, webhookEventId } from '../webhooks/webhook-events';
import type { WebhooksService } from '../webhooks/webhooks.service';

/** A stored message in the hosted webhook shape, with the sender's profile link. */
export function inboxMessageEventData(row: InboxMessageRow): Record<string, unknown> {
  const profileId = row.senderUrn?.startsWith('urn:li:fsd_profile:') ? row.senderUrn.slice('urn:li:fsd_profile:'.length) : null;
  return messageEventData({
    id: row.id, accountId: row.accountId, messageUrn: row.messageUrn, backendUrn: row.backendUrn, conversationUrn: row.conversationUrn, senderUrn: row.senderUrn,
    senderName: row.senderName, senderProfileUrl: profileId ? `https://www.linkedin.com/in/${profileId}` : null, text: row.text,
    sentAt: new Date(row.sentAt), attachments: row.attachments,
  });
}

/**
 * Stores the edits LinkedIn shows (an edit through the API, or one the sync found) and announces each message
 * whose text changed with `message.edited`; the event id is the message and its new text, so the same edit
 * seen twice is announced once.
 */
export async function storeEdits(messages: InboxMessagesRepository, webhooks: WebhooksService, accountId: string, edits: Array<{ messageUrn: string; text: string }>): Promise<void> {
  for (const row of await messages.markEdited(accountId, edits)) {
    await webhooks.emit(row.workspaceId, 'message.edited', { ...inboxMessageEventData(row), edited: true }, webhookEventId('message.edited', row.accountId, row.messageUrn, row.text));
  }
}
