import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { oneOf } from './one-of';
import { WorkspaceEntity } from './workspace.entity';

export const IDEMPOTENCY_STATES = ['in_progress', 'done'] as const;
export type IdempotencyState = (typeof IDEMPOTENCY_STATES)[number];

/** A POST made with an Idempotency-Key: its request fingerprint and, once done, its stored response. */
@Entity({ name: 'idempotency_records' })
@Check('idempotency_records_state_check', oneOf('state', IDEMPOTENCY_STATES))
@Index('idempotency_records_created_idx', ['createdAt'])
export class IdempotencyRecordEntity {
  @ForeignKey(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @PrimaryColumn({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'text' })
  method!: string;

  @Column({ type: 'text' })
  path!: string;

  /** SHA-256 of method, path, account and body: the same key with another request is refused. */
  @Column({ name: 'request_hash', type: 'text' })
  requestHash!: string;

  @Column({ type: 'text' })
  state!: IdempotencyState;

  @Column({ name: 'response_status', type: 'int', nullable: true })
  responseStatus!: number | null;

  /** AES-256-GCM envelope of the response body (it may hold a new API key or message text). */
  @Column({ name: 'response_encrypted', type: 'text', nullable: true })
  responseEncrypted!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
