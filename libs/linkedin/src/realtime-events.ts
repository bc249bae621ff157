import {
  REALTIME_ENVELOPES,
  REALTIME_TOPIC_PAYLOAD_KEYS,
  SSE_DATA_PREFIX,
  parseRealtimeTopicUrn,
  type DecoratedEvent,
  type RealtimeTopicResults,
} from './wire';
import type { RealtimeEvent } from './types';

/** Result of one SSE line: an event, nothing to do (blank/comment), or a broken line that ends the stream. */
export type RealtimeLineResult = { kind: 'event'; event: RealtimeEvent } | { kind: 'skip' } | { kind: 'broken' };

/** Parses one `data: <json>` line; lines without the prefix are skipped, unparsable JSON drops the stream. */
export function parseRealtimeLine(line: string): RealtimeLineResult {
  const trimmed = line.replace(/\r$/, '');
  if (!trimmed.startsWith('data:')) return { kind: 'skip' };
  const json = trimmed.startsWith(SSE_DATA_PREFIX) ? trimmed.slice(SSE_DATA_PREFIX.length) : trimmed.slice('data:'.length);
  let envelope: Record<string, unknown>;
  try {
    envelope = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return { kind: 'broken' };
  }
  if (typeof envelope !== 'object' || envelope === null) return { kind: 'broken' };
  const connection = envelope[REALTIME_ENVELOPES.clientConnection] as { id?: string } | undefined;
  if (connection) return { kind: 'event', event: { type: 'connected', connectionId: String(connection.id ?? '') } };
  if (REALTIME_ENVELOPES.heartbeat in envelope) return { kind: 'event', event: { type: 'heartbeat' } };
  const decorated = envelope[REALTIME_ENVELOPES.decoratedEvent] as DecoratedEvent | undefined;
  if (!decorated) return { kind: 'skip' };
  const event = decoratedToEvent(decorated);
  return event ? { kind: 'event', event } : { kind: 'skip' };
}

function decoratedToEvent(decorated: DecoratedEvent): RealtimeEvent | undefined {
  const topic = parseRealtimeTopicUrn(decorated.topic ?? '');
  if (!topic) return undefined;
  const data = decorated.payload?.data;
  const result = <T extends keyof RealtimeTopicResults>(name: T): RealtimeTopicResults[T] | undefined => {
    const holder = data?.[REALTIME_TOPIC_PAYLOAD_KEYS[name]] as { result?: RealtimeTopicResults[T] } | undefined;
    return holder?.result ?? undefined;
  };
  switch (topic) {
    case 'messagesTopic': {
      const message = result('messagesTopic');
      return message ? { type: 'message', message } : { type: 'sync_needed', topic };
    }
    case 'conversationsTopic': {
      const conversation = result('conversationsTopic');
      return conversation ? { type: 'conversation', conversation } : { type: 'sync_needed', topic };
    }
    case 'conversationDeletesTopic': {
      const deleted = result('conversationDeletesTopic');
      return deleted?.entityUrn ? { type: 'conversation_deleted', conversationUrn: deleted.entityUrn } : { type: 'sync_needed', topic };
    }
    case 'typingIndicatorsTopic': {
      const typing = result('typingIndicatorsTopic');
      if (!typing?.conversation?.entityUrn) return undefined;
      return {
        type: 'typing',
        conversationUrn: typing.conversation.entityUrn,
        participantUrn: typing.typingParticipant?.hostIdentityUrn ?? typing.typingParticipant?.entityUrn ?? '',
        raw: typing,
      };
    }
    case 'messageSeenReceiptsTopic': {
      const seen = result('messageSeenReceiptsTopic');
      if (!seen?.message?.entityUrn) return undefined;
      return {
        type: 'seen',
        messageUrn: seen.message.entityUrn,
        seenAt: seen.seenAt,
        participantUrn: seen.seenByParticipant?.hostIdentityUrn ?? seen.seenByParticipant?.entityUrn ?? '',
        raw: seen,
      };
    }
    case 'messageReactionSummariesTopic': {
      const reaction = result('messageReactionSummariesTopic');
      return reaction?.message?.entityUrn ? { type: 'reaction', messageUrn: reaction.message.entityUrn, raw: reaction } : undefined;
    }
    case 'tabBadgeUpdateTopic':
      return { type: 'sync_needed', topic };
    default:
      return undefined;
  }
}

/** Splits a byte stream into lines, carrying partial lines across chunks. */
export async function* readLines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let newline = buffer.indexOf('\n');
      while (newline !== -1) {
        yield buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf('\n');
      }
    }
    buffer += decoder.decode();
    if (buffer) yield buffer;
  } finally {
    reader.releaseLock();
  }
}
