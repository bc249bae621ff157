import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { LinkedinAccountEntity } from './linkedin-account.entity';
import { oneOf } from './one-of';
import { WorkspaceEntity } from './workspace.entity';

export const QUOTA_KINDS = ['message', 'inmail'] as const;
export type QuotaKind = (typeof QUOTA_KINDS)[number];

/**
 * One row per spent unit of a LinkedIn member's quota; the operation id makes a retried reservation a
 * no-op. Counted per member, whichever workspace and account row spent it.
 */
@Entity({ name: 'quota_reservations' })
@Check('quota_reservations_kind_check', oneOf('kind', QUOTA_KINDS))
@Index('quota_reservations_member_window_idx', ['memberKey', 'kind', 'reservedAt'])
export class QuotaReservationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  /** The account that spent it; null once that account is deleted (its sends still count for the member). */
  @ForeignKey(() => LinkedinAccountEntity, { onDelete: 'SET NULL' })
  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId!: string | null;

  /** The LinkedIn member whose caps this unit counts against (see `linkedinMemberKey`). */
  @Column({ name: 'member_key', type: 'text' })
  memberKey!: string;

  @Column({ type: 'text' })
  kind!: QuotaKind;

  @Column({ name: 'operation_id', type: 'text', unique: true })
  operationId!: string;

  @Column({ name: 'reserved_at', type: 'timestamptz' })
  reservedAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
