import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { type ThreadlineClient, ThreadlineApiError, ThreadlineSendTimeoutError, type components, unwrap } from '@threadline/client';
import { z } from 'zod';

type Schemas = components['schemas'];

export interface ToolOptions {
  /** The account a call acts as when it names none (else the workspace's default account). */
  defaultAccountId?: string;
  /** How long send_message waits for a pending send before answering with its id. */
  sendWaitMs: number;
  /** Called once per tool call, for the log: never with arguments (they hold message texts). */
  onCall?: (tool: string, outcome: 'ok' | 'refused' | 'failed', code?: string) => void;
}

/** Nothing in these descriptions is decoration: they are what an agent reads to decide what a call costs. */
const SPENDS_NOTHING = 'Spends nothing: it reads what Threadline stored (no LinkedIn call, no cap).';
const API_BUDGET = 'Each call is one or two requests of the API key\'s per-minute budget.';

const accountId = z.string().min(1).max(200).optional().describe('The LinkedIn account (Threadline id or your external id) to act as; default: the server\'s account, else the workspace default.');
const conversationUrn = z.string().min(1).max(500).describe('urn:li:msg_conversation:(…) or urn:li:salesNav_thread:<id>, as list_conversations gives it.');
const campaignId = z.string().min(1).max(100).describe('The campaign id, as list_campaigns gives it.');

/** A send LinkedIn refused for good after the API accepted it (202): reported like a refusal, with the message's own code. */
class SendFailed extends Error {
  readonly code: string;
  constructor(readonly sent: Schemas['MessageStatusResponse']) {
    super(`${sent.error?.code ?? 'FAILED'}: ${sent.error?.message ?? 'the send failed'}`);
    this.code = sent.error?.code ?? 'FAILED';
  }
}

const text = (value: unknown): CallToolResult => ({ content: [{ type: 'text', text: JSON.stringify(value, null, 2) }] });

/** A refusal says what the API said: its code and message, the field at fault, and when to retry. */
function refusal(err: ThreadlineApiError): CallToolResult {
  const parts = [`Threadline refused (HTTP ${err.status}) ${err.message}`];
  if (err.field) parts.push(`Field: ${err.field}.`);
  if (err.retryAfterMs !== undefined) parts.push(`Retry after ${Math.ceil(err.retryAfterMs / 1000)} s.`);
  if (err.requestId) parts.push(`Request id: ${err.requestId}.`);
  return { isError: true, content: [{ type: 'text', text: parts.join(' ') }] };
}

function compactConversation(c: Schemas['ConversationResponse']) {
  return {
    conversationUrn: c.conversationUrn,
    accountId: c.accountId,
    title: c.title ?? null,
    participants: c.participants.map((p) => ({ name: p.name, profileUrn: p.profileUrn, headline: p.headline ?? null })),
    unreadCount: c.unreadCount,
    lastActivityAt: c.lastActivityAt,
    latestMessage: c.latestMessage ? { direction: c.latestMessage.direction, text: c.latestMessage.text, sentAt: c.latestMessage.sentAt, from: c.latestMessage.senderName ?? null } : null,
  };
}

function compactMessage(m: Schemas['InboxMessageResponse']) {
  return {
    messageUrn: m.messageUrn,
    direction: m.direction,
    from: m.sender.name,
    text: m.text,
    sentAt: m.sentAt ?? null,
    ...(m.attachments.length ? { attachments: m.attachments.length } : {}),
    ...(m.recalled ? { recalled: true } : {}),
  };
}

/**
 * The Threadline tools, over one workspace's client: everything goes through the REST API, so the key's
 * workspace scoping, the accounts' caps, pacing and holds, and the API's validation apply as to any client.
 */
