import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { LinkedinAccountEntity } from './linkedin-account.entity';
import { oneOf } from './one-of';
import { WorkspaceEntity } from './workspace.entity';

export const MESSAGE_DIRECTIONS = ['outbound', 'inbound'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];
export const MESSAGE_STATUSES = ['pending', 'sent', 'failed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
/** Where a message came from: a Threadline send (the API, or a sequence step), or the sync (LinkedIn, Sales Navigator). */
export const MESSAGE_ORIGINS = ['api', 'sequence', 'linkedin', 'sales_navigator'] as const;
/** The origins Threadline sent: billed, and announced with `message.sent`. */
export const THREADLINE_ORIGINS = ['api', 'sequence'] as const satisfies readonly MessageOrigin[];
export type MessageOrigin = (typeof MESSAGE_ORIGINS)[number];

/** An attachment of a synced message, as LinkedIn describes it. */
export interface AttachmentRecord {
  kind: 'file' | 'image' | 'video' | 'audio' | 'gif' | 'other';
  name: string | null;
  mediaType: string | null;
  byteSize: number | null;
  url: string | null;
}

/**
 * A message of an account: a send through the API (outbound, from `pending`), or one the inbox sync
 * found on LinkedIn (inbound, or typed by the owner). Indexes ordered `DESC` in the migrations are
 * declared here without the order, which TypeORM cannot express; a B-tree serves both directions.
 */
@Entity({ name: 'messages' })
@Check('messages_direction_check', oneOf('direction', MESSAGE_DIRECTIONS))
@Check('messages_status_check', oneOf('status', MESSAGE_STATUSES))
@Check('messages_origin_check', oneOf('origin', MESSAGE_ORIGINS))
@Index('messages_workspace_idx', ['workspaceId', 'createdAt'])
@Index('messages_conversation_idx', ['accountId', 'conversationUrn', 'sentAt'])
@Index('messages_idempotency_key', ['workspaceId', 'idempotencyKey'], { unique: true, where: 'idempotency_key IS NOT NULL' })
@Index('messages_account_message_urn', ['accountId', 'messageUrn'], { unique: true, where: 'message_urn IS NOT NULL' })
@Index('messages_workflow_id', ['workflowId'], { unique: true, where: 'workflow_id IS NOT NULL' })
@Index('messages_usage_idx', ['workspaceId', 'sentAt'], { where: "status = 'sent'" })
@Index('messages_thread_idx', ['workspaceId', 'conversationUrn', 'sentAt', 'id'], { where: 'message_urn IS NOT NULL' })
// The outbox of message.received: rows whose events are not dispatched yet.
@Index('messages_unnotified_idx', ['accountId'], { where: "notified_at IS NULL AND direction = 'inbound'" })
@Index('messages_campaign_idx', ['workspaceId', 'campaignId'], { where: 'campaign_id IS NOT NULL' })
@Index('messages_origin_token_idx', ['accountId', 'originToken'], { where: 'origin_token IS NOT NULL' })
export class MessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @ForeignKey(() => LinkedinAccountEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @Column({ type: 'text' })
  direction!: MessageDirection;

  @Column({ type: 'text' })
  status!: MessageStatus;

  @Column({ name: 'message_type', type: 'text', default: 'normal' })
  messageType!: string;

  /** What the caller asked to reach: a profile URN, vanity name or conversation URN, as given. */
  @Column({ name: 'recipient_ref', type: 'text', nullable: true })
  recipientRef!: string | null;

  @Column({ name: 'recipient_urn', type: 'text', nullable: true })
  recipientUrn!: string | null;

  @Column({ name: 'conversation_urn', type: 'text', nullable: true })
  conversationUrn!: string | null;

  @Column({ name: 'message_urn', type: 'text', nullable: true })
  messageUrn!: string | null;

  @Column({ name: 'backend_urn', type: 'text', nullable: true })
  backendUrn!: string | null;

  @Column({ name: 'sender_urn', type: 'text', nullable: true })
  senderUrn!: string | null;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'text', nullable: true })
  subject!: string | null;

  @Column({ name: 'origin_token', type: 'text', nullable: true })
  originToken!: string | null;

  @Column({ name: 'workflow_id', type: 'text', nullable: true })
  workflowId!: string | null;

  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey!: string | null;

  /** SHA-256 of the request body, so a reused Idempotency-Key with a different body is refused. */
  @Column({ name: 'request_hash', type: 'text', nullable: true })
  requestHash!: string | null;

  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode!: string | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage!: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'text', default: 'api' })
  origin!: MessageOrigin;

  @Column({ name: 'sender_name', type: 'text', nullable: true })
  senderName!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  attachments!: AttachmentRecord[];

  /** The campaign and lead of a sequence step's send (no foreign key: a billed send outlives its campaign). */
  @Column({ name: 'campaign_id', type: 'uuid', nullable: true })
  campaignId!: string | null;

  @Column({ name: 'lead_id', type: 'uuid', nullable: true })
  leadId!: string | null;

  /** Recalled (deleted for everyone) on LinkedIn: its text and attachments are gone, as LinkedIn shows it. */
  @Column({ type: 'boolean', default: false })
  recalled!: boolean;

  /** Edited after it was sent: its text is the latest LinkedIn shows. */
  @Column({ type: 'boolean', default: false })
  edited!: boolean;

  /** When message.received was dispatched for an inbound message; null while it waits in the outbox. */
  @Column({ name: 'notified_at', type: 'timestamptz', nullable: true })
  notifiedAt!: Date | null;
}
