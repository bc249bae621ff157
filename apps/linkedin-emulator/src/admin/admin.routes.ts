import { backendMessageUrn, conversationUrn, messageIdOf, messageUrn, parseConversationUrn, threadIdOf } from '@threadline/linkedin/wire';
import type { EmulatorApp } from '../app';
import { parseFaultSpec } from '../faults/fault-injector';
import type { RequestContext } from '../protocol/http';
import { isRecord, jsonBody, sendJson } from '../protocol/http';
import { parseReplyScript } from '../people/reply-scripts';
import { summarizeAccount, validateScenario } from '../state/scenario';
import type { ScenarioInput } from '../state/scenario';
import type { StoredMessage, Thread } from '../state/types';

// Admin API (no LinkedIn auth): JSON in, JSON out; errors are {error} with a 4xx.

const fail = (ctx: RequestContext, status: number, error: string): void => sendJson(ctx.res, status, { error });

function accountsOf(app: EmulatorApp): unknown[] {
  return [...app.state.accounts.values()].map((a) => summarizeAccount(app.state, a));
}

function scenarioSummary(app: EmulatorApp): unknown {
  const s = app.state;
  return {
    accounts: accountsOf(app),
    members: [...s.members.values()].map((m) => ({
      ...m,
      connections: s.connectionsOf(m.profileId),
    })),
    threads: s.threads.size,
    messages: s.messages.size,
    replyScripts: app.scripts.list(),
    faults: app.faults.list(),
    now: s.now(),
  };
}

function messageInfo(app: EmulatorApp, msg: StoredMessage, mailbox: string): unknown {
  return {
    messageUrn: messageUrn(mailbox, msg.id),
    backendUrn: backendMessageUrn(msg.id),
    conversationUrn: conversationUrn(mailbox, msg.threadId),
    threadId: msg.threadId,
    sender: msg.sender,
    text: msg.text,
    deliveredAt: msg.deliveredAt,
  };
}

/** The thread a conversation URN, thread id or backend URN names. */
function threadFrom(app: EmulatorApp, ref: unknown): Thread | undefined {
  if (typeof ref !== 'string') return undefined;
  const id = parseConversationUrn(ref)?.id ?? threadIdOf(ref) ?? ref;
  return app.state.threads.get(id);
}

function memberReply(ctx: RequestContext, app: EmulatorApp, memberId: string): void {
  const s = app.state;
  const body = jsonBody(ctx) ?? {};
  if (!isRecord(body) || typeof body.text !== 'string' || !body.text) return fail(ctx, 400, 'text is required');
  if (!s.members.has(memberId)) return fail(ctx, 404, `unknown member ${memberId}`);
  let thread = threadFrom(app, body.conversationUrn ?? body.threadId);
  const accountId = typeof body.accountProfileId === 'string' ? body.accountProfileId : undefined;
  if (accountId && !s.accounts.has(accountId)) return fail(ctx, 404, `unknown account ${accountId}`);
  if (!thread && accountId) thread = s.findOneToOne(memberId, accountId) ?? s.createThread({ creator: memberId, participants: [accountId] });
  if (!thread) {
    thread = [...s.threads.values()]
      .filter((t) => t.participants.includes(memberId) && t.participants.some((p) => p !== memberId && s.accounts.has(p)))
      .sort((a, b) => b.lastActivityAt - a.lastActivityAt)[0];
  }
  if (!thread) return fail(ctx, 404, 'no thread between this member and an account; pass accountProfileId');
  if (!thread.participants.includes(memberId)) return fail(ctx, 400, 'member is not a participant of that conversation');
  const msg = s.postMessage({ threadId: thread.id, sender: memberId, text: body.text, origin: 'reply' });
  const mailbox = accountId ?? thread.participants.find((p) => p !== memberId && s.accounts.has(p)) ?? memberId;
  sendJson(ctx.res, 201, messageInfo(app, msg, mailbox));
}

