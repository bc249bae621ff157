import type { WorkingHours } from '@threadline/domain';
import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { CampaignEntity } from './campaign.entity';
import { LinkedinAccountEntity } from './linkedin-account.entity';
import { WorkspaceEntity } from './workspace.entity';

/** An account that sends for a campaign; each lead sticks to one sender. */
@Entity({ name: 'campaign_senders' })
export class CampaignSenderEntity {
  @ForeignKey(() => CampaignEntity, { onDelete: 'CASCADE' })
  @PrimaryColumn({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @ForeignKey(() => LinkedinAccountEntity, { onDelete: 'CASCADE' })
  @PrimaryColumn({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @ForeignKey(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  /** This sender's own hours and time zone; null uses the campaign's. */
  @Column({ name: 'working_hours', type: 'jsonb', nullable: true })
  workingHours!: WorkingHours | null;

  @Column({ type: 'int' })
  position!: number;
}
