import {
  ANSWER_FIELDS,
  MAX_CONVERSATION_PAGE,
  PRIMARY_INBOX,
  profileIdOf,
  type CategoryQueryMetadata,
  type CollectionResponse,
  type Conversation,
  type SyncTokenMetadata,
} from './wire';
import { graphqlRead, type ClientContext } from './client-context';
import type { ListConversationsInput, ListConversationsResult, WireConversation } from './types';

// The inbox extension polls with now + 60 s so clock skew never hides the newest thread.
const CLOCK_SKEW_MS = 60_000;

/** The existing 1:1 conversation with a person, or null. */
export async function findConversationByRecipient(ctx: ClientContext, recipientUrn: string): Promise<WireConversation | null> {
  const mailboxUrn = await ctx.mailboxUrn();
  const answer = await graphqlRead<CollectionResponse<Conversation>>(
    ctx,
    ctx.queryIds.conversationsByRecipients,
    { mailboxUrn, recipients: [recipientUrn] },
    ANSWER_FIELDS.conversationsByRecipients,
  );
  const recipientId = profileIdOf(recipientUrn);
  const ownerId = profileIdOf(mailboxUrn);
  const oneToOne = (answer.elements ?? []).find((conversation) => {
    if (conversation.groupChat) return false;
    const others = conversation.conversationParticipants
      .map((p) => profileIdOf(p.hostIdentityUrn))
      .filter((id) => id !== ownerId);
    return others.length === 1 && others[0] === recipientId;
  });
  return oneToOne ?? null;
}

/** Initial sync (no token) or delta sync (token): conversations changed since, plus deletions. */
export async function syncConversations(ctx: ClientContext, syncToken?: string): Promise<ListConversationsResult> {
  const mailboxUrn = await ctx.mailboxUrn();
  const answer = await graphqlRead<CollectionResponse<Conversation, SyncTokenMetadata>>(
    ctx,
    syncToken ? ctx.queryIds.conversationsDeltaSync : ctx.queryIds.conversationsInitialSync,
    { mailboxUrn, syncToken },
    ANSWER_FIELDS.conversationsBySyncToken,
  );
  const deleted = (answer.metadata?.deletedUrns ?? [])
    .map((entry) => (typeof entry === 'string' ? entry : entry?.conversation?.entityUrn))
    .filter((urn): urn is string => typeof urn === 'string');
  return {
    conversations: answer.elements ?? [],
    newSyncToken: answer.metadata?.newSyncToken,
    deletedConversationUrns: deleted,
  };
}

/** Pages newest-first by time or cursor; a count above 20 becomes several LinkedIn calls. */
export async function listConversations(ctx: ClientContext, input: ListConversationsInput = {}): Promise<ListConversationsResult> {
  if (input.syncToken) return syncConversations(ctx, input.syncToken);
  const mailboxUrn = await ctx.mailboxUrn();
  const wanted = Math.max(1, input.count ?? MAX_CONVERSATION_PAGE);
  const category = input.category ?? PRIMARY_INBOX;
  const conversations: WireConversation[] = [];
  let cursor = input.nextCursor;
  const lastUpdatedBefore = cursor ? undefined : (input.lastUpdatedBefore ?? ctx.now() + CLOCK_SKEW_MS);
  for (let first = true; conversations.length < wanted; first = false) {
    const page = await graphqlRead<CollectionResponse<Conversation, CategoryQueryMetadata>>(
      ctx,
      ctx.queryIds.conversationsByCategory,
      {
        query: { predicateUnions: [{ conversationCategoryPredicate: { category } }] },
        count: Math.min(MAX_CONVERSATION_PAGE, wanted - conversations.length),
        mailboxUrn,
        lastUpdatedBefore: first ? lastUpdatedBefore : undefined,
        nextCursor: cursor,
      },
      ANSWER_FIELDS.conversationsByCategory,
    );
    const elements = page.elements ?? [];
    conversations.push(...elements);
    cursor = page.metadata?.nextCursor ?? undefined;
    if (!cursor || elements.length === 0) return { conversations };
  }
  return { conversations, nextCursor: cursor };
}

/** One conversation by its URN, or null when LinkedIn does not return it. */
export async function getConversation(ctx: ClientContext, conversationUrn: string): Promise<WireConversation | null> {
  const answer = await graphqlRead<Conversation[] | CollectionResponse<Conversation>>(
    ctx,
    ctx.queryIds.conversationsByIds,
    { conversationIds: [conversationUrn], count: 1 },
    ANSWER_FIELDS.conversationsByIds,
  );
  // The answer is a bare list on the wire; a collection is accepted too.
  const list = Array.isArray(answer) ? answer : (answer.elements ?? []);
  return list.find((c) => c?.entityUrn === conversationUrn) ?? list[0] ?? null;
}
