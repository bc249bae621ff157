import { Injectable } from '@nestjs/common';
import { webhookEventId } from '../webhooks/webhook-events';
import { WebhooksService } from '../webhooks/webhooks.service';

/** Webhook events of sequences and campaigns. */
export const SEQUENCE_WEBHOOK_EVENTS = ['lead.replied', 'lead.completed', 'campaign.completed', 'step.failed'] as const;
export type SequenceWebhookEvent = (typeof SEQUENCE_WEBHOOK_EVENTS)[number];

/**
 * The single call site of sequence webhooks. The event id comes from the fact (`lead.replied:<leadId>`),
 * so a retried activity queues nothing new and receivers can dedupe.
 */
@Injectable()
export class SequenceEventsService {
  constructor(private readonly webhooks: WebhooksService) {}

  async emit(workspaceId: string, event: SequenceWebhookEvent, factKey: string, data: Record<string, unknown>): Promise<void> {
    await this.webhooks.emit(workspaceId, event, data, webhookEventId(event, workspaceId, factKey));
  }
}
