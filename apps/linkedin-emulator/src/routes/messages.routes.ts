import {
  ACTIONS,
  LINKEDIN_BODY_CODES,
  NOT_CONNECTED_CODE,
  NOT_CONNECTED_STATUS,
  PATHS,
  backendMessageUrn,
  backendThreadUrn,
  conversationUrn,
  messageIdOf,
  messageUrn,
  parseConversationUrn,
  parseMessageUrn,
  participantUrn,
  profileIdOf,
} from '@threadline/linkedin/wire';
import type { EmulatorApp } from '../app';
import type { RequestContext } from '../protocol/http';
import { isRecord, jsonBody, sendEmpty, sendJson, sendStatus, wantsNormalized } from '../protocol/http';
import { profileIdOfAny } from '../protocol/urn';
import type { Account, StoredMessage, StoredRenderContent, Thread } from '../state/types';
import { isPost, authed } from './route';
import type { Route } from './route';
import { isValidTrackingId, refuseOverDailyLimit } from './send-guard';

const ASSET = /^urn:li:digitalmediaAsset:(.+)$/;

/** renderContentUnions → stored content; undefined when an element is malformed or names an unknown asset. */
function parseRenderContent(app: EmulatorApp, input: unknown): StoredRenderContent[] | undefined {
  if (input === undefined) return [];
  if (!Array.isArray(input)) return undefined;
  const out: StoredRenderContent[] = [];
  for (const u of input) {
    if (!isRecord(u)) return undefined;
    const assetOf = (urn: unknown): string | undefined => {
      const id = typeof urn === 'string' ? ASSET.exec(urn)?.[1] : undefined;
      return id && app.state.assets.has(id) ? id : undefined;
    };
    if (isRecord(u.file)) {
      const id = assetOf(u.file.assetUrn);
      if (!id) return undefined;
      out.push({ kind: 'file', assetId: id });
    } else if (isRecord(u.audio)) {
      const id = assetOf(u.audio.assetUrn);
      if (!id) return undefined;
      out.push({ kind: 'audio', assetId: id, duration: typeof u.audio.duration === 'number' ? u.audio.duration : null });
    } else if (isRecord(u.video)) {
      const id = assetOf(u.video.media);
      if (!id) return undefined;
      out.push({ kind: 'video', assetId: id });
    } else if (isRecord(u.repliedMessageContent)) {
      const id = typeof u.repliedMessageContent.originalMessageUrn === 'string' ? messageIdOf(u.repliedMessageContent.originalMessageUrn) : undefined;
      if (!id || !app.state.messages.has(id)) return undefined;
      out.push({ kind: 'replied', messageId: id });
    } else {
      return undefined;
    }
  }
  return out;
}

function notConnected(ctx: RequestContext): void {
  sendJson(ctx.res, NOT_CONNECTED_STATUS, {
    status: NOT_CONNECTED_STATUS,
    code: NOT_CONNECTED_CODE,
    message: 'You can only message your 1st-degree connections, fellow group members, Open Profiles, or via InMail.',
  });
}

/** An InMail sender can't write again until the recipient answers. */
export function inmailPendingFor(thread: Thread, sender: string): boolean {
  return thread.inmail && thread.state === 'PENDING' && thread.creator === sender;
}

// 400, not 403: a prospect-level refusal must not read as an account restriction (§7.4).
export function refuseInmailResend(ctx: RequestContext): void {
  sendJson(ctx.res, 400, { status: 400, code: LINKEDIN_BODY_CODES.inmailCannotResend, message: 'You cannot send another InMail until the recipient replies.' });
}

