import {
  ANSWER_FIELDS,
  COLLECTION_RESPONSE_TYPE,
  MAX_CONVERSATION_PAGE,
  PATHS,
  QUERY_NAMES,
  SDK_BUSINESS_LOGIC,
  conversationUrn,
  parseConversationUrn,
  parseRestli,
  profileIdOf,
  queryNameOf,
} from '@threadline/linkedin/wire';
import type { RestliParsed } from '@threadline/linkedin/wire';
import type { EmulatorApp } from '../app';
import type { RequestContext } from '../protocol/http';
import { sendJson, sendStatus, wantsNormalized } from '../protocol/http';
import { normalize } from '../protocol/normalize';
import { profileIdOfAny } from '../protocol/urn';
import { projectConversation, projectMessage, projectParticipant } from '../state/projection';
import { visibleMessage } from './messages.routes';
import type { EmulatorState } from '../state/emulator-state';
import type { Account, StoredMessage, Thread } from '../state/types';
import { authed } from './route';
import type { Route } from './route';

type Vars = { [key: string]: RestliParsed };

class BadRequest extends Error {
  constructor(readonly status = 400) {
    super(`status ${status}`);
  }
}

const str = (v: RestliParsed | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: RestliParsed | undefined, fallback: number): number => {
  if (v === undefined) return fallback;
  const n = Number(str(v));
  if (!Number.isFinite(n)) throw new BadRequest();
  return n;
};

// Opaque, URL-safe tokens: clients send them raw or form-encoded, both must round-trip.
export const encodeSyncToken = (seq: number): string => Buffer.from(`emu-sync:${seq}`).toString('base64url');
export function decodeSyncToken(token: string): number | undefined {
  const m = /^emu-sync:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : undefined;
}
const encodeCursor = (t: number, id: string): string => Buffer.from(JSON.stringify([t, id])).toString('base64url');
function decodeCursor(cursor: string): [number, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'string') return [v[0], v[1]];
  } catch {
    // fall through
  }
  throw new BadRequest();
}

// Sort order is (time desc, id desc); "older" means strictly after a position in that order.
const olderThan = (t: number, id: string, ct: number, cid: string): boolean => t < ct || (t === ct && id < cid);

function collection(elements: unknown[], metadata: Record<string, unknown> | undefined, recipe: string): Record<string, unknown> {
  return { _type: COLLECTION_RESPONSE_TYPE, _recipeType: recipe, elements, ...(metadata ? { metadata } : {}) };
}

function answer(ctx: RequestContext, field: string, value: unknown, errors?: unknown[]): void {
  const data = { _type: 'com.linkedin.graphql.GraphQLResponse', _recipeType: 'com.linkedin.messenger.deco.graphql.Query', [field]: value };
  if (wantsNormalized(ctx)) {
    const n = normalize({ data });
    sendJson(ctx.res, 200, { data: n.data, included: n.included, ...(errors ? { errors } : {}) });
    return;
  }
  sendJson(ctx.res, 200, { data, ...(errors ? { errors } : {}) });
}

function pageTooLarge(ctx: RequestContext, field: string, count: number): void {
  answer(ctx, field, null, [
    {
      message: `Requested count ${count} exceeds the maximum of ${MAX_CONVERSATION_PAGE}`,
      extensions: { classification: SDK_BUSINESS_LOGIC, code: SDK_BUSINESS_LOGIC },
      path: [field],
    },
  ]);
}

function requireMailbox(vars: Vars, account: Account): void {
  const mailbox = str(vars.mailboxUrn);
  if (!mailbox) throw new BadRequest();
  if (profileIdOf(mailbox) !== account.profileId) throw new BadRequest(403);
}

function threadOf(state: EmulatorState, urn: string | undefined, account: Account): Thread | undefined {
  if (!urn) throw new BadRequest();
  const parsed = parseConversationUrn(urn);
  if (!parsed) throw new BadRequest();
  if (profileIdOf(parsed.ownerUrn) !== account.profileId) throw new BadRequest(403);
  const t = state.threads.get(parsed.id);
  return t && t.views.has(account.profileId) ? t : undefined;
}

