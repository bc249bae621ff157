import type { WorkingHours } from '@threadline/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An account that sends for a campaign; each lead sticks to one sender. */
@Entity({ name: 'campaign_senders' })
export class CampaignSenderEntity {
  @PrimaryColumn({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @PrimaryColumn({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  /** This sender's own hours and time zone; null uses the campaign's. */
  @Column({ name: 'working_hours', type: 'jsonb', nullable: true })
  workingHours!: WorkingHours | null;

  @Column({ type: 'int' })
  position!: number;
}
