import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type QuotaKind = 'message' | 'inmail';

/** One row per spent unit of an account's quota; the operation id makes a retried reservation a no-op. */
@Entity({ name: 'quota_reservations' })
@Index(['accountId', 'kind', 'reservedAt'])
export class QuotaReservationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

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
