import { Injectable } from '@nestjs/common';
import {
  ConversationsRepository,
  DEFAULT_ACCOUNT,
  InboxMessagesRepository,
  InboxSyncStatesRepository,
  type ConversationEntity,
  type InboxAccount,
  type InboxMessageRow,
  type InboxSyncStateEntity,
  type LinkedinAccountEntity,
} from '@threadline/db';
import { DomainError, personRefProblem } from '@threadline/domain';
import { isUUID } from 'class-validator';
import { AccountActionsService } from '../account-actions/account-actions.service';
import { AccountsService } from '../accounts/accounts.service';
import type { AuthContext } from '../auth/auth-context';
import { decodeCursor, encodeCursor } from './inbox-cursor';
import { SALES_NAV_THREAD_PREFIX } from './inbox-mappers';
import { InboxSyncControlService } from './inbox-sync-control.service';

/** Which accounts a read covers: several by id, one by id, or the workspace default. */
export interface AccountSelection {
  accountId?: string;
  linkedinAccountIds?: string[];
}

export interface ListConversationsQuery extends AccountSelection {
  count: number;
  cursor?: string;
  unreadOnly?: boolean;
  keyword?: string;
}

export interface ConversationsPage {
  conversations: ConversationEntity[];
  accounts: InboxAccount[];
  syncStates: InboxSyncStateEntity[];
  nextCursor: string | null;
  hasMore: boolean;
}

export interface ThreadMessagesQuery extends AccountSelection {
  count: number;
  cursor?: string;
  since?: Date;
  /** Ask the sync for a pass too (the answer still comes from Postgres). */
  sync?: boolean;
}

export interface ThreadMessagesPage {
  conversation: ConversationEntity;
  messages: InboxMessageRow[];
  nextCursor: string | null;
  hasMore: boolean;
}

export interface ConversationDetailsQuery extends AccountSelection {
  conversationUrn?: string;
  profileId?: string;
  deliveredAt?: Date;
  countBefore: number;
  countAfter: number;
}

export interface ConversationDetails {
  conversation: ConversationEntity;
  /** Newest first: the countAfter messages after the anchor, then the countBefore at or before it. */
  messages: InboxMessageRow[];
}

export interface SyncStatus {
  account: LinkedinAccountEntity;
  state: InboxSyncStateEntity | null;
}

const PROFILE_ID = /^ACoAA[A-Za-z0-9_-]{10,}$/;

