import type { CreatedApiKey, WorkspaceEntity } from '@threadline/core';
import type { CreatedWorkspaceEnvelope } from './create-workspace.dto';

export function toCreatedWorkspaceResponse({ workspace, apiKey }: { workspace: WorkspaceEntity; apiKey: CreatedApiKey }): CreatedWorkspaceEnvelope {
  return {
    success: true,
    workspace: { id: workspace.id, name: workspace.name, createdAt: workspace.createdAt.toISOString() },
    apiKey: { id: apiKey.key.id, name: apiKey.key.name, prefix: apiKey.key.prefix, key: apiKey.secret },
  };
}
