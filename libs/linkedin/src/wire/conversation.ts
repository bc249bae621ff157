import type { AttributedText, VectorImage } from './common';
import type { CollectionResponse } from './graphql';
import type { Message } from './message';

/** `_type` of a messenger conversation. */
export const CONVERSATION_TYPE = 'com.linkedin.messenger.Conversation';
/** `_type` of a messaging participant. */
export const PARTICIPANT_TYPE = 'com.linkedin.messenger.MessagingParticipant';

/** Conversation categories seen on the wire; inbox threads carry INBOX alongside PRIMARY_INBOX. */
export type ConversationCategory =
  | 'INBOX'
  | 'PRIMARY_INBOX'
  | 'SECONDARY_INBOX'
  | 'OTHER'
  | 'ARCHIVE'
  | 'INMAIL'
  | 'SPAM'
  | 'STARRED'
  | (string & {});

/** Connection distance of a member participant from the mailbox owner. */
export type Distance = 'SELF' | 'DISTANCE_1' | 'DISTANCE_2' | 'DISTANCE_3' | 'OUT_OF_NETWORK';

/** Member half of a participant's `participantType` union. */
export interface MemberParticipantInfo {
  firstName: AttributedText;
  lastName: AttributedText;
  headline?: AttributedText | null;
  /** `https://www.linkedin.com/in/<ACoAA id>` */
  profileUrl?: string;
  profilePicture?: VectorImage | null;
  distance: Distance;
  pronoun?: string | null;
}

/** Company-page half of a participant's `participantType` union. */
export interface OrganizationParticipantInfo {
  name: AttributedText;
  logo?: VectorImage | null;
  pageUrl?: string;
}

/** A conversation participant; the owner is always one, with distance SELF. */
export interface ConversationParticipant {
  _type?: typeof PARTICIPANT_TYPE | string;
  /** `urn:li:msg_messagingParticipant:urn:li:fsd_profile:<id>` */
  entityUrn: string;
  /** `urn:li:fsd_profile:<id>` (or `urn:li:fsd_company:<n>` for pages) */
  hostIdentityUrn: string;
  /** `urn:li:member:<n>` */
  backendUrn?: string;
  participantType: {
    member?: MemberParticipantInfo | null;
    organization?: OrganizationParticipantInfo | null;
    custom?: unknown;
  };
}

/** InMail thread state; null for ordinary conversations. */
export type ConversationState = 'PENDING' | 'ACCEPTED' | 'DECLINED';

/** `com.linkedin.messenger.Conversation`: lists embed only the newest message. */
export interface Conversation {
  _type?: typeof CONVERSATION_TYPE | string;
  /** `urn:li:msg_conversation:(urn:li:fsd_profile:<owner>,2-<b64>)`, per mailbox. */
  entityUrn: string;
  /** `urn:li:messagingThread:2-<b64>`, shared by every mailbox. */
  backendUrn: string;
  conversationUrl?: string;
  categories: ConversationCategory[];
  groupChat: boolean;
  title?: string | null;
  state?: ConversationState | null;
  createdAt: number;
  lastActivityAt: number;
  lastReadAt?: number | null;
  read: boolean;
  unreadCount: number;
  notificationStatus?: 'ACTIVE' | (string & {});
  disabledFeatures?: { disabledFeature: string }[];
  conversationTypeText?: AttributedText | null;
  headlineText?: AttributedText | null;
  shortHeadlineText?: AttributedText | null;
  descriptionText?: AttributedText | null;
  creator?: ConversationParticipant | null;
  conversationParticipants: ConversationParticipant[];
  messages?: CollectionResponse<Message>;
}

/** A `deletedUrns` entry of a delta sync: an object, not a URN string. */
export interface DeletedUrnEntry {
  message?: unknown;
  conversation?: { entityUrn: string } | null;
}

/** Metadata of `messengerConversationsBySyncToken`. */
export interface SyncTokenMetadata {
  newSyncToken: string;
  deletedUrns?: DeletedUrnEntry[];
  shouldClearCache?: boolean;
}

/** Metadata of `messengerConversationsByCategoryQuery`; no cursor at the end of the list. */
export interface CategoryQueryMetadata {
  nextCursor?: string | null;
}

/** Category predicate used in the `query` variable of ByCategoryQuery. */
export const PRIMARY_INBOX = 'PRIMARY_INBOX';
