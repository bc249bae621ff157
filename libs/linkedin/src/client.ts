import { DEFAULT_QUERY_IDS, type QueryIds, type SalesNavThread } from './wire';
import * as actions from './action-operations';
import * as attachments from './attachment-operations';
import type { ClientContext } from './client-context';
import * as conversations from './conversation-operations';
import * as invitations from './invitation-operations';
import * as messages from './message-operations';
import { fetchMe, resolveRecipient } from './profile-operations';
import { connectRealtime } from './realtime-operations';
import * as reactions from './reaction-operations';
import * as salesNav from './sales-navigator-operations';
import type {
  ConnectionsPage,
  SendInvitationInput,
  SentInvitation,
  SentInvitationsPage,
  ConnectRealtimeInput,
  DownloadedAttachment,
  GetMessagesInput,
  GetMessagesResult,
  InmailCredits,
  LinkedInClientOptions,
  LinkedInMe,
  ListConversationsInput,
  ListConversationsResult,
  RealtimeEvent,
  SalesNavListThreadsInput,
  SalesNavSendMessageInput,
  SalesNavSentMessage,
  SalesNavThreadsPage,
  SendInmailInput,
  SendMessageInput,
  SentMessage,
  UploadAttachmentInput,
  UploadedAttachment,
  WireConversation,
  WireMessage,
  WireParticipant,
} from './types';
import { VoyagerHttp } from './voyager-http';

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * LinkedIn's web messaging API (Voyager) for one account; the same code talks to linkedin.com and the emulator.
 * Every call is one request, never retried here: the caller retries (Temporal's activity retry policy).
 */
export class LinkedInClient {
  private readonly ctx: ClientContext;
  private mailbox?: Promise<string>;

  constructor(options: LinkedInClientOptions) {
    const http = new VoyagerHttp({
      baseUrl: options.baseUrl,
      session: options.session,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      fetchImpl: options.fetchImpl,
      sharedProxy: options.sharedProxy,
      proxyLookup: options.proxyLookup,
    });
    const queryIds: QueryIds = { ...DEFAULT_QUERY_IDS, ...options.queryIds };
    if (options.mailboxUrn) this.mailbox = Promise.resolve(options.mailboxUrn);
    this.ctx = { http, queryIds, mailboxUrn: () => this.mailboxUrn(), now: () => Date.now() };
  }

  /** The session's own profile (`GET /voyager/api/me`); also the account health probe. */
  async me(): Promise<LinkedInMe> {
    const me = await fetchMe(this.ctx.http);
    this.mailbox ??= Promise.resolve(me.profileUrn);
    return me;
  }

  /** The owner's `urn:li:fsd_profile:…`, read once from /me unless given in the options. */
  mailboxUrn(): Promise<string> {
    if (!this.mailbox) {
      const pending = fetchMe(this.ctx.http).then((me) => me.profileUrn);
      pending.catch(() => {
        if (this.mailbox === pending) this.mailbox = undefined;
      });
      this.mailbox = pending;
    }
    return this.mailbox;
  }

  /** Any recipient reference (fsd_profile/person/fs_miniProfile/member URN, ACoAA id, member id, vanity, profile URL) → `urn:li:fsd_profile:…`. */
  resolveRecipient(ref: string): Promise<string> {
    return resolveRecipient(this.ctx, ref);
  }

  /** The existing 1:1 conversation with this `urn:li:fsd_profile:…`, or null. */
  findConversationByRecipient(profileUrn: string): Promise<WireConversation | null> {
    return conversations.findConversationByRecipient(this.ctx, profileUrn);
  }

  /** Newest-first conversations by time/cursor (count > 20 is paged inside), or a delta when `syncToken` is given. */
  listConversations(input: ListConversationsInput = {}): Promise<ListConversationsResult> {
    return conversations.listConversations(this.ctx, input);
  }

  /** Initial (no token) or delta sync; returns `newSyncToken` for the next call. */
  syncConversations(syncToken?: string): Promise<ListConversationsResult> {
    return conversations.syncConversations(this.ctx, syncToken);
  }

  /** One conversation by URN, or null. */
  getConversation(conversationUrn: string): Promise<WireConversation | null> {
    return conversations.getConversation(this.ctx, conversationUrn);
  }

  /** Messages newest first, before a time or older than `prevCursor`. */
  getMessages(input: GetMessagesInput): Promise<GetMessagesResult> {
    return messages.getMessages(this.ctx, input);
  }

  /** Our own recent message carrying this originToken, or null (read-back before a retried send). */
  findMessageByOriginToken(conversationUrn: string, originToken: string): Promise<WireMessage | null> {
    return messages.findMessageByOriginToken(this.ctx, conversationUrn, originToken);
  }

  /** createMessage into a conversation or to recipients. */
  sendMessage(input: SendMessageInput): Promise<SentMessage> {
    return messages.sendMessage(this.ctx, input);
  }

  /** One typing ping (repeat about every 5 s while "typing"). */
  sendTyping(conversationUrn: string): Promise<void> {
    return actions.sendTyping(this.ctx, conversationUrn);
  }

  /** Marks conversations read (true) or unread (false). */
  markRead(conversationUrns: readonly string[], read: boolean): Promise<void> {
    return actions.markRead(this.ctx, conversationUrns, read);
  }

  /** Clears the unread badge up to this time (epoch ms). */
  markAllSeen(untilMs: number): Promise<void> {
    return actions.markAllSeen(this.ctx, untilMs);
  }

  /** Recalls (deletes for everyone) one of our messages. */
  recallMessage(messageUrn: string): Promise<void> {
    return actions.recallMessage(this.ctx, messageUrn);
  }

  /** Reacts to a message with one emoji (a second identical reaction changes nothing). */
  reactWithEmoji(messageUrn: string, emoji: string): Promise<void> {
    return reactions.reactWithEmoji(this.ctx, messageUrn, emoji);
  }

  /** Removes the account's reaction with this emoji. */
  unreactWithEmoji(messageUrn: string, emoji: string): Promise<void> {
    return reactions.unreactWithEmoji(this.ctx, messageUrn, emoji);
  }

  /** The participants who reacted to a message with this emoji. */
  listReactors(messageUrn: string, emoji: string): Promise<WireParticipant[]> {
    return reactions.listReactors(this.ctx, messageUrn, emoji);
  }

  /** Replaces the text of one of our messages; reads then show it with `messageBodyRenderFormat: EDITED`. */
  editMessage(messageUrn: string, text: string): Promise<void> {
    return reactions.editMessage(this.ctx, messageUrn, text);
  }

  /** Adds people (`urn:li:fsd_profile:…`) to a group conversation. */
  addParticipants(conversationUrn: string, profileUrns: readonly string[]): Promise<void> {
    return actions.addParticipants(this.ctx, conversationUrn, profileUrns);
  }

  /** Removes people (profile or participant URNs) from a group conversation. */
  removeParticipants(conversationUrn: string, profileUrns: readonly string[]): Promise<void> {
    return actions.removeParticipants(this.ctx, conversationUrn, profileUrns);
  }

  /** Uploads a file for sendMessage's `attachments`. */
  uploadAttachment(input: UploadAttachmentInput): Promise<UploadedAttachment> {
    return attachments.uploadAttachment(this.ctx, input);
  }

  /** Downloads a media URL; cookies only go to the configured base host. */
  downloadAttachment(url: string): Promise<DownloadedAttachment> {
    return attachments.downloadAttachment(this.ctx, url);
  }

  /** Sales Navigator threads, one page (needs li_a). */
  salesNavListThreads(input: SalesNavListThreadsInput = {}): Promise<SalesNavThreadsPage> {
    return salesNav.salesNavListThreads(this.ctx, input);
  }

  /** One Sales Navigator thread (needs li_a). */
  salesNavGetThread(threadId: string): Promise<SalesNavThread> {
    return salesNav.salesNavGetThread(this.ctx, threadId);
  }

  /** Sales Navigator reply or new InMail (needs li_a). */
  salesNavSendMessage(input: SalesNavSendMessageInput): Promise<SalesNavSentMessage> {
    return salesNav.salesNavSendMessage(this.ctx, input);
  }

  /** Marks a Sales Navigator thread read or unread (needs li_a). */
  salesNavMarkRead(threadId: string, read: boolean): Promise<void> {
    return salesNav.salesNavMarkRead(this.ctx, threadId, read);
  }

  /** The session carries the Sales Navigator `li_a` cookie (a seat to check). */
  hasSalesNavigatorCookie(): boolean {
    return Boolean(this.ctx.http.session.liA);
  }

  /** Remaining InMail credits of the Sales Navigator seat. */
  salesNavInmailCredits(): Promise<InmailCredits> {
    return salesNav.salesNavInmailCredits(this.ctx);
  }

  /** A member profile URN (or id) → its `urn:li:fs_salesProfile:(…)`, which Sales Navigator InMail addresses (needs li_a). */
  salesNavProfileOf(profileUrn: string): Promise<string> {
    return salesNav.salesNavProfileOf(this.ctx, profileUrn);
  }

  /** InMail via Sales Navigator; accounts without li_a get invalid_request (classic InMail is unknown on the wire). */
  sendInmail(input: SendInmailInput): Promise<SalesNavSentMessage> {
    return salesNav.sendInmail(this.ctx, input);
  }

  /**
   * Invites a person to connect, with an optional note, and reads the sent list back: an invitation not
   * found there fails as the weekly limit (LinkedIn's silent FUSE_LIMIT_EXCEEDED). Withdrawing has no
   * stable call (reference §5.14) and is not offered.
   */
  sendInvitation(input: SendInvitationInput): Promise<SentInvitation> {
    return invitations.sendInvitation(this.ctx, input);
  }

  /** The pending invitation to this person among the newest sent ones, or null (read-back before a retried invitation). */
  async findPendingInvitation(profileUrn: string): Promise<SentInvitation | null> {
    const found = await invitations.findSentInvitation(this.ctx, profileUrn);
    return found ? { invitationUrn: found.entityUrn, profileUrn: found.inviteeMember, state: found.invitationState, sentAt: found.sentTime, withNote: found.customMessage } : null;
  }

  /** Sent connection invitations, newest first. */
  listSentInvitations(start = 0, count = 20): Promise<SentInvitationsPage> {
    return invitations.listSentInvitations(this.ctx, start, count);
  }

  /** Connections, most recently added first (acceptance detection). */
  listConnections(start = 0, count = 40): Promise<ConnectionsPage> {
    return invitations.listConnections(this.ctx, start, count);
  }

  /** Realtime SSE events; the iterable ends when the stream drops, so reconnect and delta-sync. */
  connectRealtime(input: ConnectRealtimeInput): AsyncIterable<RealtimeEvent> {
    return connectRealtime(this.ctx, input);
  }

  /** Releases the proxy agent (closes the client's own, or returns the account's shared one). */
  close(): Promise<void> {
    return this.ctx.http.close();
  }
}
