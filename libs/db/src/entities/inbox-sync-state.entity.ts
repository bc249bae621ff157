import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { LinkedinAccountEntity } from './linkedin-account.entity';
import { oneOf } from './one-of';
import { WorkspaceEntity } from './workspace.entity';

export const INBOX_SYNC_STATUSES = ['running', 'stopped'] as const;
export type InboxSyncStatus = (typeof INBOX_SYNC_STATUSES)[number];

/** Where an account's inbox sync stands: its LinkedIn sync token, last pass and last error. */
@Entity({ name: 'inbox_sync_states' })
@Check('inbox_sync_states_status_check', oneOf('status', INBOX_SYNC_STATUSES))
@Index('inbox_sync_states_workspace_idx', ['workspaceId'])
export class InboxSyncStateEntity {
  @ForeignKey(() => LinkedinAccountEntity, { onDelete: 'CASCADE' })
  @PrimaryColumn({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @ForeignKey(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'text', default: 'running' })
  status!: InboxSyncStatus;

  @Column({ name: 'stop_reason', type: 'text', nullable: true })
  stopReason!: string | null;

  @Column({ name: 'sync_token', type: 'text', nullable: true })
  syncToken!: string | null;

  /** Sales Navigator threads active after this time are fetched again. */
  @Column({ name: 'sales_nav_synced_until', type: 'timestamptz', nullable: true })
  salesNavSyncedUntil!: Date | null;

  /** Messages delivered before this are history: stored without firing message.received. */
  @Column({ name: 'baseline_at', type: 'timestamptz', default: () => 'now()' })
  baselineAt!: Date;

  @Column({ name: 'last_synced_at', type: 'timestamptz', nullable: true })
  lastSyncedAt!: Date | null;

  @Column({ name: 'last_requested_at', type: 'timestamptz', nullable: true })
  lastRequestedAt!: Date | null;

  @Column({ name: 'sync_count', type: 'int', default: 0 })
  syncCount!: number;

  @Column({ name: 'error_count', type: 'int', default: 0 })
  errorCount!: number;

  @Column({ name: 'last_error_code', type: 'text', nullable: true })
  lastErrorCode!: string | null;

  @Column({ name: 'last_error_message', type: 'text', nullable: true })
  lastErrorMessage!: string | null;

  @Column({ name: 'last_error_at', type: 'timestamptz', nullable: true })
  lastErrorAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
