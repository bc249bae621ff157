import type { WorkingHours } from '@threadline/domain';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, type Repository } from 'typeorm';
import { CampaignSenderEntity } from '../entities/campaign-sender.entity';
import { CampaignEntity, type CampaignStatus } from '../entities/campaign.entity';

export type NewCampaign = Pick<CampaignEntity, 'workspaceId' | 'name' | 'sequenceVersionId' | 'stopOnReply' | 'workingHours' | 'limits'>;

@Injectable()
export class CampaignsRepository {
  constructor(
    @InjectRepository(CampaignEntity) private readonly repo: Repository<CampaignEntity>,
    @InjectRepository(CampaignSenderEntity) private readonly senders: Repository<CampaignSenderEntity>,
  ) {}

  async create(fields: NewCampaign, senders: Array<{ accountId: string; workingHours: WorkingHours | null }>): Promise<CampaignEntity> {
    return this.repo.manager.transaction(async (m) => {
      const campaign = await m.save(m.create(CampaignEntity, { ...fields, status: 'draft' }));
      await m.save(senders.map((s, position) => m.create(CampaignSenderEntity, { campaignId: campaign.id, workspaceId: fields.workspaceId, accountId: s.accountId, workingHours: s.workingHours, position })));
      return m.findOneByOrFail(CampaignEntity, { id: campaign.id });
    });
  }

  findInWorkspace(workspaceId: string, id: string): Promise<CampaignEntity | null> {
    return this.repo.findOneBy({ workspaceId, id });
  }

  listForWorkspace(workspaceId: string, includeArchived: boolean, limit: number, offset: number): Promise<CampaignEntity[]> {
    return this.repo.find({ where: { workspaceId, ...(includeArchived ? {} : { archivedAt: IsNull() }) }, order: { createdAt: 'DESC' }, take: limit, skip: offset });
  }

  findSenders(workspaceId: string, campaignId: string): Promise<CampaignSenderEntity[]> {
    return this.senders.find({ where: { workspaceId, campaignId }, order: { position: 'ASC' } });
  }

  /** Moves a campaign from one of `from` to `to`; false when another request moved it first. */
  async transition(workspaceId: string, id: string, from: readonly CampaignStatus[], to: CampaignStatus, fields: Partial<Pick<CampaignEntity, 'statusReason' | 'workflowId' | 'startedAt' | 'completedAt'>> = {}): Promise<boolean> {
    const result = await this.repo.update({ workspaceId, id, status: In([...from]) }, { status: to, ...fields });
    return (result.affected ?? 0) > 0;
  }

  /** Hides a finished or draft campaign from listings; its data stays. */
  async archive(workspaceId: string, id: string, at: Date): Promise<boolean> {
    const result = await this.repo.update({ workspaceId, id, status: In(['draft', 'completed', 'cancelled']) }, { archivedAt: at });
    return (result.affected ?? 0) > 0;
  }
}
