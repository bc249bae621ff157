import { randomUUID } from 'node:crypto';
import { ACTIONS, HEADER_VALUES, HEADERS, PATHS, REALTIME_TOPIC_PAYLOAD_KEYS, type RealtimeHeartbeatRequest } from './wire';
import { mpVersionOf, PROFILES } from './build-headers';
import type { ClientContext } from './client-context';
import { parseRealtimeLine, readLines } from './realtime-events';
import type { ConnectRealtimeInput, RealtimeEvent } from './types';

const RECIPE_MAP = JSON.stringify({ tabBadgeUpdateTopic: 'com.linkedin.voyager.dash.deco.notifications.RealtimeBadgingItemCountsEvent-1' });
const DECORATION_IDS: Record<string, string> = {
  conversationsTopic: 'voyagerMessagingDashMessengerRealtimeDecoration.f855048b390b286e513d7b23c59efee3',
  conversationDeletesTopic: 'voyagerMessagingDashMessengerRealtimeDecoration.282abe5fa1a242cb76825c32dbbfaede',
  messageReactionSummariesTopic: 'voyagerMessagingDashMessengerRealtimeDecoration.85ff5a1aabf7c52f40aa85ccc84e3bf5',
  messageSeenReceiptsTopic: 'voyagerMessagingDashMessengerRealtimeDecoration.e23d3971dc83a115b03584cf2381256c',
  messagesTopic: 'voyagerMessagingDashMessengerRealtimeDecoration.db0f1d3f53747f49f3fd87b139df9eda',
  typingIndicatorsTopic: 'voyagerMessagingDashMessengerRealtimeDecoration.234ce03cd062b2438dae060ca854a6d2',
};

/** The `X-LI-Query-Map` header value for the messaging topics (reference §5.15). */
export function realtimeQueryMap(): string {
  const topicToGraphQLQueryParams: Record<string, { queryId: string; variables: object; extensions: object }> = {};
  for (const topic of Object.keys(REALTIME_TOPIC_PAYLOAD_KEYS)) {
    const queryId = DECORATION_IDS[topic];
    if (queryId) topicToGraphQLQueryParams[topic] = { queryId, variables: {}, extensions: {} };
  }
  return JSON.stringify({ topicToGraphQLQueryParams });
}

/** SSE stream of typed events; ends when the stream drops, so the caller reconnects (and delta-syncs). */
export async function* connectRealtime(ctx: ClientContext, input: ConnectRealtimeInput): AsyncGenerator<RealtimeEvent> {
  const sessionId = input.sessionId ?? randomUUID();
  const response = await ctx.http.send({
    method: 'GET',
    path: `${PATHS.realtimeConnect}?rc=1`,
    profile: {
      ...PROFILES.realtime,
      extra: {
        [HEADERS.realtimeSession]: sessionId,
        [HEADERS.liAccept]: HEADER_VALUES.acceptNormalized,
        [HEADERS.liRecipeAccept]: HEADER_VALUES.acceptNormalized,
        [HEADERS.liQueryAccept]: HEADER_VALUES.acceptGraphql,
        [HEADERS.liQueryMap]: realtimeQueryMap(),
        [HEADERS.liRecipeMap]: RECIPE_MAP,
      },
    },
    streaming: true,
    signal: input.signal,
  });
  if (!response.body) return;
  const heartbeat = startHeartbeats(ctx, sessionId, input);
  try {
    for await (const line of readLines(response.body)) {
      const parsed = parseRealtimeLine(line);
      if (parsed.kind === 'broken') return;
      if (parsed.kind === 'event') yield parsed.event;
    }
  } catch (error) {
    // A dropped stream is normal: end and let the caller reconnect; a caller abort ends quietly too.
    if (input.signal.aborted) return;
    if (error instanceof Error && /terminated|aborted|closed|reset/i.test(error.message)) return;
    throw error;
  } finally {
    clearInterval(heartbeat);
    await response.body.cancel().catch(() => undefined);
  }
}

function startHeartbeats(ctx: ClientContext, sessionId: string, input: ConnectRealtimeInput): ReturnType<typeof setInterval> | undefined {
  const period = input.heartbeatMs ?? 60_000;
  if (period <= 0) return undefined;
  let first = true;
  const beat = async (): Promise<void> => {
    const actorUrn = await ctx.mailboxUrn();
    const json: RealtimeHeartbeatRequest = {
      isFirstHeartbeat: first,
      isLastHeartbeat: false,
      realtimeSessionId: sessionId,
      mpName: 'voyager-web',
      mpVersion: mpVersionOf(ctx.http.session.xLiTrack),
      clientId: 'voyager-web',
      actorUrn,
      contextUrns: [actorUrn],
    };
    first = false;
    await ctx.http.text({ method: 'POST', path: `${PATHS.realtimeHeartbeat}?action=${ACTIONS.sendHeartbeat}`, profile: PROFILES.heartbeat, json });
  };
  const timer = setInterval(() => void beat().catch(() => undefined), period);
  timer.unref?.();
  return timer;
}
