import type { AttachmentRecord, ConversationUpsert, LatestMessageRecord, ParticipantRecord, SyncedMessage } from '@threadline/db';
import type { WireConversation, WireMessage, WireParticipant } from '@threadline/linkedin';
import type { RenderContent, SalesNavProfile, SalesNavThread, VectorImage } from '@threadline/linkedin/wire';

/** Where a mapped row belongs; the mappers themselves are pure. */
export interface MailboxRef {
  workspaceId: string;
  accountId: string;
  /** The owner's `urn:li:fsd_profile:…`. */
  ownerUrn: string;
  /** Messages delivered before this are history: stored without notifying anyone. */
  baselineAt: Date;
}

export const SALES_NAV_THREAD_PREFIX = 'urn:li:salesNav_thread:';
const BACKEND_THREAD_PREFIX = 'urn:li:messagingThread:';

export function salesNavThreadUrn(threadId: string): string {
  return `${SALES_NAV_THREAD_PREFIX}${threadId}`;
}

/** `urn:li:messagingThread:<id>` → `<id>`: the thread id both inboxes share. */
export function backendThreadId(backendUrn: string | null | undefined): string | null {
  return backendUrn?.startsWith(BACKEND_THREAD_PREFIX) ? backendUrn.slice(BACKEND_THREAD_PREFIX.length) : null;
}

/** The largest rendition of a LinkedIn image, as a URL. */
export function pictureUrl(image: VectorImage | null | undefined): string | null {
  if (!image?.rootUrl || !image.artifacts?.length) return null;
  const best = [...image.artifacts].sort((a, b) => b.height - a.height)[0]!;
  return best.fileIdentifyingUrlPathSegment ? `${image.rootUrl}${best.fileIdentifyingUrlPathSegment}` : null;
}

export function toParticipantRecord(p: WireParticipant): ParticipantRecord {
  const member = p.participantType?.member;
  const org = p.participantType?.organization;
  const firstName = member?.firstName?.text ?? null;
  const lastName = member?.lastName?.text ?? null;
  const name = member ? [firstName, lastName].filter(Boolean).join(' ') : (org?.name?.text ?? '');
  return {
    profileUrn: p.hostIdentityUrn,
    name,
    firstName,
    lastName,
    headline: member?.headline?.text ?? null,
    profileUrl: member?.profileUrl ?? org?.pageUrl ?? null,
    profilePicture: pictureUrl(member?.profilePicture ?? org?.logo),
  };
}

function isOwner(p: WireParticipant | null | undefined, ownerUrn: string): boolean {
  return p?.hostIdentityUrn === ownerUrn || p?.participantType?.member?.distance === 'SELF';
}

/** What a message carries besides text, in a provider-neutral shape. */
export function toAttachmentRecords(contents: RenderContent[] | undefined): AttachmentRecord[] {
  const out: AttachmentRecord[] = [];
  for (const c of contents ?? []) {
    if (c.file) out.push({ kind: c.file.mediaType?.startsWith('image/') ? 'image' : 'file', name: c.file.name, mediaType: c.file.mediaType, byteSize: c.file.byteSize, url: c.file.url ?? null });
    else if (c.vectorImage) out.push({ kind: 'image', name: null, mediaType: null, byteSize: null, url: pictureUrl(c.vectorImage) });
    else if (c.video) out.push({ kind: 'video', name: null, mediaType: c.video.progressiveStreams?.[0]?.mediaType ?? null, byteSize: c.video.progressiveStreams?.[0]?.size ?? null, url: c.video.progressiveStreams?.[0]?.streamingLocations?.[0]?.url ?? null });
    else if (c.audio) out.push({ kind: 'audio', name: null, mediaType: null, byteSize: c.audio.byteSize ?? null, url: c.audio.url ?? null });
    else if (c.externalMedia) out.push({ kind: 'gif', name: c.externalMedia.title ?? null, mediaType: 'image/gif', byteSize: null, url: c.externalMedia.media?.url ?? null });
  }
  return out;
}

/** A Voyager message as a row: inbound unless the owner sent it (by hand, or through Threadline). */
/** The edits LinkedIn shows among these messages (a recalled one has no text to show). */
export function editsOf(messages: WireMessage[]): Array<{ messageUrn: string; text: string }> {
  return messages.filter((m) => m.messageBodyRenderFormat === 'EDITED').map((m) => ({ messageUrn: m.entityUrn, text: m.body?.text ?? '' }));
}