/** A member reacts (or, with `remove: true`, unreacts) to a message by id or URN, as they would in their app. */
function memberReact(ctx: RequestContext, app: EmulatorApp, memberId: string): void {
  const s = app.state;
  const body = jsonBody(ctx) ?? {};
  if (!isRecord(body) || typeof body.emoji !== 'string' || !body.emoji.trim()) return fail(ctx, 400, 'emoji is required');
  if (!s.members.has(memberId)) return fail(ctx, 404, `unknown member ${memberId}`);
  const id = typeof body.messageUrn === 'string' ? messageIdOf(body.messageUrn) : typeof body.messageId === 'string' ? body.messageId : undefined;
  const msg = id ? s.messages.get(id) : undefined;
  if (!msg) return fail(ctx, 404, 'messageUrn or messageId names no message');
  if (!s.threads.get(msg.threadId)?.participants.includes(memberId)) return fail(ctx, 400, 'member is not a participant of that conversation');
  const changed = s.react(msg, memberId, body.emoji, body.remove !== true);
  sendJson(ctx.res, 200, { changed, reactions: msg.reactions });
}

function ownerSend(ctx: RequestContext, app: EmulatorApp, accountId: string): void {
  const s = app.state;
  const body = jsonBody(ctx) ?? {};
  if (!isRecord(body) || typeof body.text !== 'string' || !body.text) return fail(ctx, 400, 'text is required');
  if (!s.accounts.has(accountId)) return fail(ctx, 404, `unknown account ${accountId}`);
  let thread = threadFrom(app, body.conversationUrn ?? body.threadId);
  if (!thread) {
    const recipients = Array.isArray(body.recipientProfileIds) ? body.recipientProfileIds : typeof body.recipientProfileId === 'string' ? [body.recipientProfileId] : [];
    if (recipients.length === 0) return fail(ctx, 400, 'conversationUrn, recipientProfileId or recipientProfileIds is required');
    if (recipients.some((r) => typeof r !== 'string' || !s.members.has(r))) return fail(ctx, 404, 'unknown recipient');
    const ids = recipients as string[];
    thread = (ids.length === 1 ? s.findOneToOne(accountId, ids[0]) : undefined) ??
      s.createThread({ creator: accountId, participants: ids, title: typeof body.title === 'string' ? body.title : null });
  }
  if (!thread.participants.includes(accountId)) return fail(ctx, 400, 'account is not a participant of that conversation');
  const msg = s.postMessage({ threadId: thread.id, sender: accountId, text: body.text, origin: 'hand', originToken: s.mintUuid() });
  sendJson(ctx.res, 201, messageInfo(app, msg, accountId));
}

function patchAccount(ctx: RequestContext, app: EmulatorApp, accountId: string): void {
  const account = app.state.accounts.get(accountId);
  if (!account) return fail(ctx, 404, `unknown account ${accountId}`);
  const body = jsonBody(ctx);
  if (!isRecord(body)) return fail(ctx, 400, 'body must be a JSON object');
  for (const flag of ['expired', 'checkpoint', 'restricted'] as const) {
    if (body[flag] !== undefined) {
      if (typeof body[flag] !== 'boolean') return fail(ctx, 400, `${flag} must be a boolean`);
      account[flag] = body[flag];
    }
  }
  if (body.inmailCredits !== undefined) {
    if (typeof body.inmailCredits !== 'number' || body.inmailCredits < 0) return fail(ctx, 400, 'inmailCredits must be a non-negative number');
    account.inmailCredits = body.inmailCredits;
  }
  if (body.dailySendLimit !== undefined) {
    if (body.dailySendLimit !== null && typeof body.dailySendLimit !== 'number') return fail(ctx, 400, 'dailySendLimit must be a number or null');
    account.dailySendLimit = body.dailySendLimit;
  }
  if (body.premium !== undefined) {
    if (typeof body.premium !== 'boolean') return fail(ctx, 400, 'premium must be a boolean');
    account.premium = body.premium;
  }
  if (body.weeklyInvitationLimit !== undefined) {
    if (body.weeklyInvitationLimit !== null && typeof body.weeklyInvitationLimit !== 'number') return fail(ctx, 400, 'weeklyInvitationLimit must be a number or null');
    account.weeklyInvitationLimit = body.weeklyInvitationLimit;
  }
  if (body.limitStatus !== undefined) {
    if (body.limitStatus !== 429 && body.limitStatus !== 999) return fail(ctx, 400, 'limitStatus must be 429 or 999');
    account.limitStatus = body.limitStatus;
  }
  sendJson(ctx.res, 200, summarizeAccount(app.state, account));
}

