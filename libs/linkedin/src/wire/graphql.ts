/** Type tag LinkedIn puts on every GraphQL collection. */
export const COLLECTION_RESPONSE_TYPE = 'com.linkedin.restli.common.CollectionResponse';

/** One entry of a GraphQL `errors` array (errors can arrive in an HTTP 200). */
export interface GraphQLError {
  message: string;
  extensions?: { classification?: string; code?: string; [key: string]: unknown };
  locations?: { line: number; column: number }[];
  path?: (string | number)[];
}

/** Known GraphQL error classification for `count` > 20 on conversation queries. */
export const SDK_BUSINESS_LOGIC = 'SDK_BUSINESS_LOGIC';

/** `{ _type, elements, metadata }` as returned under a GraphQL answer field. */
export interface CollectionResponse<T, M = Record<string, unknown>> {
  _type?: typeof COLLECTION_RESPONSE_TYPE | string;
  elements: T[];
  metadata?: M;
  paging?: { start: number; count: number; total?: number };
}

/** The plain `application/graphql` envelope: `{data:{<field>:…}}` plus optional `errors`. */
export interface GraphQLEnvelope<F extends string, V> {
  data?: ({ _type?: string; _recipeType?: string } & { [K in F]?: V | null }) | null;
  errors?: GraphQLError[];
}

/** Query names (the part of `queryId` before the dot); the emulator dispatches on these. */
export const QUERY_NAMES = {
  conversations: 'messengerConversations',
  messages: 'messengerMessages',
  messagingParticipants: 'messengerMessagingParticipants',
  seenReceipts: 'messengerSeenReceipts',
  mailboxCounts: 'messengerMailboxCounts',
  feedUpdates: 'voyagerFeedDashUpdates',
  searchClusters: 'voyagerSearchDashClusters',
} as const;

/** Answer field names under `data`, one per query variant. */
export const ANSWER_FIELDS = {
  conversationsBySyncToken: 'messengerConversationsBySyncToken',
  conversationsByCategory: 'messengerConversationsByCategoryQuery',
  conversationsByRecipients: 'messengerConversationsByRecipients',
  conversationsByIds: 'messengerConversationsByIds',
  messagesByAnchorTimestamp: 'messengerMessagesByAnchorTimestamp',
  messagesByConversation: 'messengerMessagesByConversation',
  messagesBySyncToken: 'messengerMessagesBySyncToken',
  messagesBySyncTokensInBatch: 'messengerMessagesBySyncTokensInBatch',
  participantsByMessageAndEmoji: 'messengerMessagingParticipantsByMessageAndEmoji',
} as const;

export type AnswerField = (typeof ANSWER_FIELDS)[keyof typeof ANSWER_FIELDS];

/** Full query ids (`<name>.<hash>`); hashes rotate, so the client takes these as configuration. */
export interface QueryIds {
  conversationsInitialSync: string;
  conversationsDeltaSync: string;
  conversationsByCategory: string;
  conversationsByRecipients: string;
  conversationsByIds: string;
  messagesByAnchor: string;
  messagesByConversation: string;
  messagesBySyncToken: string;
  messagingParticipants: string;
  feedUpdates: string;
  searchClusters: string;
}

/** Known hashes (reference §10); variants without a captured hash reuse a sibling's. */
export const DEFAULT_QUERY_IDS: QueryIds = {
  conversationsInitialSync: 'messengerConversations.f0873b936b43ed663997b215b2c28359',
  conversationsDeltaSync: 'messengerConversations.74c17e85611b60b7ba2700481151a316',
  conversationsByCategory: 'messengerConversations.8656fb361a8ad0c178e8d3ff1a84ce26',
  conversationsByRecipients: 'messengerConversations.8656fb361a8ad0c178e8d3ff1a84ce26',
  conversationsByIds: 'messengerConversations.8656fb361a8ad0c178e8d3ff1a84ce26',
  messagesByAnchor: 'messengerMessages.4088d03bc70c91c3fa68965cb42336de',
  messagesByConversation: 'messengerMessages.34c9888be71c8010fecfb575cb38308f',
  messagesBySyncToken: 'messengerMessages.4088d03bc70c91c3fa68965cb42336de',
  messagingParticipants: 'messengerMessagingParticipants.6bedbcf9406fa19045dc627ffc51f286',
  feedUpdates: 'voyagerFeedDashUpdates.c2a318e55b634e20689c80e3dd11952e',
  searchClusters: 'voyagerSearchDashClusters.ef3d0937fb65bd7812e32e5a85028e79',
};

/** LinkedIn rejects conversation pages above this size with SDK_BUSINESS_LOGIC. */
export const MAX_CONVERSATION_PAGE = 20;

/** Name part of a `queryId` (`messengerConversations.<hash>` → `messengerConversations`). */
export function queryNameOf(queryId: string): string {
  const dot = queryId.indexOf('.');
  return dot === -1 ? queryId : queryId.slice(0, dot);
}
