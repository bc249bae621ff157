import { Injectable } from '@nestjs/common';
import {
  AccountsRepository,
  ConversationsRepository,
  InboxMessagesRepository,
  InboxSyncStatesRepository,
  type InboxMessageRow,
  type LinkedinAccountEntity,
  type SyncedMessage,
} from '@threadline/db';
import type { LinkedInClient, WireConversation } from '@threadline/linkedin';
import type { InboxSyncPassResult } from '@threadline/contracts';
import { AccountsService } from '../accounts/accounts.service';
import { LinkedInClientFactory } from '../linkedin/linkedin-client.factory';
import { readsClearRestriction } from '../accounts/restriction-window';
import { linkedInFailureOf, toDomainError } from '../linkedin/linkedin-failure';
import { ReplyRouterService } from '../sequences/reply-router.service';
import { webhookEventId } from '../webhooks/webhook-events';
import { WebhooksService } from '../webhooks/webhooks.service';
import { editsOf, type MailboxRef, fromSalesNavThread, toConversationUpsert, toSyncedMessage } from './inbox-mappers';
import { inboxMessageEventData, storeEdits } from './message-edits';

/** Statuses that stop the sync until the account is reconnected; a restricted account keeps reading its inbox. */
const STOPPING_STATUSES = ['disconnected', 'checkpoint'];
const PAGE = 20;
// History fetched per changed conversation: the first pass takes the newest page only, later passes catch up further.
const FIRST_PASS_PAGES = 1;
const DELTA_PAGES = 5;
const SALES_NAV_PAGES = 5;
const DISPATCH_BATCH = 100;

/** The worker's side of the inbox: one delta pass per call, storing each message once and firing its events. */
@Injectable()
export class InboxSyncService {
  constructor(
    private readonly accountsRepo: AccountsRepository,
    private readonly accounts: AccountsService,
    private readonly clients: LinkedInClientFactory,
    private readonly conversations: ConversationsRepository,
    private readonly messages: InboxMessagesRepository,
    private readonly states: InboxSyncStatesRepository,
    private readonly webhooks: WebhooksService,
    private readonly replies: ReplyRouterService,
  ) {}

  /** One pass; `heartbeat` is called after every LinkedIn page and every message announced (the worker's activity heartbeat). */
  async syncAccount(input: { workspaceId: string; accountId: string }, heartbeat: () => void = () => undefined): Promise<InboxSyncPassResult> {
    const account = await this.accountsRepo.findInWorkspace(input.workspaceId, input.accountId);
    if (!account) return { outcome: 'stopped', reason: 'account_deleted' };
    if (STOPPING_STATUSES.includes(account.status)) {
      await this.states.markStopped(account.id, account.status);
      return { outcome: 'stopped', reason: account.status };
    }
    const now = new Date();
    if (account.holdUntil && account.holdUntil > now) return { outcome: 'on_hold', untilMs: account.holdUntil.getTime() };

    const state = await this.states.ensure(account.workspaceId, account.id);
    const box: MailboxRef = { workspaceId: account.workspaceId, accountId: account.id, ownerUrn: account.profileUrn, baselineAt: state.baselineAt };
    try {
      const pass = await this.clients.use(account, async (client) => {
        const delta = await client.syncConversations(state.syncToken ?? undefined);
        heartbeat();
        let newMessages = 0;
        for (const conversation of delta.conversations) {
          await this.conversations.upsert(toConversationUpsert(conversation, box));
          newMessages += await this.fetchNewMessages(client, conversation, box, state.syncToken ? DELTA_PAGES : FIRST_PASS_PAGES, heartbeat);
        }
        await this.conversations.markDeleted(account.id, delta.deletedConversationUrns ?? []);
        const salesNav = account.hasSalesNavigator ? await this.syncSalesNavigator(client, box, state.salesNavSyncedUntil, heartbeat) : null;
        return { conversations: delta.conversations.length, newMessages: newMessages + (salesNav?.newMessages ?? 0), syncToken: delta.newSyncToken ?? null, salesNavUntil: salesNav?.until ?? null };
      });
      await this.states.recordSuccess(account.id, { syncToken: pass.syncToken, salesNavSyncedUntil: pass.salesNavUntil });
      // LinkedIn would have shown a restricted session its notice: this pass proves the restriction gone (or never there).
      if (account.status === 'restricted' && readsClearRestriction(account.statusReason)) await this.accounts.clearRestriction(account);
      await this.dispatchPending(account, heartbeat);
      return { outcome: 'synced', conversations: pass.conversations, newMessages: pass.newMessages };
    } catch (err) {
      const error = linkedInFailureOf(err);
      if (!error) {
        // Ours, not LinkedIn's (a database error, a bug): recorded as such, then retried by the worker.
        await this.states.recordError(account.id, 'INTERNAL', toDomainError(err).message).catch(() => undefined);
        throw err;
      }
      await this.states.recordError(account.id, error.code, error.message);
      const effect = this.accounts.effectOf(error);
      if (!effect) throw error;
      // applyEffect announces the change (account.status_changed) through AccountStatusEvents.
      const applied = await this.accounts.applyEffect(account, effect);
      if (applied.status === 'on_hold') return { outcome: 'on_hold', untilMs: applied.holdUntil?.getTime() ?? Date.now() + 60_000 };
      await this.states.markStopped(account.id, effect.status);
      return { outcome: 'stopped', reason: effect.status };
    }
  }

