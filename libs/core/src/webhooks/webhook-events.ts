import { createHash } from 'node:crypto';

/** Events a workspace can subscribe to. */
export const WEBHOOK_EVENTS = ['message.received', 'message.sent', 'message.reaction', 'message.edited', 'account.status_changed',
  'lead.replied', 'lead.completed', 'campaign.completed', 'step.failed', 'invitation.sent', 'invitation.accepted'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The same fact always gets the same event id, so a re-emitted event is queued once and receivers can dedupe. */
export function webhookEventId(event: WebhookEvent, ...identity: string[]): string {
  return `evt_${createHash('sha256').update([event, ...identity].join('\u0000')).digest('hex').slice(0, 32)}`;
}

/** A message as the hosted API's webhook payload shows it (snake_case, `provider: "LINKEDIN"`). */
export interface MessageEventSource {
  id: string;
  accountId: string;
  messageUrn: string;
  /** `urn:li:messagingMessage:2-…`, the mailbox-independent form the hosted API shows as `message_urn`. */
  backendUrn?: string | null;
  conversationUrn: string;
  senderUrn: string | null;
  senderName: string | null;
  senderProfileUrl?: string | null;
  senderPicture?: string | null;
  text: string;
  sentAt: Date;
  attachments: unknown[];
}

export function messageEventData(m: MessageEventSource): Record<string, unknown> {
  return {
    id: m.id,
    message_urn: m.messageUrn,
    backend_message_urn: m.backendUrn ?? null,
    account_id: m.accountId,
    provider: 'LINKEDIN',
    sender: { id: m.senderUrn, name: m.senderName, profile_url: m.senderProfileUrl ?? null, profile_picture: m.senderPicture ?? null },
    body: m.text,
    timestamp: m.sentAt.toISOString(),
    conversation_id: m.conversationUrn,
    attachments: m.attachments,
  };
}

/** The envelope every delivery carries: the hosted `{ event, object, data }` plus an id and creation time. */
export function webhookEnvelope(eventId: string, event: WebhookEvent, data: Record<string, unknown>, createdAt: Date): Record<string, unknown> {
  return { id: eventId, event, object: 'event', created_at: createdAt.toISOString(), data };
}

/** A reaction added or removed by an account through the API, with the message's reactions afterwards. */
export interface MessageReactionEventSource {
  accountId: string;
  messageUrn: string;
  /** Null when the realtime event named only the message. */
  conversationUrn: string | null;
  emoji: string;
  added: boolean;
  actorUrn: string;
  actorName: string | null;
  at: Date;
  reactions: { emoji: string; count: number; reactors: { profileUrn: string; name: string | null }[] }[];
}

export function messageReactionEventData(r: MessageReactionEventSource): Record<string, unknown> {
  return {
    message_urn: r.messageUrn,
    conversation_id: r.conversationUrn,
    account_id: r.accountId,
    provider: 'LINKEDIN',
    reaction: r.emoji,
    reaction_added: r.added,
    sender: { id: r.actorUrn, name: r.actorName },
    timestamp: r.at.toISOString(),
    reactions: r.reactions.map((x) => ({ emoji: x.emoji, count: x.count, reactors: x.reactors.map((p) => ({ id: p.profileUrn, name: p.name })) })),
  };
}