function createMessage(ctx: RequestContext, app: EmulatorApp, account: Account): void {
  const state = app.state;
  const me = account.profileId;
  const body = jsonBody(ctx);
  // Every malformed body gets LinkedIn's bare 400 (§5.5).
  if (!isRecord(body) || 'originToken' in body || !isValidTrackingId(body.trackingId) || !isRecord(body.message)) return sendStatus(ctx.res, 400);
  const message = body.message;
  if (typeof message.originToken !== 'string' || message.originToken.length === 0) return sendStatus(ctx.res, 400);
  if (!isRecord(message.body) || typeof message.body.text !== 'string') return sendStatus(ctx.res, 400);
  if (typeof body.mailboxUrn !== 'string') return sendStatus(ctx.res, 400);
  if (profileIdOf(body.mailboxUrn) !== me) return sendStatus(ctx.res, 403);
  const attributes = message.body.attributes;
  if (attributes !== undefined && !Array.isArray(attributes)) return sendStatus(ctx.res, 400);
  const renderContent = parseRenderContent(app, message.renderContentUnions);
  if (!renderContent) return sendStatus(ctx.res, 400);
  if (message.body.text.length === 0 && renderContent.length === 0) return sendStatus(ctx.res, 400);

  let thread: Thread | undefined;
  let recipients: string[];
  if (typeof message.conversationUrn === 'string') {
    const parsed = parseConversationUrn(message.conversationUrn);
    if (!parsed) return sendStatus(ctx.res, 400);
    if (profileIdOf(parsed.ownerUrn) !== me) return sendStatus(ctx.res, 403);
    thread = state.threads.get(parsed.id);
    if (!thread || !thread.views.has(me)) return sendStatus(ctx.res, 404);
    if (inmailPendingFor(thread, me)) return refuseInmailResend(ctx);
    recipients = thread.participants.filter((p) => p !== me);
  } else if (Array.isArray(body.hostRecipientUrns) && body.hostRecipientUrns.length > 0) {
    const ids = body.hostRecipientUrns.map((u) => (typeof u === 'string' ? profileIdOfAny(u) : undefined));
    if (ids.some((id) => !id || !state.members.has(id))) return sendStatus(ctx.res, 400);
    recipients = [...new Set(ids as string[])].filter((id) => id !== me);
    if (recipients.length === 0) return sendStatus(ctx.res, 400);
    if (recipients.length === 1) thread = state.findOneToOne(me, recipients[0]);
    if (thread && inmailPendingFor(thread, me)) return refuseInmailResend(ctx);
    if (!thread && recipients.some((r) => !state.canDirectMessage(me, r))) return notConnected(ctx);
  } else {
    return sendStatus(ctx.res, 400);
  }
  if (refuseOverDailyLimit(ctx, app, account)) return;

  if (!thread) {
    const title = recipients.length > 1 && typeof body.conversationTitle === 'string' ? body.conversationTitle : null;
    thread = state.createThread({ creator: me, participants: recipients, title });
  }
  const target = thread;
  const afterReply = state.messagesOf(target.id).some((m) => m.sender !== me);
  const msg = state.postMessage({
    threadId: target.id,
    sender: me,
    text: message.body.text,
    attributes: (attributes as unknown[] | undefined) ?? [],
    originToken: message.originToken,
    renderContent,
    origin: 'api',
  });
  state.countSend(me);
  state.received.push({
    account: me,
    route: 'createMessage',
    originToken: msg.originToken,
    trackingId: body.trackingId,
    recipients,
    conversationUrn: conversationUrn(me, target.id),
    backendConversationUrn: backendThreadUrn(target.id),
    messageUrn: messageUrn(me, msg.id),
    text: msg.text,
    subject: null,
    inmail: false,
    afterReply,
    deliveredAt: msg.deliveredAt,
  });
  const value = {
    entityUrn: messageUrn(me, msg.id),
    backendUrn: backendMessageUrn(msg.id),
    conversationUrn: conversationUrn(me, target.id),
    backendConversationUrn: backendThreadUrn(target.id),
    senderUrn: participantUrn(me),
    originToken: msg.originToken,
    body: { attributes: msg.attributes, text: msg.text },
    deliveredAt: msg.deliveredAt,
    renderContentUnions: Array.isArray(message.renderContentUnions) ? message.renderContentUnions : [],
  };
  if (wantsNormalized(ctx)) {
    sendJson(ctx.res, 200, { data: { $type: 'com.linkedin.restli.common.ActionResponse', value, '*value': value.entityUrn }, included: [] });
  } else {
    sendJson(ctx.res, 200, { value });
  }
}

/** The sender's own message from a msg_message URN in its mailbox; else a status to answer. */
function ownMessage(app: EmulatorApp, account: Account, urn: unknown): { id: string } | number {
  if (typeof urn !== 'string') return 400;
  const parsed = parseMessageUrn(urn);
  if (!parsed) return 400;
  if (profileIdOf(parsed.ownerUrn) !== account.profileId) return 403;
  const msg = app.state.messages.get(parsed.id);
  if (!msg) return 404;
  if (msg.sender !== account.profileId) return 403;
  return { id: msg.id };
}

