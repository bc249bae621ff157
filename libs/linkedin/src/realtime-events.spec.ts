import { LinkedInClient } from './client';
import { parseRealtimeLine } from './realtime-events';
import type { RealtimeEvent } from './types';

const event = (topic: string, key: string, result: unknown) =>
  `data: ${JSON.stringify({
    'com.linkedin.realtimefrontend.DecoratedEvent': {
      topic: `urn:li-realtime:${topic}:urn:li-realtime:myself`,
      leftServerAt: 1,
      id: 'e1',
      payload: { data: { _type: 'x', [key]: { result } } },
    },
  })}`;

describe('parseRealtimeLine', () => {
  it('does yield connected and heartbeat when given those envelopes', () => {
    expect(parseRealtimeLine('data: {"com.linkedin.realtimefrontend.ClientConnection":{"id":"c-1"}}')).toEqual({
      kind: 'event',
      event: { type: 'connected', connectionId: 'c-1' },
    });
    expect(parseRealtimeLine('data: {"com.linkedin.realtimefrontend.Heartbeat":{}}')).toEqual({ kind: 'event', event: { type: 'heartbeat' } });
  });

  it('does type a messagesTopic event as a message when its payload key is present', () => {
    const message = { entityUrn: 'urn:li:msg_message:(a,2-m)', deliveredAt: 5 };
    const parsed = parseRealtimeLine(event('messagesTopic', 'doDecorateMessageMessengerRealtimeDecoration', message));
    expect(parsed).toEqual({ kind: 'event', event: { type: 'message', message } });
  });

  it('does type typing and seen events with their conversation and participant', () => {
    const typing = parseRealtimeLine(
      event('typingIndicatorsTopic', 'doDecorateTypingIndicatorMessengerRealtimeDecoration', {
        typingParticipant: { hostIdentityUrn: 'urn:li:fsd_profile:B' },
        conversation: { entityUrn: 'conv-1' },
      }),
    );
    expect(typing).toMatchObject({ event: { type: 'typing', conversationUrn: 'conv-1', participantUrn: 'urn:li:fsd_profile:B' } });
    const seen = parseRealtimeLine(
      event('messageSeenReceiptsTopic', 'doDecorateSeenReceiptMessengerRealtimeDecoration', {
        seenAt: 9,
        message: { entityUrn: 'm-1' },
        seenByParticipant: { hostIdentityUrn: 'urn:li:fsd_profile:B' },
      }),
    );
    expect(seen).toMatchObject({ event: { type: 'seen', messageUrn: 'm-1', seenAt: 9 } });
  });

  it('does ask for a sync when a conversationsTopic event has no payload', () => {
    const line = `data: ${JSON.stringify({ 'com.linkedin.realtimefrontend.DecoratedEvent': { topic: 'urn:li-realtime:conversationsTopic:urn:li-realtime:myself', payload: {} } })}`;
    expect(parseRealtimeLine(line)).toEqual({ kind: 'event', event: { type: 'sync_needed', topic: 'conversationsTopic' } });
  });

  it('does skip lines without the data prefix and mark unparsable JSON as broken', () => {
    expect(parseRealtimeLine('')).toEqual({ kind: 'skip' });
    expect(parseRealtimeLine(': comment')).toEqual({ kind: 'skip' });
    expect(parseRealtimeLine('data: {not json')).toEqual({ kind: 'broken' });
  });
});

describe('LinkedInClient.connectRealtime', () => {
  it('does yield events from the stream and end when the stream ends', async () => {
    const lines = [
      'data: {"com.linkedin.realtimefrontend.ClientConnection":{"id":"c-1"}}\n',
      'data: {"com.linkedin.realtimefrontend.Heartbeat":{}}\n',
      event('conversationDeletesTopic', 'doDecorateConversationDeleteMessengerRealtimeDecoration', { entityUrn: 'conv-9' }),
      '\n',
    ];
    const fetchImpl = jest.fn(async () => {
      const encoder = new TextEncoder();
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          // Split mid-line to check that partial lines are carried across chunks.
          const text = lines.join('');
          controller.enqueue(encoder.encode(text.slice(0, 30)));
          controller.enqueue(encoder.encode(text.slice(30)));
          controller.close();
        },
      });
      return new Response(stream, { status: 200, headers: { 'content-type': 'text/event-stream' } });
    });
    const client = new LinkedInClient({ baseUrl: 'https://li.test', session: { liAt: 'a', jsessionId: 'ajax:1', userAgent: 'UA' }, fetchImpl, mailboxUrn: 'urn:li:fsd_profile:A' });
    const events: RealtimeEvent[] = [];
    for await (const e of client.connectRealtime({ signal: new AbortController().signal, heartbeatMs: 0 })) events.push(e);
    expect(events.map((e) => e.type)).toEqual(['connected', 'heartbeat', 'conversation_deleted']);
    const init = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    const headers = init[1].headers as Record<string, string>;
    expect(init[0]).toBe('https://li.test/realtime/connect?rc=1');
    expect(headers.accept).toBe('text/event-stream');
    expect(headers['x-li-realtime-session']).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(headers['x-li-query-map'] ?? '{}').topicToGraphQLQueryParams.messagesTopic.queryId).toMatch(/^voyagerMessagingDashMessengerRealtimeDecoration\./);
  });
});
