import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type QuotaKind = 'message' | 'inmail';

/**
 * One row per spent unit of a LinkedIn member's quota; the operation id makes a retried reservation a
 * no-op. Counted per member, whichever workspace and account row spent it.
 */
@Entity({ name: 'quota_reservations' })
@Index(['memberKey', 'kind', 'reservedAt'])
export class QuotaReservationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  /** The account that spent it; null once that account is deleted (its sends still count for the member). */
  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId!: string | null;

  /** The LinkedIn member whose caps this unit counts against (see `linkedinMemberKey`). */
  @Column({ name: 'member_key', type: 'text' })
  memberKey!: string;

  @Column({ type: 'text' })
  kind!: QuotaKind;

  @Index({ unique: true })
  @Column({ name: 'operation_id', type: 'text' })
  operationId!: string;

  @Column({ name: 'reserved_at', type: 'timestamptz' })
  reservedAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