export function toSyncedMessage(m: WireMessage, conversationUrn: string, box: MailboxRef): SyncedMessage {
  const sender = m.sender ?? m.actor ?? null;
  const outbound = isOwner(sender, box.ownerUrn);
  const sentAt = new Date(m.deliveredAt);
  return {
    workspaceId: box.workspaceId,
    accountId: box.accountId,
    direction: outbound ? 'outbound' : 'inbound',
    origin: 'linkedin',
    conversationUrn,
    messageUrn: m.entityUrn,
    backendUrn: m.backendUrn ?? null,
    senderUrn: sender?.hostIdentityUrn ?? null,
    senderName: sender ? toParticipantRecord(sender).name || null : null,
    text: m.messageBodyRenderFormat === 'RECALLED' ? '' : (m.body?.text ?? m.renderContentFallbackText ?? ''),
    recalled: m.messageBodyRenderFormat === 'RECALLED',
    edited: m.messageBodyRenderFormat === 'EDITED',
    subject: m.subject ?? null,
    originToken: m.originToken ?? null,
    attachments: m.messageBodyRenderFormat === 'RECALLED' ? [] : toAttachmentRecords(m.renderContent),
    sentAt,
    notified: outbound || sentAt < box.baselineAt,
  };
}

function latestOf(m: SyncedMessage | undefined): LatestMessageRecord | null {
  if (!m) return null;
  return { messageUrn: m.messageUrn, text: m.text, senderProfileUrn: m.senderUrn, senderName: m.senderName, direction: m.direction, sentAt: m.sentAt.toISOString(), recalled: m.recalled, edited: m.edited };
}

/** A Voyager conversation (lists embed only its newest message) as a row. */
export function toConversationUpsert(c: WireConversation, box: MailboxRef): ConversationUpsert {
  const newest = [...(c.messages?.elements ?? [])].sort((a, b) => b.deliveredAt - a.deliveredAt)[0];
  return {
    workspaceId: box.workspaceId,
    accountId: box.accountId,
    conversationUrn: c.entityUrn,
    backendUrn: c.backendUrn ?? null,
    source: 'linkedin',
    salesNavThreadId: null,
    title: c.title ?? null,
    groupChat: c.groupChat ?? false,
    categories: c.categories ?? [],
    participants: (c.conversationParticipants ?? []).filter((p) => !isOwner(p, box.ownerUrn)).map(toParticipantRecord),
    unreadCount: c.unreadCount ?? 0,
    read: c.read ?? (c.unreadCount ?? 0) === 0,
    lastActivityAt: new Date(c.lastActivityAt),
    latestMessage: latestOf(newest ? toSyncedMessage(newest, c.entityUrn, box) : undefined),
  };
}

function salesParticipant(urn: string, profile: SalesNavProfile | undefined): ParticipantRecord {
  const name = profile?.fullName ?? ([profile?.firstName, profile?.lastName].filter(Boolean).join(' ') || urn);
  return { profileUrn: urn, name, firstName: profile?.firstName ?? null, lastName: profile?.lastName ?? null, headline: null, profileUrl: null, profilePicture: null };
}

/** The owner's sales profile in a thread: the participant at degree 0. */
function salesOwnerUrn(t: SalesNavThread): string | undefined {
  return Object.values(t.participantsResolutionResults ?? {}).find((p) => p.degree === 0)?.entityUrn;
}

/** A Sales Navigator thread as a conversation (`urn:li:salesNav_thread:<id>`) and its messages. */
export function fromSalesNavThread(t: SalesNavThread, box: MailboxRef): { conversation: ConversationUpsert; messages: SyncedMessage[] } {
  const conversationUrn = salesNavThreadUrn(t.id);
  const owner = salesOwnerUrn(t);
  const resolved = t.participantsResolutionResults ?? {};
  const messages: SyncedMessage[] = (t.messages ?? []).map((m) => {
    const outbound = owner !== undefined && m.author === owner;
    const sentAt = new Date(m.deliveredAt);
    return {
      workspaceId: box.workspaceId,
      accountId: box.accountId,
      direction: outbound ? 'outbound' : 'inbound',
      origin: 'sales_navigator',
      conversationUrn,
      messageUrn: m.id,
      backendUrn: null,
      senderUrn: m.author ?? null,
      senderName: m.author ? salesParticipant(m.author, resolved[m.author]).name : null,
      text: m.body ?? '',
      subject: m.subject ?? null,
      originToken: null,
      attachments: [],
      recalled: false,
      edited: false,
      sentAt,
      notified: outbound || sentAt < box.baselineAt,
    };
  });
  const newest = [...messages].sort((a, b) => b.sentAt.getTime() - a.sentAt.getTime())[0];
  const lastActivity = Math.max(0, ...(t.messages ?? []).map((m) => m.deliveredAt));
  return {
    conversation: {
      workspaceId: box.workspaceId,
      accountId: box.accountId,
      conversationUrn,
      backendUrn: null,
      source: 'sales_navigator',
      salesNavThreadId: t.id,
      title: null,
      groupChat: (t.participants ?? []).filter((p) => p !== owner).length > 1,
      categories: t.archived ? ['ARCHIVE'] : ['INBOX'],
      participants: (t.participants ?? []).filter((p) => p !== owner).map((p) => salesParticipant(p, resolved[p])),
      unreadCount: t.unreadMessageCount ?? 0,
      read: (t.unreadMessageCount ?? 0) === 0,
      lastActivityAt: new Date(lastActivity),
      latestMessage: latestOf(newest),
    },
    messages,
  };
}
