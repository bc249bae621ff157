import type {
  Conversation,
  ConversationParticipant,
  Message,
  QueryIds,
  SalesNavThread,
  SalesNavThreadFilter,
  SeenReceiptResult,
  TypingIndicatorResult,
  ReactionSummaryResult,
} from './wire';
import type { LookupFunction } from 'node:net';
import type { FetchImpl } from './voyager-http';
import type { ProxyAgentPool } from './proxy-agents';
import type { LinkedInSession } from './session';

/** A conversation exactly as LinkedIn sends it. */
export type WireConversation = Conversation;
/** A message exactly as LinkedIn sends it. */
export type WireMessage = Message;
/** A participant exactly as LinkedIn sends it. */
export type WireParticipant = ConversationParticipant;

/** Constructor options of LinkedInClient. */
export interface LinkedInClientOptions {
  /** `https://www.linkedin.com` or the emulator's URL. */
  baseUrl: string;
  session: LinkedInSession;
  /** Overrides of the rotating GraphQL query ids. */
  queryIds?: Partial<QueryIds>;
  /** Per-request timeout (connect only for realtime); default 30 s. */
  timeoutMs?: number;
  fetchImpl?: FetchImpl;
  /** The owner's `urn:li:fsd_profile:…` when already known; else read once from /me. */
  mailboxUrn?: string;
  /** The account's proxy agent comes from this pool, shared with its other clients; else the client has its own. */
  sharedProxy?: { pool: ProxyAgentPool; accountId: string };
  /** Resolves the session's proxy host when connecting, for a client's own agent (where the deployment filters private addresses). */
  proxyLookup?: LookupFunction;
}

/** Who the session belongs to. */
export interface LinkedInMe {
  /** `urn:li:fsd_profile:ACoAA…` */
  profileUrn: string;
  memberId?: number;
  firstName: string;
  lastName: string;
  publicIdentifier: string;
  occupation?: string;
}

/** Paging input of listConversations; `syncToken` switches to delta sync. */
export interface ListConversationsInput {
  syncToken?: string;
  lastUpdatedBefore?: number;
  nextCursor?: string;
  /** Total wanted; fetched as pages of at most 20. Default 20. */
  count?: number;
  /** Default PRIMARY_INBOX. */
  category?: string;
}

/** A page (or delta) of conversations. */
export interface ListConversationsResult {
  conversations: WireConversation[];
  newSyncToken?: string;
  nextCursor?: string;
  deletedConversationUrns?: string[];
}

/** History query: before a time, or older via a cursor. */
export interface GetMessagesInput {
  conversationUrn: string;
  deliveredBefore?: number;
  /** Default 20; counts above 20 are accepted for history. */
  count?: number;
  prevCursor?: string;
}

/** Messages newest first, with the cursor to older ones. */
export interface GetMessagesResult {
  messages: WireMessage[];
  prevCursor?: string;
}

/** An uploaded asset ready to reference in sendMessage. */
export interface UploadedAttachment {
  /** `urn:li:digitalmediaAsset:…` */
  assetUrn: string;
  byteSize: number;
  mediaType: string;
  name: string;
  kind: 'file' | 'image' | 'video' | 'audio';
  /** Voice notes only. */
  durationMs?: number;
}

/** Input of uploadAttachment. */
export interface UploadAttachmentInput {
  filename: string;
  mimeType: string;
  bytes: Uint8Array;
  /** Send audio as a voice note instead of a file. */
  voiceNote?: boolean;
  durationMs?: number;
}

/** A downloaded attachment. */
export interface DownloadedAttachment {
  bytes: Uint8Array;
  contentType: string;
  filename?: string;
}

/** Input of sendMessage: `conversationUrn` or `recipientUrns`. */
export interface SendMessageInput {
  conversationUrn?: string;
  /** `urn:li:fsd_profile:…` of the recipients of a new conversation. */
  recipientUrns?: string[];
  text: string;
  /** Minted by the caller (the workflow) so a retry can be read back. */
  originToken: string;
  /** 16 chars ≤ U+00FF; minted when absent. */
  trackingId?: string;
  attachments?: UploadedAttachment[];
  /** Group title for a new conversation with several recipients. */
  title?: string;
}

/** What LinkedIn answered to a send. */
export interface SentMessage {
  entityUrn: string;
  backendUrn: string;
  conversationUrn: string;
  backendConversationUrn: string;
  deliveredAt: number;
  originToken: string;
}

/** Input of salesNavListThreads. */
export interface SalesNavListThreadsInput {
  /** Epoch ms; default now. */
  pageStartsAt?: number;
  /** Default 20. */
  count?: number;
  filter?: SalesNavThreadFilter;
}

/** A page of Sales Navigator threads. */
export interface SalesNavThreadsPage {
  threads: SalesNavThread[];
  nextPageStartsAt?: number;
}

/** Input of salesNavSendMessage: a reply (`threadId`) or a new InMail (`recipients` + `subject`). */
export interface SalesNavSendMessageInput {
  threadId?: string;
  recipients?: string[];
  subject?: string;
  body: string;
  trackingId?: string;
}

/** Ids LinkedIn gives a Sales Navigator send. */
export interface SalesNavSentMessage {
  messageId: string;
  threadId: string;
}

/** InMail credits of a Sales Navigator seat. */
export interface InmailCredits {
  /** Undefined when LinkedIn's answer carries no count. */
  available?: number;
  raw: unknown;
}

/** Input of sendInmail. */
export interface SendInmailInput {
  /** `urn:li:fs_salesProfile:(…)`; preferred. */
  recipientSalesProfileUrn?: string;
  /** `urn:li:fsd_profile:…`; used when no sales profile URN is known. */
  profileUrn?: string;
  subject: string;
  body: string;
}

/** Typed realtime events; `sync_needed` means "run a delta sync". */
export type RealtimeEvent =
  | { type: 'connected'; connectionId: string }
  | { type: 'heartbeat' }
  | { type: 'message'; message: WireMessage }
  | { type: 'conversation'; conversation: WireConversation }
  | { type: 'conversation_deleted'; conversationUrn: string }
  | { type: 'typing'; conversationUrn: string; participantUrn: string; raw: TypingIndicatorResult }
  | { type: 'seen'; messageUrn: string; seenAt: number; participantUrn: string; raw: SeenReceiptResult }
  | { type: 'reaction'; messageUrn: string; raw: ReactionSummaryResult }
  | { type: 'sync_needed'; topic: string };

/** Input of connectRealtime. */
export interface ConnectRealtimeInput {
  signal: AbortSignal;
  /** Keep across reconnects; make a new one after a 400. */
  sessionId?: string;
  /** Heartbeat period; default 60 s, 0 disables. */
  heartbeatMs?: number;
}

/** An invitation to connect; `note` ≤ 300 characters (200 on free accounts, pass `maxNoteLength`). */
export interface SendInvitationInput {
  /** `urn:li:fsd_profile:…` or the bare profile id. */
  profileUrn: string;
  note?: string;
  maxNoteLength?: number;
}

/** An invitation LinkedIn stored (found in the sent list). */
export interface SentInvitation {
  invitationUrn: string;
  profileUrn: string;
  state: 'PENDING' | 'ACCEPTED' | 'IGNORED' | 'WITHDRAWN';
  /** Epoch ms. */
  sentAt: number;
  withNote: boolean;
}

export interface SentInvitationsPage {
  invitations: SentInvitation[];
  nextStart: number | null;
}

export interface ConnectionsPage {
  /** Newest first. */
  connections: { profileUrn: string; connectedAt: number }[];
  nextStart: number | null;
}
