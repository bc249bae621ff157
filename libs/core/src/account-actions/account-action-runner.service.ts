import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AccountsRepository, AttachmentsRepository, InboxMessagesRepository, type LinkedinAccountEntity } from '@threadline/db';
import { DomainError } from '@threadline/domain';
import type { LinkedInClient, WireMessage, WireParticipant } from '@threadline/linkedin';
import type { AccountActionInput, AccountActionOf, AccountActionResult, MessageReactionsView } from '@threadline/contracts';
import { AccountStatusEvents } from '../accounts/account-status-events';
import { AccountsService, type WriteTarget } from '../accounts/accounts.service';
import { attachmentKindOf, MAX_ATTACHMENT_BYTES } from '../attachments/attachment-rules';
import { LinkedInClientFactory } from '../linkedin/linkedin-client.factory';
import { linkedInFailureOf } from '../linkedin/linkedin-failure';
import { verifySession } from '../accounts/verify-session';
import { messageReactionEventData, webhookEventId } from '../webhooks/webhook-events';
import { WebhooksService } from '../webhooks/webhooks.service';
import { storeEdits } from '../inbox/message-edits';

const SALES_NAV_THREAD = 'urn:li:salesNav_thread:';
/** How far back a reaction or edit looks for its message: 2 pages of 50, as the send read-back does. */
const FIND_PAGE = 50;
const FIND_PAGES = 2;

/** One message of a conversation, read from LinkedIn; NOT_FOUND naming messageUrn when it is not in the recent history. */
async function findMessage(client: LinkedInClient, conversationUrn: string, messageUrn: string): Promise<WireMessage> {
  let prevCursor: string | undefined;
  for (let page = 0; page < FIND_PAGES; page++) {
    const result = await client.getMessages({ conversationUrn, count: FIND_PAGE, prevCursor });
    const hit = result.messages.find((m) => m.entityUrn === messageUrn);
    if (hit) return hit;
    if (!result.prevCursor || result.messages.length < FIND_PAGE) break;
    prevCursor = result.prevCursor;
  }
  throw new DomainError('NOT_FOUND', `messageUrn ${messageUrn} is not among the last ${FIND_PAGE * FIND_PAGES} messages of ${conversationUrn}.`, { field: 'messageUrn' });
}

async function reactionsOf(client: LinkedInClient, message: WireMessage): Promise<MessageReactionsView[]> {
  const out: MessageReactionsView[] = [];
  for (const summary of message.reactionSummaries ?? []) {
    if (summary.count <= 0) continue;
    const reactors = await client.listReactors(message.entityUrn, summary.emoji);
    out.push({
      emoji: summary.emoji,
      count: summary.count,
      viewerReacted: summary.viewerReacted,
      firstReactedAt: summary.firstReactedAt,
      reactors: reactors.map((p) => ({ profileUrn: p.hostIdentityUrn ?? p.entityUrn, name: participantName(p) })),
    });
  }
  return out;
}

function participantName(p: WireParticipant): string | null {
  const member = p.participantType?.member;
  if (!member) return p.participantType?.organization ? 'LinkedIn organization' : null;
  return [member.firstName?.text, member.lastName?.text].filter(Boolean).join(' ') || null;
}
/** How many recent conversations "mark all read" scans for unread ones (5 LinkedIn pages). */
const MARK_ALL_SCAN = 100;

/** The worker's side of account actions: one method per action type (each its own activity), one LinkedIn side effect per call, safe to repeat. */
@Injectable()
export class AccountActionRunner {
  constructor(
    private readonly accountsRepo: AccountsRepository,
    private readonly accounts: AccountsService,
    private readonly clients: LinkedInClientFactory,
    private readonly attachments: AttachmentsRepository,
    private readonly events: AccountStatusEvents,
    private readonly webhooks: WebhooksService,
    private readonly inboxMessages: InboxMessagesRepository,
  ) {}

  /** The dispatcher of runs started before one activity per action type (their history names `runAccountAction`). */
  run(input: AccountActionInput): Promise<AccountActionResult> {
    switch (input.action.type) {
      case 'typing':
        return this.typing({ ...input, action: input.action });
      case 'mark_read':
        return this.markRead({ ...input, action: input.action });
      case 'mark_all_read':
        return this.markAllRead({ ...input, action: input.action });
      case 'recall':
        return this.recall({ ...input, action: input.action });
      case 'react':
        return this.react({ ...input, action: input.action });
      case 'list_reactions':
        return this.listReactions({ ...input, action: input.action });
      case 'edit':
        return this.editMessage({ ...input, action: input.action });
      case 'resolve_profile':
        return this.resolveProfile({ ...input, action: input.action });
      case 'upload_attachment':
        return this.uploadAttachment({ ...input, action: input.action });
      case 'fetch_media':
        return this.fetchMedia({ ...input, action: input.action });
      case 'check_status':
        return this.checkStatus({ ...input, action: input.action });
    }
  }

