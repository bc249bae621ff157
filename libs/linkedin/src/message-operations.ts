import {
  ACTIONS,
  ANSWER_FIELDS,
  PATHS,
  type CollectionResponse,
  type CreateMessageRequest,
  type CreateMessageResponse,
  type Message,
  type MessagesMetadata,
  type SendRenderContentUnion,
} from './wire';
import { PROFILES } from './build-headers';
import { graphqlRead, type ClientContext } from './client-context';
import { LinkedInError } from './linkedin-error';
import { isValidTrackingId, mintTrackingId } from './tracking-id';
import type { GetMessagesInput, GetMessagesResult, SendMessageInput, SentMessage, UploadedAttachment, WireMessage } from './types';

const DEFAULT_HISTORY_PAGE = 20;
const READ_BACK_PAGE = 50;
const READ_BACK_PAGES = 2;
const CLOCK_SKEW_MS = 60_000;

/** History newest first: before a time (anchor query) or older via a cursor. */
export async function getMessages(ctx: ClientContext, input: GetMessagesInput): Promise<GetMessagesResult> {
  const count = Math.max(1, input.count ?? DEFAULT_HISTORY_PAGE);
  const answer = input.prevCursor
    ? await graphqlRead<CollectionResponse<Message, MessagesMetadata>>(
        ctx,
        ctx.queryIds.messagesByConversation,
        { conversationUrn: input.conversationUrn, count, prevCursor: input.prevCursor },
        ANSWER_FIELDS.messagesByConversation,
      )
    : await graphqlRead<CollectionResponse<Message, MessagesMetadata>>(
        ctx,
        ctx.queryIds.messagesByAnchor,
        {
          deliveredAt: input.deliveredBefore ?? ctx.now() + CLOCK_SKEW_MS,
          conversationUrn: input.conversationUrn,
          countBefore: count,
          countAfter: 0,
        },
        ANSWER_FIELDS.messagesByAnchorTimestamp,
      );
  const messages = [...(answer.elements ?? [])].sort((a, b) => b.deliveredAt - a.deliveredAt);
  const prevCursor = messages.length > 0 ? (answer.metadata?.prevCursor ?? undefined) : undefined;
  return { messages, prevCursor };
}

/** Reads recent history for our own message with this originToken (read-back before a retried send). */
export async function findMessageByOriginToken(ctx: ClientContext, conversationUrn: string, originToken: string): Promise<WireMessage | null> {
  let prevCursor: string | undefined;
  for (let page = 0; page < READ_BACK_PAGES; page++) {
    const result = await getMessages(ctx, { conversationUrn, count: READ_BACK_PAGE, prevCursor });
    const hit = result.messages.find((m) => m.originToken === originToken);
    if (hit) return hit;
    if (!result.prevCursor || result.messages.length < READ_BACK_PAGE) return null;
    prevCursor = result.prevCursor;
  }
  return null;
}

/** Builds the createMessage body; pure, so the wire shape is unit-tested. */
export function buildCreateMessageRequest(mailboxUrn: string, input: SendMessageInput, trackingId: string): CreateMessageRequest {
  const renderContentUnions = (input.attachments ?? []).map(renderContentOf);
  const request: CreateMessageRequest = {
    message: {
      body: { text: input.text },
      ...(renderContentUnions.length > 0 ? { renderContentUnions } : {}),
      ...(input.conversationUrn ? { conversationUrn: input.conversationUrn } : {}),
      originToken: input.originToken,
    },
    mailboxUrn,
    trackingId,
    dedupeByClientGeneratedToken: false,
  };
  if (!input.conversationUrn) {
    request.hostRecipientUrns = [...(input.recipientUrns ?? [])];
    if (request.hostRecipientUrns.length > 1 && input.title) request.conversationTitle = input.title;
  }
  return request;
}

/** createMessage; never retried here, since LinkedIn does not dedupe (the workflow reads back). */
export async function sendMessage(ctx: ClientContext, input: SendMessageInput): Promise<SentMessage> {
  validateSend(input);
  const trackingId = input.trackingId ?? mintTrackingId();
  const mailboxUrn = await ctx.mailboxUrn();
  const json = buildCreateMessageRequest(mailboxUrn, input, trackingId);
  const body = await ctx.http.json<CreateMessageResponse>({
    method: 'POST',
    path: `${PATHS.messages}?action=${ACTIONS.createMessage}`,
    profile: PROFILES.createMessage,
    json,
  });
  const value = body?.value;
  if (!value?.entityUrn || !value.conversationUrn) {
    throw new LinkedInError('unknown', 'LinkedIn accepted the send but answered without the message URN; read the thread back before retrying.', {
      reason: 'bad_response',
    });
  }
  return {
    entityUrn: value.entityUrn,
    backendUrn: value.backendUrn,
    conversationUrn: value.conversationUrn,
    backendConversationUrn: value.backendConversationUrn,
    deliveredAt: value.deliveredAt,
    originToken: value.originToken ?? input.originToken,
  };
}

function validateSend(input: SendMessageInput): void {
  if (!input.originToken) throw new LinkedInError('invalid_request', 'sendMessage needs an originToken minted by the caller, so a retry can be read back.');
  if (input.trackingId !== undefined && !isValidTrackingId(input.trackingId)) {
    throw new LinkedInError('invalid_request', 'trackingId must be exactly 16 characters, each at most U+00FF (not a UUID or base64).');
  }
  const hasRecipients = (input.recipientUrns?.length ?? 0) > 0;
  if (!input.conversationUrn && !hasRecipients) throw new LinkedInError('invalid_request', 'sendMessage needs a conversationUrn or at least one recipient URN.');
  if (input.conversationUrn && hasRecipients) throw new LinkedInError('invalid_request', 'sendMessage takes a conversationUrn or recipient URNs, not both.');
  if (!input.text && (input.attachments?.length ?? 0) === 0) throw new LinkedInError('invalid_request', 'sendMessage needs text or at least one attachment.');
}

// Images are referenced as `file`, as the web app does; video uses the web app's placeholder stream.
function renderContentOf(attachment: UploadedAttachment): SendRenderContentUnion {
  const { assetUrn, byteSize, mediaType, name } = attachment;
  if (attachment.kind === 'audio') return { audio: { assetUrn, byteSize, ...(attachment.durationMs ? { duration: attachment.durationMs } : {}) } };
  if (attachment.kind === 'video') {
    return {
      video: {
        media: assetUrn,
        thumbnail: { artifacts: [{ width: 0, height: 0 }], rootUrl: '' },
        trackingId: assetUrn,
        progressiveStreams: [
          { bitRate: 0, height: 0, mediaType, size: byteSize, width: 0, streamingLocations: [{ url: `blob:https://www.linkedin.com/${assetUrn}` }] },
        ],
      },
    };
  }
  return { file: { assetUrn, byteSize, mediaType, name } };
}
