import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Not, type Repository } from 'typeorm';
import { MessageEntity } from '../entities/message.entity';
import { postgresSafe } from '../postgres-text';
import { selectList } from '../select-list';

/** What a synced message always has: it is on LinkedIn, so it has its URNs and its time. */
type Synced<T extends Partial<MessageEntity>> = Omit<T, 'conversationUrn' | 'messageUrn' | 'sentAt'> & { conversationUrn: string; messageUrn: string; sentAt: Date };

/** A message row as the inbox reads it. */
export type InboxMessageRow = Synced<Pick<MessageEntity, (typeof INBOX_MESSAGE_FIELDS)[number]>>;

/** A message the sync found on LinkedIn (inbound, or typed by the owner), to store. */
export type SyncedMessage = Synced<Pick<MessageEntity, 'workspaceId' | 'accountId' | 'direction' | 'origin' | 'conversationUrn' | 'messageUrn' | 'backendUrn'
  | 'senderUrn' | 'senderName' | 'text' | 'subject' | 'originToken' | 'attachments' | 'sentAt' | 'recalled' | 'edited'>> & {
  /** Set for history (before the baseline) and for outbound rows: nothing to notify. */
  notified: boolean;
};

export interface ThreadQuery {
  /** The conversation's account: an equality, so the thread index serves the read. */
  accountId: string;
  conversationUrn: string;
  limit: number;
  /** Keyset: strictly older than this (sent_at, id). */
  before?: { sentAt: Date; id: string };
  /** Strictly newer than this time. */
  since?: Date;
  /** Oldest first (for "after an anchor" reads). */
  ascending?: boolean;
  /** Inclusive upper bound on sent_at. */
  atOrBefore?: Date;
}

/** The columns the inbox reads (not the send's bookkeeping). */
export const INBOX_MESSAGE_FIELDS = ['id', 'workspaceId', 'accountId', 'direction', 'origin', 'conversationUrn', 'messageUrn', 'backendUrn', 'senderUrn', 'senderName',
  'text', 'subject', 'attachments', 'sentAt', 'recalled', 'edited'] as const satisfies readonly (keyof MessageEntity)[];

/**
 * The synced side of `messages`. The inbox reads are hot, so they are SQL written once and mapped to
 * the entity's properties (the query builder costs about 1 ms more per page).
 */
@Injectable()
export class InboxMessagesRepository {
  private readonly inboxColumns: string;

  constructor(@InjectRepository(MessageEntity) private readonly repo: Repository<MessageEntity>) {
    this.inboxColumns = selectList(repo, INBOX_MESSAGE_FIELDS);
  }

  /**
   * Stores a synced message once per (account, message URN). An owner's message that carries the
   * originToken of a Threadline send fills in that send's row instead of adding a second one.
   * Returns true when the message was new. LinkedIn text may carry U+0000, which Postgres cannot
   * store: it is made safe here rather than losing the message.
   */
  async insertSynced(synced: SyncedMessage): Promise<boolean> {
    const m = postgresSafe(synced);
    if (m.direction === 'outbound' && m.originToken) {
      const [, matched] = (await this.repo.query(
        `UPDATE messages SET message_urn = $3, backend_urn = $4, conversation_urn = $5, sent_at = COALESCE(sent_at, $6), status = 'sent',
           error_code = NULL, error_message = NULL, sender_urn = COALESCE(sender_urn, $7), sender_name = COALESCE(sender_name, $8),
           attachments = CASE WHEN jsonb_array_length($9::jsonb) > 0 THEN $9::jsonb ELSE attachments END
         WHERE account_id = $1 AND origin_token = $2 AND message_urn IS NULL AND origin IN ('api', 'sequence')`,
        [m.accountId, m.originToken, m.messageUrn, m.backendUrn, m.conversationUrn, m.sentAt, m.senderUrn, m.senderName, JSON.stringify(m.attachments)],
      )) as [unknown[], number];
      if (matched > 0) return false;
    }
    // The conflict target is the partial unique index messages_account_message_urn, which the query builder cannot name.
    const rows: unknown[] = await this.repo.query(
      `INSERT INTO messages (workspace_id, account_id, direction, status, message_type, conversation_urn, message_urn, backend_urn, sender_urn,
         sender_name, text, subject, origin_token, sent_at, origin, attachments, notified_at, recalled, edited)
       VALUES ($1,$2,$3,'sent',$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15::jsonb,$16,$17,$18)
       ON CONFLICT (account_id, message_urn) WHERE message_urn IS NOT NULL DO NOTHING
       RETURNING id`,
      [
        m.workspaceId, m.accountId, m.direction, m.subject ? 'inmail' : 'normal', m.conversationUrn, m.messageUrn, m.backendUrn, m.senderUrn,
        m.senderName, m.text, m.subject, m.originToken, m.sentAt, m.origin, JSON.stringify(m.attachments), m.notified ? new Date() : null, m.recalled, m.edited,
      ],
    );
    if (rows.length === 0 && m.recalled) await this.markRecalled(m.accountId, [m.messageUrn]);
    else if (rows.length === 0 && m.edited) await this.markEdited(m.accountId, [{ messageUrn: m.messageUrn, text: m.text ?? '' }]);
    return rows.length > 0;
  }

