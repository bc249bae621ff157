import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CampaignEntity } from './campaign.entity';
import { LeadEntity } from './lead.entity';
import { WorkspaceEntity } from './workspace.entity';

export const LEAD_EVENT_TYPES = [
  'enrolled', 'sent', 'invited', 'invitation_accepted', 'replied', 'completed', 'stopped', 'skipped', 'failed', 'cancelled',
  // The timeline's own records: steps starting, waits, and the controls the lead received.
  'step_started', 'waited', 'paused', 'resumed', 'stop_requested', 'skip_requested', 'retry_requested',
] as const;
export type LeadEventType = (typeof LEAD_EVENT_TYPES)[number];

/** What happened to a lead, for stats and its timeline; the event key makes a retried record a no-op. */
@Entity({ name: 'lead_events' })
@Unique(['leadId', 'eventKey'])
@Index('lead_events_campaign_idx', ['campaignId', 'type'])
export class LeadEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @ForeignKey(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @ForeignKey(() => CampaignEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @ForeignKey(() => LeadEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'lead_id', type: 'uuid' })
  leadId!: string;

  @Column({ name: 'event_key', type: 'text' })
  eventKey!: string;

  @Column({ type: 'text' })
  type!: LeadEventType;

  @Column({ name: 'step_index', type: 'int', nullable: true })
  stepIndex!: number | null;

  @Column({ name: 'step_id', type: 'text', nullable: true })
  stepId!: string | null;

  @Column({ name: 'variant_id', type: 'text', nullable: true })
  variantId!: string | null;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data!: Record<string, unknown>;
}
