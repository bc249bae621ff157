import type { SequenceDocument } from '@threadline/domain';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A published sequence: never updated (a trigger refuses it), so running leads stay pinned to it. */
@Entity({ name: 'sequence_versions' })
@Index(['sequenceId', 'version'], { unique: true })
export class SequenceVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @Column({ name: 'sequence_id', type: 'uuid' })
  sequenceId!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'jsonb' })
  document!: SequenceDocument;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