/** Any message in a conversation of this mailbox (own or received); else a status to answer. */
export function visibleMessage(app: EmulatorApp, account: Account, urn: unknown): StoredMessage | number {
  if (typeof urn !== 'string') return 400;
  const parsed = parseMessageUrn(urn);
  if (!parsed) return 400;
  if (profileIdOf(parsed.ownerUrn) !== account.profileId) return 403;
  const msg = app.state.messages.get(parsed.id);
  const view = msg ? app.state.threads.get(msg.threadId)?.views.get(account.profileId) : undefined;
  if (!msg || !view || view.deleted) return 404;
  return msg;
}

export const messagesRoutes: Route[] = [
  authed({
    name: 'createMessage',
    request: "POST /voyager/api/voyagerMessagingDashMessengerMessages?action=createMessage",
    answer: "`{value:{entityUrn,backendUrn,conversationUrn,backendConversationUrn,senderUrn,originToken,body,deliveredAt,renderContentUnions}}`; normalized: `data.value` plus `data[\"*value\"]`",
    auth: 'session',
    match: (ctx) => isPost(ctx, PATHS.messages, ACTIONS.createMessage),
    handle: createMessage,
  }),
  authed({
    name: 'recall',
    request: "POST …MessengerMessages?action=recall {messageUrn}",
    answer: "204; the message becomes `RECALLED` (403 for another sender's message)",
    auth: 'session',
    match: (ctx) => isPost(ctx, PATHS.messages, ACTIONS.recall),
    handle: (ctx, app, account) => {
      const body = jsonBody(ctx);
      const found = ownMessage(app, account, isRecord(body) ? body.messageUrn : undefined);
      if (typeof found === 'number') return sendStatus(ctx.res, found);
      app.state.changeMessage(app.state.messages.get(found.id)!, { renderFormat: 'RECALLED' });
      sendEmpty(ctx.res, 204);
    },
  }),
  authed({
    name: 'react',
    request: "POST …MessengerMessages?action=reactWithEmoji|unreactWithEmoji {messageUrn,emoji}",
    answer: "204; `reactionSummaries` change and `messageReactionSummariesTopic` is published; 400 for an empty emoji, 403 for another mailbox's URN, 404 for a message not in the mailbox",
    auth: 'session',
    match: (ctx) => isPost(ctx, PATHS.messages, ACTIONS.reactWithEmoji) || isPost(ctx, PATHS.messages, ACTIONS.unreactWithEmoji),
    handle: (ctx, app, account) => {
      const body = jsonBody(ctx);
      // An empty emoji gets the bare 400 of any malformed body.
      if (!isRecord(body) || typeof body.emoji !== 'string' || body.emoji.trim().length === 0) return sendStatus(ctx.res, 400);
      const found = visibleMessage(app, account, body.messageUrn);
      if (typeof found === 'number') return sendStatus(ctx.res, found);
      if (found.renderFormat === 'RECALLED') return sendStatus(ctx.res, 400);
      app.state.react(found, account.profileId, body.emoji, ctx.query('action') === ACTIONS.reactWithEmoji);
      sendEmpty(ctx.res, 204);
    },
  }),
  authed({
    name: 'editMessage',
    request: "POST …MessengerMessages/<key> {patch:{$set:{body:{text}}}}",
    answer: "204; the message becomes `EDITED` (403 for another sender's message)",
    auth: 'session',
    match: (ctx) => ctx.method === 'POST' && ctx.segments.length === 4 && `/${ctx.segments.slice(0, 3).join('/')}` === PATHS.messages,
    handle: (ctx, app, account) => {
      const found = ownMessage(app, account, ctx.segments[3]);
      if (typeof found === 'number') return sendStatus(ctx.res, found);
      const body = jsonBody(ctx);
      const set = isRecord(body) && isRecord(body.patch) && isRecord(body.patch.$set) ? body.patch.$set : undefined;
      if (!set || !isRecord(set.body) || typeof set.body.text !== 'string') return sendStatus(ctx.res, 400);
      app.state.changeMessage(app.state.messages.get(found.id)!, {
        text: set.body.text,
        attributes: Array.isArray(set.body.attributes) ? set.body.attributes : [],
        renderFormat: 'EDITED',
      });
      sendEmpty(ctx.res, 204);
    },
  }),
  authed({
    name: 'createMessage',
    request: "POST …MessengerMessages?action=create",
    answer: "400 (the old action name)",
    auth: 'session',
    match: (ctx) => isPost(ctx, PATHS.messages, 'create'),
    handle: (ctx) => sendStatus(ctx.res, 400),
  }),
];