  /** New messages of a changed conversation, newest first, until one we already have. */
  private async fetchNewMessages(client: LinkedInClient, conversation: WireConversation, box: MailboxRef, maxPages: number, heartbeat: () => void): Promise<number> {
    const newest = conversation.messages?.elements?.[0];
    // Read-state, category or recall changes carry no new message: no history call needed.
    if (newest && (await this.messages.knownUrns(box.accountId, [newest.entityUrn])).has(newest.entityUrn)) {
      if (newest.messageBodyRenderFormat === 'RECALLED') await this.messages.markRecalled(box.accountId, [newest.entityUrn]);
      if (newest.messageBodyRenderFormat === 'EDITED') await storeEdits(this.messages, this.webhooks, box.accountId, editsOf([newest]));
      return 0;
    }
    let inserted = 0;
    let prevCursor: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const result = await client.getMessages({ conversationUrn: conversation.entityUrn, count: PAGE, prevCursor });
      heartbeat();
      const known = await this.messages.knownUrns(box.accountId, result.messages.map((m) => m.entityUrn));
      const recalled = result.messages.filter((m) => known.has(m.entityUrn) && m.messageBodyRenderFormat === 'RECALLED').map((m) => m.entityUrn);
      if (recalled.length > 0) await this.messages.markRecalled(box.accountId, recalled);
      const edited = editsOf(result.messages.filter((m) => known.has(m.entityUrn)));
      if (edited.length > 0) await storeEdits(this.messages, this.webhooks, box.accountId, edited);
      for (const m of result.messages) {
        if (known.has(m.entityUrn)) continue;
        const synced = toSyncedMessage(m, conversation.entityUrn, box);
        if (!(await this.messages.insertSynced(synced))) continue;
        inserted += 1;
        // New and outbound, yet no Threadline send's row took it (those merge by origin token): typed by hand.
        if (synced.direction === 'outbound') await this.ownerWroteByHand(synced, conversation, box);
      }
      if (known.size > 0 || !result.prevCursor || result.messages.length < PAGE) break;
      prevCursor = result.prevCursor;
    }
    return inserted;
  }

  private async ownerWroteByHand(synced: SyncedMessage, conversation: WireConversation, box: MailboxRef): Promise<void> {
    await this.replies.onOwnerMessage({
      workspaceId: box.workspaceId, accountId: box.accountId, conversationUrn: synced.conversationUrn, messageUrn: synced.messageUrn, sentAt: synced.sentAt,
      participantUrns: toConversationUpsert(conversation, box).participants.map((p) => p.profileUrn),
    });
  }

  /**
   * Sales Navigator threads active since the last pass. A thread that is also in the classic inbox
   * (same LinkedIn thread id) stays one conversation, linked by salesNavThreadId; the others become
   * `urn:li:salesNav_thread:<id>` conversations.
   */
  private async syncSalesNavigator(client: LinkedInClient, box: MailboxRef, since: Date | null, heartbeat: () => void): Promise<{ until: Date | null; newMessages: number }> {
    let until = since?.getTime() ?? 0;
    let newMessages = 0;
    let pageStartsAt: number | undefined;
    for (let page = 0; page < SALES_NAV_PAGES; page++) {
      const result = await client.salesNavListThreads({ pageStartsAt, count: PAGE });
      heartbeat();
      let reachedKnown = false;
      for (const listed of result.threads) {
        const lastActivity = Math.max(0, ...(listed.messages ?? []).map((m) => m.deliveredAt));
        if (since && lastActivity <= since.getTime()) {
          reachedKnown = true;
          continue;
        }
        until = Math.max(until, lastActivity);
        if (await this.conversations.linkSalesNavThread(box.accountId, `urn:li:messagingThread:${listed.id}`, listed.id, listed.unreadMessageCount ?? 0)) continue;
        const thread = await client.salesNavGetThread(listed.id);
        heartbeat();
        const { conversation, messages } = fromSalesNavThread(thread, box);
        await this.conversations.upsert(conversation);
        for (const m of messages) if (await this.messages.insertSynced(m)) newMessages += 1;
      }
      if (reachedKnown || !result.nextPageStartsAt || result.threads.length < PAGE) break;
      pageStartsAt = result.nextPageStartsAt;
    }
    return { until: until > 0 ? new Date(until) : null, newMessages };
  }

  /**
   * The outbox: every stored inbound message not yet announced fires message.received and reaches the
   * reply router, then is marked. A crash in between re-announces it (same event id), never drops it.
   */
  private async dispatchPending(account: LinkedinAccountEntity, heartbeat: () => void): Promise<void> {
    for (;;) {
      const rows = await this.messages.unnotified(account.id, DISPATCH_BATCH);
      for (const row of rows) {
        await this.announce(row);
        heartbeat();
      }
      await this.messages.markNotified(rows.map((r) => r.id));
      if (rows.length < DISPATCH_BATCH) return;
    }
  }

  private async announce(row: InboxMessageRow): Promise<void> {
    await this.webhooks.emit(row.workspaceId, 'message.received', inboxMessageEventData(row), webhookEventId('message.received', row.accountId, row.messageUrn));
    await this.replies.onInboundMessage({
      workspaceId: row.workspaceId, accountId: row.accountId, conversationUrn: row.conversationUrn, senderProfileUrn: row.senderUrn,
      messageUrn: row.messageUrn, text: row.text, sentAt: new Date(row.sentAt),
    });
  }
}

