import type { SequenceDocument } from '@threadline/domain';
import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { WorkspaceEntity } from './workspace.entity';

/** A sequence and its editable draft; what runs is always a published, immutable version. */
@Entity({ name: 'sequences' })
// created_at DESC in the migration (TypeORM cannot declare the order; a B-tree serves both).
@Index('sequences_workspace_idx', ['workspaceId', 'createdAt'])
export class SequenceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'jsonb' })
  draft!: SequenceDocument;

  /** 0 until the first publish. */
  @Column({ name: 'latest_version', type: 'int', default: 0 })
  latestVersion!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
