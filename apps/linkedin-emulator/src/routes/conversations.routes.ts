import { ACTIONS, PATHS, parseConversationUrn, parseRestli, profileIdOf } from '@threadline/linkedin/wire';
import type { EmulatorApp } from '../app';
import type { RequestContext } from '../protocol/http';
import { isRecord, jsonBody, sendEmpty, sendJson, sendStatus } from '../protocol/http';
import { profileIdOfAny } from '../protocol/urn';
import type { Account, Thread } from '../state/types';
import { authed, isPost } from './route';
import type { Route } from './route';

/** The thread of a conversation URN in the caller's own mailbox; else the status to answer. */
export function ownThread(app: EmulatorApp, account: Account, urn: unknown): Thread | number {
  if (typeof urn !== 'string') return 400;
  const parsed = parseConversationUrn(urn);
  if (!parsed) return 400;
  if (profileIdOf(parsed.ownerUrn) !== account.profileId) return 403;
  const thread = app.state.threads.get(parsed.id);
  if (!thread || !thread.views.has(account.profileId)) return 404;
  return thread;
}

const isConversationKeyPath = (ctx: RequestContext): boolean =>
  ctx.segments.length === 4 && `/${ctx.segments.slice(0, 3).join('/')}` === PATHS.conversations;

function batchRead(ctx: RequestContext, app: EmulatorApp, account: Account): void {
  let keys: string[];
  try {
    const parsed = parseRestli(ctx.raw.get('ids') ?? '');
    if (!Array.isArray(parsed) || parsed.some((k) => typeof k !== 'string')) return sendStatus(ctx.res, 400);
    keys = parsed as string[];
  } catch {
    return sendStatus(ctx.res, 400);
  }
  const body = jsonBody(ctx);
  if (!isRecord(body) || !isRecord(body.entities)) return sendStatus(ctx.res, 400);
  const results: Record<string, { status: number }> = {};
  const errors: Record<string, unknown> = {};
  for (const key of keys) {
    const entity = body.entities[key];
    const set = isRecord(entity) && isRecord(entity.patch) && isRecord(entity.patch.$set) ? entity.patch.$set : undefined;
    if (!set || typeof set.read !== 'boolean') {
      errors[key] = { status: 400, message: 'missing patch for key' };
      continue;
    }
    const thread = ownThread(app, account, key);
    if (typeof thread === 'number') {
      errors[key] = { status: thread, message: 'conversation not found' };
      continue;
    }
    app.state.setRead(thread, account.profileId, set.read);
    results[key] = { status: 204 };
  }
  sendJson(ctx.res, 200, { results, errors });
}