  async typing({ workspaceId, accountId, action }: AccountActionOf<'typing'>): Promise<AccountActionResult> {
    const account = await this.accounts.forActivity(workspaceId, accountId);
    // Sales Navigator has no typing indicator; the classic one needs a classic conversation.
    if (action.conversationUrn.startsWith(SALES_NAV_THREAD)) return { conversationUrns: [] };
    await this.withClient(account, (c) => c.sendTyping(action.conversationUrn), { entityUrn: action.conversationUrn });
    return { conversationUrns: [action.conversationUrn] };
  }

  async markRead({ workspaceId, accountId, action }: AccountActionOf<'mark_read'>): Promise<AccountActionResult> {
    const account = await this.accounts.forActivity(workspaceId, accountId);
    await this.withClient(
      account,
      (c) =>
        action.conversationUrn.startsWith(SALES_NAV_THREAD)
          ? c.salesNavMarkRead(action.conversationUrn.slice(SALES_NAV_THREAD.length), action.read)
          : c.markRead([action.conversationUrn], action.read),
      { entityUrn: action.conversationUrn },
    );
    return { conversationUrns: [action.conversationUrn] };
  }

  async recall({ workspaceId, accountId, action }: AccountActionOf<'recall'>): Promise<AccountActionResult> {
    const account = await this.accounts.forActivity(workspaceId, accountId);
    await this.withClient(account, (c) => c.recallMessage(action.messageUrn), { entityUrn: action.messageUrn });
    // Reads show the recall at once, not at the next sync pass.
    await this.inboxMessages.markRecalled(account.id, [action.messageUrn]);
    return {};
  }

  /**
   * Adds or removes the account's reaction, reads the message's reactions back and announces `message.reaction`
   * (the event id is the request's, so a retried activity announces it once).
   */
  async react({ workspaceId, accountId, action }: AccountActionOf<'react'>): Promise<AccountActionResult> {
    const account = await this.accounts.forActivity(workspaceId, accountId);
    const reactions = await this.withClient(
      account,
      async (c) => {
        await (action.add ? c.reactWithEmoji(action.messageUrn, action.emoji) : c.unreactWithEmoji(action.messageUrn, action.emoji));
        return reactionsOf(c, await findMessage(c, action.conversationUrn, action.messageUrn));
      },
      { entityUrn: action.messageUrn },
    );
    const data = messageReactionEventData({
      accountId: account.id,
      messageUrn: action.messageUrn,
      conversationUrn: action.conversationUrn,
      emoji: action.emoji,
      added: action.add,
      actorUrn: account.profileUrn,
      actorName: account.name,
      at: new Date(),
      reactions,
    });
    await this.webhooks.emit(account.workspaceId, 'message.reaction', data, webhookEventId('message.reaction', account.workspaceId, action.requestId));
    return { reactions };
  }

  /** The message's reactions, one entry per emoji with who reacted (one reactors query per emoji, as LinkedIn's web app does). */
  async listReactions({ workspaceId, accountId, action }: AccountActionOf<'list_reactions'>): Promise<AccountActionResult> {
    const account = await this.accounts.forActivity(workspaceId, accountId);
    const reactions = await this.withClient(account, async (c) => reactionsOf(c, await findMessage(c, action.conversationUrn, action.messageUrn)), {
      entityUrn: action.messageUrn,
    });
    return { reactions };
  }

  /** Edits one of the account's messages, then reads it back so the answer shows what LinkedIn now shows. */
  async editMessage({ workspaceId, accountId, action }: AccountActionOf<'edit'>): Promise<AccountActionResult> {
    const account = await this.accounts.forActivity(workspaceId, accountId);
    const message = await this.withClient(
      account,
      async (c) => {
        await c.editMessage(action.messageUrn, action.text);
        return findMessage(c, action.conversationUrn, action.messageUrn);
      },
      { entityUrn: action.messageUrn },
    );
    // Reads show the edit at once, not at the next sync pass.
    if (message.messageBodyRenderFormat === 'EDITED') await storeEdits(this.inboxMessages, this.webhooks, account.id, [{ messageUrn: message.entityUrn, text: message.body?.text ?? '' }]);
    return {
      message: {
        messageUrn: message.entityUrn,
        text: message.body?.text ?? '',
        edited: message.messageBodyRenderFormat === 'EDITED',
        deliveredAt: message.deliveredAt,
      },
    };
  }

  /** A vanity name or profile URL → `urn:li:fsd_profile:…`, through LinkedIn's profile lookup (as a send resolves it). */
  async resolveProfile({ workspaceId, accountId, action }: AccountActionOf<'resolve_profile'>): Promise<AccountActionResult> {
    const account = await this.accounts.forActivity(workspaceId, accountId);
    return { profileUrn: await this.withClient(account, (c) => c.resolveRecipient(action.ref)) };
  }

