import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { LinkedinAccountEntity } from './linkedin-account.entity';
import { oneOf } from './one-of';
import { WorkspaceEntity } from './workspace.entity';

/**
 * sending: the invitation is about to go (or went, unknown) to LinkedIn; pending: LinkedIn stored it (read back);
 * accepted: the person became a 1st-degree connection; failed: LinkedIn refused it (error_code says why).
 * Withdrawn does not exist: LinkedIn has no stable withdraw call (reference §5.14).
 */
export const INVITATION_STATES = ['sending', 'pending', 'accepted', 'failed'] as const;
export type InvitationStateValue = (typeof INVITATION_STATES)[number];

/** One connection invitation an account sent (through POST /v1/connect or a sequence's connect step). */
@Entity({ name: 'invitations' })
@Check('invitations_state_check', oneOf('state', INVITATION_STATES))
@Index('invitations_workspace_created_idx', ['workspaceId', 'createdAt', 'id'])
// The acceptance check reads an account's pending invitations.
@Index('invitations_pending_idx', ['accountId', 'sentAt'], { where: "state = 'pending'" })
@Index('invitations_account_profile_idx', ['accountId', 'profileUrn'])
export class InvitationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @ForeignKey(() => LinkedinAccountEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  /** The invitee's `urn:li:fsd_profile:…`. */
  @Column({ name: 'profile_urn', type: 'text' })
  profileUrn!: string;

  /** The quota ledger's operation id: a retried invitation reuses it (and never spends twice). */
  @Column({ name: 'operation_id', type: 'text', unique: true })
  operationId!: string;

  @Column({ type: 'text' })
  state!: InvitationStateValue;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** LinkedIn's `urn:li:fsd_invitation:…`, once stored. */
  @Column({ name: 'invitation_urn', type: 'text', nullable: true })
  invitationUrn!: string | null;

  /** The campaign lead that sent it (sequence connect step), or null for an API invitation. */
  @Column({ name: 'lead_id', type: 'uuid', nullable: true })
  leadId!: string | null;

  @Column({ name: 'campaign_id', type: 'uuid', nullable: true })
  campaignId!: string | null;

  /** The lead's workflow, signalled on acceptance. */
  @Column({ name: 'workflow_id', type: 'text', nullable: true })
  workflowId!: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
