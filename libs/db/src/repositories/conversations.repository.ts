import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { postgresSafe } from '../postgres-text';
import { type ConversationSource, ConversationEntity, type LatestMessageRecord, type ParticipantRecord } from '../entities/conversation.entity';

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

export interface InboxQuery {
  accountIds: string[];
  limit: number;
  after?: InboxPosition;
  unreadOnly?: boolean;
  keyword?: string;
}

@Injectable()
export class ConversationsRepository {
  constructor(@InjectRepository(ConversationEntity) private readonly repo: Repository<ConversationEntity>) {}

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

  /** One page of a workspace's inbox across the given accounts, newest activity first (one row more than asked, to tell if more follow). */
  page(workspaceId: string, q: InboxQuery): Promise<ConversationEntity[]> {
    const qb = this.repo
      .createQueryBuilder('c')
      .where('c.workspace_id = :workspaceId AND c.account_id = ANY(:accountIds) AND c.deleted_at IS NULL', { workspaceId, accountIds: q.accountIds });
    if (q.unreadOnly) qb.andWhere('c.unread_count > 0');
    if (q.after) qb.andWhere('(c.last_activity_at, c.id) < (:t, :id)', { t: q.after.lastActivityAt, id: q.after.id });
    if (q.keyword) {
      qb.andWhere(`(c.latest_message->>'text' ILIKE :kw OR c.participants::text ILIKE :kw OR c.title ILIKE :kw)`, { kw: `%${q.keyword.replace(/[%_\\]/g, '\\$&')}%` });
    }
    return qb.orderBy('c.last_activity_at', 'DESC').addOrderBy('c.id', 'DESC').limit(q.limit + 1).getMany();
  }

  /** A conversation of the workspace by URN, limited to the given accounts. */
  findByUrn(workspaceId: string, accountIds: string[], conversationUrn: string): Promise<ConversationEntity | null> {
    return this.repo
      .createQueryBuilder('c')
      .where('c.workspace_id = :workspaceId AND c.account_id = ANY(:accountIds) AND c.conversation_urn = :conversationUrn AND c.deleted_at IS NULL', {
        workspaceId, accountIds, conversationUrn,
      })
      .orderBy('c.last_activity_at', 'DESC')
      .getOne();
  }

  /** A classic conversation that also carries this Sales Navigator thread (so `urn:li:salesNav_thread:<id>` still finds it). */
  findBySalesNavThread(workspaceId: string, accountIds: string[], threadId: string): Promise<ConversationEntity | null> {
    return this.repo
      .createQueryBuilder('c')
      .where('c.workspace_id = :workspaceId AND c.account_id = ANY(:accountIds) AND c.sales_nav_thread_id = :threadId AND c.deleted_at IS NULL', { workspaceId, accountIds, threadId })
      .getOne();
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
  findWithParticipant(workspaceId: string, accountIds: string[], profileUrn: string): Promise<ConversationEntity | null> {
    return this.repo
      .createQueryBuilder('c')
      .where('c.workspace_id = :workspaceId AND c.account_id = ANY(:accountIds) AND c.deleted_at IS NULL AND :urn = ANY(c.participant_urns)', {
        workspaceId, accountIds, urn: profileUrn,
      })
      .orderBy('c.group_chat', 'ASC')
      .addOrderBy('c.last_activity_at', 'DESC')
      .getOne();
  }

  async countForAccounts(workspaceId: string, accountIds: string[]): Promise<number> {
    return this.repo.createQueryBuilder('c').where('c.workspace_id = :workspaceId AND c.account_id = ANY(:accountIds) AND c.deleted_at IS NULL', { workspaceId, accountIds }).getCount();
  }
}
