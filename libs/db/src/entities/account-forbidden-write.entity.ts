import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { LinkedinAccountEntity } from './linkedin-account.entity';
import { WorkspaceEntity } from './workspace.entity';

/**
 * A write LinkedIn refused with a plain 403. Shared by every API and worker process, so that repeated
 * refusals across different conversations can mark the account restricted (reference §7.4).
 */
@Entity({ name: 'account_forbidden_writes' })
@Index('account_forbidden_writes_account_idx', ['accountId', 'at'])
export class AccountForbiddenWriteEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @ForeignKey(() => LinkedinAccountEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  /** The conversation written to, or the recipients of a new one. */
  @Column({ name: 'entity_urn', type: 'text' })
  entityUrn!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;
}
