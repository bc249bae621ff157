import { Injectable } from '@nestjs/common';
import type { LinkedinAccountEntity } from '@threadline/db';
import type { RealtimeEvent } from '@threadline/linkedin';

type ReactionSummaryResult = Extract<RealtimeEvent, { type: 'reaction' }>['raw'];
import { messageReactionEventData, webhookEventId } from './webhook-events';
import { WebhooksService } from './webhooks.service';

/** `message.reaction` for reactions LinkedIn's realtime stream reports (the other side's; the account's own API reactions announce themselves). */
@Injectable()
export class ReactionEvents {
  constructor(private readonly webhooks: WebhooksService) {}

  async fromRealtime(account: LinkedinAccountEntity, event: ReactionSummaryResult): Promise<void> {
    const actorUrn = event.actor?.hostIdentityUrn ?? null;
    if (!actorUrn || actorUrn === account.profileUrn) return;
    const member = event.actor.participantType?.member;
    const actorName = member ? [member.firstName?.text, member.lastName?.text].filter(Boolean).join(' ') || null : null;
    const summary = event.reactionSummary;
    const data = messageReactionEventData({
      accountId: account.id,
      messageUrn: event.message.entityUrn,
      conversationUrn: null,
      emoji: summary.emoji,
      added: event.reactionAdded,
      actorUrn,
      actorName,
      at: new Date(),
      reactions: [{ emoji: summary.emoji, count: summary.count, reactors: [] }],
    });
    // One event per (message, actor, emoji, direction, first reaction time): a re-sent realtime event is queued once.
    const id = webhookEventId('message.reaction', account.workspaceId, event.message.entityUrn, actorUrn, summary.emoji, String(event.reactionAdded), String(summary.firstReactedAt), String(summary.count));
    await this.webhooks.emit(account.workspaceId, 'message.reaction', data, id);
  }
}
