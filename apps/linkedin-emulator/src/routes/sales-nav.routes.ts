import {
  ACTIONS,
  MESSAGE_VALIDATION_PLUGIN_ERROR,
  PATHS,
  SALES_NAV_INMAIL_CREDIT_GRANT,
  backendThreadUrn,
  conversationUrn,
  memberUrn,
  messageUrn,
  parseSalesProfileUrn,
  salesProfileUrn,
} from '@threadline/linkedin/wire';
import type { SalesNavMessage, SalesNavProfile, SalesNavThread } from '@threadline/linkedin/wire';
import type { EmulatorApp } from '../app';
import type { RequestContext } from '../protocol/http';
import { isRecord, jsonBody, sendEmpty, sendJson, sendStatus, wantsNormalized } from '../protocol/http';
import { profileIdOfSalesId, salesIdOf } from '../protocol/urn';
import type { Account, Thread } from '../state/types';
import { authed, isPost } from './route';
import type { Route } from './route';
import { refuseOverDailyLimit } from './send-guard';

const salesUrnOf = (profileId: string): string => salesProfileUrn({ profileId: salesIdOf(profileId), authType: 'NAME_SEARCH', authToken: 'emu' });

function validationError(ctx: RequestContext, message: string): void {
  sendJson(ctx.res, 400, { status: 400, code: MESSAGE_VALIDATION_PLUGIN_ERROR, message, serviceErrorCode: 100 });
}

function projectThread(app: EmulatorApp, thread: Thread, viewer: string, messageCount: number): SalesNavThread {
  const state = app.state;
  const view = thread.views.get(viewer)!;
  const all = state.messagesOf(thread.id);
  const first = all[all.length - 1];
  const messages: SalesNavMessage[] = all.slice(0, messageCount).map((m) => ({
    id: m.id,
    type: thread.inmail && m === first ? 'INMAIL' : 'MESSAGE',
    contentFlag: 'NONE',
    deliveredAt: m.deliveredAt,
    subject: m.subject,
    body: m.renderFormat === 'RECALLED' ? '' : m.text,
    footerText: null,
    blockCopy: false,
    attachments: [],
    author: salesUrnOf(m.sender),
  }));
  const participants = thread.participants.map(salesUrnOf);
  const resolved: Record<string, SalesNavProfile> = {};
  for (const p of thread.participants) {
    const m = state.member(p)!;
    resolved[salesUrnOf(p)] = {
      entityUrn: salesUrnOf(p),
      firstName: m.firstName,
      lastName: m.lastName,
      fullName: `${m.firstName} ${m.lastName}`,
      degree: Math.min(state.degree(viewer, p), 3),
      objectUrn: memberUrn(m.memberId),
      inmailRestriction: m.inmailRestriction,
    };
  }
  return {
    id: thread.id,
    restrictions: [],
    archived: view.archived,
    unreadMessageCount: view.unreadCount,
    nextPageStartsAt: thread.lastActivityAt - 1,
    totalMessageCount: all.length,
    messages,
    participants,
    participantsResolutionResults: resolved,
  };
}

function salesThread(app: EmulatorApp, account: Account, threadId: string | undefined): Thread | undefined {
  const t = threadId ? app.state.threads.get(threadId) : undefined;
  return t && t.salesNavigator && t.views.has(account.profileId) ? t : undefined;
}

function answerValue(ctx: RequestContext, value: unknown): void {
  if (wantsNormalized(ctx)) sendJson(ctx.res, 200, { data: { value }, included: [] });
  else sendJson(ctx.res, 200, { value });
}

