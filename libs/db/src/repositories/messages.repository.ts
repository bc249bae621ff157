import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, MoreThan, QueryFailedError, type Repository } from 'typeorm';
import { type AttachmentRecord, MessageEntity } from '../entities/message.entity';

export type NewOutboundMessage = Pick<MessageEntity, 'workspaceId' | 'accountId' | 'messageType' | 'recipientRef' | 'text' | 'subject' | 'workflowId' | 'idempotencyKey' | 'requestHash'>;

export interface SentFields {
  messageUrn: string;
  backendUrn: string | null;
  conversationUrn: string;
  recipientUrn: string | null;
  senderUrn: string | null;
  senderName: string | null;
  originToken: string;
  sentAt: Date;
}

/** A sequence step's send, recorded right before LinkedIn is called (keyed by the step's operation id). */
export type NewSequenceSend = Pick<MessageEntity, 'workspaceId' | 'accountId' | 'campaignId' | 'leadId' | 'recipientRef' | 'text' | 'workflowId' | 'originToken' | 'attachments'>;

/** How often a send's reconcile runs again after the sync stored its copy in the same instant (each run sees what the last one missed). */
const RECONCILE_ATTEMPTS = 3;

function isUrnConflict(err: unknown): boolean {
  const driverError = err instanceof QueryFailedError ? (err.driverError as { code?: string; constraint?: string }) : null;
  return driverError?.code === '23505' && driverError.constraint === 'messages_account_message_urn';
}

@Injectable()
export class MessagesRepository {
  constructor(@InjectRepository(MessageEntity) private readonly repo: Repository<MessageEntity>) {}

  findByIdempotencyKey(workspaceId: string, idempotencyKey: string): Promise<MessageEntity | null> {
    return this.repo.findOneBy({ workspaceId, idempotencyKey });
  }

  findInWorkspace(workspaceId: string, id: string): Promise<MessageEntity | null> {
    return this.repo.findOneBy({ workspaceId, id });
  }

  findByWorkflowId(workflowId: string): Promise<MessageEntity | null> {
    return this.repo.findOneBy({ workflowId });
  }

  /** A page of an account's API sends still under way (pending, with a workflow), in id order. */
  listPendingSends(workspaceId: string, accountId: string, afterId: string | null, limit: number): Promise<MessageEntity[]> {
    return this.repo.find({ where: { workspaceId, accountId, direction: 'outbound', status: 'pending', origin: 'api', ...(afterId ? { id: MoreThan(afterId) } : {}) }, order: { id: 'ASC' }, take: limit });
  }

  /** Records an accepted send before its workflow starts, so nothing accepted is ever lost. */
  async createPending(fields: NewOutboundMessage): Promise<MessageEntity> {
    return this.repo.save(this.repo.create({ ...fields, direction: 'outbound', status: 'pending' }));
  }

  /** Drops the row of a send whose workflow never started: nothing was sent, so nothing was accepted. */
  async deleteUnstarted(workflowId: string): Promise<void> {
    await this.repo.delete({ workflowId, status: 'pending' });
  }

  /**
   * Records a sequence step's send before LinkedIn is called, so the sync merges what it sees into this row
   * (by origin token) instead of taking it for a message typed by hand. A retried step keeps its one row.
   */
  async upsertSequenceSend(fields: NewSequenceSend): Promise<void> {
    await this.repo.query(
      `INSERT INTO messages (workspace_id, account_id, direction, status, message_type, origin, campaign_id, lead_id, recipient_ref, recipient_urn, text,
         workflow_id, origin_token, attachments)
       VALUES ($1, $2, 'outbound', 'pending', 'normal', 'sequence', $3, $4, $5, $5, $6, $7, $8, $9::jsonb)
       ON CONFLICT (workflow_id) WHERE workflow_id IS NOT NULL
       DO UPDATE SET origin_token = EXCLUDED.origin_token, text = EXCLUDED.text, status = 'pending', error_code = NULL, error_message = NULL, updated_at = now()
       WHERE messages.message_urn IS NULL`,
      [fields.workspaceId, fields.accountId, fields.campaignId, fields.leadId, fields.recipientRef, fields.text, fields.workflowId, fields.originToken, JSON.stringify(fields.attachments)],
    );
  }

