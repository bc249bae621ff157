// Inputs, results and activity contracts of the send and account action workflows.
import { defineSignal } from '@temporalio/workflow';

export type QuotaKind = 'message' | 'inmail';
export type MessagingChannel = 'linkedin_inbox' | 'sales_navigator';

export interface AttachmentRef {
  assetUrn: string;
  name: string;
  mediaType: string;
  byteSize: number;
  kind: 'file' | 'image' | 'video' | 'audio';
  durationMs?: number;
}

/** Input of `sendMessageWorkflow`: one message, from one account, decided and validated by the API. */
export interface SendMessageInput {
  workspaceId: string;
  accountId: string;
  /**
   * The fairness key of the send slot: the account's LinkedIn member key, so one member connected in
   * several workspaces is paced once. Absent in runs started before it existed: they pace by account id.
   */
  pacingKey?: string;
  /** What to reach: an existing conversation, or one or more people (profile URNs, ids or vanity names). */
  conversationUrn?: string;
  recipients?: string[];
  /** Group conversation title, when several recipients start a new group. */
  title?: string;
  text: string;
  subject?: string;
  messageType: 'normal' | 'inmail';
  channel: MessagingChannel;
  attachments?: AttachmentRef[];
  /** Milliseconds of typing indicator before the send; 0 for none. */
  typingMs: number;
  typingPingMs: number;
}

export interface SendMessageResult {
  messageUrn: string;
  backendUrn: string | null;
  conversationUrn: string;
  backendConversationUrn: string | null;
  recipientUrn: string | null;
  originToken: string;
  deliveredAt: number;
  channel: MessagingChannel;
  threadId?: string;
  /** The typing indicator was shown first (it needs an existing conversation). */
  typingShown?: boolean;
}

export type SendSlot = { granted: true } | { granted: false; notBefore: number; reason: 'quota' | 'hold' };

/**
 * The LinkedIn member's next delivery: granted (this operation's turn), or not before `notBefore` (epoch ms):
 * sleep until then on a durable timer and claim again. See docs/account-safety.md, "The ledger's API".
 */
export type DeliveryClaim = { granted: true } | { granted: false; notBefore: number };

export interface ClaimDeliveryInput {
  workspaceId: string;
  accountId: string;
  operationId: string;
  /** When the sender's working window closes (epoch ms): the member's remaining daily budget is spread until then. */
  spreadUntil?: number;
}

/** Input of the deliver activities. */
export interface DeliverInput {
  send: SendMessageInput;
  prepared: PreparedConversation;
  originToken: string;
  /**
   * The send slot's operation id. Given, the activity claims the member's delivery right before LinkedIn
   * is called (failing non-retryably with SEND_TOO_SOON and `details.notBefore` when another send took the
   * turn meanwhile) and commits the quota unit as soon as LinkedIn stored the message.
   */
  operationId?: string;
  /** Read the thread back before sending even on a first attempt: an earlier delivery of this step may have reached LinkedIn. */
  readBackFirst?: boolean;
}

export interface SendSlotActivities {
  /** Reserves one unit of the account's quota for an operation (idempotent per operation id). */
  acquireSendSlot(input: { workspaceId: string; accountId: string; kind: QuotaKind; operationId: string }): Promise<SendSlot>;
}

export interface PreparedConversation {
  conversationUrn: string | null;
  recipientUrns: string[];
}

export interface MessagingActivities {
  /** Resolves recipients and finds an existing 1:1 conversation, so typing can be shown in it. */
  prepareConversation(input: SendMessageInput): Promise<PreparedConversation>;
  showTyping(input: { workspaceId: string; accountId: string; conversationUrn: string }): Promise<void>;
  /** Sends once: on a retry it first reads the thread back and returns the message already sent. */
  deliverMessage(input: DeliverInput): Promise<SendMessageResult>;
  /** Claims the member's next delivery for an operation (idempotent per operation): call it before typing, sleep while refused. */
  claimDelivery(input: ClaimDeliveryInput): Promise<DeliveryClaim>;
  /**
   * The step ended without a send (reply, stop, skip, pause, refusal): its quota unit stops counting. Idempotent; a
   * no-op after the send. With `unconfirmed` (a delivery was attempted and its answer never came back), the thread
   * is read back first: when LinkedIn has the message, the unit is committed and the send is answered instead.
   */
  releaseSendSlot(input: { workspaceId: string; operationId: string; unconfirmed?: DeliverInput }): Promise<SendMessageResult | null | void>;
  recordMessageSent(input: { workflowId: string; result: SendMessageResult }): Promise<void>;
  recordMessageFailed(input: { workflowId: string; code: string; message: string }): Promise<void>;
}

