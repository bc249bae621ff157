/** A LinkedIn member; accounts are members with cookies. */
export interface Member {
  /** 39-char `ACoAA…` id. */
  profileId: string;
  memberId: number;
  firstName: string;
  lastName: string;
  headline: string;
  publicIdentifier: string;
  /** LinkedIn groups the member belongs to; a shared group allows a DM without connection. */
  groups: string[];
  /** Open Profiles accept DMs from anyone. */
  openProfile: boolean;
  /** Set when the member refuses InMail (Sales Navigator `inmailRestriction`). */
  inmailRestriction: string | null;
  /** How the member answers an invitation: accepts after `delayMs` with `probability`; null = never (ignores it). */
  invitationResponse: { probability: number; delayMs: number } | null;
}

/** A connection invitation from an account to a member. */
export interface Invitation {
  /** Numeric id of `urn:li:fsd_invitation:<id>`. */
  id: string;
  from: string;
  to: string;
  note: string | null;
  sentAt: number;
  state: 'PENDING' | 'ACCEPTED' | 'IGNORED' | 'WITHDRAWN';
}

/** A connected LinkedIn account (the emulator's view of a session). */
export interface Account {
  profileId: string;
  liAt: string;
  /** Unquoted `ajax:<19 digits>`; the Cookie header carries it quoted. */
  jsessionId: string;
  /** Sales Navigator contract session, when the account has a seat. */
  liA: string | null;
  inmailCredits: number;
  /** Sends per emulator day before 429/999; null = unlimited. */
  dailySendLimit: number | null;
  limitStatus: 429 | 999;
  expired: boolean;
  checkpoint: boolean;
  restricted: boolean;
  badgeSeenUntil: number;
  /** Premium accounts get 300-character notes without a monthly allowance; free ones 200 and FREE_NOTES_PER_MONTH. */
  premium: boolean;
  /** Invitations per rolling week before 429 FUSE_LIMIT_EXCEEDED; null = no cap. */
  weeklyInvitationLimit: number | null;
}

/** Per-mailbox view of a thread: categories and read state differ per participant. */
export interface MailboxView {
  categories: string[];
  read: boolean;
  unreadCount: number;
  lastReadAt: number | null;
  deleted: boolean;
  archived: boolean;
  /** Change sequence that last touched this view (sync tokens compare against it). */
  changeSeq: number;
}

/** A thread, stored once; URNs are projected per viewing mailbox. */
export interface Thread {
  /** `2-<base64>` shared by every mailbox. */
  id: string;
  participants: string[];
  title: string | null;
  groupChat: boolean;
  createdAt: number;
  lastActivityAt: number;
  /** InMail threads: PENDING until the recipient answers. */
  state: 'PENDING' | 'ACCEPTED' | 'DECLINED' | null;
  inmail: boolean;
  /** Created on (or visible to) Sales Navigator. */
  salesNavigator: boolean;
  creator: string;
  views: Map<string, MailboxView>;
}

/** Mailbox-independent render content; URLs are filled in when projected. */
export type StoredRenderContent =
  | { kind: 'file'; assetId: string }
  | { kind: 'audio'; assetId: string; duration: number | null }
  | { kind: 'video'; assetId: string }
  | { kind: 'replied'; messageId: string }
  | { kind: 'hostUrnData'; type: string; hostUrn: string };

export type MessageOrigin = 'api' | 'salesNav' | 'hand' | 'reply' | 'scenario';

export interface StoredMessage {
  id: string;
  threadId: string;
  sender: string;
  text: string;
  attributes: unknown[];
  subject: string | null;
  deliveredAt: number;
  originToken: string | null;
  renderFormat: 'DEFAULT' | 'EDITED' | 'RECALLED' | 'SYSTEM';
  renderContent: StoredRenderContent[];
  origin: MessageOrigin;
  /** Reactions in the order they were made; one per (emoji, actor). */
  reactions: StoredReaction[];
  changeSeq: number;
}

export interface StoredReaction {
  emoji: string;
  actor: string;
  at: number;
}

export interface Asset {
  id: string;
  uploadType: string;
  filename: string;
  declaredSize: number;
  mediaType: string;
  bytes: Buffer | null;
  owner: string;
}

/** One message the emulator received from an account through the API. */
export interface ReceivedEntry {
  account: string;
  route: 'createMessage' | 'salesNavCreateMessage';
  originToken: string | null;
  trackingId: string;
  recipients: string[];
  conversationUrn: string;
  backendConversationUrn: string;
  messageUrn: string;
  text: string;
  subject: string | null;
  inmail: boolean;
  /** A recipient had already written in this thread when the account sent this. */
  afterReply: boolean;
  deliveredAt: number;
}

export interface DeletionRecord {
  seq: number;
  mailbox: string;
  threadId: string;
}
