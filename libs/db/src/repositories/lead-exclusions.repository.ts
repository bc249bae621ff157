import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { LeadExclusionEntity } from '../entities/lead-exclusion.entity';

@Injectable()
export class LeadExclusionsRepository {
  constructor(@InjectRepository(LeadExclusionEntity) private readonly repo: Repository<LeadExclusionEntity>) {}

  async add(workspaceId: string, profileKeys: string[], reason: string | null): Promise<void> {
    if (profileKeys.length === 0) return;
    await this.repo.createQueryBuilder().insert().values(profileKeys.map((profileKey) => ({ workspaceId, profileKey, reason }))).orIgnore().execute();
  }

  async remove(workspaceId: string, profileKey: string): Promise<boolean> {
    const result = await this.repo.delete({ workspaceId, profileKey });
    return (result.affected ?? 0) > 0;
  }

  listForWorkspace(workspaceId: string, limit: number, offset: number): Promise<LeadExclusionEntity[]> {
    return this.repo.find({ where: { workspaceId }, order: { createdAt: 'DESC' }, take: limit, skip: offset });
  }

  /** The keys among `profileKeys` that are on the workspace's exclusion list. */
  async findExcluded(workspaceId: string, profileKeys: string[]): Promise<Set<string>> {
    if (profileKeys.length === 0) return new Set();
    const rows = await this.repo.find({ select: { profileKey: true }, where: { workspaceId, profileKey: In(profileKeys) } });
    return new Set(rows.map((r) => r.profileKey));
  }
}
