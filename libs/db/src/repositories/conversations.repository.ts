import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { postgresSafe } from '../postgres-text';
import { pickPrefixed, selectAll, selectList } from '../select-list';
import { type ConversationSource, ConversationEntity, type LatestMessageRecord, type ParticipantRecord } from '../entities/conversation.entity';
import { InboxSyncStateEntity } from '../entities/inbox-sync-state.entity';
import { LinkedinAccountEntity } from '../entities/linkedin-account.entity';
import { MessageEntity } from '../entities/message.entity';
import { INBOX_MESSAGE_FIELDS, type InboxMessageRow } from './inbox-messages.repository';

/** A conversation as the sync writes it. */
export interface ConversationUpsert {
  workspaceId: string;
  accountId: string;
  conversationUrn: string;
  backendUrn: string | null;
  source: ConversationSource;
  salesNavThreadId: string | null;
  title: string | null;
  groupChat: boolean;
  categories: string[];
  participants: ParticipantRecord[];
  unreadCount: number;
  read: boolean;
  lastActivityAt: Date;
  latestMessage: LatestMessageRecord | null;
}

/** Keyset position in the inbox: newest activity first, id breaks ties. */
export interface InboxPosition {
  lastActivityAt: Date;
  id: string;
}

/** The workspace's default account, resolved inside the query. */
export const DEFAULT_ACCOUNT = 'default';

export interface InboxQuery {
  /** These accounts, or the workspace default (resolved in the same statement, so the read needs no lookup before it). */
  accountIds: string[] | typeof DEFAULT_ACCOUNT;
  limit: number;
  after?: InboxPosition;
  unreadOnly?: boolean;
  keyword?: string;
}

/** What an inbox page says about its account. */
export type InboxAccount = Pick<LinkedinAccountEntity, (typeof INBOX_ACCOUNT_FIELDS)[number]>;
const INBOX_ACCOUNT_FIELDS = ['id', 'name', 'profileUrn', 'status'] as const satisfies readonly (keyof LinkedinAccountEntity)[];

/** A page of a conversation's messages, newest first. */
export interface ThreadPage {
  limit: number;
  /** Keyset: strictly older than this (sent_at, id). */
  before?: { sentAt: Date; id: string };
  /** Strictly newer than this time. */
  since?: Date;
}

/** A conversation a read named, and a page of its messages. */
export interface ReadableThread {
  conversation: ConversationEntity;
  messages: InboxMessageRow[];
}

/** One account's inbox page, with the account and its sync state. */
export interface AccountInboxPage {
  account: InboxAccount;
  syncState: InboxSyncStateEntity | null;
  conversations: ConversationEntity[];
}

@Injectable()
export class ConversationsRepository {
  /** The hot reads are SQL written once, selecting the entity's columns as its properties. */
  private readonly columns: string;
  /** The account and sync-state columns an inbox page carries beside its conversations. */
  private readonly accountColumns: string;
  private readonly syncStateColumns: string;
  /** The message columns a thread page carries beside its conversation. */
  private readonly messageColumns: string;

  constructor(@InjectRepository(ConversationEntity) private readonly repo: Repository<ConversationEntity>) {
    this.columns = selectAll(repo, 'c');
    this.accountColumns = selectList(repo.manager.getRepository(LinkedinAccountEntity), INBOX_ACCOUNT_FIELDS, 'a', 'account.');
    this.syncStateColumns = selectAll(repo.manager.getRepository(InboxSyncStateEntity), 's', 'sync.');
    this.messageColumns = selectList(repo.manager.getRepository(MessageEntity), INBOX_MESSAGE_FIELDS, 'm', 'message.');
  }

  /** Writes what LinkedIn says about a conversation (U+0000 made storable); a known Sales Navigator link is never erased. */
  async upsert(conversation: ConversationUpsert): Promise<void> {
    const c = postgresSafe(conversation);
    await this.repo.query(
      `INSERT INTO conversations (workspace_id, account_id, conversation_urn, backend_urn, source, sales_nav_thread_id, title, group_chat, categories,
         participants, participant_urns, unread_count, read, last_activity_at, latest_message)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10::jsonb,$11,$12,$13,$14,$15::jsonb)
       ON CONFLICT (account_id, conversation_urn) DO UPDATE SET
         backend_urn = COALESCE(EXCLUDED.backend_urn, conversations.backend_urn),
         sales_nav_thread_id = COALESCE(EXCLUDED.sales_nav_thread_id, conversations.sales_nav_thread_id),
         title = EXCLUDED.title, group_chat = EXCLUDED.group_chat, categories = EXCLUDED.categories,
         participants = EXCLUDED.participants, participant_urns = EXCLUDED.participant_urns,
         unread_count = EXCLUDED.unread_count, read = EXCLUDED.read,
         last_activity_at = GREATEST(EXCLUDED.last_activity_at, conversations.last_activity_at),
         latest_message = COALESCE(EXCLUDED.latest_message, conversations.latest_message),
         deleted_at = NULL, updated_at = now()`,
      [
        c.workspaceId, c.accountId, c.conversationUrn, c.backendUrn, c.source, c.salesNavThreadId, c.title, c.groupChat, c.categories,
        JSON.stringify(c.participants), c.participants.map((p) => p.profileUrn), c.unreadCount, c.read, c.lastActivityAt,
        c.latestMessage ? JSON.stringify(c.latestMessage) : null,
      ],
    );
  }

