/** URN prefixes used on the messaging wire. */
export const URN_PREFIX = {
  fsdProfile: 'urn:li:fsd_profile:',
  fsMiniProfile: 'urn:li:fs_miniProfile:',
  person: 'urn:li:person:',
  member: 'urn:li:member:',
  fsdCompany: 'urn:li:fsd_company:',
  conversation: 'urn:li:msg_conversation:',
  message: 'urn:li:msg_message:',
  participant: 'urn:li:msg_messagingParticipant:',
  backendThread: 'urn:li:messagingThread:',
  backendMessage: 'urn:li:messagingMessage:',
  fsdConversation: 'urn:li:fsd_conversation:',
  salesProfile: 'urn:li:fs_salesProfile:',
  digitalmediaAsset: 'urn:li:digitalmediaAsset:',
} as const;

/** A profile id (`ACoAA…`) as `urn:li:fsd_profile:<id>`; an fsd_profile URN passes through. */
export function profileUrn(profileIdOrUrn: string): string {
  return profileIdOrUrn.startsWith(URN_PREFIX.fsdProfile) ? profileIdOrUrn : `${URN_PREFIX.fsdProfile}${profileIdOrUrn}`;
}

/** The id part of `urn:li:fsd_profile:`, `urn:li:fs_miniProfile:` or `urn:li:person:`; undefined for anything else. */
export function profileIdOf(urn: string): string | undefined {
  for (const prefix of [URN_PREFIX.fsdProfile, URN_PREFIX.fsMiniProfile, URN_PREFIX.person]) {
    if (urn.startsWith(prefix) && urn.length > prefix.length) return urn.slice(prefix.length);
  }
  return undefined;
}

/** True for a bare profile id such as `ACoAAB…` (members) or `ACwAA…` (Sales Navigator). */
export function isProfileId(value: string): boolean {
  return /^AC[ow]AA[A-Za-z0-9_-]{10,}$/.test(value);
}

/** `urn:li:member:<n>`. */
export function memberUrn(memberId: number | string): string {
  return `${URN_PREFIX.member}${memberId}`;
}

/** The numeric id of `urn:li:member:<n>`, or undefined. */
export function memberIdOf(urn: string): number | undefined {
  const match = /^urn:li:member:(\d+)$/.exec(urn);
  return match ? Number(match[1]) : undefined;
}

/** Mints a thread id: `2-` + base64(`<uuid>_<3 digits>`); the caller brings the randomness. */
export function mintThreadId(uuid: string, suffix = 100): string {
  return `2-${btoa(`${uuid}_${String(suffix).padStart(3, '0').slice(-3)}`)}`;
}

/** Mints a message id: `2-` + base64(`<13-digit ms>b<5 digits>-<3 digits>&<decoded thread id>`). */
export function mintMessageId(deliveredAt: number, threadId: string, seq = 0, shard = 100): string {
  const decodedThread = decodeMessengerId(threadId) ?? threadId.replace(/^2-/, '');
  const ms = String(deliveredAt).padStart(13, '0');
  return `2-${btoa(`${ms}b${String(seq).padStart(5, '0').slice(-5)}-${String(shard).padStart(3, '0').slice(-3)}&${decodedThread}`)}`;
}

/** Decodes the base64 part of a `2-<b64>` id, or undefined when it is not base64 text. */
export function decodeMessengerId(id: string): string | undefined {
  if (!id.startsWith('2-')) return undefined;
  try {
    return atob(id.slice(2));
  } catch {
    return undefined;
  }
}

/** A per-mailbox URN of the form `urn:li:<kind>:(urn:li:fsd_profile:<owner>,<id>)`. */
export interface MailboxScopedUrn {
  /** `urn:li:fsd_profile:<owner>` */
  ownerUrn: string;
  /** `2-<b64>` */
  id: string;
}

/** `urn:li:msg_conversation:(urn:li:fsd_profile:<owner>,<threadId>)`; owner may be an id or an fsd_profile URN. */
export function conversationUrn(owner: string, threadId: string): string {
  return `${URN_PREFIX.conversation}(${profileUrn(owner)},${threadId})`;
}

