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

  /**
   * Revokes an active key unless it is the workspace's last one. The active keys are locked first, so
   * two concurrent revokes of the last two keys cannot both succeed.
   */
  async revoke(workspaceId: string, id: string): Promise<'revoked' | 'not_found' | 'last_key'> {
    return this.repo.manager.transaction(async (m) => {
      const active: Array<{ id: string }> = await m.query('SELECT id FROM api_keys WHERE workspace_id = $1 AND revoked_at IS NULL FOR UPDATE', [workspaceId]);
      if (!active.some((k) => k.id === id)) return 'not_found';
      if (active.length === 1) return 'last_key';
      await m.update(ApiKeyEntity, { id, workspaceId }, { revokedAt: new Date() });
      return 'revoked';
    });
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.repo.update({ id }, { lastUsedAt: at });
  }
}