  /** Links a Sales Navigator thread to the classic conversation of the same LinkedIn thread; false when there is none. */
  async linkSalesNavThread(accountId: string, backendUrn: string, threadId: string, unreadCount: number): Promise<boolean> {
    // Postgres UPDATE answers [rows, affected] through TypeORM.
    const [, affected] = (await this.repo.query(
      `UPDATE conversations SET sales_nav_thread_id = $3, unread_count = GREATEST(unread_count, $4), updated_at = now()
       WHERE account_id = $1 AND backend_urn = $2 AND source = 'linkedin'`,
      [accountId, backendUrn, threadId, unreadCount],
    )) as [unknown[], number];
    return affected > 0;
  }

  async markDeleted(accountId: string, conversationUrns: string[]): Promise<void> {
    if (conversationUrns.length === 0) return;
    await this.repo.query(`UPDATE conversations SET deleted_at = now() WHERE account_id = $1 AND conversation_urn = ANY($2)`, [accountId, conversationUrns]);
  }

  /**
   * One page of a workspace's inbox across the given accounts, newest activity first (one row more
   * than asked, to tell if more follow). Each account is its own keyset query on an equality, which
   * the inbox index (or the unread one) serves in order; the pages are merged here. With
   * `account_id = ANY(…)` Postgres cannot use the index order and sorts every row of the workspace.
   */
  async page(workspaceId: string, q: InboxQuery): Promise<ConversationEntity[]> {
    if (q.accountIds === DEFAULT_ACCOUNT) return this.accountPage(workspaceId, DEFAULT_ACCOUNT, q);
    const pages = await Promise.all([...new Set(q.accountIds)].map((accountId) => this.accountPage(workspaceId, accountId, q)));
    if (pages.length === 1) return pages[0]!;
    return pages.flat().sort(newestFirst).slice(0, q.limit + 1);
  }

  /**
   * The conversation a read names, looked up in one query together with its account: by URN, else
   * (for `urn:li:salesNav_thread:<id>`) the classic conversation carrying that thread. `accountIds`
   * null means any account of the workspace; otherwise every id must be one of the workspace's
   * accounts, or nothing is found (the caller then says which account is unknown).
   */
  async findReadable(workspaceId: string, accountIds: string[] | null, conversationUrn: string, salesNavThreadId: string | null): Promise<ConversationEntity | null> {
    const rows: (ConversationEntity & { rank?: number })[] = await this.repo.query(
      `WITH ${this.readable()} SELECT * FROM found`,
      [workspaceId, accountIds ? [...new Set(accountIds)] : null, conversationUrn, salesNavThreadId],
    );
    const row = rows[0];
    if (!row) return null;
    delete row.rank;
    return row;
  }

  /**
   * The conversation a read names (as findReadable) and a page of its messages, newest first, in one
   * statement: the thread index serves the page inside a LATERAL join on the conversation found. Null
   * when no conversation is found.
   */
  async readableThread(workspaceId: string, accountIds: string[] | null, conversationUrn: string, salesNavThreadId: string | null, page: ThreadPage): Promise<ReadableThread | null> {
    const params: unknown[] = [workspaceId, accountIds ? [...new Set(accountIds)] : null, conversationUrn, salesNavThreadId];
    const where = ['m.workspace_id = $1', 'm.account_id = found."accountId"', 'm.conversation_urn = found."conversationUrn"', 'm.message_urn IS NOT NULL', 'm.sent_at IS NOT NULL'];
    if (page.before) where.push(`(m.sent_at, m.id) < ($${params.push(page.before.sentAt)}, $${params.push(page.before.id)})`);
    if (page.since) where.push(`m.sent_at > $${params.push(page.since)}`);
    const rows: Record<string, unknown>[] = await this.repo.query(
      `WITH ${this.readable()}
       SELECT found.*, m.* FROM found
       LEFT JOIN LATERAL (SELECT ${this.messageColumns} FROM messages m WHERE ${where.join(' AND ')} ORDER BY m.sent_at DESC, m.id DESC LIMIT $${params.push(page.limit + 1)}) m ON true
       ORDER BY m."message.sentAt" DESC, m."message.id" DESC`,
      params,
    );
    const first = rows[0];
    if (!first) return null;
    const conversation: Record<string, unknown> = {};
    for (const key in first) if (!key.startsWith('message.') && key !== 'rank') conversation[key] = first[key];
    return {
      conversation: conversation as unknown as ConversationEntity,
      // A conversation without messages (in this page) is one row whose message columns are all null.
      messages: first['message.id'] === null ? [] : rows.map((r) => pickPrefixed<InboxMessageRow>(r, 'message.')),
    };
  }

