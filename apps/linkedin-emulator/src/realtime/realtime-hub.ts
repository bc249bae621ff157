import type { ServerResponse } from 'node:http';
import { REALTIME_ENVELOPES, REALTIME_TOPIC_PAYLOAD_KEYS, SSE_DATA_PREFIX, conversationUrn, messageUrn, realtimeTopicUrn } from '@threadline/linkedin/wire';
import type { RealtimeTopic } from '@threadline/linkedin/wire';
import type { EmulatorState } from '../state/emulator-state';
import { projectConversation, projectMessage, projectParticipant, reactionSummaryOf } from '../state/projection';

interface Stream {
  id: string;
  account: string;
  res: ServerResponse;
  baseUrl: string;
  timers: NodeJS.Timeout[];
}

export interface RealtimeTiming {
  heartbeatIntervalMs: number;
  /** LinkedIn closes streams every few minutes; clients must reconnect. */
  streamLifetimeMs: number;
}

/** SSE streams per account; turns state events into DecoratedEvents. */
export class RealtimeHub {
  private readonly streams = new Set<Stream>();
  private state: EmulatorState | null = null;

  constructor(private readonly timing: RealtimeTiming) {}

  attach(state: EmulatorState): void {
    this.state = state;
    state.events.on('message', (msg, thread) => {
      for (const p of thread.participants) {
        this.publish(p, 'messagesTopic', (base) => projectMessage(state, msg, p, { baseUrl: base, fullConversation: true }));
      }
    });
    state.events.on('messageChanged', (msg, thread) => {
      for (const p of thread.participants) {
        this.publish(p, 'messagesTopic', (base) => projectMessage(state, msg, p, { baseUrl: base, fullConversation: true }));
      }
    });
    state.events.on('reaction', (msg, thread, actor, emoji, added) => {
      for (const p of thread.participants) {
        this.publish(p, 'messageReactionSummariesTopic', () => ({
          reactionAdded: added,
          actor: projectParticipant(state, actor, p),
          message: { entityUrn: messageUrn(p, msg.id) },
          reactionSummary: reactionSummaryOf(msg, p, emoji, state.now()),
        }));
      }
    });
    state.events.on('conversation', (thread, mailbox) => {
      this.publish(mailbox, 'conversationsTopic', (base) => projectConversation(state, thread, mailbox, { baseUrl: base }));
    });
    state.events.on('deleted', (thread, mailbox) => {
      this.publish(mailbox, 'conversationDeletesTopic', () => ({ entityUrn: conversationUrn(mailbox, thread.id), groupChat: thread.groupChat }));
    });
    state.events.on('typing', (thread, from) => {
      for (const p of thread.participants) {
        if (p === from) continue;
        this.publish(p, 'typingIndicatorsTopic', () => ({
          typingParticipant: projectParticipant(state, from, p),
          conversation: { entityUrn: conversationUrn(p, thread.id), groupChat: thread.groupChat },
        }));
      }
    });
    state.events.on('seen', (thread, by, message) => {
      for (const p of thread.participants) {
        if (p === by) continue;
        this.publish(p, 'messageSeenReceiptsTopic', () => ({
          seenAt: state.now(),
          message: { entityUrn: messageUrn(p, message.id) },
          seenByParticipant: projectParticipant(state, by, p),
        }));
      }
    });
  }

  /** Opens a stream: headers, ClientConnection first, heartbeats, periodic close. */
  open(res: ServerResponse, account: string, baseUrl: string, id: string, dropAfterMs: number | null): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-li-realtime-connection-id': id,
    });
    const stream: Stream = { id, account, res, baseUrl, timers: [] };
    this.streams.add(stream);
    this.write(stream, { [REALTIME_ENVELOPES.clientConnection]: { id } });
    const heartbeat = setInterval(() => this.write(stream, { [REALTIME_ENVELOPES.heartbeat]: {} }), this.timing.heartbeatIntervalMs);
    const lifetime = setTimeout(() => this.end(stream), dropAfterMs ?? this.timing.streamLifetimeMs);
    stream.timers.push(heartbeat, lifetime);
    res.on('close', () => this.forget(stream));
  }

  /** Ends the streams of one account (or all): the "dropped connection" fault. */
  drop(account?: string): number {
    let n = 0;
    for (const s of [...this.streams]) {
      if (account && account !== '*' && s.account !== account) continue;
      this.end(s);
      n += 1;
    }
    return n;
  }

  count(account?: string): number {
    return [...this.streams].filter((s) => !account || s.account === account).length;
  }

  closeAll(): void {
    this.drop();
  }

  private publish(account: string, topic: RealtimeTopic, result: (baseUrl: string) => unknown): void {
    if (!this.state) return;
    for (const s of this.streams) {
      if (s.account !== account) continue;
      const id = this.state.mintUuid();
      this.write(s, {
        [REALTIME_ENVELOPES.decoratedEvent]: {
          topic: realtimeTopicUrn(topic),
          leftServerAt: this.state.now(),
          id,
          publisherTrackingId: id,
          payload: {
            data: {
              _type: 'com.linkedin.restli.common.ActionResponse',
              _recipeType: 'com.linkedin.voyager.dash.deco.messaging.RealtimeDecoration',
              [REALTIME_TOPIC_PAYLOAD_KEYS[topic]]: { result: result(s.baseUrl) },
            },
          },
        },
      });
    }
  }

  private write(stream: Stream, envelope: unknown): void {
    if (stream.res.writableEnded) return;
    stream.res.write(`${SSE_DATA_PREFIX}${JSON.stringify(envelope)}\n\n`);
  }

  private end(stream: Stream): void {
    this.forget(stream);
    if (!stream.res.writableEnded) stream.res.end();
  }

  private forget(stream: Stream): void {
    for (const t of stream.timers) clearTimeout(t);
    stream.timers = [];
    this.streams.delete(stream);
  }
}
