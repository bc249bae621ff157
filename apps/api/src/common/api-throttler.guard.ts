import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { AuthContext } from '@threadline/core';
import { DomainError } from '@threadline/domain';

/**
 * Per-API-key rate limit (429 + Retry-After). Runs after the key guard; unauthenticated routes
 * (health, docs, operator) are not limited here. Counters live in this process's memory.
 */
@Injectable()
export class ApiThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return !context.switchToHttp().getRequest<{ auth?: AuthContext }>().auth;
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return (req.auth as AuthContext).apiKeyId;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new DomainError('API_RATE_LIMITED', `This API key made more than ${detail.limit} requests in a minute. Retry after the Retry-After seconds.`, {
      retryAfterMs: Math.max(1, detail.timeToBlockExpire) * 1000,
    });
  }
}
