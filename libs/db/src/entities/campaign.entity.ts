import type { WorkingHours } from '@threadline/domain';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { oneOf } from './one-of';
import { SequenceVersionEntity } from './sequence-version.entity';
import { WorkspaceEntity } from './workspace.entity';

export const CAMPAIGN_STATUSES = ['draft', 'running', 'paused', 'completed', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Campaign limits on top of the account's own quota. */
export interface CampaignLimits {
  /** New leads started per sender per day (the rest wait their turn). */
  newLeadsPerDay?: number;
}

@Entity({ name: 'campaigns' })
@Check('campaigns_status_check', oneOf('status', CAMPAIGN_STATUSES))
// created_at DESC in the migration (TypeORM cannot declare the order; a B-tree serves both).
@Index('campaigns_workspace_idx', ['workspaceId', 'createdAt'])
export class CampaignEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'text' })
  name!: string;

  /** A version in use cannot be deleted. */
  @ForeignKey(() => SequenceVersionEntity)
  @Column({ name: 'sequence_version_id', type: 'uuid' })
  sequenceVersionId!: string;

  @Column({ type: 'text', default: 'draft' })
  status!: CampaignStatus;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason!: string | null;

  @Column({ name: 'stop_on_reply', type: 'boolean', default: true })
  stopOnReply!: boolean;

  /** Default working hours of the campaign's senders. */
  @Column({ name: 'working_hours', type: 'jsonb' })
  workingHours!: WorkingHours;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  limits!: CampaignLimits;

  @Column({ name: 'workflow_id', type: 'text', nullable: true })
  workflowId!: string | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
