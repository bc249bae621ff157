import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The delivery turns of a LinkedIn member. A send books its turn before it types (the holder; bookings are spaced
 * by the gap, as Temporal's fairness spaces the slots) and claims it again right before LinkedIn is called: then it
 * goes only when no other send of the member is in flight and the gap has passed since LinkedIn last answered one.
 * So the gap holds at the moment LinkedIn receives the messages, whatever happened in between (typing, a slow
 * answer, restarts of the worker or of Temporal). A send never marked done (a dead worker) stops counting as in
 * flight after a limit.
 */
@Entity({ name: 'member_pacing' })
export class MemberPacingEntity {
  @PrimaryColumn({ name: 'member_key', type: 'text' })
  memberKey!: string;

  /** The operation that holds the last booking; its own claims are granted again while no later booking exists. */
  @Column({ name: 'operation_id', type: 'text' })
  operationId!: string;

  /** When the holder last booked or claimed its turn. */
  @Column({ name: 'claimed_at', type: 'timestamptz' })
  claimedAt!: Date;

  /** When LinkedIn last answered a send of the member (or it ended without one); null before the first. */
  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt!: Date | null;

  /** The send whose LinkedIn call is under way, and since when; null when none is. */
  @Column({ name: 'in_flight_operation_id', type: 'text', nullable: true })
  inFlightOperationId!: string | null;

  @Column({ name: 'in_flight_since', type: 'timestamptz', nullable: true })
  inFlightSince!: Date | null;
}
