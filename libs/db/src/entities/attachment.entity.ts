import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { LinkedinAccountEntity } from './linkedin-account.entity';
import { oneOf } from './one-of';
import { WorkspaceEntity } from './workspace.entity';

export const ATTACHMENT_SOURCES = ['upload', 'linkedin'] as const;
export type AttachmentSource = (typeof ATTACHMENT_SOURCES)[number];

/** A file of a workspace: uploaded through the API, or fetched from LinkedIn with an account's session. */
@Entity({ name: 'attachments' })
@Check('attachments_source_check', oneOf('source', ATTACHMENT_SOURCES))
// created_at DESC in the migration (TypeORM cannot declare the order; a B-tree serves both).
@Index('attachments_workspace_idx', ['workspaceId', 'createdAt'])
@Index('attachments_source_url', ['workspaceId', 'accountId', 'sourceUrl'], { unique: true, where: 'source_url IS NOT NULL' })
export class AttachmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  /** The account it was uploaded for or downloaded with. */
  @ForeignKey(() => LinkedinAccountEntity, { onDelete: 'SET NULL' })
  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId!: string | null;

  @Column({ type: 'text' })
  source!: AttachmentSource;

  /** The LinkedIn media URL a downloaded file came from. */
  @Column({ name: 'source_url', type: 'text', nullable: true })
  sourceUrl!: string | null;

  @Column({ type: 'text' })
  filename!: string;

  @Column({ name: 'media_type', type: 'text' })
  mediaType!: string;

  @Column({ name: 'byte_size', type: 'int' })
  byteSize!: number;

  @Column({ type: 'text' })
  sha256!: string;

  @Column({ type: 'bytea', select: false })
  content!: Buffer;

  /** LinkedIn asset URN per account id: a file is uploaded to LinkedIn once per sending account. */
  @Column({ name: 'linkedin_assets', type: 'jsonb', default: () => "'{}'" })
  linkedinAssets!: Record<string, string>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