export const conversationsRoutes: Route[] = [
  authed({
    name: 'markRead',
    request: "POST /voyager/api/voyagerMessagingDashMessengerConversations?ids=List(<enc urn>,…) {entities:{urn:{patch:{$set:{read}}}}}",
    answer: "200 `{\"results\":{urn:{\"status\":204}},\"errors\":{}}`",
    auth: 'session',
    match: (ctx) => ctx.method === 'POST' && ctx.path === PATHS.conversations && ctx.raw.has('ids'),
    handle: batchRead,
  }),
  authed({
    name: 'typing',
    request: "POST …MessengerConversations?action=typing {conversationUrn}",
    answer: "202, no body; other participants get a `typingIndicatorsTopic` event",
    auth: 'session',
    match: (ctx) => isPost(ctx, PATHS.conversations, ACTIONS.typing),
    handle: (ctx, app, account) => {
      const body = jsonBody(ctx);
      const thread = ownThread(app, account, isRecord(body) ? body.conversationUrn : undefined);
      if (typeof thread === 'number') return sendStatus(ctx.res, thread);
      app.state.events.emit('typing', thread, account.profileId);
      sendEmpty(ctx.res, 202);
    },
  }),
  authed({
    name: 'participants',
    request: "POST …MessengerConversations?action=addParticipants|removeParticipants {conversationUrn,participants}",
    answer: "200",
    auth: 'session',
    match: (ctx) => isPost(ctx, PATHS.conversations, ACTIONS.addParticipants) || isPost(ctx, PATHS.conversations, ACTIONS.removeParticipants),
    handle: (ctx, app, account) => {
      const body = jsonBody(ctx);
      if (!isRecord(body) || !Array.isArray(body.participants)) return sendStatus(ctx.res, 400);
      const thread = ownThread(app, account, body.conversationUrn);
      if (typeof thread === 'number') return sendStatus(ctx.res, thread);
      const adding = ctx.query('action') === ACTIONS.addParticipants;
      // add takes fsd_profile URNs, remove takes msg_messagingParticipant URNs (§5.11).
      const ids = body.participants.map((p) =>
        typeof p !== 'string' ? undefined : adding ? (p.startsWith('urn:li:fsd_profile:') ? profileIdOf(p) : undefined) : p.startsWith('urn:li:msg_messagingParticipant:') ? profileIdOfAny(p) : undefined,
      );
      if (ids.some((id) => !id || !app.state.members.has(id))) return sendStatus(ctx.res, 400);
      for (const id of ids as string[]) {
        if (adding && !thread.participants.includes(id)) {
          thread.participants.push(id);
          const template = thread.views.get(account.profileId)!;
          thread.views.set(id, { ...template, read: true, unreadCount: 0, lastReadAt: null, deleted: false });
        } else if (!adding) {
          thread.participants = thread.participants.filter((p) => p !== id);
          thread.views.delete(id);
        }
      }
      thread.groupChat = thread.groupChat || thread.participants.length > 2;
      app.state.touchThread(thread);
      sendEmpty(ctx.res, 200);
    },
  }),
  authed({
    name: 'conversation',
    request: "POST …MessengerConversations/<key> {patch:{$set:{title|read}}}; DELETE …MessengerConversations/<key>",
    answer: "204",
    auth: 'session',
    match: (ctx) => (ctx.method === 'POST' || ctx.method === 'DELETE') && isConversationKeyPath(ctx),
    handle: (ctx, app, account) => {
      const thread = ownThread(app, account, ctx.segments[3]);
      if (typeof thread === 'number') return sendStatus(ctx.res, thread);
      if (ctx.method === 'DELETE') {
        app.state.deleteForMailbox(thread, account.profileId);
        return sendEmpty(ctx.res, 204);
      }
      const body = jsonBody(ctx);
      const set = isRecord(body) && isRecord(body.patch) && isRecord(body.patch.$set) ? body.patch.$set : undefined;
      if (!set) return sendStatus(ctx.res, 400);
      if (typeof set.title === 'string') thread.title = set.title;
      if (typeof set.read === 'boolean') app.state.setRead(thread, account.profileId, set.read);
      app.state.touchThread(thread);
      sendEmpty(ctx.res, 204);
    },
  }),
  authed({
    name: 'markAllSeen',
    request: "POST /voyager/api/voyagerMessagingDashMessagingBadge?action=markAllMessagesAsSeen {until}",
    answer: "200, empty",
    auth: 'session',
    match: (ctx) => isPost(ctx, PATHS.badge, ACTIONS.markAllMessagesAsSeen),
    handle: (ctx, app, account) => {
      const body = jsonBody(ctx);
      const until = isRecord(body) && typeof body.until === 'number' ? body.until : app.state.now();
      account.badgeSeenUntil = Math.max(account.badgeSeenUntil, until);
      sendEmpty(ctx.res, 200);
    },
  }),
  authed({
    name: 'badge',
    request: "GET /voyager/api/voyagerMessagingDashMessagingBadge",
    answer: "`{count}`",
    auth: 'session',
    match: (ctx) => ctx.method === 'GET' && ctx.path === PATHS.badge,
    handle: (ctx, app, account) => {
      const me = account.profileId;
      const count = app.state
        .threadsOf(me)
        .filter((t) => !t.views.get(me)!.read && t.lastActivityAt > account.badgeSeenUntil).length;
      sendJson(ctx.res, 200, { count });
    },
  }),
  authed({
    name: 'deliveryAck',
    request: "POST /voyager/api/voyagerMessagingDashMessengerMessageDeliveryAcknowledgements?action=sendDeliveryAcknowledgement",
    answer: "200, empty",
    auth: 'session',
    match: (ctx) => isPost(ctx, PATHS.deliveryAcks, ACTIONS.sendDeliveryAcknowledgement),
    handle: (ctx) => sendEmpty(ctx.res, 200),
  }),
];