function createMessage(ctx: RequestContext, app: EmulatorApp, account: Account): void {
  const state = app.state;
  const me = account.profileId;
  const body = jsonBody(ctx);
  const req = isRecord(body) && isRecord(body.createMessageRequest) ? body.createMessageRequest : undefined;
  if (!req || typeof req.body !== 'string' || req.body.length === 0) return sendStatus(ctx.res, 400);
  if (req.subject !== undefined && typeof req.subject !== 'string') return sendStatus(ctx.res, 400);
  const subject = (req.subject as string | undefined) ?? null;
  let thread: Thread | undefined;
  let inmail = false;
  if (typeof req.threadId === 'string') {
    thread = salesThread(app, account, req.threadId);
    if (!thread) return sendStatus(ctx.res, 404);
    if (thread.inmail && thread.state === 'PENDING' && thread.creator === me) {
      return validationError(ctx, 'You cannot send another InMail to this member until they reply.');
    }
  } else if (Array.isArray(req.recipients) && req.recipients.length === 1 && typeof req.recipients[0] === 'string') {
    const parts = parseSalesProfileUrn(req.recipients[0]);
    const recipient = parts ? profileIdOfSalesId(parts.profileId) : undefined;
    if (!recipient || !state.members.has(recipient) || recipient === me) return sendStatus(ctx.res, 400);
    const existing = state.findOneToOne(me, recipient);
    if (state.degree(me, recipient) === 1 || (existing && !(existing.inmail && existing.state === 'PENDING'))) {
      thread = existing;
    } else {
      if (existing) return validationError(ctx, 'You cannot send another InMail to this member until they reply.');
      if (state.member(recipient)!.inmailRestriction) return validationError(ctx, 'This member does not accept InMail.');
      if (account.inmailCredits <= 0) return validationError(ctx, 'You have used all of your InMail credits.');
      if (!subject) return sendStatus(ctx.res, 400);
      inmail = true;
    }
    if (refuseOverDailyLimit(ctx, app, account)) return;
    if (inmail) account.inmailCredits -= 1;
    thread ??= state.createThread({ creator: me, participants: [recipient], inmail, salesNavigator: true });
    thread.salesNavigator = true;
  } else {
    return sendStatus(ctx.res, 400);
  }
  if (!inmail && refuseOverDailyLimit(ctx, app, account)) return;
  const target = thread;
  const afterReply = state.messagesOf(target.id).some((m) => m.sender !== me);
  const msg = state.postMessage({
    threadId: target.id,
    sender: me,
    text: req.body,
    subject,
    originToken: null,
    renderContent: inmail ? [{ kind: 'hostUrnData', type: 'SALES_INMAIL', hostUrn: `urn:li:fs_salesInmail:${target.id}` }] : [],
    origin: 'salesNav',
  });
  state.countSend(me);
  state.received.push({
    account: me,
    route: 'salesNavCreateMessage',
    originToken: null,
    trackingId: typeof req.trackingId === 'string' ? req.trackingId : '',
    recipients: target.participants.filter((p) => p !== me),
    conversationUrn: conversationUrn(me, target.id),
    backendConversationUrn: backendThreadUrn(target.id),
    messageUrn: messageUrn(me, msg.id),
    text: msg.text,
    subject,
    inmail,
    afterReply,
    deliveredAt: msg.deliveredAt,
  });
  answerValue(ctx, { messageId: msg.id, threadId: target.id });
}

