import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type AttachmentSource = 'upload' | 'linkedin';

/** A file of a workspace: uploaded through the API, or fetched from LinkedIn with an account's session. */
@Entity({ name: 'attachments' })
export class AttachmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  /** The account it was uploaded for or downloaded with. */
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
  @Column({ name: 'linkedin_assets', type: 'jsonb', default: () => `'{}'::jsonb` })
  linkedinAssets!: Record<string, string>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
