import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import { ApiKeyEntity } from '../entities/api-key.entity';

@Injectable()
export class ApiKeysRepository {
  constructor(@InjectRepository(ApiKeyEntity) private readonly repo: Repository<ApiKeyEntity>) {}

  create(workspaceId: string, name: string, prefix: string, keyHash: string, rateLimitPerMinute: number | null = null): Promise<ApiKeyEntity> {
    return this.repo.save(this.repo.create({ workspaceId, name, prefix, keyHash, lastUsedAt: null, revokedAt: null, rateLimitPerMinute }));
  }

  findActiveByHash(keyHash: string): Promise<ApiKeyEntity | null> {
    return this.repo.findOneBy({ keyHash, revokedAt: IsNull() });
  }

  listForWorkspace(workspaceId: string): Promise<ApiKeyEntity[]> {
    return this.repo.find({ where: { workspaceId }, order: { createdAt: 'ASC' } });
  }

  async revoke(workspaceId: string, id: string): Promise<boolean> {
    const result = await this.repo.update({ id, workspaceId, revokedAt: IsNull() }, { revokedAt: new Date() });
    return (result.affected ?? 0) > 0;
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.repo.update({ id }, { lastUsedAt: at });
  }
}
