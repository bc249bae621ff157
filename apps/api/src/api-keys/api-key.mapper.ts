import type { ApiKeyEntity, CreatedApiKey } from '@threadline/core';
import type { ApiKeyResponse, CreatedApiKeyResponse } from './create-api-key.dto';

export function toApiKeyResponse(key: ApiKeyEntity): ApiKeyResponse {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    rateLimitPerMinute: key.rateLimitPerMinute,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

export function toCreatedApiKeyResponse(created: CreatedApiKey): { success: true; apiKey: CreatedApiKeyResponse } {
  return { success: true, apiKey: { ...toApiKeyResponse(created.key), key: created.secret } };
}