  /**
   * A step's send without a row (delivered by a run in flight when rows for sequence sends came in): the sync's
   * copy becomes its row, or a row without text is added (the text lived only in the workflow). A no-op otherwise.
   */
  async adoptSequenceSend(ref: { workspaceId: string; campaignId: string; leadId: string; workflowId: string; messageUrn: string; recipientRef: string }): Promise<void> {
    await this.repo.query(
      `WITH lead AS (SELECT account_id FROM leads WHERE workspace_id = $1 AND id = $3 AND NOT EXISTS (SELECT 1 FROM messages WHERE workflow_id = $4)),
       adopted AS (
         UPDATE messages m SET origin = 'sequence', campaign_id = $2, lead_id = $3, workflow_id = $4, updated_at = now() FROM lead
         WHERE m.account_id = lead.account_id AND m.message_urn = $5 AND m.workflow_id IS NULL AND m.direction = 'outbound' AND m.origin IN ('linkedin', 'sales_navigator')
         RETURNING m.id)
       INSERT INTO messages (workspace_id, account_id, direction, status, message_type, origin, campaign_id, lead_id, recipient_ref, recipient_urn, text, workflow_id)
       SELECT $1, lead.account_id, 'outbound', 'pending', 'normal', 'sequence', $2, $3, $6, $6, '', $4 FROM lead WHERE NOT EXISTS (SELECT 1 FROM adopted)
       ON CONFLICT DO NOTHING`,
      [ref.workspaceId, ref.campaignId, ref.leadId, ref.workflowId, ref.messageUrn, ref.recipientRef],
    );
  }

  /** The send is about to reach LinkedIn with this origin token: the sync can now tell its copy is this row. */
  async stampDelivery(workflowId: string, originToken: string, attachments: AttachmentRecord[]): Promise<void> {
    await this.repo.query(`UPDATE messages SET origin_token = $2, attachments = $3::jsonb WHERE workflow_id = $1 AND message_urn IS NULL`, [workflowId, originToken, JSON.stringify(attachments)]);
  }

  /**
   * The send went out: its own row takes the URN. The sync may have stored its copy first (before the send's
   * origin token was known); the copy is removed and its attachments kept in the same statement, so no
   * instant has two rows with one URN. A copy the sync commits while this statement runs is invisible to it:
   * the statement runs again and removes it then.
   */
  async markSent(workflowId: string, fields: SentFields): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.repo.query(
          `WITH send AS (SELECT id, account_id FROM messages WHERE workflow_id = $1),
           copy AS (
             DELETE FROM messages c USING send
             WHERE c.account_id = send.account_id AND c.message_urn = $2 AND c.id <> send.id AND c.workflow_id IS NULL
               AND c.direction = 'outbound' AND c.origin IN ('linkedin', 'sales_navigator')
             RETURNING c.attachments)
           UPDATE messages m SET message_urn = $2, backend_urn = $3, conversation_urn = $4, recipient_urn = COALESCE($5, m.recipient_urn),
             sender_urn = COALESCE($6, m.sender_urn), sender_name = COALESCE($7, m.sender_name), origin_token = $8, sent_at = $9, status = 'sent',
             error_code = NULL, error_message = NULL, updated_at = now(),
             attachments = COALESCE((SELECT attachments FROM copy WHERE jsonb_array_length(attachments) > 0 LIMIT 1), m.attachments)
           FROM send WHERE m.id = send.id`,
          [workflowId, fields.messageUrn, fields.backendUrn, fields.conversationUrn, fields.recipientUrn, fields.senderUrn, fields.senderName, fields.originToken, fields.sentAt],
        );
        return;
      } catch (err) {
        if (!isUrnConflict(err) || attempt >= RECONCILE_ATTEMPTS) throw err;
      }
    }
  }

  /** A lead's run ended with a step's send recorded but never confirmed: nothing is known to have gone out. */
  async markUnsentSequenceSends(workspaceId: string, leadId: string, reason: string): Promise<void> {
    await this.repo.query(
      `UPDATE messages SET status = 'failed', error_code = 'NOT_SENT', error_message = $3, updated_at = now()
       WHERE workspace_id = $1 AND lead_id = $2 AND origin = 'sequence' AND status = 'pending' AND message_urn IS NULL`,
      [workspaceId, leadId, reason],
    );
  }

  async markFailed(workflowId: string, errorCode: string, errorMessage: string): Promise<void> {
    // A send the sync already saw on LinkedIn stays sent.
    await this.repo.update({ workflowId, messageUrn: IsNull() }, { status: 'failed', errorCode, errorMessage });
  }
}