function conversations(ctx: RequestContext, app: EmulatorApp, account: Account, vars: Vars): void {
  const state = app.state;
  const me = account.profileId;
  const proj = (t: Thread): unknown => projectConversation(state, t, me, { baseUrl: ctx.baseUrl });
  const recipe = 'com.linkedin.messenger.deco.graphql.Conversation';

  if (vars.conversationIds !== undefined) {
    const ids = Array.isArray(vars.conversationIds) ? vars.conversationIds : [vars.conversationIds];
    const found = ids.map((u) => threadOf(state, str(u), account)).filter((t): t is Thread => t !== undefined);
    answer(ctx, ANSWER_FIELDS.conversationsByIds, found.map(proj));
    return;
  }
  if (vars.recipients !== undefined) {
    requireMailbox(vars, account);
    const ids = (Array.isArray(vars.recipients) ? vars.recipients : [vars.recipients]).map((r) => profileIdOfAny(str(r) ?? ''));
    if (ids.some((id) => !id)) throw new BadRequest();
    const wanted = new Set([me, ...(ids as string[])]);
    const match = state
      .threadsOf(me)
      .filter((t) => t.participants.length === wanted.size && t.participants.every((p) => wanted.has(p)));
    answer(ctx, ANSWER_FIELDS.conversationsByRecipients, collection(match.slice(0, 1).map(proj), undefined, recipe));
    return;
  }
  if (vars.query !== undefined || vars.lastUpdatedBefore !== undefined || vars.nextCursor !== undefined || vars.count !== undefined) {
    requireMailbox(vars, account);
    const count = num(vars.count, MAX_CONVERSATION_PAGE);
    if (count > MAX_CONVERSATION_PAGE) return pageTooLarge(ctx, ANSWER_FIELDS.conversationsByCategory, count);
    const categories = categoriesOf(vars.query);
    let list = state.threadsOf(me).filter((t) => {
      const cats = t.views.get(me)!.categories;
      return categories.length === 0 ? cats.includes('INBOX') : categories.some((c) => cats.includes(c));
    });
    const cursor = str(vars.nextCursor);
    if (cursor) {
      const [ct, cid] = decodeCursor(cursor);
      list = list.filter((t) => olderThan(t.lastActivityAt, t.id, ct, cid));
    }
    if (vars.lastUpdatedBefore !== undefined) {
      const before = num(vars.lastUpdatedBefore, 0);
      list = list.filter((t) => t.lastActivityAt < before);
    }
    const page = list.slice(0, count);
    const last = page[page.length - 1];
    // Both end signals of §5.3: a page past the end has no elements and no cursor.
    answer(ctx, ANSWER_FIELDS.conversationsByCategory, collection(page.map(proj), { nextCursor: last ? encodeCursor(last.lastActivityAt, last.id) : null }, recipe));
    return;
  }
  requireMailbox(vars, account);
  const token = str(vars.syncToken);
  const since = token === undefined ? undefined : decodeSyncToken(token);
  const newSyncToken = encodeSyncToken(state.currentSeq);
  if (since === undefined) {
    answer(
      ctx,
      ANSWER_FIELDS.conversationsBySyncToken,
      collection(state.threadsOf(me).map(proj), { newSyncToken, deletedUrns: [], shouldClearCache: token !== undefined }, recipe),
    );
    return;
  }
  const changed = state.threadsOf(me).filter((t) => t.views.get(me)!.changeSeq > since);
  const deletedUrns = state.deletions
    .filter((d) => d.mailbox === me && d.seq > since && state.threads.get(d.threadId)?.views.get(me)?.deleted)
    .map((d) => ({ message: null, conversation: { entityUrn: conversationUrn(me, d.threadId) } }));
  answer(ctx, ANSWER_FIELDS.conversationsBySyncToken, collection(changed.map(proj), { newSyncToken, deletedUrns, shouldClearCache: false }, recipe));
}

function categoriesOf(query: RestliParsed | undefined): string[] {
  if (query === undefined || typeof query === 'string' || Array.isArray(query)) return [];
  const unions = query.predicateUnions;
  const list = Array.isArray(unions) ? unions : unions ? [unions] : [];
  const out: string[] = [];
  for (const u of list) {
    if (typeof u !== 'object' || Array.isArray(u)) continue;
    const pred = u.conversationCategoryPredicate;
    if (pred && typeof pred === 'object' && !Array.isArray(pred) && typeof pred.category === 'string') out.push(pred.category);
  }
  return out;
}

