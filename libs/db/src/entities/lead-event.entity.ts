import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const LEAD_EVENT_TYPES = [
  'enrolled', 'sent', 'replied', 'completed', 'stopped', 'skipped', 'failed', 'cancelled',
  // The timeline's own records: steps starting, waits, and the controls the lead received.
  'step_started', 'waited', 'paused', 'resumed', 'stop_requested', 'skip_requested', 'retry_requested',
] as const;
export type LeadEventType = (typeof LEAD_EVENT_TYPES)[number];

/** What happened to a lead, for stats and its timeline; the event key makes a retried record a no-op. */
@Entity({ name: 'lead_events' })
@Index(['leadId', 'eventKey'], { unique: true })
export class LeadEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

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

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  data!: Record<string, unknown>;
}
