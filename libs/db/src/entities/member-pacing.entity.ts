import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The delivery turn of a LinkedIn member: one send at a time, as a person sends. A send claims the turn before
 * it types and again right before it goes to LinkedIn; the next send may claim it only its gap after the
 * previous one is done (LinkedIn answered, or the step ended without a send), so the gap holds at the moment
 * LinkedIn receives the message, whatever happened in between (typing, a slow answer, restarts of the worker
 * or of Temporal). A turn never marked done (a crashed worker) counts as done after an in-flight limit.
 */
@Entity({ name: 'member_pacing' })
export class MemberPacingEntity {
  @PrimaryColumn({ name: 'member_key', type: 'text' })
  memberKey!: string;

  /** The operation that holds the last claim; its retries are granted again while no later claim exists. */
  @Column({ name: 'operation_id', type: 'text' })
  operationId!: string;

  /** When the holder last claimed the turn (before typing, then right before LinkedIn is called). */
  @Column({ name: 'claimed_at', type: 'timestamptz' })
  claimedAt!: Date;

  /** When the holder's send was done (LinkedIn answered, or the step ended without a send); null while in flight. */
  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt!: Date | null;
}