export const salesNavRoutes: Route[] = [
  authed({
    name: 'salesNavProfile',
    request: 'GET /sales-api/salesApiProfiles/(profileId:<ACoAA member id | ACwAA sales id>,authType:NAME_SEARCH[,authToken:…])?decoration=(…)',
    answer: '`{entityUrn:"urn:li:fs_salesProfile:(ACwAA…,NAME_SEARCH,<token>)",objectUrn,firstName,lastName,fullName,flagshipProfileUrl,inmailRestriction}`, normalized under `data`; 404 for an unknown member; needs `li_a`',
    group: 'salesNav',
    auth: 'salesNav',
    match: (ctx) => ctx.method === 'GET' && ctx.segments.length === 3 && `/${ctx.segments.slice(0, 2).join('/')}` === PATHS.salesProfiles,
    handle: (ctx, app) => {
      const id = /^\(profileId:([^,()]+)(,|\))/.exec(ctx.segments[2] ?? '')?.[1];
      if (!id) return sendStatus(ctx.res, 400);
      const member = app.state.member(profileIdOfSalesId(id));
      if (!member) return sendStatus(ctx.res, 404);
      const value = {
        entityUrn: salesUrnOf(member.profileId),
        objectUrn: memberUrn(member.memberId),
        firstName: member.firstName,
        lastName: member.lastName,
        fullName: `${member.firstName} ${member.lastName}`,
        flagshipProfileUrl: `https://www.linkedin.com/in/${member.publicIdentifier}`,
        inmailRestriction: member.inmailRestriction,
      };
      sendJson(ctx.res, 200, wantsNormalized(ctx) ? { data: value, included: [] } : value);
    },
  }),
  authed({
    name: 'salesNavThreads',
    request: "GET /sales-api/salesApiMessagingThreads?q=filter&filter=INBOX|SENT|ARCHIVED&pageStartsAt=<ms>&count=",
    answer: "threads, shapes from wire `sales-navigator.ts`; needs `li_a`",
    group: 'salesNav',
    auth: 'salesNav',
    match: (ctx) => ctx.method === 'GET' && ctx.path === PATHS.salesThreads,
    handle: (ctx, app, account) => {
      const pageStartsAt = Number(ctx.query('pageStartsAt'));
      if (ctx.query('q') !== 'filter' || !Number.isFinite(pageStartsAt)) return sendStatus(ctx.res, 400);
      const filter = ctx.query('filter') ?? 'INBOX';
      const count = Math.min(Number(ctx.query('count') ?? 20) || 20, 100);
      const me = account.profileId;
      const list = app.state
        .threadsOf(me)
        .filter((t) => t.salesNavigator && t.lastActivityAt <= pageStartsAt)
        .filter((t) => {
          const archived = t.views.get(me)!.archived;
          if (filter === 'ARCHIVED') return archived;
          if (filter === 'SENT') return !archived && app.state.messagesOf(t.id).some((m) => m.sender === me);
          return !archived;
        });
      const page = list.slice(0, count).map((t) => projectThread(app, t, me, Number(ctx.query('messageCount') ?? 1) || 1));
      sendJson(ctx.res, 200, { elements: page, paging: { start: 0, count, total: list.length }, metadata: {} });
    },
  }),
  authed({
    name: 'salesNavThread',
    request: "GET /sales-api/salesApiMessagingThreads/<threadId>",
    answer: "one thread; needs `li_a`",
    group: 'salesNav',
    auth: 'salesNav',
    match: (ctx) => ctx.method === 'GET' && ctx.segments.length === 3 && `/${ctx.segments.slice(0, 2).join('/')}` === PATHS.salesThreads,
    handle: (ctx, app, account) => {
      const thread = salesThread(app, account, ctx.segments[2]);
      if (!thread) return sendStatus(ctx.res, 404);
      sendJson(ctx.res, 200, projectThread(app, thread, account.profileId, Number(ctx.query('messageCount') ?? 10) || 10));
    },
  }),
  authed({
    name: 'salesNavMarkRead',
    request: "POST /sales-api/salesApiMessagingThreads/<threadId>?action=markAsRead|markAsUnread",
    answer: "200; needs `li_a`",
    group: 'salesNav',
    auth: 'salesNav',
    match: (ctx) =>
      ctx.method === 'POST' &&
      ctx.segments.length === 3 &&
      `/${ctx.segments.slice(0, 2).join('/')}` === PATHS.salesThreads &&
      (ctx.query('action') === ACTIONS.markAsRead || ctx.query('action') === ACTIONS.markAsUnread),
    handle: (ctx, app, account) => {
      const thread = salesThread(app, account, ctx.segments[2]);
      if (!thread) return sendStatus(ctx.res, 404);
      app.state.setRead(thread, account.profileId, ctx.query('action') === ACTIONS.markAsRead);
      sendEmpty(ctx.res, 200);
    },
  }),
  authed({
    name: 'salesNavCreateMessage',
    request: "POST /sales-api/salesApiMessageActions?action=createMessage {createMessageRequest}",
    answer: "`{value:{messageId,threadId}}`; an InMail spends a credit; needs `li_a`",
    group: 'salesNav',
    auth: 'salesNav',
    match: (ctx) => isPost(ctx, PATHS.salesMessageActions, ACTIONS.createMessage),
    handle: createMessage,
  }),
  authed({
    name: 'salesNavCredits',
    request: "GET /sales-api/salesApiCredits?q=findCreditGrant&creditGrantType=LSS_INMAIL",
    answer: "`{elements:[{creditGrantType,value,remaining,nextGrantAt}]}`; needs `li_a`",
    group: 'salesNav',
    auth: 'salesNav',
    match: (ctx) => ctx.method === 'GET' && ctx.path === PATHS.salesCredits,
    handle: (ctx, app, account) => {
      if (ctx.query('q') !== 'findCreditGrant') return sendStatus(ctx.res, 400);
      const now = new Date(app.state.now());
      const nextGrantAt = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
      sendJson(ctx.res, 200, {
        elements: [{ creditGrantType: SALES_NAV_INMAIL_CREDIT_GRANT, value: account.inmailCredits, remaining: account.inmailCredits, nextGrantAt }],
        paging: { start: 0, count: 1, total: 1 },
      });
    },
  }),
];
