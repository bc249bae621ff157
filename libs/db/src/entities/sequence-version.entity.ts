import type { SequenceDocument } from '@threadline/domain';
import { Column, CreateDateColumn, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { SequenceEntity } from './sequence.entity';
import { WorkspaceEntity } from './workspace.entity';

/**
 * A published sequence: never updated, so running leads stay pinned to it. The trigger that refuses
 * updates (`sequence_versions_no_update`) lives in the migration: TypeORM does not model triggers.
 */
@Entity({ name: 'sequence_versions' })
@Unique(['sequenceId', 'version'])
export class SequenceVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @ForeignKey(() => SequenceEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'sequence_id', type: 'uuid' })
  sequenceId!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'jsonb' })
  document!: SequenceDocument;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
