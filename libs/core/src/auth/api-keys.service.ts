import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ApiKeysRepository, type ApiKeyEntity } from '@threadline/db';
import { DomainError } from '@threadline/domain';
import { isUUID } from 'class-validator';
import type { AuthContext } from './auth-context';

const KEY_PREFIX = 'tl_';
/** Verified keys a process remembers; past it the oldest is forgotten (and looked up again when used). */
const MAX_CACHED_KEYS = 10_000;

export interface CreatedApiKey {
  key: ApiKeyEntity;
  /** The secret itself; returned once, never stored. */
  secret: string;
}

function hashKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

@Injectable()
export class ApiKeysService {
  /** Keys verified lately, by hash (never the secret): what they resolve to, and until when to trust it. */
  private readonly verified = new Map<string, { auth: AuthContext; until: number }>();

  constructor(private readonly keys: ApiKeysRepository) {}

  async create(workspaceId: string, name: string, rateLimitPerMinute: number | null = null): Promise<CreatedApiKey> {
    const secret = KEY_PREFIX + randomBytes(24).toString('base64url');
    const key = await this.keys.create(workspaceId, name, secret.slice(0, 10), hashKey(secret), rateLimitPerMinute);
    return { key, secret };
  }

  /**
   * Resolves a bearer token to its workspace; unknown and revoked keys are refused alike. A key found
   * active is trusted for `cacheForMs` without asking Postgres again: a revoke through this process
   * takes effect at once, one through another replica within `cacheForMs`. Refusals are never cached.
   */
  async authenticate(secret: string | undefined, cacheForMs = 0): Promise<AuthContext> {
    if (!secret) throw new DomainError('UNAUTHORIZED', 'Send your API key as "Authorization: Bearer <key>".');
    const hash = hashKey(secret);
    const now = Date.now();
    const cached = this.verified.get(hash);
    if (cached && cached.until > now) return cached.auth;
    const key = await this.keys.findActiveByHash(hash);
    if (!key) {
      this.verified.delete(hash);
      throw new DomainError('UNAUTHORIZED', 'The API key is unknown or revoked. Create a new key and retry.');
    }
    // Throttled bookkeeping: one write per key per minute at most.
    if (!key.lastUsedAt || now - key.lastUsedAt.getTime() > 60_000) void this.keys.touch(key.id, new Date(now));
    const auth: AuthContext = { workspaceId: key.workspaceId, apiKeyId: key.id, rateLimitPerMinute: key.rateLimitPerMinute };
    if (cacheForMs > 0) {
      this.verified.delete(hash);
      if (this.verified.size >= MAX_CACHED_KEYS) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(hash, { auth, until: now + cacheForMs });
    }
    return auth;
  }

  list(auth: AuthContext): Promise<ApiKeyEntity[]> {
    return this.keys.listForWorkspace(auth.workspaceId);
  }

  /** A new key for the caller's workspace; its secret is returned once. */
  createForWorkspace(auth: AuthContext, name: string, rateLimitPerMinute?: number): Promise<CreatedApiKey> {
    return this.create(auth.workspaceId, name, rateLimitPerMinute ?? null);
  }

  /** Revokes a key at once; the workspace's last active key is kept, so a workspace cannot lock itself out. */
  async revoke(auth: AuthContext, id: string): Promise<void> {
    const outcome = isUUID(id) ? await this.keys.revoke(auth.workspaceId, id) : 'not_found';
    if (outcome === 'revoked') this.forget(id);
    if (outcome === 'not_found') throw new DomainError('NOT_FOUND', `No active API key ${id} in this workspace.`);
    if (outcome === 'last_key') {
      throw new DomainError('CONFLICT', `API key ${id} is this workspace's only active key; revoking it would lock the workspace out. Create another key first (POST /v1/api-keys), then revoke this one.`);
    }
  }

  /** Drops a key from this process's cache (other replicas trust it until their entry ends). */
  private forget(apiKeyId: string): void {
    for (const [hash, entry] of this.verified) if (entry.auth.apiKeyId === apiKeyId) this.verified.delete(hash);
  }
}