  /** Clears the badge, then marks read each recent conversation still unread (the badge call alone may not, reference §10.7). */
  async markAllRead({ workspaceId, accountId }: AccountActionOf<'mark_all_read'>): Promise<AccountActionResult> {
    const account = await this.accounts.forActivity(workspaceId, accountId);
    return this.withClient(account, async (c) => {
      await c.markAllSeen(Date.now());
      const { conversations } = await c.listConversations({ count: MARK_ALL_SCAN });
      const unread = conversations.filter((conv) => !conv.read || conv.unreadCount > 0).map((conv) => conv.entityUrn);
      if (unread.length > 0) await c.markRead(unread, true);
      return { conversationUrns: unread };
    });
  }

  /** Uploads a stored file to LinkedIn once per account; a retry finds the asset already recorded. */
  async uploadAttachment({ workspaceId, accountId, action: { attachmentId } }: AccountActionOf<'upload_attachment'>): Promise<AccountActionResult> {
    const account = await this.accounts.forActivity(workspaceId, accountId);
    const attachment = await this.attachments.findInWorkspace(account.workspaceId, attachmentId);
    if (!attachment) throw new DomainError('NOT_FOUND', `Attachment ${attachmentId} no longer exists.`, { field: 'attachments' });
    const known = attachment.linkedinAssets[account.id];
    if (known) return { assetUrn: known, attachmentId };
    const bytes = await this.attachments.content(account.workspaceId, attachmentId);
    if (!bytes) throw new DomainError('NOT_FOUND', `Attachment ${attachmentId} no longer exists.`, { field: 'attachments' });
    const uploaded = await this.withClient(account, (c) =>
      c.uploadAttachment({ filename: attachment.filename, mimeType: attachment.mediaType, bytes: new Uint8Array(bytes) }),
    );
    await this.attachments.setAsset(account.workspaceId, attachmentId, account.id, uploaded.assetUrn);
    return { assetUrn: uploaded.assetUrn, attachmentId };
  }

  /** Downloads a LinkedIn media URL with the account's session into the workspace's attachments (cached by URL). */
  async fetchMedia({ workspaceId, accountId, action: { url } }: AccountActionOf<'fetch_media'>): Promise<AccountActionResult> {
    const account = await this.accounts.forActivity(workspaceId, accountId);
    const cached = await this.attachments.findBySourceUrl(account.workspaceId, account.id, url);
    if (cached) return { attachmentId: cached.id };
    const file = await this.withClient(account, (c) => c.downloadAttachment(url));
    if (file.bytes.byteLength > MAX_ATTACHMENT_BYTES) throw new DomainError('PAYLOAD_TOO_LARGE', `The file is larger than ${MAX_ATTACHMENT_BYTES} bytes.`);
    const bytes = Buffer.from(file.bytes);
    const mediaType = file.contentType.split(';')[0]!.trim() || 'application/octet-stream';
    const saved = await this.attachments.create({
      workspaceId: account.workspaceId,
      accountId: account.id,
      source: 'linkedin',
      sourceUrl: url,
      filename: file.filename ?? `attachment.${attachmentKindOf(mediaType)}`,
      mediaType,
      byteSize: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      content: bytes,
    }).catch(async (err: unknown) => {
      // A concurrent fetch of the same URL won the unique index: use its row.
      const winner = await this.attachments.findBySourceUrl(account.workspaceId, account.id, url);
      if (!winner) throw err;
      return winner;
    });
    return { attachmentId: saved.id };
  }

  /**
   * Verifies the stored session (the same check as connect and update) and stores what it learned; never
   * throws for a dead session. It runs for any status, so a success is how a person resumes a restricted account.
   */
  async checkStatus({ workspaceId, accountId }: AccountActionOf<'check_status'>): Promise<AccountActionResult> {
    const account = await this.accounts.forActivity(workspaceId, accountId);
    const now = new Date();
    try {
      const { plan } = await this.clients.use(account, (c) => verifySession(c, now));
      const recovered = ['disconnected', 'checkpoint'].includes(account.status);
      await this.accountsRepo.updateSession(account.workspaceId, account.id, { ...plan, ...(recovered ? { status: 'active', statusReason: null } : {}) });
      if (recovered) await this.events.statusChanged({ workspaceId: account.workspaceId, accountId: account.id, from: account.status, to: 'active', reason: null, holdUntil: account.holdUntil, at: now });
      if (account.status === 'restricted') await this.accounts.clearRestriction(account, now);
      return { status: recovered || account.status === 'restricted' ? 'active' : account.status };
    } catch (err) {
      const error = linkedInFailureOf(err);
      if (!error) throw err;
      const effect = this.accounts.effectOf(error, now);
      if (!effect) throw error;
      await this.accounts.applyEffect(account, effect); // announces the change
      await this.accountsRepo.updateSession(account.workspaceId, account.id, { statusCheckedAt: now });
      return { status: effect.status };
    }
  }

  private withClient<T>(account: LinkedinAccountEntity, call: (client: LinkedInClient) => Promise<T>, write?: WriteTarget): Promise<T> {
    return this.accounts.withLinkedIn(account, call, write);
  }
}