function messages(ctx: RequestContext, app: EmulatorApp, account: Account, vars: Vars): void {
  const state = app.state;
  const me = account.profileId;
  const thread = threadOf(state, str(vars.conversationUrn), account);
  const all: StoredMessage[] = thread ? state.messagesOf(thread.id) : [];
  const proj = (m: StoredMessage): unknown => projectMessage(state, m, me, { baseUrl: ctx.baseUrl });
  const recipe = 'com.linkedin.messenger.deco.graphql.Message';
  const cursorOf = (m: StoredMessage | undefined): string | null => (m ? encodeCursor(m.deliveredAt, m.id) : null);

  if (vars.deliveredAt !== undefined) {
    const anchor = num(vars.deliveredAt, 0);
    const before = all.filter((m) => m.deliveredAt <= anchor).slice(0, num(vars.countBefore, 20));
    const after = all.filter((m) => m.deliveredAt > anchor).reverse().slice(0, num(vars.countAfter, 0)).reverse();
    const page = [...after, ...before];
    answer(
      ctx,
      ANSWER_FIELDS.messagesByAnchorTimestamp,
      collection(page.map(proj), { prevCursor: cursorOf(before[before.length - 1]), nextCursor: cursorOf(page[0]) }, recipe),
    );
    return;
  }
  if (vars.prevCursor !== undefined || vars.count !== undefined) {
    let list = all;
    const cursor = str(vars.prevCursor);
    if (cursor) {
      const [ct, cid] = decodeCursor(cursor);
      list = list.filter((m) => olderThan(m.deliveredAt, m.id, ct, cid));
    }
    const page = list.slice(0, num(vars.count, 20));
    answer(ctx, ANSWER_FIELDS.messagesByConversation, collection(page.map(proj), { prevCursor: cursorOf(page[page.length - 1]) }, recipe));
    return;
  }
  const token = str(vars.syncToken);
  const since = token === undefined ? undefined : decodeSyncToken(token);
  const list = since === undefined ? all : all.filter((m) => m.changeSeq > since);
  answer(
    ctx,
    ANSWER_FIELDS.messagesBySyncToken,
    collection(list.map(proj), { newSyncToken: encodeSyncToken(state.currentSeq), deletedUrns: [], shouldClearCache: token !== undefined && since === undefined }, recipe),
  );
}

/** `messengerMessagingParticipants` with `(messageUrn,emoji)`: who reacted with that emoji, in reaction order. */
function reactors(ctx: RequestContext, app: EmulatorApp, account: Account, vars: Vars): void {
  const emoji = str(vars.emoji);
  if (!emoji) throw new BadRequest();
  const found = visibleMessage(app, account, str(vars.messageUrn));
  if (typeof found === 'number') throw new BadRequest(found);
  const actors = found.reactions.filter((r) => r.emoji === emoji).map((r) => projectParticipant(app.state, r.actor, account.profileId));
  answer(ctx, ANSWER_FIELDS.participantsByMessageAndEmoji, collection(actors, undefined, 'com.linkedin.messenger.deco.graphql.MessagingParticipant'));
}

export const messagingGraphqlRoutes: Route[] = [
  authed({
    name: 'graphql',
    request: "GET /voyager/api/voyagerMessagingGraphQL/graphql?queryId=<name>.<any hash>&variables=(…)",
    answer: "dispatched on the query name (`messengerConversations`, `messengerMessages`, `messengerMessagingParticipants`) and the set of variables (below); another name → 400",
    auth: 'session',
    match: (ctx) => ctx.method === 'GET' && ctx.path === PATHS.messagingGraphql,
    handle: (ctx, app, account) => {
      const queryId = ctx.query('queryId');
      const rawVars = ctx.raw.get('variables');
      if (!queryId || rawVars === undefined) return sendStatus(ctx.res, 400);
      let vars: Vars;
      try {
        const parsed = parseRestli(rawVars);
        if (typeof parsed !== 'object' || Array.isArray(parsed)) return sendStatus(ctx.res, 400);
        vars = parsed;
      } catch {
        return sendStatus(ctx.res, 400);
      }
      try {
        const name = queryNameOf(queryId);
        if (name === QUERY_NAMES.conversations) return conversations(ctx, app, account, vars);
        if (name === QUERY_NAMES.messages) return messages(ctx, app, account, vars);
        if (name === QUERY_NAMES.messagingParticipants) return reactors(ctx, app, account, vars);
        return sendStatus(ctx.res, 400);
      } catch (e) {
        if (e instanceof BadRequest) return sendStatus(ctx.res, e.status);
        throw e;
      }
    },
  }),
];