  /**
   * Messages recalled on LinkedIn read as LinkedIn shows them: no text, no attachments, `recalled`; the
   * conversation's latest message too when it is one of them.
   */
  async markRecalled(accountId: string, messageUrns: string[]): Promise<void> {
    if (messageUrns.length === 0) return;
    await this.repo.query(
      `WITH recalled AS (
         UPDATE messages SET recalled = true, text = '', attachments = '[]'::jsonb, updated_at = now()
         WHERE account_id = $1 AND message_urn = ANY($2) AND NOT recalled RETURNING message_urn)
       UPDATE conversations c SET latest_message = c.latest_message || '{"text": "", "recalled": true}'::jsonb
       WHERE c.account_id = $1 AND c.latest_message->>'messageUrn' = ANY($2)`,
      [accountId, messageUrns],
    );
  }

  /**
   * Messages edited on LinkedIn read as LinkedIn shows them: the new text and `edited`; the conversation's latest
   * message too when it is one of them. A recalled message stays recalled. Returns the rows that changed.
   */
  async markEdited(accountId: string, edits: Array<{ messageUrn: string; text: string }>): Promise<InboxMessageRow[]> {
    if (edits.length === 0) return [];
    const safe = edits.map((e) => postgresSafe(e));
    return this.repo.query(
      `WITH edit AS (SELECT * FROM unnest($2::text[], $3::text[]) AS e(message_urn, text)),
       edited AS (
         UPDATE messages m SET text = edit.text, edited = true, updated_at = now() FROM edit
         WHERE m.account_id = $1 AND m.message_urn = edit.message_urn AND NOT m.recalled AND (NOT m.edited OR m.text IS DISTINCT FROM edit.text)
         RETURNING m.*),
       latest AS (
         UPDATE conversations c SET latest_message = c.latest_message || jsonb_build_object('text', edited.text, 'edited', true) FROM edited
         WHERE c.account_id = $1 AND c.latest_message->>'messageUrn' = edited.message_urn)
       SELECT ${this.inboxColumns} FROM edited`,
      [accountId, safe.map((e) => e.messageUrn), safe.map((e) => e.text)],
    );
  }

  /** Which of these message URNs an account already has. */
  async knownUrns(accountId: string, messageUrns: string[]): Promise<Set<string>> {
    if (messageUrns.length === 0) return new Set();
    const rows = await this.repo.find({ select: { id: true, messageUrn: true }, where: { accountId, messageUrn: In(messageUrns) } });
    return new Set(rows.map((r) => r.messageUrn!));
  }

  /** The profile URN an earlier send resolved a vanity name (or other reference) to, if any. */
  async resolvedRecipient(workspaceId: string, ref: string): Promise<string | null> {
    const row = await this.repo.findOne({ select: { id: true, recipientUrn: true }, where: { workspaceId, recipientRef: ref, recipientUrn: Not(IsNull()) } });
    return row?.recipientUrn ?? null;
  }

  /** Inbound messages whose events have not been dispatched yet (the outbox), oldest first. */
  unnotified(accountId: string, limit: number): Promise<InboxMessageRow[]> {
    return this.repo.query(
      `SELECT ${this.inboxColumns} FROM messages WHERE account_id = $1 AND direction = 'inbound' AND notified_at IS NULL ORDER BY sent_at ASC, id ASC LIMIT $2`,
      [accountId, limit],
    );
  }

  async markNotified(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    // Raw, so that updated_at keeps saying when the message itself last changed.
    await this.repo.query(`UPDATE messages SET notified_at = now() WHERE id = ANY($1)`, [ids]);
  }

  /** Messages of one conversation of the workspace (one more than asked, to tell if more follow). */
  thread(workspaceId: string, q: ThreadQuery): Promise<InboxMessageRow[]> {
    const params: unknown[] = [workspaceId, q.accountId, q.conversationUrn];
    const where = [`workspace_id = $1`, `account_id = $2`, `conversation_urn = $3`, `message_urn IS NOT NULL`, `sent_at IS NOT NULL`];
    if (q.before) {
      params.push(q.before.sentAt, q.before.id);
      where.push(`(sent_at, id) < ($${params.length - 1}, $${params.length})`);
    }
    if (q.since) {
      params.push(q.since);
      where.push(`sent_at > $${params.length}`);
    }
    if (q.atOrBefore) {
      params.push(q.atOrBefore);
      where.push(`sent_at <= $${params.length}`);
    }
    params.push(q.limit + 1);
    const order = q.ascending ? 'ASC' : 'DESC';
    return this.repo.query(
      `SELECT ${this.inboxColumns} FROM messages WHERE ${where.join(' AND ')} ORDER BY sent_at ${order}, id ${order} LIMIT $${params.length}`,
      params,
    );
  }
}
