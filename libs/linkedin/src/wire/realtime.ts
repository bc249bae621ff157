import type { Conversation, ConversationParticipant } from './conversation';
import type { Message, ReactionSummary } from './message';

/** SSE line prefix: exactly `data: ` (one space), whole JSON on the line. */
export const SSE_DATA_PREFIX = 'data: ';

/** Envelope keys of realtime events. */
export const REALTIME_ENVELOPES = {
  clientConnection: 'com.linkedin.realtimefrontend.ClientConnection',
  heartbeat: 'com.linkedin.realtimefrontend.Heartbeat',
  decoratedEvent: 'com.linkedin.realtimefrontend.DecoratedEvent',
} as const;

/** Messaging topics and the payload key each carries its `{result}` under. */
export const REALTIME_TOPIC_PAYLOAD_KEYS = {
  messagesTopic: 'doDecorateMessageMessengerRealtimeDecoration',
  conversationsTopic: 'doDecorateConversationMessengerRealtimeDecoration',
  conversationDeletesTopic: 'doDecorateConversationDeleteMessengerRealtimeDecoration',
  typingIndicatorsTopic: 'doDecorateTypingIndicatorMessengerRealtimeDecoration',
  messageSeenReceiptsTopic: 'doDecorateSeenReceiptMessengerRealtimeDecoration',
  messageReactionSummariesTopic: 'doDecorateRealtimeReactionSummaryMessengerRealtimeDecoration',
} as const;

export type RealtimeTopic = keyof typeof REALTIME_TOPIC_PAYLOAD_KEYS;

/** `urn:li-realtime:<topic>:<suffix>`; the suffix must be present. */
export function realtimeTopicUrn(topic: string, suffix = 'urn:li-realtime:myself'): string {
  return `urn:li-realtime:${topic}:${suffix}`;
}

/** Topic name of a topic URN (third `:`-separated part), or undefined. */
export function parseRealtimeTopicUrn(urn: string): string | undefined {
  const parts = urn.split(':');
  return parts[0] === 'urn' && parts[1] === 'li-realtime' && parts.length >= 4 ? parts[2] : undefined;
}

/** Typing indicator result. */
export interface TypingIndicatorResult {
  typingParticipant: ConversationParticipant;
  conversation: { entityUrn: string; groupChat?: boolean };
}

/** Seen receipt result. */
export interface SeenReceiptResult {
  seenAt: number;
  message: { entityUrn: string };
  seenByParticipant: ConversationParticipant;
}

/** Reaction summary result. */
export interface ReactionSummaryResult {
  reactionAdded: boolean;
  actor: ConversationParticipant;
  message: { entityUrn: string };
  reactionSummary: ReactionSummary;
}

/** Result type per topic. */
export interface RealtimeTopicResults {
  messagesTopic: Message;
  conversationsTopic: Conversation;
  conversationDeletesTopic: Pick<Conversation, 'entityUrn'> & Partial<Conversation>;
  typingIndicatorsTopic: TypingIndicatorResult;
  messageSeenReceiptsTopic: SeenReceiptResult;
  messageReactionSummariesTopic: ReactionSummaryResult;
}

/** `ClientConnection` envelope, sent first. */
export interface ClientConnectionEnvelope {
  'com.linkedin.realtimefrontend.ClientConnection': { id: string };
}

/** `Heartbeat` envelope, sent periodically. */
export interface HeartbeatEnvelope {
  'com.linkedin.realtimefrontend.Heartbeat': Record<string, never>;
}

/** The body of a DecoratedEvent. */
export interface DecoratedEvent {
  topic: string;
  leftServerAt: number;
  id: string;
  publisherTrackingId?: string;
  /** `{data:{_type, <payload key>:{result}}}`; may lack the key (then: sync). */
  payload: { data?: { _type?: string } & { [key: string]: unknown } };
}

/** `DecoratedEvent` envelope. */
export interface DecoratedEventEnvelope {
  'com.linkedin.realtimefrontend.DecoratedEvent': DecoratedEvent;
}

/** Any realtime SSE envelope. */
export type RealtimeEnvelope = ClientConnectionEnvelope | HeartbeatEnvelope | DecoratedEventEnvelope;

/** `POST /realtime/realtimeFrontendClientConnectivityTracking?action=sendHeartbeat` body. */
export interface RealtimeHeartbeatRequest {
  isFirstHeartbeat: boolean;
  isLastHeartbeat: boolean;
  realtimeSessionId: string;
  mpName: string;
  mpVersion: string;
  clientId: 'voyager-web';
  actorUrn: string;
  contextUrns: string[];
}
