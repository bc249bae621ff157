import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { WorkspaceEntity } from './workspace.entity';

/** Where a workspace wants its events delivered. */
@Entity({ name: 'webhook_endpoints' })
@Index('webhook_endpoints_workspace_idx', ['workspaceId'], { where: 'deleted_at IS NULL' })
export class WebhookEndpointEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'text' })
  url!: string;

  @Column({ type: 'text', array: true })
  events!: string[];

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** AES-256-GCM envelope of the signing secret: it must be readable to sign, so it is encrypted, not hashed. */
  @Column({ name: 'secret_encrypted', type: 'text', select: false })
  secretEncrypted!: string;

  @Column({ name: 'secret_prefix', type: 'text' })
  secretPrefix!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