  /**
   * `a` (the accounts a read may see) and `found` (its conversation, at most one row, with a rank
   * column), for parameters $1 workspace, $2 account ids (null: any), $3 URN, $4 Sales Navigator thread
   * id. Every named account must be the workspace's, or nothing is found.
   */
  private readable(): string {
    return `a AS (SELECT id FROM linkedin_accounts WHERE workspace_id = $1 AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))),
       found AS (SELECT * FROM (
         (SELECT ${this.columns}, 0 AS rank FROM a JOIN conversations c ON c.account_id = a.id
          WHERE c.workspace_id = $1 AND c.conversation_urn = $3 AND c.deleted_at IS NULL)
         UNION ALL
         (SELECT ${this.columns}, 1 AS rank FROM a JOIN conversations c ON c.account_id = a.id
          WHERE $4::text IS NOT NULL AND c.workspace_id = $1 AND c.sales_nav_thread_id = $4 AND c.deleted_at IS NULL)
       ) f
       WHERE $2::uuid[] IS NULL OR (SELECT count(*) FROM a) = cardinality($2::uuid[])
       ORDER BY rank, "lastActivityAt" DESC LIMIT 1)`;
  }

  /** A conversation of the workspace by URN, limited to the given accounts. */
  async findByUrn(workspaceId: string, accountIds: string[], conversationUrn: string): Promise<ConversationEntity | null> {
    const [row] = await this.repo.query(
      `SELECT ${this.columns} FROM conversations c WHERE c.workspace_id = $1 AND ${accountsIn('$2', accountIds)} AND c.conversation_urn = $3 AND c.deleted_at IS NULL
       ORDER BY c.last_activity_at DESC LIMIT 1`,
      [workspaceId, oneOrMany(accountIds), conversationUrn],
    );
    return (row as ConversationEntity | undefined) ?? null;
  }

  /** A classic conversation that also carries this Sales Navigator thread (so `urn:li:salesNav_thread:<id>` still finds it). */
  async findBySalesNavThread(workspaceId: string, accountIds: string[], threadId: string): Promise<ConversationEntity | null> {
    const [row] = await this.repo.query(
      `SELECT ${this.columns} FROM conversations c WHERE c.workspace_id = $1 AND ${accountsIn('$2', accountIds)} AND c.sales_nav_thread_id = $3 AND c.deleted_at IS NULL LIMIT 1`,
      [workspaceId, oneOrMany(accountIds), threadId],
    );
    return (row as ConversationEntity | undefined) ?? null;
  }

  /** Accounts of the workspace whose synced inbox holds this thread (by its URN, backend URN or Sales Navigator id), default first. */
  async accountsHolding(workspaceId: string, thread: { conversationUrn: string; backendUrn: string | null; salesNavThreadId: string | null }): Promise<string[]> {
    const rows: { account_id: string }[] = await this.repo.query(
      `SELECT c.account_id FROM conversations c JOIN linkedin_accounts a ON a.id = c.account_id
       WHERE c.workspace_id = $1 AND c.deleted_at IS NULL AND (c.conversation_urn = $2 OR c.backend_urn = $3 OR c.sales_nav_thread_id = $4)
       GROUP BY c.account_id, a.is_default, a.created_at ORDER BY a.is_default DESC, a.created_at ASC`,
      [workspaceId, thread.conversationUrn, thread.backendUrn, thread.salesNavThreadId],
    );
    return rows.map((r) => r.account_id);
  }

  /** The newest 1:1 conversation of an account with this person, if any. */
  async findWithParticipant(workspaceId: string, accountIds: string[], profileUrn: string): Promise<ConversationEntity | null> {
    const [row] = await this.repo.query(
      `SELECT ${this.columns} FROM conversations c WHERE c.workspace_id = $1 AND ${accountsIn('$2', accountIds)} AND c.deleted_at IS NULL AND $3 = ANY(c.participant_urns)
       ORDER BY c.group_chat ASC, c.last_activity_at DESC LIMIT 1`,
      [workspaceId, oneOrMany(accountIds), profileUrn],
    );
    return (row as ConversationEntity | undefined) ?? null;
  }

