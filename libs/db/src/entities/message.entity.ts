import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type MessageDirection = 'outbound' | 'inbound';
export type MessageStatus = 'pending' | 'sent' | 'failed';

@Entity({ name: 'messages' })
@Index(['workspaceId', 'idempotencyKey'], { unique: true, where: 'idempotency_key IS NOT NULL' })
@Index(['accountId', 'messageUrn'], { unique: true, where: 'message_urn IS NOT NULL' })
export class MessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

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
}