export function createThreadlineMcpServer(tl: ThreadlineClient, options: ToolOptions): McpServer {
  const server = new McpServer({ name: 'threadline', version: '0.1.0' }, {
    instructions: 'Threadline sends and reads LinkedIn messages for the accounts of one workspace, and runs its outreach campaigns. Reads are free; each send spends one message of the sending account\'s daily cap, and sends are spaced per account, so a send may take a while. A refusal carries the API\'s code (QUOTA_EXCEEDED, ACCOUNT_ON_HOLD, RECIPIENT_NOT_REACHABLE, …): do not retry a QUOTA_EXCEEDED before its reset.',
  });

  /** Runs one tool: a 2xx becomes its JSON, an API refusal its code and message; anything else (the API unreachable) an error too. */
  const tool = (name: string) => async (run: () => Promise<unknown>): Promise<CallToolResult> => {
    try {
      const result = await run();
      options.onCall?.(name, 'ok');
      return text(result);
    } catch (err) {
      if (err instanceof ThreadlineApiError) {
        options.onCall?.(name, 'refused', err.code);
        return refusal(err);
      }
      if (err instanceof SendFailed) {
        options.onCall?.(name, 'refused', err.code);
        return { isError: true, content: [{ type: 'text', text: `Threadline accepted message ${err.sent.messageId}, then LinkedIn refused it: ${err.message}` }] };
      }
      options.onCall?.(name, 'failed');
      return { isError: true, content: [{ type: 'text', text: `Threadline could not be reached: ${err instanceof Error ? err.message : String(err)}` }] };
    }
  };

  /** The account a call acts as: the one it names, the server's, or the workspace default (limits need an id). */
  const accountOf = async (named?: string): Promise<string> => {
    if (named ?? options.defaultAccountId) return (named ?? options.defaultAccountId)!;
    const { accounts } = await unwrap(tl.GET('/v1/accounts'));
    const chosen = accounts.find((a) => a.isDefault) ?? (accounts.length === 1 ? accounts[0] : undefined);
    if (!chosen) throw new Error('the workspace has no default account: name an accountId (list_accounts shows them)');
    return chosen.id;
  };
  const header = (named?: string) => (named ?? options.defaultAccountId ? { 'X-Account-Id': (named ?? options.defaultAccountId)! } : undefined);

  server.registerTool('list_accounts', {
    title: 'List LinkedIn accounts',
    description: `The workspace's LinkedIn accounts: id, name, status (active, on_hold, warming, disconnected, …), hold and daily cap setting. ${SPENDS_NOTHING} ${API_BUDGET}`,
    annotations: { readOnlyHint: true, openWorldHint: false },
  }, () => tool('list_accounts')(async () => {
    const { accounts } = await unwrap(tl.GET('/v1/accounts'));
    return accounts.map((a) => ({ id: a.id, name: a.name, status: a.status, statusReason: a.statusReason, holdUntil: a.holdUntil, isDefault: a.isDefault, profileUrn: a.profileUrn, dailyMessageCap: a.dailyMessageCap }));
  }));

  server.registerTool('list_conversations', {
    title: 'List conversations',
    description: `An account's LinkedIn conversations, newest activity first, with participants, unread count and the latest message. ${SPENDS_NOTHING} ${API_BUDGET}`,
    inputSchema: {
      accountId,
      unreadOnly: z.boolean().optional().describe('Only conversations with unread messages.'),
      keyword: z.string().min(1).max(200).optional().describe('Matches the latest message, participant names and the title.'),
      count: z.number().int().min(1).max(50).optional().describe('How many (default 20).'),
      cursor: z.string().min(1).max(2000).optional().describe('nextCursor of the previous page.'),
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
  }, (args) => tool('list_conversations')(async () => {
    const page = await unwrap(tl.GET('/v1/conversations', { params: { query: { accountId: args.accountId ?? options.defaultAccountId, unreadOnly: args.unreadOnly, keyword: args.keyword, count: args.count ?? 20, cursor: args.cursor } } }));
    return { conversations: page.conversations.map(compactConversation), nextCursor: page.nextCursor ?? null };
  }));

  server.registerTool('read_conversation', {
    title: 'Read a conversation',
    description: `The messages of one conversation, newest first: who wrote, the text, when. ${SPENDS_NOTHING} ${API_BUDGET}`,
    inputSchema: {
      conversationUrn,
      accountId,
      count: z.number().int().min(1).max(100).optional().describe('How many messages (default 20).'),
      cursor: z.string().min(1).max(2000).optional().describe('nextCursor of the previous page: older messages.'),
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
  }, (args) => tool('read_conversation')(async () => {
    const page = await unwrap(tl.GET('/v1/conversations/{conversationUrn}/messages', { params: { path: { conversationUrn: args.conversationUrn }, query: { accountId: args.accountId ?? options.defaultAccountId, count: args.count ?? 20, cursor: args.cursor } } }));
    return { conversationUrn: args.conversationUrn, messages: page.messages.map(compactMessage), nextCursor: page.nextCursor ?? null };
  }));

  server.registerTool('send_message', {
    title: 'Send a LinkedIn message',
    description: 'Sends a direct message as a LinkedIn account, to a person (recipientId) or into a conversation (conversationUrn), after a human-like typing indicator. '
      + 'Spends one message of the sending account\'s daily cap (and weekly cap) when LinkedIn stores it: the same caps as campaigns and every other client of the workspace, per LinkedIn member; a refused or failed send spends nothing. '
      + 'Sends are spaced per account, so it may wait; past the cap it is refused with QUOTA_EXCEEDED, while the account is on hold with ACCOUNT_ON_HOLD. '
      + `Pass the same idempotencyKey when you retry this message: it is then never sent twice. ${API_BUDGET}`,
    inputSchema: {
      recipientId: z.string().min(1).max(300).optional().describe('The person: a profile URN (urn:li:fsd_profile:ACoAA…), a profile URL or a vanity name. Or give conversationUrn.'),
      conversationUrn: conversationUrn.optional(),
      text: z.string().min(1).max(8000).describe('The message.'),
      accountId,
      typing: z.boolean().optional().describe('Show the typing indicator first (default true; it needs an existing conversation).'),
      idempotencyKey: z.string().min(1).max(200).optional().describe('Your key for this message; the same key never sends twice and returns the first result.'),
    },
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  }, (args) => tool('send_message')(async () => {
    const body = { recipientId: args.recipientId, conversationUrn: args.conversationUrn, text: args.text, typing: args.typing ?? true };
    try {
      const { message } = await tl.sendMessage(body, { idempotencyKey: args.idempotencyKey, accountId: args.accountId ?? options.defaultAccountId, timeoutMs: options.sendWaitMs, pollIntervalMs: 1000 });
      if (message.status === 'failed') throw new SendFailed(message);
      return { status: message.status, messageId: message.messageId, accountId: message.accountId, messageUrn: message.messageUrn, conversationUrn: message.conversationUrn, sentAt: message.sentAt };
    } catch (err) {
      if (!(err instanceof ThreadlineSendTimeoutError)) throw err;
      return { status: 'pending', messageId: err.messageId, note: 'Still waiting for its turn (spacing between sends, or a hold). It will be sent; nothing to retry.' };
    }
  }));

  server.registerTool('mark_seen', {
    title: 'Mark a conversation seen',
    description: 'Marks a conversation read on LinkedIn, as the account that owns it; the other side may see a seen receipt. Spends no cap: one LinkedIn call as the account. ' + API_BUDGET,
    inputSchema: { conversationUrn, accountId },
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  }, (args) => tool('mark_seen')(async () => {
    const done = await unwrap(tl.POST('/v1/messaging/mark-seen', { params: { header: header(args.accountId) }, body: { conversationUrn: args.conversationUrn } }));
    return { status: done.status, accountId: done.accountId, conversationUrn: args.conversationUrn };
  }));

  server.registerTool('list_campaigns', {
    title: 'List campaigns',
    description: `The workspace's outreach campaigns, newest first, with their status (draft, running, paused, completed, cancelled). ${SPENDS_NOTHING} ${API_BUDGET}`,
    inputSchema: {
      limit: z.number().int().min(1).max(100).optional().describe('How many (default 20).'),
      offset: z.number().int().min(0).max(100000).optional(),
      archived: z.boolean().optional().describe('List archived campaigns instead.'),
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
  }, (args) => tool('list_campaigns')(async () => {
    const page = await unwrap(tl.GET('/v1/campaigns', { params: { query: { limit: args.limit ?? 20, offset: args.offset, archived: args.archived === undefined ? undefined : String(args.archived) } } }));
    return { campaigns: page.campaigns };
  }));

  const lifecycle = (name: 'start_campaign' | 'pause_campaign' | 'resume_campaign', verb: 'start' | 'pause' | 'resume', title: string, description: string) =>
    server.registerTool(name, {
      title,
      description: `${description} ${API_BUDGET}`,
      inputSchema: { campaignId },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    }, (args) => tool(name)(async () => (await unwrap(tl.POST(`/v1/campaigns/{id}/${verb}`, { params: { path: { id: args.campaignId } } }))).campaign));

  lifecycle('start_campaign', 'start', 'Start a campaign', 'Starts a draft campaign: its leads are enrolled and each runs the sequence. Spends nothing by itself; every message its leads are then sent spends one of the sending account\'s daily cap, paced per account and inside the campaign\'s working hours.');
  lifecycle('pause_campaign', 'pause', 'Pause a campaign', 'Pauses a running campaign: no lead starts a new step until it is resumed (a send already at LinkedIn finishes). Spends nothing.');
  lifecycle('resume_campaign', 'resume', 'Resume a campaign', 'Resumes a paused campaign where each lead stopped; no step is sent twice. Spends nothing by itself; the messages sent after it spend the sending accounts\' daily caps, as when it started.');

  server.registerTool('get_lead_timeline', {
    title: 'Read a lead\'s timeline',
    description: `Every step of one lead's run in a campaign: what was sent when, what it waited for (working hours, quota, a hold, a reply) and what it waits for now. ${SPENDS_NOTHING} ${API_BUDGET}`,
    inputSchema: { campaignId, leadId: z.string().min(1).max(100).describe('The lead id (the campaign\'s leads list shows them).') },
    annotations: { readOnlyHint: true, openWorldHint: false },
  }, (args) => tool('get_lead_timeline')(async () => {
    return (await unwrap(tl.GET('/v1/campaigns/{campaignId}/leads/{leadId}/timeline', { params: { path: { campaignId: args.campaignId, leadId: args.leadId } } }))).timeline;
  }));

  server.registerTool('get_account_limits', {
    title: 'Read an account\'s limits',
    description: 'An account\'s budgets per action (messages, InMails, invitations): daily and weekly limit, used, reserved and remaining, when each resets, the next free send slot, warm-up and hold. '
      + `What send_message and campaigns draw from. ${SPENDS_NOTHING} ${API_BUDGET}`,
    inputSchema: { accountId },
    annotations: { readOnlyHint: true, openWorldHint: false },
  }, (args) => tool('get_account_limits')(async () => {
    const { success: _success, ...limits } = await unwrap(tl.GET('/v1/accounts/{id}/limits', { params: { path: { id: await accountOf(args.accountId) } } }));
    return limits;
  }));

  return server;
}
