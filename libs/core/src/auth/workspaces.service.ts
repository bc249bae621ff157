import { Injectable } from '@nestjs/common';
import { WorkspacesRepository, type WorkspaceEntity } from '@threadline/db';
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
}
