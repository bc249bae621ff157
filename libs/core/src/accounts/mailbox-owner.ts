import { URN_PREFIX, backendThreadUrn, parseConversationUrn, parseMessageUrn, threadIdOf } from '@threadline/linkedin/wire';

const SALES_NAV_THREAD = 'urn:li:salesNav_thread:';

/** Who may act on a conversation or message URN, as far as the URN itself tells. */
export type UrnOwnership =
  /** A per-mailbox URN (msg_conversation, msg_message): only its owner can act on it. */
  | { kind: 'mailbox'; ownerUrn: string }
  /** A thread any participant can address (Sales Navigator, backend, compose forms): the synced inbox knows who holds it. */
  | { kind: 'thread'; conversationUrn: string; backendUrn: string | null; salesNavThreadId: string | null }
  /** Nothing to go by (e.g. a backend message URN). */
  | { kind: 'unknown' };

/** Reads the mailbox owner out of a conversation or message URN (reference §0.4, §5.1). */
export function ownershipOf(urn: string): UrnOwnership {
  const owned = parseConversationUrn(urn) ?? parseMessageUrn(urn);
  if (owned) return { kind: 'mailbox', ownerUrn: owned.ownerUrn };
  if (urn.startsWith(SALES_NAV_THREAD) && urn.length > SALES_NAV_THREAD.length) {
    const id = urn.slice(SALES_NAV_THREAD.length);
    return { kind: 'thread', conversationUrn: urn, backendUrn: backendThreadUrn(id), salesNavThreadId: id };
  }
  if (urn.startsWith(URN_PREFIX.backendThread) || urn.startsWith(URN_PREFIX.fsdConversation)) {
    const id = threadIdOf(urn);
    if (id) return { kind: 'thread', conversationUrn: urn, backendUrn: backendThreadUrn(id), salesNavThreadId: id };
  }
  return { kind: 'unknown' };
}