/** The owner logs in again: LinkedIn issues new cookies and the old session is dead from now on. */
function login(ctx: RequestContext, app: EmulatorApp, accountId: string): void {
  const account = app.state.accounts.get(accountId);
  if (!account) return fail(ctx, 404, `unknown account ${accountId}`);
  account.liAt = app.state.mintLiAt();
  account.jsessionId = app.state.mintJsessionId();
  if (account.liA) account.liA = app.state.mintLiA();
  account.expired = false;
  app.hub.drop(accountId);
  sendJson(ctx.res, 200, summarizeAccount(app.state, account));
}

function threadsDump(ctx: RequestContext, app: EmulatorApp): void {
  const s = app.state;
  const account = ctx.query('account');
  const list = account ? s.threadsOf(account) : [...s.threads.values()];
  sendJson(ctx.res, 200, {
    threads: list.map((t) => ({
      id: t.id,
      participants: t.participants,
      title: t.title,
      inmail: t.inmail,
      state: t.state,
      salesNavigator: t.salesNavigator,
      lastActivityAt: t.lastActivityAt,
      views: Object.fromEntries(t.views),
      messages: s.messagesOf(t.id).map((m) => ({ ...m, renderContent: m.renderContent })),
    })),
  });
}

/** Handles `/__emulator/*`; documented in the README. */
export function handleAdmin(ctx: RequestContext, app: EmulatorApp): void {
  const [, resource, id, action] = ctx.segments;
  const m = ctx.method;
  const body = jsonBody(ctx);
  if (resource === 'health' && m === 'GET') return sendJson(ctx.res, 200, { ok: true, now: app.state.now() });
  if (resource === 'scenario' && m === 'GET') return sendJson(ctx.res, 200, scenarioSummary(app));
  if (resource === 'scenario' && m === 'POST') {
    const error = validateScenario(body);
    if (error) return fail(ctx, 400, error);
    try {
      app.load(body as ScenarioInput);
    } catch (e) {
      return fail(ctx, 400, (e as Error).message);
    }
    return sendJson(ctx.res, 200, scenarioSummary(app));
  }
  if (resource === 'reset' && m === 'POST') {
    app.reset();
    return sendJson(ctx.res, 200, scenarioSummary(app));
  }
  if (resource === 'members' && id && action === 'reply' && m === 'POST') return memberReply(ctx, app, id);
  if (resource === 'members' && id && action === 'react' && m === 'POST') return memberReact(ctx, app, id);
  if (resource === 'members' && id && action === 'scripts' && m === 'POST') {
    const spec = parseReplyScript({ ...(isRecord(body) ? body : {}), member: id });
    if (typeof spec === 'string') return fail(ctx, 400, spec);
    if (!app.state.members.has(id)) return fail(ctx, 404, `unknown member ${id}`);
    return sendJson(ctx.res, 201, app.scripts.add(spec));
  }
  if (resource === 'members' && id && action === 'invitation-response' && m === 'PUT') return setInvitationResponse(ctx, app, id, body);
  if (resource === 'members' && id && action === 'accept-invitation' && m === 'POST') {
    const from = isRecord(body) && typeof body.account === 'string' ? body.account : undefined;
    const pending = [...app.state.invitations.values()].find((i) => i.to === id && i.state === 'PENDING' && (!from || i.from === from));
    if (!pending) return fail(ctx, 404, `no pending invitation to ${id}`);
    app.state.acceptInvitation(pending.id);
    return sendJson(ctx.res, 200, { invitation: pending });
  }
  if (resource === 'invitations' && m === 'GET') {
    const account = ctx.query('account');
    return sendJson(ctx.res, 200, { invitations: [...app.state.invitations.values()].filter((i) => !account || i.from === account) });
  }
  if (resource === 'scripts' && m === 'DELETE') {
    app.scripts.clear();
    return sendJson(ctx.res, 200, { scripts: [] });
  }
  if (resource === 'accounts' && id && action === 'send' && m === 'POST') return ownerSend(ctx, app, id);
  if (resource === 'accounts' && id && !action && m === 'PATCH') return patchAccount(ctx, app, id);
  if (resource === 'accounts' && id && action === 'login' && m === 'POST') return login(ctx, app, id);
  if (resource === 'faults' && m === 'GET') return sendJson(ctx.res, 200, { faults: app.faults.list(), injected: app.faults.injected() });
  if (resource === 'faults' && m === 'POST') {
    const specs = isRecord(body) && Array.isArray(body.faults) ? body.faults : [body];
    const parsed = specs.map(parseFaultSpec);
    const bad = parsed.find((p) => typeof p === 'string');
    if (typeof bad === 'string') return fail(ctx, 400, bad);
    const rules = parsed.map((p) => app.faults.add(p as Exclude<typeof p, string>));
    // A drop fault also ends the streams that are open right now.
    for (const r of rules) if (r.kind === 'drop') app.faults.note('drop', app.hub.drop(r.account));
    return sendJson(ctx.res, 201, { faults: rules });
  }
  if (resource === 'faults' && m === 'DELETE') return sendJson(ctx.res, 200, { removed: app.faults.remove(id ?? ctx.query('id')) });
  if (resource === 'received' && m === 'GET') {
    const account = ctx.query('account');
    return sendJson(ctx.res, 200, { received: app.state.received.filter((r) => !account || r.account === account) });
  }
  if (resource === 'requests' && m === 'GET') return sendJson(ctx.res, 200, app.requests.toJSON());
  if (resource === 'requests' && m === 'DELETE') {
    app.requests.reset();
    return sendJson(ctx.res, 200, app.requests.toJSON());
  }
  if (resource === 'threads' && m === 'GET') return threadsDump(ctx, app);
  if (resource === 'clock' && m === 'POST') {
    if (!isRecord(body)) return fail(ctx, 400, 'body must be {advanceMs} or {now, freeze?} or {reset:true}');
    if (body.reset === true) app.clock.reset();
    else if (typeof body.advanceMs === 'number' && body.advanceMs >= 0) app.clock.advance(body.advanceMs);
    else if (typeof body.now === 'number') app.clock.set(body.now, body.freeze === true);
    else return fail(ctx, 400, 'body must be {advanceMs} or {now, freeze?} or {reset:true}');
    return sendJson(ctx.res, 200, { now: app.clock.now() });
  }
  return fail(ctx, 404, `no admin route ${m} ${ctx.path}`);
}

/** `PUT /__emulator/members/{id}/invitation-response` `{probability?, delayMs?}` (accepts) or `null` (never accepts). */
function setInvitationResponse(ctx: RequestContext, app: EmulatorApp, id: string, body: unknown): void {
  const member = app.state.members.get(id);
  if (!member) return fail(ctx, 404, `unknown member ${id}`);
  if (body === null || (isRecord(body) && body.never === true)) {
    member.invitationResponse = null;
    return sendJson(ctx.res, 200, { invitationResponse: null });
  }
  if (!isRecord(body)) return fail(ctx, 400, 'body must be {probability?, delayMs?} or {never:true}');
  const probability = body.probability ?? 1;
  const delayMs = body.delayMs ?? 0;
  if (typeof probability !== 'number' || probability < 0 || probability > 1) return fail(ctx, 400, 'probability must be within 0..1');
  if (typeof delayMs !== 'number' || delayMs < 0) return fail(ctx, 400, 'delayMs must be a non-negative number');
  member.invitationResponse = { probability, delayMs };
  return sendJson(ctx.res, 200, { invitationResponse: member.invitationResponse });
}
