import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { LinkedinAccountEntity } from './linkedin-account.entity';
import { oneOf } from './one-of';
import { WorkspaceEntity } from './workspace.entity';

export const QUOTA_KINDS = ['message', 'inmail', 'invitation'] as const;
export type QuotaKind = (typeof QUOTA_KINDS)[number];

/**
 * pending: reserved for a send about to happen, counted until it settles; committed: LinkedIn stored it
 * (counted on the day it was delivered); released: the step ended without a send; expired: left behind by
 * a crash and not found among the stored sends. Only pending and committed units count.
 */
export const RESERVATION_STATUSES = ['pending', 'committed', 'released', 'expired'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

/**
 * One unit of a LinkedIn member's quota per send operation; the operation id makes a retried
 * reservation a no-op. Counted per member, whichever workspace and account row spent it.
 */
@Entity({ name: 'quota_reservations' })
@Check('quota_reservations_kind_check', oneOf('kind', QUOTA_KINDS))
@Check('quota_reservations_status_check', oneOf('status', RESERVATION_STATUSES))
@Index('quota_reservations_committed_idx', ['memberKey', 'kind', 'deliveredAt'], { where: "status = 'committed'" })
@Index('quota_reservations_pending_idx', ['memberKey', 'kind', 'expiresAt'], { where: "status = 'pending'" })
@Index('quota_reservations_expiry_idx', ['expiresAt'], { where: "status = 'pending'" })
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

  @Column({ type: 'text', default: 'pending' })
  status!: ReservationStatus;

  /** When the unit was (last) reserved. */
  @Column({ name: 'reserved_at', type: 'timestamptz' })
  reservedAt!: Date;

  /** A pending unit nobody touched by then was left behind by a crash: the reconciler settles it. */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  /** When LinkedIn stored the message (committed units): the day it counts on. */
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'settled_at', type: 'timestamptz', nullable: true })
  settledAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
