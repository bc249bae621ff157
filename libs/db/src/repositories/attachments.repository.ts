import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { AttachmentEntity } from '../entities/attachment.entity';

export type NewAttachment = Omit<AttachmentEntity, 'id' | 'createdAt' | 'linkedinAssets'>;

@Injectable()
export class AttachmentsRepository {
  constructor(@InjectRepository(AttachmentEntity) private readonly repo: Repository<AttachmentEntity>) {}

  async create(fields: NewAttachment): Promise<AttachmentEntity> {
    const saved = await this.repo.save(this.repo.create({ ...fields, linkedinAssets: {} }));
    return (await this.findInWorkspace(fields.workspaceId, saved.id))!;
  }

  findInWorkspace(workspaceId: string, id: string): Promise<AttachmentEntity | null> {
    return this.repo.findOneBy({ workspaceId, id });
  }

  findManyInWorkspace(workspaceId: string, ids: string[]): Promise<AttachmentEntity[]> {
    return this.repo.findBy({ workspaceId, id: In(ids) });
  }

  findBySourceUrl(workspaceId: string, accountId: string, sourceUrl: string): Promise<AttachmentEntity | null> {
    return this.repo.findOneBy({ workspaceId, accountId, sourceUrl });
  }

  listForWorkspace(workspaceId: string, limit: number): Promise<AttachmentEntity[]> {
    return this.repo.find({ where: { workspaceId }, order: { createdAt: 'DESC' }, take: limit });
  }

  /** The bytes, read only when they are served or uploaded. */
  async content(workspaceId: string, id: string): Promise<Buffer | null> {
    const row = await this.repo.createQueryBuilder('a').select(['a.id', 'a.content']).where('a.id = :id AND a.workspace_id = :workspaceId', { id, workspaceId }).getOne();
    return row?.content ?? null;
  }

  /** Records the LinkedIn asset of this file for one account (merged, so concurrent uploads for other accounts survive). */
  async setAsset(workspaceId: string, id: string, accountId: string, assetUrn: string): Promise<void> {
    await this.repo.query(
      `UPDATE attachments SET linkedin_assets = linkedin_assets || jsonb_build_object($3::text, $4::text) WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, id, accountId, assetUrn],
    );
  }

  async delete(workspaceId: string, id: string): Promise<boolean> {
    const result = await this.repo.delete({ workspaceId, id });
    return (result.affected ?? 0) > 0;
  }
}
