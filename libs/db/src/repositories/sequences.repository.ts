import type { SequenceDocument } from '@threadline/domain';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { SequenceVersionEntity } from '../entities/sequence-version.entity';
import { SequenceEntity } from '../entities/sequence.entity';

@Injectable()
export class SequencesRepository {
  constructor(
    @InjectRepository(SequenceEntity) private readonly repo: Repository<SequenceEntity>,
    @InjectRepository(SequenceVersionEntity) private readonly versions: Repository<SequenceVersionEntity>,
  ) {}

  create(workspaceId: string, name: string, draft: SequenceDocument): Promise<SequenceEntity> {
    return this.repo.save(this.repo.create({ workspaceId, name, draft, latestVersion: 0 }));
  }

  findInWorkspace(workspaceId: string, id: string): Promise<SequenceEntity | null> {
    return this.repo.findOneBy({ workspaceId, id });
  }

  listForWorkspace(workspaceId: string, limit: number, offset: number): Promise<SequenceEntity[]> {
    return this.repo.find({ where: { workspaceId }, order: { createdAt: 'DESC' }, take: limit, skip: offset });
  }

  async updateDraft(workspaceId: string, id: string, fields: { name?: string; draft?: SequenceDocument }): Promise<void> {
    await this.repo.update({ workspaceId, id }, fields);
  }

  /** Freezes the draft as the next version number; concurrent publishes get distinct numbers. */
  async publish(workspaceId: string, id: string): Promise<SequenceVersionEntity | null> {
    return this.repo.manager.transaction(async (m) => {
      const sequence = await m.findOne(SequenceEntity, { where: { workspaceId, id }, lock: { mode: 'pessimistic_write' } });
      if (!sequence) return null;
      const version = sequence.latestVersion + 1;
      const saved = await m.save(m.create(SequenceVersionEntity, { workspaceId, sequenceId: id, version, document: sequence.draft }));
      await m.update(SequenceEntity, { workspaceId, id }, { latestVersion: version });
      return saved;
    });
  }

  findVersion(workspaceId: string, versionId: string): Promise<SequenceVersionEntity | null> {
    return this.versions.findOneBy({ workspaceId, id: versionId });
  }

  findVersionByNumber(workspaceId: string, sequenceId: string, version: number): Promise<SequenceVersionEntity | null> {
    return this.versions.findOneBy({ workspaceId, sequenceId, version });
  }

  listVersions(workspaceId: string, sequenceId: string): Promise<SequenceVersionEntity[]> {
    return this.versions.find({ where: { workspaceId, sequenceId }, order: { version: 'ASC' } });
  }
}