/** `urn:li:msg_message:(urn:li:fsd_profile:<owner>,<messageId>)`. */
export function messageUrn(owner: string, messageId: string): string {
  return `${URN_PREFIX.message}(${profileUrn(owner)},${messageId})`;
}

/** Parses a msg_conversation URN, or undefined. */
export function parseConversationUrn(urn: string): MailboxScopedUrn | undefined {
  return parseMailboxScoped(urn, URN_PREFIX.conversation);
}

/** Parses a msg_message URN, or undefined. */
export function parseMessageUrn(urn: string): MailboxScopedUrn | undefined {
  return parseMailboxScoped(urn, URN_PREFIX.message);
}

/** `urn:li:messagingThread:<threadId>`: the mailbox-independent form. */
export function backendThreadUrn(threadId: string): string {
  return `${URN_PREFIX.backendThread}${threadId}`;
}

/** `urn:li:messagingMessage:<messageId>`: the mailbox-independent form. */
export function backendMessageUrn(messageId: string): string {
  return `${URN_PREFIX.backendMessage}${messageId}`;
}

/** Thread id (`2-…`) of a backend thread, msg_conversation, fsd_conversation or thread URL; else undefined. */
export function threadIdOf(urnOrUrl: string): string | undefined {
  if (urnOrUrl.startsWith(URN_PREFIX.backendThread)) return urnOrUrl.slice(URN_PREFIX.backendThread.length);
  if (urnOrUrl.startsWith(URN_PREFIX.fsdConversation)) return urnOrUrl.slice(URN_PREFIX.fsdConversation.length);
  const conv = parseConversationUrn(urnOrUrl);
  if (conv) return conv.id;
  const url = /\/messaging\/thread\/(2-[^/?#]+)/.exec(urnOrUrl);
  return url ? url[1] : undefined;
}

/** Message id (`2-…`) of a backend message or msg_message URN; else undefined. */
export function messageIdOf(urn: string): string | undefined {
  if (urn.startsWith(URN_PREFIX.backendMessage)) return urn.slice(URN_PREFIX.backendMessage.length);
  return parseMessageUrn(urn)?.id;
}

/** `urn:li:msg_messagingParticipant:urn:li:fsd_profile:<id>`. */
export function participantUrn(profile: string): string {
  return `${URN_PREFIX.participant}${profileUrn(profile)}`;
}

/** The host identity (`urn:li:fsd_profile:<id>`) inside a participant URN, or undefined. */
export function parseParticipantUrn(urn: string): string | undefined {
  return urn.startsWith(URN_PREFIX.participant) ? urn.slice(URN_PREFIX.participant.length) : undefined;
}

/** Parts of `urn:li:fs_salesProfile:(ACwAA…,NAME_SEARCH,<token>)`. */
export interface SalesProfileUrnParts {
  profileId: string;
  authType: string;
  authToken: string;
}

/** `urn:li:fs_salesProfile:(<id>,<authType>,<token>)`. */
export function salesProfileUrn(parts: SalesProfileUrnParts): string {
  return `${URN_PREFIX.salesProfile}(${parts.profileId},${parts.authType},${parts.authToken})`;
}

/** Parses a Sales Navigator profile URN, or undefined. */
export function parseSalesProfileUrn(urn: string): SalesProfileUrnParts | undefined {
  const match = /^urn:li:fs_salesProfile:\(([^,()]+),([^,()]+),([^,()]*)\)$/.exec(urn);
  return match ? { profileId: match[1], authType: match[2], authToken: match[3] } : undefined;
}

function parseMailboxScoped(urn: string, prefix: string): MailboxScopedUrn | undefined {
  if (!urn.startsWith(`${prefix}(`) || !urn.endsWith(')')) return undefined;
  const inner = urn.slice(prefix.length + 1, -1);
  const comma = inner.lastIndexOf(',');
  if (comma === -1) return undefined;
  const ownerUrn = inner.slice(0, comma);
  const id = inner.slice(comma + 1);
  if (!ownerUrn.startsWith(URN_PREFIX.fsdProfile) || ownerUrn.length === URN_PREFIX.fsdProfile.length || !id) return undefined;
  return { ownerUrn, id };
}
