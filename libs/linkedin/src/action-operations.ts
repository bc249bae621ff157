import {
  ACTIONS,
  PATHS,
  encodeRestliIds,
  participantUrn,
  profileUrn,
  type BatchPatchResponse,
  type BatchReadPatchRequest,
  type MarkAllMessagesAsSeenRequest,
  type ParticipantsChangeRequest,
  type RecallMessageRequest,
  type TypingRequest,
} from './wire';
import { PROFILES } from './build-headers';
import type { ClientContext } from './client-context';
import { LinkedInError } from './linkedin-error';

/** One typing ping (202); the web app repeats it every ~5 s while composing. */
export async function sendTyping(ctx: ClientContext, conversationUrn: string): Promise<void> {
  const json: TypingRequest = { conversationUrn };
  await ctx.http.text({ method: 'POST', path: `${PATHS.conversations}?action=${ACTIONS.typing}`, profile: PROFILES.typing, json });
}

/** Batch patch of `read` on conversations; fails when LinkedIn lists any of them under `errors`. */
export async function markRead(ctx: ClientContext, conversationUrns: readonly string[], read: boolean): Promise<void> {
  if (conversationUrns.length === 0) return;
  const json: BatchReadPatchRequest = { entities: {} };
  for (const urn of conversationUrns) json.entities[urn] = { patch: { $set: { read } } };
  const body = await ctx.http.json<BatchPatchResponse>({
    method: 'POST',
    path: `${PATHS.conversations}?ids=${encodeRestliIds(conversationUrns)}`,
    profile: PROFILES.markRead,
    json,
  });
  // Per-key failures come under `errors` (REST.li error responses carrying a `status`) or as a >= 400 result.
  const failures: [string, number | undefined][] = [
    ...Object.entries(body?.errors ?? {}).map(([urn, error]): [string, number | undefined] => [urn, statusOf(error)]),
    ...Object.entries(body?.results ?? {})
      .filter(([, r]) => r.status >= 400)
      .map(([urn, r]): [string, number | undefined] => [urn, r.status]),
  ];
  if (failures.length > 0) {
    const first = failures[0][1];
    // A per-key 403 is LinkedIn refusing that conversation, as a plain 403 answer would be.
    const code = first === 404 ? 'not_found' : first === 403 ? 'forbidden' : 'invalid_request';
    throw new LinkedInError(code, `LinkedIn did not update read state for ${failures.map(([urn]) => urn).join(', ')}.`, {
      status: first,
    });
  }
}

function statusOf(error: unknown): number | undefined {
  const status = typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : undefined;
  return typeof status === 'number' ? status : undefined;
}

/** markAllMessagesAsSeen: clears the badge (it may not flip every conversation's `read`). */
export async function markAllSeen(ctx: ClientContext, untilMs: number): Promise<void> {
  const json: MarkAllMessagesAsSeenRequest = { until: untilMs };
  await ctx.http.text({ method: 'POST', path: `${PATHS.badge}?action=${ACTIONS.markAllMessagesAsSeen}`, profile: PROFILES.typing, json });
}

/** Recall (delete for everyone); answered 204. */
export async function recallMessage(ctx: ClientContext, messageUrn: string): Promise<void> {
  const json: RecallMessageRequest = { messageUrn };
  await ctx.http.text({ method: 'POST', path: `${PATHS.messages}?action=${ACTIONS.recall}`, profile: PROFILES.recall, json });
}

/** addParticipants takes fsd_profile URNs. */
export async function addParticipants(ctx: ClientContext, conversationUrn: string, profileUrns: readonly string[]): Promise<void> {
  const json: ParticipantsChangeRequest = { conversationUrn, participants: profileUrns.map((urn) => profileUrn(urn)) };
  await ctx.http.text({ method: 'POST', path: `${PATHS.conversations}?action=${ACTIONS.addParticipants}`, profile: PROFILES.participants, json });
}

/** removeParticipants takes msg_messagingParticipant URNs. */
export async function removeParticipants(ctx: ClientContext, conversationUrn: string, profileUrns: readonly string[]): Promise<void> {
  const json: ParticipantsChangeRequest = {
    conversationUrn,
    participants: profileUrns.map((urn) => (urn.startsWith('urn:li:msg_messagingParticipant:') ? urn : participantUrn(urn))),
  };
  await ctx.http.text({ method: 'POST', path: `${PATHS.conversations}?action=${ACTIONS.removeParticipants}`, profile: PROFILES.participants, json });
}
