import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last delivery claim of a LinkedIn member: every send claims its turn here right before it goes to
 * LinkedIn, at least its gap after the previous claim, so the gap holds at LinkedIn whatever happened
 * between the send slot and the send (typing, restarts of the worker or of Temporal).
 */
@Entity({ name: 'member_pacing' })
export class MemberPacingEntity {
  @PrimaryColumn({ name: 'member_key', type: 'text' })
  memberKey!: string;

  /** The operation that holds the last claim; its retries are granted again while no later claim exists. */
  @Column({ name: 'operation_id', type: 'text' })
  operationId!: string;

  @Column({ name: 'claimed_at', type: 'timestamptz' })
  claimedAt!: Date;
}
