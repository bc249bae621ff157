import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { postgresSafe } from '../postgres-text';

export type MessageOrigin = 'api' | 'linkedin' | 'sales_navigator';

/** An attachment of a synced message, as LinkedIn describes it. */
export interface AttachmentRecord {
  kind: 'file' | 'image' | 'video' | 'audio' | 'gif' | 'other';
  name: string | null;
  mediaType: string | null;
  byteSize: number | null;
  url: string | null;
}

/** A message the sync found on LinkedIn (inbound, or typed by the owner). */
export interface SyncedMessage {
  workspaceId: string;
  accountId: string;
  direction: 'inbound' | 'outbound';
  origin: MessageOrigin;
  conversationUrn: string;
  messageUrn: string;
  backendUrn: string | null;
  senderUrn: string | null;
  senderName: string | null;
  text: string;
  subject: string | null;
  originToken: string | null;
  attachments: AttachmentRecord[];
  sentAt: Date;
  /** Set for history (before the baseline) and for outbound rows: nothing to notify. */
  notified: boolean;
}

/** A message row as the inbox reads it. */
export interface InboxMessageRow {
  id: string;
  workspaceId: string;
  accountId: string;
  direction: 'inbound' | 'outbound';
  origin: MessageOrigin;
  conversationUrn: string;
  messageUrn: string;
  backendUrn: string | null;
  senderUrn: string | null;
  senderName: string | null;
  text: string;
  subject: string | null;
  attachments: AttachmentRecord[];
  sentAt: Date;
}

export interface ThreadQuery {
  accountIds: string[];
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

const COLUMNS = `id, workspace_id AS "workspaceId", account_id AS "accountId", direction, origin, conversation_urn AS "conversationUrn",
  message_urn AS "messageUrn", backend_urn AS "backendUrn", sender_urn AS "senderUrn", sender_name AS "senderName", text, subject,
  attachments, sent_at AS "sentAt"`;

@Injectable()
export class InboxMessagesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Stores a synced message once per (account, message URN). An owner's message that carries the
   * originToken of a Threadline send fills in that send's row instead of adding a second one.
   * Returns true when the message was new. LinkedIn text may carry U+0000, which Postgres cannot
   * store: it is made safe here rather than losing the message.
   */
  async insertSynced(synced: SyncedMessage): Promise<boolean> {
    const m = postgresSafe(synced);
    if (m.direction === 'outbound' && m.originToken) {
      const [, matched] = (await this.ds.query(
        `UPDATE messages SET message_urn = $3, backend_urn = $4, conversation_urn = $5, sent_at = COALESCE(sent_at, $6), status = 'sent'
         WHERE account_id = $1 AND origin_token = $2 AND message_urn IS NULL`,
        [m.accountId, m.originToken, m.messageUrn, m.backendUrn, m.conversationUrn, m.sentAt],
      )) as [unknown[], number];
      if (matched > 0) return false;
    }
    const rows: unknown[] = await this.ds.query(
      `INSERT INTO messages (workspace_id, account_id, direction, status, message_type, conversation_urn, message_urn, backend_urn, sender_urn,
         sender_name, text, subject, origin_token, sent_at, origin, attachments, notified_at)
       VALUES ($1,$2,$3,'sent',$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15::jsonb,$16)
       ON CONFLICT (account_id, message_urn) WHERE message_urn IS NOT NULL DO NOTHING
       RETURNING id`,
      [
        m.workspaceId, m.accountId, m.direction, m.subject ? 'inmail' : 'normal', m.conversationUrn, m.messageUrn, m.backendUrn, m.senderUrn,
        m.senderName, m.text, m.subject, m.originToken, m.sentAt, m.origin, JSON.stringify(m.attachments), m.notified ? new Date() : null,
      ],
    );
    return rows.length > 0;
  }

  /** Which of these message URNs an account already has. */
  async knownUrns(accountId: string, messageUrns: string[]): Promise<Set<string>> {
    if (messageUrns.length === 0) return new Set();
    const rows: { message_urn: string }[] = await this.ds.query(
      `SELECT message_urn FROM messages WHERE account_id = $1 AND message_urn = ANY($2)`,
      [accountId, messageUrns],
    );
    return new Set(rows.map((r) => r.message_urn));
  }

  /**
   * Removes the sync's copy of a message that a Threadline send is about to claim, so the send's own
   * row carries the URN (the sync can see a sent message before the send workflow records it).
   */
  async releaseSyncedCopy(accountId: string, messageUrn: string): Promise<void> {
    await this.ds.query(
      `DELETE FROM messages WHERE account_id = $1 AND message_urn = $2 AND workflow_id IS NULL AND direction = 'outbound' AND origin <> 'api'`,
      [accountId, messageUrn],
    );
  }

  /** The profile URN an earlier send resolved a vanity name (or other reference) to, if any. */
  async resolvedRecipient(workspaceId: string, ref: string): Promise<string | null> {
    const rows: { recipient_urn: string }[] = await this.ds.query(
      `SELECT recipient_urn FROM messages WHERE workspace_id = $1 AND recipient_ref = $2 AND recipient_urn IS NOT NULL LIMIT 1`,
      [workspaceId, ref],
    );
    return rows[0]?.recipient_urn ?? null;
  }

  /** Inbound messages whose events have not been dispatched yet (the outbox), oldest first. */
  unnotified(accountId: string, limit: number): Promise<InboxMessageRow[]> {
    return this.ds.query(
      `SELECT ${COLUMNS} FROM messages WHERE account_id = $1 AND direction = 'inbound' AND notified_at IS NULL ORDER BY sent_at ASC, id ASC LIMIT $2`,
      [accountId, limit],
    );
  }

  async markNotified(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.ds.query(`UPDATE messages SET notified_at = now() WHERE id = ANY($1)`, [ids]);
  }

  /** Messages of one conversation of the workspace (one more than asked, to tell if more follow). */
  thread(workspaceId: string, q: ThreadQuery): Promise<InboxMessageRow[]> {
    const params: unknown[] = [workspaceId, q.accountIds, q.conversationUrn];
    const where = [`workspace_id = $1`, `account_id = ANY($2)`, `conversation_urn = $3`, `message_urn IS NOT NULL`, `sent_at IS NOT NULL`];
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
    return this.ds.query(
      `SELECT ${COLUMNS} FROM messages WHERE ${where.join(' AND ')} ORDER BY sent_at ${order}, id ${order} LIMIT $${params.length}`,
      params,
    );
  }
}
