import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { IdempotencyRepository } from '@threadline/db';
import { DomainError } from '@threadline/domain';
import type { AuthContext } from '../auth/auth-context';
import type { SecretBox } from '../crypto/secret-box';
import { SECRET_BOX } from '../tokens';

/** How long a key is remembered (Stripe's choice too): after that it may be used again. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
/** How long a concurrent request with the same key waits for the first one before answering 409. */
const IN_PROGRESS_WAIT_MS = 35_000;

/** What a POST is, for comparing a retried request with the first one. */
export interface RequestFingerprint {
  method: string;
  path: string;
  accountId?: string;
  body: unknown;
}

export type IdempotencyStart = { kind: 'new' } | { kind: 'replay'; status: number; body: unknown };

/** Stable JSON: object keys sorted, so the same body always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  if (Buffer.isBuffer(value)) return JSON.stringify(createHash('sha256').update(value).digest('hex'));
  return JSON.stringify(value ?? null);
}

export function fingerprintHash(f: RequestFingerprint): string {
  return createHash('sha256').update(canonical({ m: f.method, p: f.path, a: f.accountId ?? null, b: f.body })).digest('hex');
}

/** Idempotency-Key for every POST: the first request acts and its response is stored; a retry gets that response. */
@Injectable()
export class IdempotencyService {
  constructor(
    private readonly records: IdempotencyRepository,
    @Inject(SECRET_BOX) private readonly box: SecretBox,
  ) {}

  static checkKey(key: string): void {
    if (key.length === 0 || key.length > 200) throw new DomainError('VALIDATION_FAILED', 'Idempotency-Key: must be 1 to 200 characters.', { field: 'Idempotency-Key' });
  }

  /** Claims the key for this request, or answers with the stored response of the first one. */
  async begin(auth: AuthContext, key: string, request: RequestFingerprint, now = new Date()): Promise<IdempotencyStart> {
    IdempotencyService.checkKey(key);
    const requestHash = fingerprintHash(request);
    await this.records.deleteOlderThan(auth.workspaceId, key, new Date(now.getTime() - IDEMPOTENCY_TTL_MS));
    // A concurrent retry joins the first request: it waits for its stored response rather than failing.
    for (const deadline = Date.now() + IN_PROGRESS_WAIT_MS; ;) {
      if (await this.records.claim({ workspaceId: auth.workspaceId, key, method: request.method, path: request.path, requestHash })) return { kind: 'new' };
      const existing = await this.records.find(auth.workspaceId, key);
      if (!existing) continue;
      if (existing.requestHash !== requestHash) {
        throw new DomainError('IDEMPOTENCY_KEY_REUSED', `This Idempotency-Key was first used for ${existing.method} ${existing.path} with a different request. Use a new key for a new request.`, { field: 'Idempotency-Key' });
      }
      if (existing.state === 'done' && existing.responseEncrypted !== null && existing.responseStatus !== null) {
        return { kind: 'replay', status: existing.responseStatus, body: this.box.openJson<unknown>(existing.responseEncrypted) };
      }
      if (Date.now() > deadline) {
        throw new DomainError('IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed. Retry in a moment to get its result.', { retryAfterMs: 1_000 });
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async complete(auth: AuthContext, key: string, status: number, body: unknown): Promise<void> {
    await this.records.complete(auth.workspaceId, key, status, this.box.sealJson(body ?? null));
  }

  /** The request failed or is still pending: forget the key, so a retry acts (the action below is idempotent by its own id). */
  async release(auth: AuthContext, key: string): Promise<void> {
    await this.records.release(auth.workspaceId, key);
  }
}