/** One LinkedIn action of an account other than a send; each runs as one activity of `accountActionWorkflow`. */
export type AccountAction =
  | { type: 'typing'; conversationUrn: string }
  | { type: 'mark_read'; conversationUrn: string; read: boolean }
  | { type: 'mark_all_read' }
  | { type: 'recall'; messageUrn: string }
  | { type: 'react'; conversationUrn: string; messageUrn: string; emoji: string; add: boolean; requestId: string }
  | { type: 'list_reactions'; conversationUrn: string; messageUrn: string }
  | { type: 'edit'; conversationUrn: string; messageUrn: string; text: string }
  | { type: 'resolve_profile'; ref: string }
  | { type: 'upload_attachment'; attachmentId: string }
  | { type: 'fetch_media'; url: string }
  | { type: 'check_status' };

/** Input of `accountActionWorkflow`. */
export interface AccountActionInput {
  workspaceId: string;
  accountId: string;
  action: AccountAction;
}

/** What an action did: conversations touched, an asset or attachment id, or the account's status. */
export interface AccountActionResult {
  conversationUrns?: string[];
  assetUrn?: string;
  attachmentId?: string;
  status?: string;
  /** react and list_reactions: the message's reactions afterwards, with who reacted. */
  reactions?: MessageReactionsView[];
  /** resolve_profile: the person's `urn:li:fsd_profile:…`. */
  profileUrn?: string;
  /** edit: the message as read back from LinkedIn after the edit. */
  message?: { messageUrn: string; text: string; edited: boolean; deliveredAt: number };
}

/** One emoji on a message: how many reacted, whether the account did, and who. */
export interface MessageReactionsView {
  emoji: string;
  count: number;
  viewerReacted: boolean;
  firstReactedAt: number;
  reactors: { profileUrn: string; name: string | null }[];
}

/** The input of the activity of one action type. */
export type AccountActionOf<T extends AccountAction['type']> = AccountActionInput & { action: Extract<AccountAction, { type: T }> };

/** One activity per action type, so the Web UI and metrics tell them apart; each is idempotent (marking, typing, recall, cached uploads). */
export interface AccountActionActivities {
  typing(input: AccountActionOf<'typing'>): Promise<AccountActionResult>;
  markRead(input: AccountActionOf<'mark_read'>): Promise<AccountActionResult>;
  markAllRead(input: AccountActionOf<'mark_all_read'>): Promise<AccountActionResult>;
  recall(input: AccountActionOf<'recall'>): Promise<AccountActionResult>;
  react(input: AccountActionOf<'react'>): Promise<AccountActionResult>;
  listReactions(input: AccountActionOf<'list_reactions'>): Promise<AccountActionResult>;
  editMessage(input: AccountActionOf<'edit'>): Promise<AccountActionResult>;
  resolveProfile(input: AccountActionOf<'resolve_profile'>): Promise<AccountActionResult>;
  uploadAttachment(input: AccountActionOf<'upload_attachment'>): Promise<AccountActionResult>;
  fetchMedia(input: AccountActionOf<'fetch_media'>): Promise<AccountActionResult>;
  checkStatus(input: AccountActionOf<'check_status'>): Promise<AccountActionResult>;
  /** The one dispatching activity of runs started before; kept registered so they replay and complete. */
  runAccountAction(input: AccountActionInput): Promise<AccountActionResult>;
}

/** What changed about an account that its waiting runs must re-plan for. */
export type AccountChange = 'caps' | 'warmup' | 'hold' | 'working_hours' | 'status';

/**
 * An account's caps, warm-up, hold, working hours or status changed: a run waiting for its slot, a hold, its
 * quota or working hours stops waiting and asks again. Lead runs and API sends both answer it.
 */
export const accountChangedSignal = defineSignal<[{ changes: AccountChange[] }]>('accountChanged');
