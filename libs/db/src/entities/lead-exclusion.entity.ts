import { Column, CreateDateColumn, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { WorkspaceEntity } from './workspace.entity';

/** A person the workspace never contacts through campaigns. */
@Entity({ name: 'lead_exclusions' })
export class LeadExclusionEntity {
  @ForeignKey(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @PrimaryColumn({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @PrimaryColumn({ name: 'profile_key', type: 'text' })
  profileKey!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
