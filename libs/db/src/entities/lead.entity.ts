import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { CampaignEntity } from './campaign.entity';
import { LinkedinAccountEntity } from './linkedin-account.entity';
import { oneOf } from './one-of';
import { WorkspaceEntity } from './workspace.entity';

export const LEAD_STATES = ['pending', 'active', 'paused', 'replied', 'completed', 'stopped', 'skipped', 'failed', 'cancelled'] as const;
export type LeadState = (typeof LEAD_STATES)[number];
/** States in which a lead still holds its place with its sender (no second live campaign). */
/** A paused lead is live: its run waits for the campaign to resume. */
export const LIVE_LEAD_STATES: readonly LeadState[] = ['pending', 'active', 'paused'];

/** One person in one campaign, with a sticky sender and the state of its sequence run. */
@Entity({ name: 'leads' })
@Unique(['campaignId', 'profileKey'])
@Check('leads_state_check', oneOf('state', LEAD_STATES))
@Index('leads_campaign_state_idx', ['campaignId', 'state', 'id'])
// A person is in at most one live campaign per sender account: the database refuses a second enrolment.
@Index('leads_one_live_per_account', ['workspaceId', 'accountId', 'profileKey'], { unique: true, where: oneOf('state', LIVE_LEAD_STATES) })
@Index('leads_reply_lookup_idx', ['accountId', 'profileUrn'], { where: oneOf('state', LIVE_LEAD_STATES) })
export class LeadEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @ForeignKey(() => CampaignEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @ForeignKey(() => LinkedinAccountEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  /** The LinkedIn profile identifier as given (URN, id, vanity name or URL). */
  @Column({ name: 'profile_ref', type: 'text' })
  profileRef!: string;

  @Column({ name: 'profile_key', type: 'text' })
  profileKey!: string;

  /** `urn:li:fsd_profile:…`, known at import for ids, resolved by the first step for vanity names. */
  @Column({ name: 'profile_urn', type: 'text', nullable: true })
  profileUrn!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  attributes!: Record<string, unknown>;

  @Column({ type: 'text', default: 'pending' })
  state!: LeadState;

  @Column({ name: 'state_reason', type: 'text', nullable: true })
  stateReason!: string | null;

  @Column({ name: 'current_step', type: 'int', nullable: true })
  currentStep!: number | null;

  @Column({ name: 'current_step_id', type: 'text', nullable: true })
  currentStepId!: string | null;

  @Column({ name: 'conversation_urn', type: 'text', nullable: true })
  conversationUrn!: string | null;

  @Column({ name: 'workflow_id', type: 'text', nullable: true })
  workflowId!: string | null;

  @Column({ name: 'last_sent_at', type: 'timestamptz', nullable: true })
  lastSentAt!: Date | null;

  @Column({ name: 'replied_at', type: 'timestamptz', nullable: true })
  repliedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
