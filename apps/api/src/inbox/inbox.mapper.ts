import type { ConversationEntity, ConversationsPage, InboxMessageRow, InboxSyncStateEntity, LinkedinAccountEntity, SyncStatus, ThreadMessagesPage } from '@threadline/core';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/** `2-…` from `urn:li:messagingThread:2-…` or the Sales Navigator thread id: the hosted `conversationId`. */
function conversationIdOf(c: ConversationEntity): string {
  return c.backendUrn?.split(':').pop() ?? c.salesNavThreadId ?? c.conversationUrn;
}

export function toConversationResponse(c: ConversationEntity) {
  return {
    conversationUrn: c.conversationUrn,
    conversationId: conversationIdOf(c),
    accountId: c.accountId,
    source: c.source,
    salesNavThreadId: c.salesNavThreadId,
    title: c.title,
    groupChat: c.groupChat,
    lastActivityAt: iso(c.lastActivityAt),
    unreadCount: c.unreadCount,
    read: c.read,
    participants: c.participants.map((p) => ({
      profileUrn: p.profileUrn,
      profileId: p.profileUrn.startsWith('urn:li:fsd_profile:') ? p.profileUrn.slice('urn:li:fsd_profile:'.length) : null,
      name: p.name,
      firstName: p.firstName,
      lastName: p.lastName,
      headline: p.headline,
      profileUrl: p.profileUrl,
      profilePicture: p.profilePicture,
    })),
    latestMessage: c.latestMessage
      ? { messageUrn: c.latestMessage.messageUrn, text: c.latestMessage.text, senderProfileUrn: c.latestMessage.senderProfileUrn, senderName: c.latestMessage.senderName, direction: c.latestMessage.direction, sentAt: c.latestMessage.sentAt, recalled: c.latestMessage.recalled ?? false, edited: c.latestMessage.edited ?? false }
      : null,
  };
}

function toSyncResponse(account: Pick<LinkedinAccountEntity, 'id' | 'status'>, state: InboxSyncStateEntity | null) {
  return {
    accountId: account.id,
    accountStatus: account.status,
    status: state?.status ?? 'not_started',
    stopReason: state?.stopReason ?? null,
    lastSyncedAt: iso(state?.lastSyncedAt),
    lastRequestedAt: iso(state?.lastRequestedAt),
    syncCount: state?.syncCount ?? 0,
    errorCount: state?.errorCount ?? 0,
    lastError: state?.lastErrorCode ? { code: state.lastErrorCode, message: state.lastErrorMessage, at: iso(state.lastErrorAt) } : null,
  };
}

/** The hosted list shape: `{ conversations, accounts, nextCursor, hasMore, fromCache }`. */
export function toConversationsPageResponse(page: ConversationsPage) {
  return {
    success: true,
    conversations: page.conversations.map(toConversationResponse),
    accounts: page.accounts.map((a) => ({ id: a.id, name: a.name, profileUrn: a.profileUrn, sync: toSyncResponse(a, page.syncStates.find((s) => s.accountId === a.id) ?? null) })),
    nextCursor: page.nextCursor,
    hasMore: page.hasMore,
    // Always true: every read is served from the synced copy in Postgres, never by a live LinkedIn call.
    fromCache: true,
  };
}

export function toInboxMessageResponse(m: InboxMessageRow) {
  return {
    id: m.id,
    messageId: m.messageUrn,
    messageUrn: m.messageUrn,
    backendMessageUrn: m.backendUrn,
    conversationUrn: m.conversationUrn,
    accountId: m.accountId,
    direction: m.direction,
    origin: m.origin,
    text: m.text,
    subject: m.subject,
    sentAt: iso(m.sentAt),
    sender: { profileUrn: m.senderUrn, name: m.senderName },
    attachments: m.attachments,
    recalled: m.recalled,
    edited: m.edited,
  };
}

export function toThreadMessagesResponse(page: ThreadMessagesPage) {
  return {
    success: true,
    conversationUrn: page.conversation.conversationUrn,
    accountId: page.conversation.accountId,
    source: page.conversation.source,
    messages: page.messages.map(toInboxMessageResponse),
    nextCursor: page.nextCursor,
    hasMore: page.hasMore,
    fromCache: true,
  };
}

export function toSyncStatusResponse(statuses: SyncStatus[]) {
  return { success: true, accounts: statuses.map((s) => toSyncResponse(s.account, s.state)) };
}