/** Inbox reads, all from Postgres and scoped by workspace; the sync workflow keeps the data fresh. */
@Injectable()
export class InboxService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly conversations: ConversationsRepository,
    private readonly messages: InboxMessagesRepository,
    private readonly states: InboxSyncStatesRepository,
    private readonly control: InboxSyncControlService,
    private readonly actions: AccountActionsService,
  ) {}

  async listConversations(auth: AuthContext, q: ListConversationsQuery): Promise<ConversationsPage> {
    const after = q.cursor ? decodeCursor(q.cursor, 'nextCursor') : undefined;
    const inbox = {
      limit: q.count, unreadOnly: q.unreadOnly, keyword: q.keyword,
      after: after ? { lastActivityAt: after.at, id: after.id } : undefined,
    };
    let accounts: InboxAccount[];
    let rows: ConversationEntity[];
    let syncStates: InboxSyncStateEntity[];
    const one = q.linkedinAccountIds?.length ? (new Set(q.linkedinAccountIds).size === 1 ? q.linkedinAccountIds[0] : undefined) : (q.accountId ?? DEFAULT_ACCOUNT);
    // One account (the usual read): the account, its sync state and the page in one statement. When that
    // finds no account, the step-by-step path below says why (none connected, an unknown id, an external id).
    const found = one !== undefined && (one === DEFAULT_ACCOUNT || isUUID(one)) ? await this.conversations.accountInbox(auth.workspaceId, one, inbox) : null;
    if (found) {
      accounts = [found.account];
      rows = found.conversations;
      syncStates = found.syncState ? [found.syncState] : [];
    } else {
      accounts = await this.selectAccounts(auth, q);
      const ids = accounts.map((a) => a.id);
      [rows, syncStates] = await Promise.all([this.conversations.page(auth.workspaceId, { ...inbox, accountIds: ids }), this.states.findForAccounts(auth.workspaceId, ids)]);
    }
    const hasMore = rows.length > q.count;
    const page = rows.slice(0, q.count);
    const last = page[page.length - 1];
    return {
      conversations: page,
      accounts,
      syncStates,
      nextCursor: hasMore && last ? encodeCursor({ at: last.lastActivityAt, id: last.id }) : null,
      hasMore,
    };
  }

  async threadMessages(auth: AuthContext, conversationUrn: string, q: ThreadMessagesQuery): Promise<ThreadMessagesPage> {
    const before = q.cursor ? decodeCursor(q.cursor) : undefined;
    const page = { limit: q.count, since: q.since, before: before ? { sentAt: before.at, id: before.id } : undefined };
    // The conversation and the page in one statement; when that finds no conversation, the step-by-step path says why.
    const named = namedAccounts(q);
    const found = !named || named.every((id) => isUUID(id)) ? await this.conversations.readableThread(auth.workspaceId, named, conversationUrn, salesNavThreadIdOf(conversationUrn), page) : null;
    const conversation = found?.conversation ?? await this.readableConversation(auth, q, conversationUrn);
    if (q.sync) await this.control.request(auth.workspaceId, conversation.accountId, 'api');
    const rows = found?.messages ?? await this.messages.thread(auth.workspaceId, { accountId: conversation.accountId, conversationUrn: conversation.conversationUrn, ...page });
    const hasMore = rows.length > q.count;
    const messages = rows.slice(0, q.count);
    const last = messages[messages.length - 1];
    return { conversation, messages, hasMore, nextCursor: hasMore && last ? encodeCursor({ at: new Date(last.sentAt), id: last.id }) : null };
  }

  /** Messages around an anchor time, like Voyager's anchor query, from Postgres. */
  async conversationDetails(auth: AuthContext, q: ConversationDetailsQuery): Promise<ConversationDetails> {
    let conversation: ConversationEntity;
    if (q.conversationUrn) conversation = await this.readableConversation(auth, q, q.conversationUrn);
    else if (q.profileId) {
      const accounts = await this.selectAccounts(auth, q, true);
      const profileUrn = await this.profileUrnOf(auth, q.profileId, accounts);
      const found = await this.conversations.findWithParticipant(auth.workspaceId, accounts.map((a) => a.id), profileUrn);
      if (!found) throw new DomainError('NOT_FOUND', `No conversation with ${q.profileId} in the synced inbox.`, { field: 'profileId' });
      conversation = found;
    } else throw new DomainError('VALIDATION_FAILED', 'conversationUrn: pass conversationUrn or profileId.', { field: 'conversationUrn' });
    const anchor = q.deliveredAt ?? new Date();
    const base = { accountId: conversation.accountId, conversationUrn: conversation.conversationUrn };
    const before = q.countBefore > 0 ? (await this.messages.thread(auth.workspaceId, { ...base, limit: q.countBefore, atOrBefore: anchor })).slice(0, q.countBefore) : [];
    const after = q.countAfter > 0 ? (await this.messages.thread(auth.workspaceId, { ...base, limit: q.countAfter, since: anchor, ascending: true })).slice(0, q.countAfter) : [];
    return { conversation, messages: [...after.reverse(), ...before] };
  }

  /** Whether any selected account has a conversation with this person. */
  async exists(auth: AuthContext, profileId: string, selection: AccountSelection): Promise<{ profileUrn: string; conversation: ConversationEntity | null }> {
    const accounts = await this.selectAccounts(auth, selection, true);
    const profileUrn = await this.profileUrnOf(auth, profileId, accounts);
    return { profileUrn, conversation: await this.conversations.findWithParticipant(auth.workspaceId, accounts.map((a) => a.id), profileUrn) };
  }

  /** Asks each selected account's sync for a pass now; a restricted account may ask too (a successful pass lifts a restriction LinkedIn no longer shows). */
  async requestSync(auth: AuthContext, selection: AccountSelection): Promise<SyncStatus[]> {
    const accounts = await this.selectAccounts(auth, selection);
    for (const a of accounts) {
      this.accounts.assertReadable(a);
      await this.control.request(auth.workspaceId, a.id, 'api');
    }
    return this.syncStatus(auth, selection);
  }

  async syncStatus(auth: AuthContext, selection: AccountSelection): Promise<SyncStatus[]> {
    const accounts = await this.selectAccounts(auth, selection);
    const states = await this.states.findForAccounts(auth.workspaceId, accounts.map((a) => a.id));
    return accounts.map((account) => ({ account, state: states.find((s) => s.accountId === account.id) ?? null }));
  }

  /**
   * linkedinAccountIds, else accountId, else the default account; with `anyWhenUnset`, an unset
   * selection covers every account of the workspace (lookups by URN or person).
   */
  private async selectAccounts(auth: AuthContext, q: AccountSelection, anyWhenUnset = false): Promise<LinkedinAccountEntity[]> {
    if (q.linkedinAccountIds?.length) return Promise.all([...new Set(q.linkedinAccountIds)].map((id) => this.accounts.get(auth, id)));
    if (q.accountId) return [await this.accounts.get(auth, q.accountId)];
    if (anyWhenUnset) {
      const all = await this.accounts.list(auth);
      if (all.length > 0) return all;
    }
    return [await this.accounts.resolve(auth, undefined)];
  }

  /**
   * The conversation a read names, resolved with its account in one query; only when that finds
   * nothing does the step-by-step path run, to say what is wrong (an unknown account, no account at
   * all, or no such conversation).
   */
  private async readableConversation(auth: AuthContext, q: AccountSelection, conversationUrn: string): Promise<ConversationEntity> {
    const named = namedAccounts(q);
    if (!named || named.every((id) => isUUID(id))) {
      const found = await this.conversations.findReadable(auth.workspaceId, named, conversationUrn, salesNavThreadIdOf(conversationUrn));
      if (found) return found;
    }
    return this.findConversation(auth, await this.selectAccounts(auth, q, true), conversationUrn);
  }

  private async findConversation(auth: AuthContext, accounts: LinkedinAccountEntity[], conversationUrn: string): Promise<ConversationEntity> {
    const ids = accounts.map((a) => a.id);
    const found = (await this.conversations.findByUrn(auth.workspaceId, ids, conversationUrn))
      ?? (conversationUrn.startsWith(SALES_NAV_THREAD_PREFIX) ? await this.conversations.findBySalesNavThread(auth.workspaceId, ids, conversationUrn.slice(SALES_NAV_THREAD_PREFIX.length)) : null);
    if (!found) throw new DomainError('NOT_FOUND', `No conversation ${conversationUrn} in this workspace's synced inbox.`, { field: 'conversationUrn' });
    return found;
  }

  /** A person reference as the URN participants are stored under; a vanity name or URL an earlier send did not resolve is looked up on LinkedIn. */
  private async profileUrnOf(auth: AuthContext, ref: string, accounts: LinkedinAccountEntity[]): Promise<string> {
    const value = ref.trim();
    if (value.startsWith('urn:li:fsd_profile:') || value.startsWith('urn:li:fs_salesProfile:')) return value;
    if (PROFILE_ID.test(value)) return `urn:li:fsd_profile:${value}`;
    const fromUrl = /linkedin\.com\/in\/(ACoAA[A-Za-z0-9_-]+)/.exec(value)?.[1];
    if (fromUrl) return `urn:li:fsd_profile:${fromUrl}`;
    const resolved = await this.messages.resolvedRecipient(auth.workspaceId, value);
    if (resolved) return resolved;
    if (personRefProblem(value, ['vanity', 'profile_url']) === null && accounts[0]) {
      const outcome = await this.actions.run(auth, accounts[0].id, { type: 'resolve_profile', ref: value });
      if (outcome.result?.profileUrn) return outcome.result.profileUrn;
    }
    throw new DomainError('VALIDATION_FAILED', `profileId: "${ref}" is not a profile id (ACoAA…), urn:li:fsd_profile URN, profile URL or vanity name LinkedIn knows.`, { field: 'profileId' });
  }
}

/** The accounts a read names, or null for any account of the workspace. */
function namedAccounts(q: AccountSelection): string[] | null {
  return q.linkedinAccountIds?.length ? q.linkedinAccountIds : q.accountId ? [q.accountId] : null;
}

/** The thread id of a `urn:li:salesNav_thread:<id>`, else null. */
function salesNavThreadIdOf(conversationUrn: string): string | null {
  return conversationUrn.startsWith(SALES_NAV_THREAD_PREFIX) ? conversationUrn.slice(SALES_NAV_THREAD_PREFIX.length) : null;
}