  async countForAccounts(workspaceId: string, accountIds: string[]): Promise<number> {
    const [row]: { n: number }[] = await this.repo.query(
      `SELECT count(*)::int AS n FROM conversations c WHERE c.workspace_id = $1 AND ${accountsIn('$2', accountIds)} AND c.deleted_at IS NULL`,
      [workspaceId, oneOrMany(accountIds)],
    );
    return row?.n ?? 0;
  }

  /**
   * One account's page (the workspace default, or an account by id) together with the account and its
   * sync state, in one statement: the inbox index serves the page inside a LATERAL join on the account
   * row. Null when the workspace has no such account (the caller says why).
   */
  async accountInbox(workspaceId: string, account: string | typeof DEFAULT_ACCOUNT, q: Omit<InboxQuery, 'accountIds'>): Promise<AccountInboxPage | null> {
    const params: unknown[] = [workspaceId];
    const which = account === DEFAULT_ACCOUNT ? 'a.is_default' : `a.id = $${params.push(account)}`;
    const where = ['c.account_id = a.id', ...pageFilter(params, q)];
    params.push(q.limit + 1);
    const rows: Record<string, unknown>[] = await this.repo.query(
      `SELECT ${this.accountColumns}, ${this.syncStateColumns}, ${this.columns}
       FROM linkedin_accounts a
       LEFT JOIN inbox_sync_states s ON s.account_id = a.id
       LEFT JOIN LATERAL (SELECT * FROM conversations c WHERE ${where.join(' AND ')} ORDER BY c.last_activity_at DESC, c.id DESC LIMIT $${params.length}) c ON true
       WHERE a.workspace_id = $1 AND ${which}
       ORDER BY c.last_activity_at DESC, c.id DESC`,
      params,
    );
    const first = rows[0];
    if (!first) return null;
    const syncState = pickPrefixed<InboxSyncStateEntity>(first, 'sync.');
    return {
      account: pickPrefixed<InboxAccount>(first, 'account.'),
      syncState: syncState.accountId === null ? null : syncState,
      // An account without conversations is one row whose conversation columns are all null.
      conversations: first.id === null ? [] : rows.map((r) => pickUnprefixed(r) as unknown as ConversationEntity),
    };
  }

  private accountPage(workspaceId: string, accountId: string, q: InboxQuery): Promise<ConversationEntity[]> {
    const params: unknown[] = [workspaceId];
    const where = ['c.workspace_id = $1', 'c.deleted_at IS NULL'];
    if (accountId === DEFAULT_ACCOUNT) {
      // An InitPlan: Postgres runs it once and compares with its result, so the inbox index still serves the page.
      where.push('c.account_id = (SELECT a.id FROM linkedin_accounts a WHERE a.workspace_id = $1 AND a.is_default)');
    } else {
      params.push(accountId);
      where.push(`c.account_id = $${params.length}`);
    }
    where.push(...pageFilter(params, q).slice(2));
    params.push(q.limit + 1);
    return this.repo.query(
      `SELECT ${this.columns} FROM conversations c WHERE ${where.join(' AND ')} ORDER BY c.last_activity_at DESC, c.id DESC LIMIT $${params.length}`,
      params,
    );
  }
}

/** The conditions of an inbox page past its account (workspace $1 first), pushing their values onto `params`. */
function pageFilter(params: unknown[], q: Omit<InboxQuery, 'accountIds'>): string[] {
  const where = ['c.workspace_id = $1', 'c.deleted_at IS NULL'];
  // Matches the predicate of conversations_unread_idx.
  if (q.unreadOnly) where.push('c.unread_count > 0');
  if (q.after) {
    params.push(q.after.lastActivityAt, q.after.id);
    where.push(`(c.last_activity_at, c.id) < ($${params.length - 1}, $${params.length})`);
  }
  if (q.keyword) {
    params.push(`%${q.keyword.replace(/[%_\\]/g, '\\$&')}%`);
    const kw = `$${params.length}`;
    where.push(`(c.latest_message->>'text' ILIKE ${kw} OR c.participants::text ILIKE ${kw} OR c.title ILIKE ${kw})`);
  }
  return where;
}

/** The conversation's own properties of a row that also carries prefixed ones. */
function pickUnprefixed(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in row) if (!key.startsWith('account.') && !key.startsWith('sync.')) out[key] = row[key];
  return out;
}

/** Inbox order: newest activity first, then the larger id (Postgres orders uuids as their lowercase hex). */
function newestFirst(a: ConversationEntity, b: ConversationEntity): number {
  return b.lastActivityAt.getTime() - a.lastActivityAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** `account_id = $n` for one account (an index equality), `= ANY($n)` for several. */
function accountsIn(param: string, accountIds: string[]): string {
  return accountIds.length === 1 ? `c.account_id = ${param}` : `c.account_id = ANY(${param}::uuid[])`;
}

function oneOrMany(accountIds: string[]): string | string[] {
  return accountIds.length === 1 ? accountIds[0]! : accountIds;
}
