import { Injectable } from '@nestjs/common';
import { WorkspacesRepository, type WorkspaceEntity } from '@threadline/db';
import { DomainError } from '@threadline/domain';
import { isUUID } from 'class-validator';
import { ApiKeysService, type CreatedApiKey } from './api-keys.service';

@Injectable()
export class WorkspacesService {
  constructor(
    private readonly workspaces: WorkspacesRepository,
    private readonly apiKeys: ApiKeysService,
  ) {}

  /** A new workspace with its first API key: how an operator onboards a tenant. */
  async create(name: string): Promise<{ workspace: WorkspaceEntity; apiKey: CreatedApiKey }> {
    const workspace = await this.workspaces.create(name);
    const apiKey = await this.apiKeys.create(workspace.id, 'default');
    return { workspace, apiKey };
  }

  /** A new key for any workspace, minted by the operator: how a workspace that lost its keys gets back in. */
  async createApiKey(workspaceId: string, name: string, rateLimitPerMinute?: number): Promise<CreatedApiKey> {
    if (!isUUID(workspaceId) || !(await this.workspaces.findById(workspaceId))) throw new DomainError('NOT_FOUND', `No workspace ${workspaceId}.`);
    return this.apiKeys.create(workspaceId, name, rateLimitPerMinute ?? null);
  }
}
