import type { CategoryQueryMetadata, Conversation, SyncTokenMetadata } from './conversation';
import type { CollectionResponse, GraphQLEnvelope } from './graphql';
import type { Message, MessagesMetadata } from './message';

/** `messengerConversations` initial/delta sync answer. */
export type ConversationsBySyncTokenResponse = GraphQLEnvelope<
  'messengerConversationsBySyncToken',
  CollectionResponse<Conversation, SyncTokenMetadata>
>;

/** `messengerConversations` page-by-time / next-page answer. */
export type ConversationsByCategoryResponse = GraphQLEnvelope<
  'messengerConversationsByCategoryQuery',
  CollectionResponse<Conversation, CategoryQueryMetadata>
>;

/** `messengerConversations` 1:1 lookup answer: empty elements when no thread exists. */
export type ConversationsByRecipientsResponse = GraphQLEnvelope<
  'messengerConversationsByRecipients',
  CollectionResponse<Conversation>
>;

/** `messengerConversations` by ids: a bare list, not a collection. */
export type ConversationsByIdsResponse = GraphQLEnvelope<'messengerConversationsByIds', Conversation[]>;

/** `messengerMessages` before-a-time answer. */
export type MessagesByAnchorTimestampResponse = GraphQLEnvelope<
  'messengerMessagesByAnchorTimestamp',
  CollectionResponse<Message, MessagesMetadata>
>;

/** `messengerMessages` older-via-cursor answer. */
export type MessagesByConversationResponse = GraphQLEnvelope<
  'messengerMessagesByConversation',
  CollectionResponse<Message, MessagesMetadata>
>;

/** `messengerMessages` open-thread answer. */
export type MessagesBySyncTokenResponse = GraphQLEnvelope<
  'messengerMessagesBySyncToken',
  CollectionResponse<Message, MessagesMetadata>
>;

/** Variables of each query variant (values before REST.li encoding; order is free on the wire). */
export interface QueryVariables {
  conversationsSync: { mailboxUrn: string; syncToken?: string };
  conversationsByCategory: {
    query: { predicateUnions: { conversationCategoryPredicate: { category: string } }[] };
    count: number;
    mailboxUrn: string;
    lastUpdatedBefore?: number;
    nextCursor?: string;
  };
  conversationsByIds: { conversationIds: string[]; count?: number };
  conversationsByRecipients: { mailboxUrn: string; recipients: string[] };
  messagesByAnchor: { deliveredAt: number; conversationUrn: string; countBefore: number; countAfter: number };
  messagesByConversation: { conversationUrn: string; count: number; prevCursor: string };
  messagesBySyncToken: { conversationUrn: string; syncToken?: string };
}
