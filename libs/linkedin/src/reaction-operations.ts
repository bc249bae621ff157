import {
  ACTIONS,
  ANSWER_FIELDS,
  PATHS,
  encodeRestliKeyPath,
  type CollectionResponse,
  type ConversationParticipant,
  type EditMessageRequest,
  type ReactWithEmojiRequest,
} from './wire';
import { PROFILES } from './build-headers';
import { graphqlRead, type ClientContext } from './client-context';
import { LinkedInError } from './linkedin-error';

function reactionBody(messageUrn: string, emoji: string): ReactWithEmojiRequest {
  // LinkedIn refuses an empty emoji with a bare 400; say which argument was wrong before sending.
  if (!emoji) throw new LinkedInError('invalid_request', 'A reaction needs a non-empty emoji.');
  return { messageUrn, emoji };
}

/** `?action=reactWithEmoji` (reference §5.10); answered 2xx with no body. Reacting twice with the same emoji is a no-op. */
export async function reactWithEmoji(ctx: ClientContext, messageUrn: string, emoji: string): Promise<void> {
  const json = reactionBody(messageUrn, emoji);
  await ctx.http.text({ method: 'POST', path: `${PATHS.messages}?action=${ACTIONS.reactWithEmoji}`, profile: PROFILES.reaction, json });
}

/** `?action=unreactWithEmoji`, same body; removing a reaction that is not there is a no-op. */
export async function unreactWithEmoji(ctx: ClientContext, messageUrn: string, emoji: string): Promise<void> {
  const json = reactionBody(messageUrn, emoji);
  await ctx.http.text({ method: 'POST', path: `${PATHS.messages}?action=${ACTIONS.unreactWithEmoji}`, profile: PROFILES.reaction, json });
}

/** Who reacted with one emoji: `messengerMessagingParticipants` (reference §5.4), one query per `reactionSummaries` entry. */
export async function listReactors(ctx: ClientContext, messageUrn: string, emoji: string): Promise<ConversationParticipant[]> {
  if (!emoji) throw new LinkedInError('invalid_request', 'Listing reactors needs a non-empty emoji.');
  const answer = await graphqlRead<CollectionResponse<ConversationParticipant>>(
    ctx,
    ctx.queryIds.messagingParticipants,
    { messageUrn, emoji },
    ANSWER_FIELDS.participantsByMessageAndEmoji,
  );
  return answer.elements ?? [];
}

/** Builds the edit body; empty attributes are left out, as MX does. */
export function buildEditMessageRequest(text: string): EditMessageRequest {
  return { patch: { $set: { body: { text } } } };
}

/** Edits one of our messages: `POST …MessengerMessages/<path-style key>` (reference §5.10); it then reads `EDITED`. */
export async function editMessage(ctx: ClientContext, messageUrn: string, text: string): Promise<void> {
  if (!text) throw new LinkedInError('invalid_request', 'An edit needs non-empty text (recall the message to remove it).');
  await ctx.http.text({
    method: 'POST',
    path: `${PATHS.messages}/${encodeRestliKeyPath(messageUrn)}`,
    profile: PROFILES.edit,
    json: buildEditMessageRequest(text),
  });
}
