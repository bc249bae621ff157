import type { CreatedApiKey, WorkspaceEntity } from '@threadline/core';

export function toCreatedWorkspaceResponse({ workspace, apiKey }: { workspace: WorkspaceEntity; apiKey: CreatedApiKey }) {
  return {
    success: true,
    workspace: { id: workspace.id, name: workspace.name, createdAt: workspace.createdAt.toISOString() },
    apiKey: { id: apiKey.key.id, name: apiKey.key.name, prefix: apiKey.key.prefix, key: apiKey.secret },
  };
}
